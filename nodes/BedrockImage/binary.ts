/**
 * Images in and out as n8n binary data.
 *
 * In: the binary property an image field names is read from the item, identified by its magic
 * bytes (never by its file name or MIME type), measured from its header and checked against
 * the model's documented limits before anything is sent.
 *
 * Out: each decoded image goes straight to n8n's binary data store through
 * `prepareBinaryData`, with a real file name and the MIME type of the bytes.
 */
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { imageInfo, type ImageFormat } from '../shared/imageInfo';
import { stringField, type Field, type ItemParams, type StringSpec } from '../shared/fields';
import { hasAlphaChannel } from './imageAlpha';

export type InputFormat = Exclude<ImageFormat, 'gif'>;

export interface InputImage {
	/** The binary property it came from. */
	property: string;
	data: Buffer;
	format: ImageFormat;
	width: number;
	height: number;
	hasAlpha: boolean;
}

/** What a model accepts as an input image (each rule is optional). */
export interface ImageRules {
	formats: readonly InputFormat[];
	minSide?: number;
	maxSide?: number;
	/** Limit of the longer side only (Titan: 1,408 px). */
	maxLongSide?: number;
	minPixels?: number;
	maxPixels?: number;
	/** Longer side / shorter side. */
	maxAspectRatio?: number;
	/** Both sides a multiple of this. */
	multipleOf?: number;
	maxBytes?: number;
	/** The only sizes allowed, as `WxH`. */
	sizes?: readonly string[];
}

const FORMAT_NAMES: Record<ImageFormat, string> = {
	png: 'PNG',
	jpeg: 'JPEG',
	webp: 'WebP',
	gif: 'GIF',
};

export const MIME_TYPES: Record<ImageFormat, string> = {
	png: 'image/png',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
	gif: 'image/gif',
};

const FILE_EXTENSIONS: Record<ImageFormat, string> = {
	png: 'png',
	jpeg: 'jpg',
	webp: 'webp',
	gif: 'gif',
};

/** Common non-image files, named in the error so the user sees what was passed. */
const OTHER_SIGNATURES: Array<[prefix: string, name: string]> = [
	['%PDF', 'a PDF document'],
	['BM', 'a BMP image'],
	['II*\u0000', 'a TIFF image'],
	['MM\u0000*', 'a TIFF image'],
	['PK\u0003\u0004', 'a ZIP archive (or an Office document)'],
	['<svg', 'an SVG drawing'],
	['<?xml', 'an XML or SVG file'],
];

function describeUnknown(data: Buffer): string {
	const head = data.subarray(0, 16).toString('latin1');
	const known = OTHER_SIGNATURES.find(([prefix]) => head.startsWith(prefix));
	if (known) return known[1];
	if (head.slice(4, 8) === 'ftyp') return 'an HEIC/AVIF image or a video';
	return 'not a PNG, JPEG or WebP image';
}

function formatList(formats: readonly ImageFormat[]): string {
	return formats.map((format) => FORMAT_NAMES[format]).join(', ');
}

function describeRules(rules: ImageRules): string {
	const parts = [`formats ${formatList(rules.formats)}`];
	if (rules.sizes) parts.push(`sizes ${rules.sizes.join(', ')}`);
	if (rules.minSide !== undefined) parts.push(`sides at least ${rules.minSide} px`);
	if (rules.maxSide !== undefined) parts.push(`sides at most ${rules.maxSide} px`);
	if (rules.maxLongSide !== undefined) parts.push(`longer side at most ${rules.maxLongSide} px`);
	if (rules.multipleOf !== undefined) parts.push(`sides multiples of ${rules.multipleOf}`);
	if (rules.minPixels !== undefined) parts.push(`at least ${rules.minPixels} pixels`);
	if (rules.maxPixels !== undefined) parts.push(`at most ${rules.maxPixels} pixels`);
	if (rules.maxAspectRatio !== undefined) {
		parts.push(`aspect ratio between 1:${rules.maxAspectRatio} and ${rules.maxAspectRatio}:1`);
	}
	if (rules.maxBytes !== undefined) parts.push(`at most ${rules.maxBytes} bytes`);
	return `This model accepts: ${parts.join('; ')}.`;
}

/** The first rule the image breaks, in words, or undefined. */
function violation(image: InputImage, rules: ImageRules): string | undefined {
	const { width, height } = image;
	const long = Math.max(width, height);
	const short = Math.min(width, height);
	const pixels = width * height;
	const size = `${width}x${height}`;
	if (rules.sizes && !rules.sizes.includes(size)) return `is ${size}, not one of the allowed sizes`;
	if (rules.minSide !== undefined && short < rules.minSide) {
		return `is ${size}: each side must be at least ${rules.minSide} px`;
	}
	if (rules.maxSide !== undefined && long > rules.maxSide) {
		return `is ${size}: each side must be at most ${rules.maxSide} px`;
	}
	if (rules.maxLongSide !== undefined && long > rules.maxLongSide) {
		return `is ${size}: the longer side must be at most ${rules.maxLongSide} px`;
	}
	if (rules.multipleOf !== undefined && (width % rules.multipleOf || height % rules.multipleOf)) {
		return `is ${size}: both sides must be multiples of ${rules.multipleOf}`;
	}
	if (rules.minPixels !== undefined && pixels < rules.minPixels) {
		return `is ${size} (${pixels} pixels): at least ${rules.minPixels} pixels are needed`;
	}
	if (rules.maxPixels !== undefined && pixels > rules.maxPixels) {
		return `is ${size} (${pixels} pixels): at most ${rules.maxPixels} pixels are allowed`;
	}
	if (rules.maxAspectRatio !== undefined && long / short > rules.maxAspectRatio) {
		return `is ${size}: the aspect ratio must be between 1:${rules.maxAspectRatio} and ${rules.maxAspectRatio}:1`;
	}
	if (rules.maxBytes !== undefined && image.data.length > rules.maxBytes) {
		return `is ${image.data.length} bytes: at most ${rules.maxBytes} bytes are allowed`;
	}
	return undefined;
}

export interface BinaryImageField extends Field<string> {
	/** Reads the binary property this field names, identifies it and checks it against `rules`. */
	load(params: ItemParams, rules: ImageRules): Promise<InputImage>;
	/** Same, or undefined when the field is left empty. */
	loadOptional(params: ItemParams, rules: ImageRules): Promise<InputImage | undefined>;
}

/**
 * A field naming the binary property that holds an input image (`data`, `mask`, `garment`…),
 * with the reads that load, identify and check that image. Expressions are allowed, so each
 * item can name its own.
 */
export function binaryImageField(
	spec: Omit<StringSpec, 'rows' | 'maxLength'> & { default: string },
): BinaryImageField {
	const emptyHint = 'Name the binary field of the input item that holds the image.';
	const field = stringField({
		...spec,
		hint: spec.hint ?? 'The name of the input binary field holding the image',
		emptyHint,
	});
	const loadNamed = async (params: ItemParams, property: string, rules: ImageRules) =>
		await loadImage(params, spec.displayName, property, rules);
	return {
		...field,
		async load(params, rules) {
			const property = field.read(params);
			if (property === undefined) return params.fail(`${spec.displayName} is empty`, emptyHint);
			return await loadNamed(params, property.trim(), rules);
		},
		async loadOptional(params, rules) {
			const property = field.read(params);
			return property === undefined ? undefined : await loadNamed(params, property.trim(), rules);
		},
	};
}

/** The "Input Image Field" most operations have: the binary field `data` by default, required. */
export function inputImageField(description: string): BinaryImageField {
	return binaryImageField({
		name: 'inputImage',
		displayName: 'Input Image Field',
		description,
		default: 'data',
		required: true,
	});
}

/** Reads the item's binary property `property`, identifies it and checks it against `rules`. */
export async function loadImage(
	params: ItemParams,
	label: string,
	property: string,
	rules: ImageRules,
): Promise<InputImage> {
	const image = await readBinaryImage(params, label, property);
	if (image.format === 'gif' || !rules.formats.includes(image.format)) {
		return params.fail(
			`${label}: "${property}" is a ${FORMAT_NAMES[image.format]} image, which this model does not accept`,
			describeRules(rules),
		);
	}
	const problem = violation(image, rules);
	if (problem)
		return params.fail(`${label}: the image in "${property}" ${problem}`, describeRules(rules));
	return image;
}

/** Reads and identifies one binary property of the item. */
export async function readBinaryImage(
	params: ItemParams,
	label: string,
	property: string,
): Promise<InputImage> {
	const { context, itemIndex } = params;
	const binary = context.getInputData()[itemIndex]?.binary ?? {};
	if (!binary[property]) {
		const present = Object.keys(binary);
		return params.fail(
			`${label}: the input item has no binary field "${property}"`,
			present.length > 0
				? `Binary fields on this item: ${present.join(', ')}.`
				: 'This item carries no binary data: add a node that reads the image (Read/Write Files from Disk, HTTP Request, Google Drive…) before this one.',
		);
	}
	const data = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	const info = imageInfo(data);
	if (!info) {
		const fileName = binary[property].fileName ? ` (${binary[property].fileName})` : '';
		return params.fail(
			`${label}: "${property}"${fileName} is ${describeUnknown(data)}, not an image the model accepts`,
			'Images must be PNG, JPEG or WebP, as the model allows.',
		);
	}
	if (info.width === 0 || info.height === 0) {
		return params.fail(
			`${label}: the ${FORMAT_NAMES[info.format]} image in "${property}" is damaged (no size in its header)`,
		);
	}
	return { property, data, ...info, hasAlpha: hasAlphaChannel(data, info.format) };
}

/** Fails unless `mask` has the size of `image` (masks are applied pixel by pixel). */
export function checkSameSize(
	params: ItemParams,
	label: string,
	image: InputImage,
	mask: InputImage,
): void {
	if (image.width !== mask.width || image.height !== mask.height) {
		params.fail(
			`${label}: the mask is ${mask.width}x${mask.height} but the image is ${image.width}x${image.height}`,
			'The mask must have exactly the size of the image it applies to.',
		);
	}
}

export interface StoredImage {
	binary: IBinaryData;
	format: ImageFormat;
	width: number;
	height: number;
	mimeType: string;
	fileName: string;
}

/**
 * Stores one output image in n8n's binary data store. The format, size and MIME type come from
 * the bytes, so the item says what the file really is.
 * @throws {Error} when the bytes are not an image
 */
export async function storeImage(
	context: IExecuteFunctions,
	data: Buffer,
	baseName: string,
): Promise<StoredImage> {
	const info = imageInfo(data);
	if (!info)
		throw new Error('Bedrock answered with data that is not a PNG, JPEG, GIF or WebP image');
	const fileName = `${baseName}.${FILE_EXTENSIONS[info.format]}`;
	const mimeType = MIME_TYPES[info.format];
	const binary = await context.helpers.prepareBinaryData(data, fileName, mimeType);
	return {
		binary,
		format: info.format,
		width: info.width,
		height: info.height,
		mimeType,
		fileName,
	};
}
