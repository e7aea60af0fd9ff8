/**
 * Whether an image has an alpha channel, from its header: some edits take their mask from the
 * input's transparency (SDXL `INIT_IMAGE_ALPHA`, Stability inpaint and erase without a mask),
 * and the node checks that before paying for a call that would be refused.
 */
import type { ImageFormat } from '../shared/imageInfo';

const PNG_COLOR_TYPE_OFFSET = 25;
/** PNG colour types with an alpha sample: greyscale + alpha (4), RGBA (6). */
const PNG_ALPHA_COLOR_TYPES = new Set([4, 6]);
/** First chunk after the signature. */
const PNG_FIRST_CHUNK = 8;

function pngHasAlpha(bytes: Buffer): boolean {
	if (PNG_ALPHA_COLOR_TYPES.has(bytes[PNG_COLOR_TYPE_OFFSET])) return true;
	// Palette and RGB images are transparent through a tRNS chunk, which precedes the pixel data.
	let offset = PNG_FIRST_CHUNK;
	while (offset + 8 <= bytes.length) {
		const length = bytes.readUInt32BE(offset);
		const type = bytes.subarray(offset + 4, offset + 8).toString('latin1');
		if (type === 'tRNS') return true;
		if (type === 'IDAT' || type === 'IEND') return false;
		offset += 12 + length;
	}
	return false;
}

function webpHasAlpha(bytes: Buffer): boolean {
	if (bytes.length < 30) return false;
	const chunk = bytes.subarray(12, 16).toString('latin1');
	// VP8X: flags byte, bit 4 = "has alpha"; VP8L: bit 28 of the header word = "alpha is used".
	if (chunk === 'VP8X') return (bytes[20] & 0x10) !== 0;
	if (chunk === 'VP8L') return ((bytes.readUInt32LE(21) >>> 28) & 1) === 1;
	return false;
}

export function hasAlphaChannel(bytes: Buffer, format: ImageFormat): boolean {
	if (format === 'png') return pngHasAlpha(bytes);
	if (format === 'webp') return webpHasAlpha(bytes);
	return false;
}
