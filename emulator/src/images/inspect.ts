/**
 * What the emulator learns about an input image before a model sees it: the format by magic
 * bytes, the dimensions from the header, whether it has an alpha channel, and its byte size.
 * Base64 is decoded strictly (RFC 4648 alphabet, optional padding, no whitespace, no
 * `data:` URL prefix) like the JVM's basic decoder that AWS services use.
 */
import { createHash } from 'node:crypto';
import { isJpeg, readJpegHeader } from './jpeg.ts';
import { isPng, readPngHeader } from './png.ts';
import { isWebp, readWebpHeader } from './webp.ts';

export type ImageFormat = 'png' | 'jpeg' | 'webp';

export interface ImageInfo {
	format: ImageFormat | 'gif' | 'unknown';
	width: number;
	height: number;
	hasAlpha: boolean;
	byteLength: number;
}

export interface InputImage {
	bytes: Buffer;
	info: ImageInfo;
	/** Short content hash: makes outputs of edits depend on the input. */
	hash: string;
}

/**
 * Base64 alphabet, then at most two `=`. One flat character class: a grouped, repeated
 * pattern overflows the regex engine's stack on inputs of a few megabytes.
 */
const BASE64_CHARACTERS = /^[A-Za-z0-9+/]*(={1,2})?$/;

/** Strict base64: no line breaks, no `data:` prefix; padding, when present, completes a quantum. */
function isStrictBase64(text: string): boolean {
	const match = BASE64_CHARACTERS.exec(text);
	if (!match) return false;
	return match[1] ? text.length % 4 === 0 : text.length % 4 !== 1;
}

/** Decodes strict base64; undefined when the text is not base64 (or is empty). */
export function decodeBase64(text: string): Buffer | undefined {
	if (text.length === 0 || !isStrictBase64(text)) return undefined;
	return Buffer.from(text, 'base64');
}

export function inspectImage(bytes: Buffer): ImageInfo {
	const byteLength = bytes.length;
	try {
		if (isPng(bytes)) return { format: 'png', ...readPngHeader(bytes), byteLength };
		if (isJpeg(bytes))
			return { format: 'jpeg', ...readJpegHeader(bytes), hasAlpha: false, byteLength };
		if (isWebp(bytes)) return { format: 'webp', ...readWebpHeader(bytes), byteLength };
	} catch {
		// A recognised signature with a broken header is as unusable as an unknown format.
	}
	const format = bytes.subarray(0, 4).toString('latin1') === 'GIF8' ? 'gif' : 'unknown';
	return { format, width: 0, height: 0, hasAlpha: false, byteLength };
}

/** Decodes and inspects a base64 image; undefined when the base64 itself is invalid. */
export function readInputImage(base64: string): InputImage | undefined {
	const bytes = decodeBase64(base64);
	if (!bytes) return undefined;
	return {
		bytes,
		info: inspectImage(bytes),
		hash: createHash('sha256').update(bytes).digest('hex').slice(0, 16),
	};
}

/** Limits an input image must meet; each family fills this from its documentation. */
export interface ImageRules {
	formats: readonly ImageFormat[];
	minSide?: number;
	maxSide?: number;
	/** Limit on the longer side only (Titan: 1,408). */
	maxLongSide?: number;
	minPixels?: number;
	maxPixels?: number;
	/** Longer side divided by shorter side, e.g. 2.5 for "between 1:2.5 and 2.5:1". */
	maxAspectRatio?: number;
	maxBytes?: number;
}

export type ImageViolation =
	| { kind: 'format'; format: string }
	| { kind: 'dimensions'; detail: string }
	| { kind: 'bytes'; detail: string };

/** The first rule the image breaks, or undefined when it is acceptable. */
export function checkImage(info: ImageInfo, rules: ImageRules): ImageViolation | undefined {
	if (!rules.formats.includes(info.format as ImageFormat))
		return { kind: 'format', format: info.format };
	const { width, height } = info;
	const pixels = width * height;
	const longSide = Math.max(width, height);
	const shortSide = Math.min(width, height);
	const size = `${width}x${height}`;
	if (rules.minSide !== undefined && shortSide < rules.minSide) {
		return {
			kind: 'dimensions',
			detail: `image ${size}: every side must be at least ${rules.minSide} pixels`,
		};
	}
	if (rules.maxSide !== undefined && longSide > rules.maxSide) {
		return {
			kind: 'dimensions',
			detail: `image ${size}: every side must be at most ${rules.maxSide} pixels`,
		};
	}
	if (rules.maxLongSide !== undefined && longSide > rules.maxLongSide) {
		return {
			kind: 'dimensions',
			detail: `image ${size}: the longer side must be at most ${rules.maxLongSide} pixels`,
		};
	}
	if (rules.minPixels !== undefined && pixels < rules.minPixels) {
		return {
			kind: 'dimensions',
			detail: `image ${size}: total pixel count must be at least ${rules.minPixels}`,
		};
	}
	if (rules.maxPixels !== undefined && pixels > rules.maxPixels) {
		return {
			kind: 'dimensions',
			detail: `image ${size}: total pixel count must be at most ${rules.maxPixels}`,
		};
	}
	if (rules.maxAspectRatio !== undefined && longSide / shortSide > rules.maxAspectRatio) {
		return {
			kind: 'dimensions',
			detail: `image ${size}: aspect ratio must be between 1:${rules.maxAspectRatio} and ${rules.maxAspectRatio}:1`,
		};
	}
	if (rules.maxBytes !== undefined && info.byteLength > rules.maxBytes) {
		return {
			kind: 'bytes',
			detail: `image is ${info.byteLength} bytes; the limit is ${rules.maxBytes}`,
		};
	}
	return undefined;
}
