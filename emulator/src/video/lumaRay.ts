/**
 * Luma Ray2 (`luma.ray-v2:0`), served through StartAsyncInvoke only.
 *
 * Fields, from https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-luma.html:
 * `prompt` (1-5000 characters), `aspect_ratio` ("1:1", "16:9", "9:16", "4:3", "3:4", "21:9",
 * "9:21"), `loop` (boolean), `duration` ("5s", "9s"), `resolution` ("540p", "720p") and
 * `keyframes` with `frame0` (start) and/or `frame1` (end), each
 * `{"type": "image", "source": {"type": "base64", "media_type": …, "data": …}}`; input images
 * JPEG or PNG, "minimum resolution of 512x512 pixels. Maximum supported image size is
 * 4096x4096 pixels". The model card
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-luma-ai-ray2.html) limits the
 * prompt to 300 tokens.
 *
 * Not documented by AWS, so the emulator's choices (docs/emulator-video.md): the wording of the
 * errors (Bedrock's JSON-schema style, as for Amazon's models), the defaults of omitted fields
 * (16:9, 5 s, 720p, no loop), the rejection of fields the page does not list, and the output
 * size: the shorter side is 540 or 720 pixels, the longer side follows the aspect ratio rounded
 * to an even number (16:9 at 720p is 1280x720), at 24 frames per second.
 */
import { malformed, validation } from '../errors.ts';
import { checkImage, readInputImage } from '../images/inspect.ts';
import { asObject, contentFilterVerdict } from '../models/images/common.ts';
import { bool, obj, str, validate } from '../schema.ts';
import { countTokens } from '../runtime/textGeneration.ts';
import type { VideoFamily, VideoPlan } from './types.ts';

export const RAY2_ASPECT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '21:9', '9:21'] as const;
export const RAY2_DURATIONS = ['5s', '9s'] as const;
export const RAY2_RESOLUTIONS = ['540p', '720p'] as const;
export const RAY2_FPS = 24;
export const RAY2_MAX_PROMPT_TOKENS = 300;
const DEFAULTS = { aspect_ratio: '16:9', duration: '5s', resolution: '720p', loop: false };
const MEDIA_TYPES = ['image/jpeg', 'image/png'];
const KEYFRAME_IMAGE = { formats: ['jpeg', 'png'] as const, minSide: 512, maxSide: 4096 };

const KEYFRAME = obj(
	{
		type: str({ enum: ['image'] }),
		source: obj(
			{
				type: str({ enum: ['base64'] }),
				media_type: str({ enum: MEDIA_TYPES }),
				data: str({ minLength: 1 }),
			},
			['type', 'media_type', 'data'],
		),
	},
	['type', 'source'],
);

const MODEL_INPUT = obj(
	{
		prompt: str({ minLength: 1, maxLength: 5000 }),
		aspect_ratio: str({ enum: RAY2_ASPECT_RATIOS }),
		loop: bool(),
		duration: str({ enum: RAY2_DURATIONS }),
		resolution: str({ enum: RAY2_RESOLUTIONS }),
		keyframes: obj({ frame0: KEYFRAME, frame1: KEYFRAME }),
	},
	['prompt'],
);

/** Pixel size of a Ray2 video: the shorter side is the resolution, the longer follows the ratio. */
export function ray2Dimensions(
	aspectRatio: string,
	resolution: string,
): { width: number; height: number } {
	const short = resolution === '540p' ? 540 : 720;
	const [w, h] = aspectRatio.split(':').map(Number);
	const long = 2 * Math.round((short * Math.max(w, h)) / Math.min(w, h) / 2);
	return w >= h ? { width: long, height: short } : { width: short, height: long };
}

export const lumaRay2: VideoFamily = (modelInput) => {
	const input = asObject(modelInput);
	const violations = validate(input, MODEL_INPUT);
	if (violations.length > 0) throw malformed(violations);
	const prompt = input.prompt as string;
	const tokens = countTokens(prompt);
	if (tokens > RAY2_MAX_PROMPT_TOKENS) {
		throw malformed(
			`#/prompt: expected maximum token count: ${RAY2_MAX_PROMPT_TOKENS}, found: ${tokens}`,
		);
	}
	const keyframes = (input.keyframes ?? {}) as Record<
		string,
		Record<string, Record<string, string>>
	>;
	for (const [name, frame] of Object.entries(keyframes)) checkKeyframe(name, frame.source);
	if (contentFilterVerdict([prompt]) === 'input') {
		throw validation(
			'This request has been blocked by our content filters. Please adjust your text prompt to submit a new request.',
		);
	}

	const settings = { ...DEFAULTS, ...input } as typeof DEFAULTS;
	const plan: VideoPlan = {
		...ray2Dimensions(settings.aspect_ratio, settings.resolution),
		fps: RAY2_FPS,
		durationSeconds: Number.parseInt(settings.duration, 10),
		statusFiles: false,
		texts: [prompt],
		summary: {
			aspect_ratio: settings.aspect_ratio,
			duration: settings.duration,
			resolution: settings.resolution,
			loop: settings.loop,
			keyframes: Object.keys(keyframes),
		},
	};
	return plan;
};

/**
 * The image must decode as JPEG or PNG within the documented size. `media_type` is not
 * compared with the bytes: AWS's own example sends a PNG labelled `image/jpeg`.
 */
function checkKeyframe(name: string, source: Record<string, string>): void {
	const pointer = `#/keyframes/${name}/source/data`;
	const image = readInputImage(source.data);
	if (!image) throw malformed(`${pointer}: the value is not a valid base64-encoded image`);
	const violation = checkImage(image.info, KEYFRAME_IMAGE);
	if (violation?.kind === 'format')
		throw malformed(`${pointer}: unsupported image format ${violation.format}; use JPEG or PNG`);
	if (violation) throw malformed(`${pointer}: ${violation.detail}`);
}
