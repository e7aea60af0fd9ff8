/**
 * Stability SDXL 1.0 (`stability.stable-diffusion-xl-v1`) and SDXL 0.8 (`…-xl-v0` and its
 * unversioned alias): text-to-image, image-to-image and masking with the Stability v1 body. Sources: AWS docs
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-1-0-text-image.html,
 * `…-image-image.html`, `…-image-image-mask.html` and the Stability v1
 * generation API that Bedrock forwards to.
 */
import { malformed, validation } from '../../errors.ts';
import {
	checkImage,
	readInputImage,
	type ImageRules,
	type InputImage,
} from '../../images/inspect.ts';
import { cachedBase64 } from '../../images/output.ts';
import { inputRaster, paintBlurred, paintEdited, paintGenerated } from '../../images/render.ts';
import { arr, int, num, obj, str, validate, type ObjectSchema } from '../../schema.ts';
import type { InvokeHandler, InvokeHandlerMap } from '../types.ts';
import { asObject, contentFilterVerdict, randomSeed } from './common.ts';
import { STYLE_PRESETS } from './stability.ts';

const MODEL_IDS = [
	'stability.stable-diffusion-xl-v1',
	'stability.stable-diffusion-xl-v0',
	'stability.stable-diffusion-xl',
];

/** "The value must be one of 1024x1024, 1152x896, …" (AWS doc): the sizes SDXL is trained for. */
export const SDXL_SIZES = [
	'1024x1024',
	'1152x896',
	'1216x832',
	'1344x768',
	'1536x640',
	'640x1536',
	'768x1344',
	'832x1216',
	'896x1152',
];

export const SDXL_LIMITS = {
	cfgScale: { min: 0, max: 35 },
	/**
	 * 10-150: the Bedrock doc copy says 10-50, but Bedrock prices SDXL by "<=50 steps" and ">50 steps"
	 * (LiteLLM's `…/max-steps/stability.stable-diffusion-xl-v1` price key) and the Stability v1 API allows 150.
	 */
	steps: { min: 10, max: 150 },
	seed: { min: 0, max: 4_294_967_295 },
	promptLength: 2000,
};

const INIT_IMAGE_RULES: ImageRules = { formats: ['png', 'jpeg'] };

/**
 * The sizes Bedrock accepts are wider than the nine documented pairs: a course's committed output
 * of a 512x512 request (alexhddev/Bedrock_course, us-west-2, 2024-03) and AWS's workshop sends `width: 768` with no
 * height. The Stability v1 API's general rule is applied: each side a multiple of 64 from 128
 * to 1536 (the largest documented side), at most 1,048,576 pixels (the largest documented area).
 */
export const SDXL_SIZE_RULE = { multipleOf: 64, minSide: 128, maxSide: 1536, maxPixels: 1_048_576 };

/**
 * Unknown keys are not rejected: AWS's workshop sends `start_schedule` (not a v1 API field) in
 * its image-to-image request, which ran for years.
 */
const SCHEMA: ObjectSchema = obj(
	{
		text_prompts: arr(
			obj({ text: str({ maxLength: SDXL_LIMITS.promptLength }), weight: num() }, ['text']),
			1,
		),
		height: int(),
		width: int(),
		cfg_scale: num(SDXL_LIMITS.cfgScale.min, SDXL_LIMITS.cfgScale.max),
		clip_guidance_preset: str({
			enum: ['FAST_BLUE', 'FAST_GREEN', 'NONE', 'SIMPLE', 'SLOW', 'SLOWER', 'SLOWEST'],
		}),
		sampler: str({
			enum: [
				'DDIM',
				'DDPM',
				'K_DPMPP_2M',
				'K_DPMPP_2S_ANCESTRAL',
				'K_DPM_2',
				'K_DPM_2_ANCESTRAL',
				'K_EULER',
				'K_EULER_ANCESTRAL',
				'K_HEUN',
				'K_LMS',
			],
		}),
		samples: int(1, 1),
		seed: int(SDXL_LIMITS.seed.min, SDXL_LIMITS.seed.max),
		steps: int(SDXL_LIMITS.steps.min, SDXL_LIMITS.steps.max),
		style_preset: str({ enum: STYLE_PRESETS }),
		extras: { type: 'object', properties: {}, additionalProperties: true },
		init_image: str(),
		init_image_mode: str({ enum: ['IMAGE_STRENGTH', 'STEP_SCHEDULE'] }),
		image_strength: num(0, 1),
		step_schedule_start: num(0, 1),
		step_schedule_end: num(0, 1),
		mask_source: str({ enum: ['MASK_IMAGE_WHITE', 'MASK_IMAGE_BLACK', 'INIT_IMAGE_ALPHA'] }),
		mask_image: str(),
	},
	['text_prompts'],
	true,
);

type Body = Record<string, unknown>;

const IMAGE_TO_IMAGE_ONLY = [
	'init_image_mode',
	'image_strength',
	'step_schedule_start',
	'step_schedule_end',
];
const MASKING_ONLY = ['mask_source', 'mask_image'];

function present(body: Body, keys: string[]): string[] {
	return keys.filter((key) => key in body);
}

function readImage(body: Body, field: string): InputImage {
	const image = readInputImage(body[field] as string);
	if (!image) throw validation(`${field}: invalid base64-encoded image`);
	const violation = checkImage(image.info, INIT_IMAGE_RULES);
	if (violation)
		throw validation(`${field}: unsupported image format ${image.info.format}; use PNG or JPEG`);
	return image;
}

function checkSdxlSize(width: number, height: number, what: string): void {
	const { multipleOf, minSide, maxSide, maxPixels } = SDXL_SIZE_RULE;
	const sideOk = (side: number) => side % multipleOf === 0 && side >= minSide && side <= maxSide;
	if (!sideOk(width) || !sideOk(height) || width * height > maxPixels) {
		throw validation(
			`Invalid ${what} dimensions ${width}x${height}: each side must be a multiple of ${multipleOf} from ${minSide} to ${maxSide}, and the image at most ${maxPixels} pixels (SDXL is trained for ${SDXL_SIZES.join(', ')}).`,
		);
	}
}

/** Which of the three request kinds the body is, after the cross-field rules of the v1 API. */
function requestKind(body: Body): 'text' | 'image' | 'mask' {
	if (!('init_image' in body)) {
		const misplaced = present(body, [...IMAGE_TO_IMAGE_ONLY, ...MASKING_ONLY]);
		if (misplaced.length > 0) throw validation(`${misplaced.join(', ')} require init_image.`);
		return 'text';
	}
	const size = present(body, ['height', 'width']);
	if (size.length > 0) {
		throw validation(
			`${size.join(' and ')} cannot be used with init_image: the output has the size of init_image.`,
		);
	}
	if (!('mask_source' in body)) {
		if ('mask_image' in body) throw validation('mask_image requires mask_source.');
		const mode = body.init_image_mode ?? 'IMAGE_STRENGTH';
		const wrongMode = present(
			body,
			mode === 'IMAGE_STRENGTH' ? ['step_schedule_start', 'step_schedule_end'] : ['image_strength'],
		);
		if (wrongMode.length > 0)
			throw validation(`${wrongMode.join(', ')} cannot be used with init_image_mode ${mode}.`);
		return 'image';
	}
	const misplaced = present(body, IMAGE_TO_IMAGE_ONLY);
	if (misplaced.length > 0)
		throw validation(`${misplaced.join(', ')} cannot be used with mask_source.`);
	const needsMaskImage = body.mask_source !== 'INIT_IMAGE_ALPHA';
	if (needsMaskImage && !('mask_image' in body))
		throw validation(`mask_image is required when mask_source is ${body.mask_source}.`);
	if (!needsMaskImage && 'mask_image' in body)
		throw validation('mask_image cannot be used when mask_source is INIT_IMAGE_ALPHA.');
	return 'mask';
}

const handleSdxl: InvokeHandler = (rawBody, ctx) => {
	const body = asObject(rawBody);
	const violations = validate(body, SCHEMA);
	if (violations.length > 0) throw malformed(violations);
	const kind = requestKind(body);
	let width = (body.width as number | undefined) ?? 1024;
	let height = (body.height as number | undefined) ?? 1024;
	let source: InputImage | undefined;
	if (kind === 'text') {
		checkSdxlSize(width, height, 'output');
	} else {
		source = readImage(body, 'init_image');
		({ width, height } = source.info);
		checkSdxlSize(width, height, 'init_image');
		if (kind === 'mask') {
			if (body.mask_source === 'INIT_IMAGE_ALPHA' && !source.info.hasAlpha) {
				throw validation(
					'mask_source INIT_IMAGE_ALPHA requires an init_image with an alpha channel.',
				);
			}
			if ('mask_image' in body) {
				const mask = readImage(body, 'mask_image');
				if (mask.info.width !== width || mask.info.height !== height) {
					throw validation(
						`mask_image (${mask.info.width}x${mask.info.height}) must have the same dimensions as init_image (${width}x${height}).`,
					);
				}
			}
		}
	}
	const prompts = (body.text_prompts as Array<{ text: string; weight?: number }>).map(
		(p) => p.text,
	);
	const prompt = prompts.join(' | ');
	const seed = (body.seed as number | undefined) || randomSeed(SDXL_LIMITS.seed.max);
	const key = { model: ctx.modelId, prompt, seed };
	// Stability v1 reports filtering per artifact with a blurred image (AWS doc: "CONTENT_FILTERED – … the image might be blurred").
	const filtered = contentFilterVerdict(prompts) !== undefined;
	const cacheKey = JSON.stringify([key, width, height, kind, source?.hash, filtered]);
	const base64 = cachedBase64(
		cacheKey,
		() => {
			if (filtered) return paintBlurred(key, width, height);
			return source ? paintEdited(key, inputRaster(source)) : paintGenerated(key, width, height);
		},
		'png',
	);
	return {
		body: {
			result: 'success',
			artifacts: [{ seed, base64, finishReason: filtered ? 'CONTENT_FILTERED' : 'SUCCESS' }],
		},
	};
};

export const sdxlHandlers: InvokeHandlerMap = Object.fromEntries(
	MODEL_IDS.map((modelId) => [modelId, handleSdxl]),
);
