/**
 * Luma AI Ray2 (`luma.ray-v2:0`): text to video, and image to video from a start and/or end
 * frame. Every parameter AWS documents
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-luma.html):
 *
 * - `prompt` 1–5,000 characters (and at most 300 tokens: the model card's quota,
 *   https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-luma-ai-ray2.html);
 * - `aspect_ratio` 1:1, 16:9, 9:16, 4:3, 3:4, 21:9, 9:21; `resolution` 540p or 720p;
 *   `duration` "5s" or "9s" (strings); `loop`;
 * - `keyframes.frame0` / `frame1`: `{type: "image", source: {type: "base64", media_type, data}}`,
 *   JPEG or PNG, 512–4,096 pixels a side.
 *
 * AWS documents no defaults, so the node always sends all four settings: the estimate then
 * matches what is billed.
 */
import {
	binaryImageField,
	MIME_TYPES,
	type ImageRules,
	type InputImage,
} from '../../BedrockImage/binary';
import { booleanField, optionsField, stringField, valueOptions } from '../../shared/fields';
import type { VideoFamily } from './types';

const ASPECT_RATIOS = ['16:9', '1:1', '9:16', '4:3', '3:4', '21:9', '9:21'] as const;
const RESOLUTIONS = ['540p', '720p'] as const;
const DURATIONS = ['5s', '9s'] as const;

export const RAY2_MODEL_ID = 'luma.ray-v2:0';

const KEYFRAME_RULES: ImageRules = { formats: ['jpeg', 'png'], minSide: 512, maxSide: 4096 };

const prompt = stringField({
	name: 'prompt',
	displayName: 'Prompt',
	description:
		'What the video shows: subject, action, camera, style. At most 5,000 characters and 300 tokens.',
	placeholder: 'e.g. A red fox runs through fresh snow at dawn, slow motion, tracking shot',
	required: true,
	maxLength: 5000,
	rows: 4,
});

const aspectRatio = optionsField({
	name: 'aspectRatio',
	displayName: 'Aspect Ratio',
	description: 'Width to height of the video',
	default: '16:9',
	options: ASPECT_RATIOS.map((value) => ({ name: value, value })),
});

const resolution = optionsField({
	name: 'resolution',
	displayName: 'Resolution',
	description: 'The shorter side of the video: 540 or 720 pixels (720p costs twice as much)',
	default: '720p',
	options: valueOptions(RESOLUTIONS),
});

const duration = optionsField({
	name: 'duration',
	displayName: 'Duration',
	description: 'Length of the video; billed per second',
	default: '5s',
	options: DURATIONS.map((value) => ({ name: `${value.slice(0, -1)} Seconds`, value })),
});

const loop = booleanField({
	name: 'loop',
	displayName: 'Loop',
	description: 'Whether the video should loop seamlessly (its end leads back to its start)',
	default: false,
});

const startFrame = binaryImageField({
	name: 'startFrameField',
	displayName: 'Start Frame Field',
	description:
		'Image to video: the input binary field whose image (JPEG or PNG, 512–4096 px a side) is the first frame. Empty: none.',
	hint: 'The name of the input binary field holding the start frame; leave empty for text to video',
	default: '',
});

const endFrame = binaryImageField({
	name: 'endFrameField',
	displayName: 'End Frame Field',
	description:
		'The input binary field whose image (JPEG or PNG, 512–4096 px a side) is the last frame. Empty: none.',
	hint: 'The name of the input binary field holding the end frame; leave empty for none',
	default: '',
});

function keyframe(image: InputImage): Record<string, unknown> {
	return {
		type: 'image',
		// The image's real type: AWS's own example labels a PNG as image/jpeg.
		source: {
			type: 'base64',
			media_type: MIME_TYPES[image.format],
			data: image.data.toString('base64'),
		},
	};
}

export const lumaRay: VideoFamily = {
	id: 'lumaRay',
	displayName: 'Luma Ray',
	modelIdMarkers: ['luma.ray'],
	exampleModelId: RAY2_MODEL_ID,
	properties: [
		prompt.property,
		aspectRatio.property,
		resolution.property,
		duration.property,
		loop.property,
		startFrame.property,
		endFrame.property,
	],
	async build({ params }) {
		const text = prompt.read(params) as string;
		const ratio = aspectRatio.read(params) ?? '16:9';
		const size = resolution.read(params) ?? '720p';
		const length = duration.read(params) ?? '5s';
		const first = await startFrame.loadOptional(params, KEYFRAME_RULES);
		const last = await endFrame.loadOptional(params, KEYFRAME_RULES);
		const keyframes = {
			...(first ? { frame0: keyframe(first) } : {}),
			...(last ? { frame1: keyframe(last) } : {}),
		};
		return {
			modelInput: {
				prompt: text,
				aspect_ratio: ratio,
				resolution: size,
				duration: length,
				loop: loop.read(params) ?? false,
				...(first || last ? { keyframes } : {}),
			},
			videoSeconds: Number(length.slice(0, -1)),
			resolution: size,
			task: first || last ? 'image-to-video' : 'text-to-video',
			prompt: text,
		};
	},
};
