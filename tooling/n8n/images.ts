/**
 * Reading what the workflows wrote, without any image library and without the pack's own header
 * reader: a PNG's signature and its IHDR chunk (width, height, colour type).
 */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type PngHeader = { width: number; height: number; colorType: number };

/** Throws when `bytes` is not a PNG whose first chunk is IHDR. */
export function pngHeader(bytes: Buffer): PngHeader {
	if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG (signature)');
	if (bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG (no IHDR first)');
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colorType: bytes[25] };
}

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
	const { width, height } = pngHeader(bytes);
	return { width, height };
}
