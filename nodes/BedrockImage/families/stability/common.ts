/**
 * What Stability AI's models on Bedrock share: style presets (SDXL and the image services),
 * aspect ratios and output formats (SD3, SD3.5, Core, Ultra, services), prompt fields, the
 * input-image limits of Stability's backend, and the `{seeds, finish_reasons, images}` answer
 * of every model after SDXL.
 *
 * Sources: the Bedrock user guide's Stability pages, e.g.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-1-0-text-image.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-3-5-large.html and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/stable-image-services.html.
 */
import {
	numberField,
	optionsField,
	stringField,
	valueOptions,
	type Field,
} from '../../../shared/fields';
import type { ImageRules } from '../../binary';
import { asRecord, decodeImage } from '../common';
import type { ParsedResponse } from '../types';

/** SDXL's `style_preset` enum, which the image services take too (pages above). */
export const STYLE_PRESETS = [
	'3d-model',
	'analog-film',
	'anime',
	'cinematic',
	'comic-book',
	'digital-art',
	'enhance',
	'fantasy-art',
	'isometric',
	'line-art',
	'low-poly',
	'modeling-compound',
	'neon-punk',
	'origami',
	'photographic',
	'pixel-art',
	'tile-texture',
] as const;

export const stylePreset = optionsField({
	name: 'stylePreset',
	displayName: 'Style Preset',
	description: 'Guides the image towards a style',
	default: 'photographic',
	options: valueOptions(STYLE_PRESETS, (value) =>
		value
			.split('-')
			.map((word) => (word === '3d' ? '3D' : word.charAt(0).toUpperCase() + word.slice(1)))
			.join(' '),
	),
});

/** `aspect_ratio` of SD3, SD3.5, Core, Ultra and Style Guide ("Default 1:1"). */
export const ASPECT_RATIOS = [
	'16:9',
	'1:1',
	'21:9',
	'2:3',
	'3:2',
	'4:5',
	'5:4',
	'9:16',
	'9:21',
] as const;

export const aspectRatio = optionsField({
	name: 'aspectRatio',
	displayName: 'Aspect Ratio',
	description: 'Width to height of the image (about one megapixel)',
	default: '1:1',
	options: ASPECT_RATIOS.map((value) => ({ name: value, value })),
});

const FORMAT_NAMES = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP' } as const;

function outputFormatField<T extends keyof typeof FORMAT_NAMES>(formats: readonly T[]) {
	return optionsField<T>({
		name: 'outputFormat',
		displayName: 'Output Format',
		default: 'png' as T,
		options: formats.map((format) => ({ name: FORMAT_NAMES[format], value: format })),
	});
}

/** SD3, SD3.5, Core, Ultra: "Supported formats: JPEG, PNG", sent in lower case. */
export const outputFormat = outputFormatField(['jpeg', 'png']);

/** The image services also return WebP. */
export const serviceOutputFormat = outputFormatField(['jpeg', 'png', 'webp']);

/** Prompts of the 2024 models and the services: up to 10,000 characters. */
export const PROMPT_MAX_LENGTH = 10_000;

export const prompt = stringField({
	name: 'prompt',
	displayName: 'Prompt',
	description: 'What you want to see in the image: elements, colors, subjects, style',
	required: true,
	maxLength: PROMPT_MAX_LENGTH,
	rows: 4,
	placeholder: 'e.g. A car made out of vegetables',
});

export const optionalPrompt = stringField({
	name: 'prompt',
	displayName: 'Prompt',
	description: 'What you want to see in the image (optional)',
	maxLength: PROMPT_MAX_LENGTH,
	rows: 4,
});

export const negativePrompt = stringField({
	name: 'negativePrompt',
	displayName: 'Negative Prompt',
	description: 'What you do not want to see in the image',
	maxLength: PROMPT_MAX_LENGTH,
	rows: 2,
});

/** SD3.5 and the services document seeds up to 4,294,967,294; Core and Ultra up to 4,294,967,295. */
export const SERVICE_MAX_SEED = 4_294_967_294;

export function seedField(max: number): Field<number> {
	return numberField({
		name: 'seed',
		displayName: 'Seed',
		description:
			'Starting noise: the same seed and settings give the same image. 0 picks a random seed (reported in the output).',
		default: 0,
		min: 0,
		max,
		integer: true,
	});
}

/** Stability's backend limit for uploads (its API answers `payload_too_large` above 10 MiB). */
export const STABILITY_MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * Input images of SD3 image-to-image and most services ("Every side of the image must be at
 * least 64 pixels. The total pixel count cannot exceed 9,437,184 pixels. Image aspect ratio must
 * be between 1:2.5 and 2.5:1. Supported formats: jpeg, png, webp.").
 */
export const STANDARD_INPUT: ImageRules = {
	formats: ['jpeg', 'png', 'webp'],
	minSide: 64,
	maxPixels: 9_437_184,
	maxAspectRatio: 2.5,
	maxBytes: STABILITY_MAX_IMAGE_BYTES,
};

/** "Filter reason: prompt" and friends; `null` means the image is fine. */
const FILTER_REASON = /^filter reason/i;

/**
 * The `{seeds, finish_reasons, images}` answer. A filtered request answers 200 with only
 * `finish_reasons`
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-stable-ultra-text-image-request-response.html).
 */
export function parseStabilityResponse(body: unknown): ParsedResponse {
	const answer = asRecord(body);
	const reasons = Array.isArray(answer.finish_reasons) ? answer.finish_reasons : [];
	const seeds = Array.isArray(answer.seeds) ? answer.seeds : [];
	const reason = reasons.find((value): value is string => typeof value === 'string');
	if (reason) {
		return FILTER_REASON.test(reason)
			? { images: [], filtered: `Stability content filter (${reason})` }
			: { images: [], failure: `The model reported "${reason}"` };
	}
	const images = Array.isArray(answer.images) ? answer.images : [];
	if (images.length === 0)
		throw new Error('Bedrock answered without images and without a finish reason');
	return {
		images: images.map((image, index) => {
			const seed = Number(seeds[index]);
			return {
				data: decodeImage(image, `images[${index}]`),
				...(Number.isFinite(seed) ? { seed } : {}),
				finishReason: 'SUCCESS',
			};
		}),
	};
}
