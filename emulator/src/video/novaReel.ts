/**
 * Amazon Nova Reel (`amazon.nova-reel-v1:0`, `amazon.nova-reel-v1:1`), served through
 * StartAsyncInvoke only. Sources:
 * - https://docs.aws.amazon.com/nova/latest/userguide/video-generation.html: 1280x720 at 24 fps
 *   only; 6 s per shot, up to 2 minutes with v1:1 ("To generate videos longer than 6 seconds,
 *   you must use amazon.nova-reel-v1:1"); text limits 512 (text-to-video), 4,000 (multi-shot
 *   automated), 512 per shot (multi-shot manual).
 * - https://docs.aws.amazon.com/nova/latest/userguide/video-gen-access.html: `TEXT_VIDEO` with
 *   `textToVideoParams.text` and an optional single starting keyframe in `images`; the job's
 *   folder holds `manifest.json`, `output.mp4` and `generation-status.json`.
 * - https://docs.aws.amazon.com/nova/latest/userguide/video-gen-code-examples2.html:
 *   `MULTI_SHOT_AUTOMATED` (`durationSeconds` "a multiple of 6 in range [12, 120]") and
 *   `MULTI_SHOT_MANUAL` (`shots`, each with `text` and an optional `image`; no
 *   `durationSeconds`: the number of shots decides it); `format` "png" or "jpeg"; seed
 *   0..2,147,483,646.
 * - https://docs.aws.amazon.com/nova/latest/userguide/video-gen-errors.html: a duration that does
 *   not match or an input image that is not exactly 1280x720 is a ValidationException; the
 *   content-filter texts.
 *
 * The exact error texts are not published; the emulator uses Bedrock's JSON-schema style as for
 * Nova Canvas (docs/emulator-video.md). 2..20 shots for MULTI_SHOT_MANUAL follows from the 2-minute cap.
 */
import { malformed, validation } from '../errors.ts';
import { checkImage, inspectImage, readInputImage, type ImageInfo } from '../images/inspect.ts';
import { asObject, contentFilterVerdict } from '../models/images/common.ts';
import { type Schema, arr, int, obj, str, validate } from '../schema.ts';
import type { VideoFamily, VideoRequestContext } from './types.ts';

export const REEL_WIDTH = 1280;
export const REEL_HEIGHT = 720;
export const REEL_FPS = 24;
export const REEL_SHOT_SECONDS = 6;
export const REEL_MAX_SECONDS = 120;
export const REEL_MAX_SEED = 2_147_483_646;

const TASK_TYPES: Record<string, readonly string[]> = {
	'amazon.nova-reel-v1:0': ['TEXT_VIDEO'],
	'amazon.nova-reel-v1:1': ['TEXT_VIDEO', 'MULTI_SHOT_AUTOMATED', 'MULTI_SHOT_MANUAL'],
};

const IMAGE_SOURCE = obj(
	{
		format: str({ enum: ['png', 'jpeg'] }),
		source: obj({
			bytes: str({ minLength: 1 }),
			s3Location: obj(
				{
					uri: str({ pattern: /^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9]\/.+$/ }),
					bucketOwner: str({ pattern: /^[0-9]{12}$/ }),
				},
				['uri'],
			),
		}),
	},
	['format', 'source'],
);

function generationConfig(duration?: Schema, required: string[] = []): Schema {
	return obj(
		{
			...(duration ? { durationSeconds: duration } : {}),
			fps: int(REEL_FPS, REEL_FPS),
			dimension: str({ enum: [`${REEL_WIDTH}x${REEL_HEIGHT}`] }),
			seed: int(0, REEL_MAX_SEED),
		},
		required,
	);
}

const SCHEMAS: Record<string, Schema> = {
	TEXT_VIDEO: obj(
		{
			taskType: str(),
			textToVideoParams: obj(
				{ text: str({ minLength: 1, maxLength: 512 }), images: arr(IMAGE_SOURCE, 0, 1) },
				['text'],
			),
			videoGenerationConfig: generationConfig(int(REEL_SHOT_SECONDS, REEL_SHOT_SECONDS)),
		},
		['taskType', 'textToVideoParams'],
	),
	MULTI_SHOT_AUTOMATED: obj(
		{
			taskType: str(),
			multiShotAutomatedParams: obj({ text: str({ minLength: 1, maxLength: 4000 }) }, ['text']),
			videoGenerationConfig: generationConfig(
				{
					type: 'integer',
					minimum: 2 * REEL_SHOT_SECONDS,
					maximum: REEL_MAX_SECONDS,
					multipleOf: REEL_SHOT_SECONDS,
				},
				['durationSeconds'],
			),
		},
		['taskType', 'multiShotAutomatedParams', 'videoGenerationConfig'],
	),
	MULTI_SHOT_MANUAL: obj(
		{
			taskType: str(),
			multiShotManualParams: obj(
				{
					shots: arr(
						obj({ text: str({ minLength: 1, maxLength: 512 }), image: IMAGE_SOURCE }, ['text']),
						2,
						REEL_MAX_SECONDS / REEL_SHOT_SECONDS,
					),
				},
				['shots'],
			),
			videoGenerationConfig: generationConfig(),
		},
		['taskType', 'multiShotManualParams'],
	),
};

type Json = Record<string, unknown>;

export const novaReel: VideoFamily = (modelInput, context) => {
	const input = asObject(modelInput);
	const allowed = TASK_TYPES[context.modelId];
	const taskType = input.taskType;
	if (taskType === undefined) throw malformed('#: required key [taskType] not found');
	const typeViolations = validate(taskType, str({ enum: allowed }), '#/taskType');
	if (typeViolations.length > 0) throw malformed(typeViolations);
	const violations = validate(input, SCHEMAS[taskType as string]);
	if (violations.length > 0) throw malformed(violations);

	const images: Array<{ pointer: string; image: Json }> = [];
	let texts: string[];
	let shots: number;
	if (taskType === 'TEXT_VIDEO') {
		const params = input.textToVideoParams as Json;
		texts = [params.text as string];
		((params.images ?? []) as Json[]).forEach((image, index) =>
			images.push({ pointer: `#/textToVideoParams/images/${index}`, image }),
		);
		shots = 1;
	} else if (taskType === 'MULTI_SHOT_AUTOMATED') {
		texts = [(input.multiShotAutomatedParams as Json).text as string];
		shots = ((input.videoGenerationConfig as Json).durationSeconds as number) / REEL_SHOT_SECONDS;
	} else {
		const list = (input.multiShotManualParams as Json).shots as Json[];
		texts = list.map((shot) => shot.text as string);
		list.forEach((shot, index) => {
			if (shot.image)
				images.push({
					pointer: `#/multiShotManualParams/shots/${index}/image`,
					image: shot.image as Json,
				});
		});
		shots = list.length;
	}
	for (const { pointer, image } of images) checkReelImage(pointer, image, context);
	const verdict = contentFilterVerdict(texts);
	if (verdict === 'input') {
		throw validation(
			'This request has been blocked by our content filters. Please adjust your text prompt to submit a new request.',
		);
	}
	const config = (input.videoGenerationConfig ?? {}) as Json;
	return {
		width: REEL_WIDTH,
		height: REEL_HEIGHT,
		fps: REEL_FPS,
		durationSeconds: shots * REEL_SHOT_SECONDS,
		...(taskType === 'TEXT_VIDEO'
			? {}
			: { shots: { count: shots, shotSeconds: REEL_SHOT_SECONDS } }),
		statusFiles: true,
		texts,
		summary: {
			taskType,
			durationSeconds: shots * REEL_SHOT_SECONDS,
			...(config.seed === undefined ? {} : { seed: config.seed }),
			images: images.length,
		},
	};
};

/** PNG or JPEG, exactly 1280x720, given as base64 bytes or an object of the emulator's S3. */
function checkReelImage(pointer: string, image: Json, context: VideoRequestContext): void {
	const source = image.source as Json;
	const sources = ['bytes', 's3Location'].filter((key) => key in source);
	if (sources.length !== 1)
		throw malformed(`${pointer}/source: exactly one of bytes or s3Location must be provided`);
	let info: ImageInfo | undefined;
	if (source.bytes !== undefined) {
		info = readInputImage(source.bytes as string)?.info;
		if (!info)
			throw malformed(`${pointer}/source/bytes: the value is not a valid base64-encoded image`);
	} else {
		const uri = (source.s3Location as Json).uri as string;
		const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) as RegExpExecArray;
		const bytes = context.readObject(bucket, key);
		if (!bytes)
			throw validation(
				`Unable to read the input image at ${uri}: the object does not exist or cannot be accessed.`,
			);
		info = inspectImage(bytes);
	}
	const violation = checkImage(info, { formats: ['png', 'jpeg'] });
	if (violation)
		throw malformed(`${pointer}: unsupported image format ${info.format}; use PNG or JPEG`);
	if (info.width !== REEL_WIDTH || info.height !== REEL_HEIGHT) {
		throw malformed(
			`${pointer}: the image is ${info.width}x${info.height}; input images must be exactly ${REEL_WIDTH}x${REEL_HEIGHT}`,
		);
	}
}
