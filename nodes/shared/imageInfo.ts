/**
 * Which image format a buffer holds and its pixel size, read from the file header alone
 * (no decoding): PNG, JPEG, GIF and WebP, the formats Bedrock's models accept.
 */

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';

export interface ImageInfo {
	format: ImageFormat;
	/** 0 when the header is cut short or damaged. */
	width: number;
	height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image format from the magic bytes, or undefined for anything else. */
export function imageFormatOf(bytes: Buffer): ImageFormat | undefined {
	if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
		return 'jpeg';
	const head = bytes.subarray(0, 12).toString('latin1');
	if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'gif';
	if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'webp';
	return undefined;
}

/** Format and size of an image, or undefined when the bytes are not one of the four formats. */
export function imageInfo(bytes: Buffer): ImageInfo | undefined {
	const format = imageFormatOf(bytes);
	if (!format) return undefined;
	const size = SIZE_READERS[format](bytes) ?? { width: 0, height: 0 };
	return { format, ...size };
}

type Size = { width: number; height: number };

const SIZE_READERS: Record<ImageFormat, (bytes: Buffer) => Size | undefined> = {
	// IHDR is always the first chunk: width and height as big-endian u32 at 16 and 20.
	png: (bytes) =>
		bytes.length >= 24
			? { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
			: undefined,
	// Logical screen size: little-endian u16 at 6 and 8.
	gif: (bytes) =>
		bytes.length >= 10
			? { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) }
			: undefined,
	jpeg: jpegSize,
	webp: webpSize,
};

/** Start-of-frame markers carry the size: SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
function isStartOfFrame(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegSize(bytes: Buffer): Size | undefined {
	let offset = 2;
	while (offset + 4 <= bytes.length) {
		if (bytes[offset] !== 0xff) return undefined;
		const marker = bytes[offset + 1];
		// Fill bytes and standalone markers (RSTn, TEM) have no length.
		if (marker === 0xff) {
			offset += 1;
			continue;
		}
		if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
			offset += 2;
			continue;
		}
		const length = bytes.readUInt16BE(offset + 2);
		if (isStartOfFrame(marker)) {
			if (offset + 9 > bytes.length) return undefined;
			return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
		}
		offset += 2 + length;
	}
	return undefined;
}

/** WebP's first chunk: VP8 (lossy), VP8L (lossless) or VP8X (extended, canvas size). */
function webpSize(bytes: Buffer): Size | undefined {
	if (bytes.length < 30) return undefined;
	const chunk = bytes.subarray(12, 16).toString('latin1');
	if (chunk === 'VP8 ') {
		return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
	}
	if (chunk === 'VP8L') {
		const bits = bytes.readUInt32LE(21);
		return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
	}
	if (chunk === 'VP8X') {
		return { width: bytes.readUIntLE(24, 3) + 1, height: bytes.readUIntLE(27, 3) + 1 };
	}
	return undefined;
}
