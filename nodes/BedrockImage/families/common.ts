/**
 * Pieces every family uses: reading the model's JSON answer, decoding its images, the
 * "Number of Images" loop of models that return one image per call, and what billing rules
 * read from a request.
 */
import { numberField, optionsField, type Field, type ItemParams } from '../../shared/fields';
import { imageInfo } from '../../shared/imageInfo';
import type { ImageFamily } from './types';

/** The answer as an object; anything else is a broken answer. */
export function asRecord(body: unknown): Record<string, unknown> {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new Error('Bedrock answered with a body that is not a JSON object');
	}
	return body as Record<string, unknown>;
}

/** Decodes one base64 image of an answer, once, into the bytes that are stored. */
export function decodeImage(value: unknown, where: string): Buffer {
	if (typeof value !== 'string' || value.length === 0) {
		throw new Error(`Bedrock answered without image data in ${where}`);
	}
	return Buffer.from(value, 'base64');
}

/** Calls per item for models that make one image per call; each call is billed. */
export const MAX_LOOPED_IMAGES = 10;

export const loopedImageCount = numberField({
	name: 'numberOfImages',
	displayName: 'Number of Images',
	description:
		'How many images to make. This model makes one image per call, so each image is a separate (billed) call with its own seed.',
	default: 1,
	min: 1,
	max: MAX_LOOPED_IMAGES,
	integer: true,
});

/**
 * Seeds for `count` calls: a fixed seed gives seed, seed + 1, … (wrapping to 1 after `max`), so
 * every image differs and each can be reproduced; seed 0 (or none) lets the model pick a random
 * seed per call, which it reports.
 */
export function seedSequence(
	count: number,
	seed: number | undefined,
	max: number,
): Array<number | undefined> {
	return Array.from({ length: count }, (_, index) =>
		seed ? ((seed - 1 + index) % max) + 1 : undefined,
	);
}

export interface SizeListField {
	field: Field<string>;
	/** The item's size, `{width, height}`. */
	read(params: ItemParams): { width: number; height: number };
}

/** A Size field for models that make a fixed list of `WxH` sizes (SDXL, Titan). */
export function sizeListField(
	name: string,
	modelName: string,
	sizes: readonly string[],
): SizeListField {
	const field = optionsField({
		name,
		displayName: 'Size',
		description: `Width x height in pixels; ${modelName} makes these sizes only`,
		default: '1024x1024',
		options: sizes.map((value) => ({ name: value.replace('x', ' x '), value })),
	});
	return {
		field,
		read(params) {
			const [width, height] = (field.read(params) ?? '1024x1024').split('x').map(Number);
			return { width, height };
		},
	};
}

// Billing ------------------------------------------------------------------------------------

/** Families whose every call makes one image at one price (Stability's current models). */
export const oneImagePerCall: ImageFamily['billing'] = () => ({ images: 1, facts: {} });

/**
 * The size of an input image sent as base64 (`{width, height}` from its header), for edits
 * whose result has the input's size; undefined when the value is not an image.
 */
export function base64ImageSize(value: unknown): { width: number; height: number } | undefined {
	if (typeof value !== 'string' || value.length === 0) return undefined;
	const info = imageInfo(Buffer.from(value, 'base64'));
	return info && info.width > 0 ? { width: info.width, height: info.height } : undefined;
}

/** `{width, height}` when both are numbers. */
export function sizeIn(record: Record<string, unknown> | undefined) {
	return typeof record?.width === 'number' && typeof record.height === 'number'
		? { width: record.width, height: record.height }
		: undefined;
}
