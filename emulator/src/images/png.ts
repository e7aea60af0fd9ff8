/**
 * PNG: an encoder for 8-bit RGB/RGBA rasters and a decoder for the common non-interlaced
 * 8-bit colour types (greyscale, RGB, palette, grey+alpha, RGBA). Spec: W3C PNG (Third Edition).
 */
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { createRaster, type Raster } from './raster.ts';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const COLOR_TYPE_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export interface PngHeader {
	width: number;
	height: number;
	bitDepth: number;
	colorType: number;
	interlace: number;
	/** Colour type with an alpha channel (4, 6) or a palette/tRNS transparency chunk. */
	hasAlpha: boolean;
}

export function isPng(bytes: Uint8Array): boolean {
	return bytes.length >= 8 && Buffer.from(bytes.subarray(0, 8)).equals(SIGNATURE);
}

function chunk(type: string, payload: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(payload.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), payload])) >>> 0, 0);
	return Buffer.concat([head, payload, crc]);
}

/**
 * Encodes with filter "Up" on every row but the first and zlib level 1: the emulator's
 * patterns repeat rows, which "Up" turns into zero runs, so a 1024x1024 image stays fast and small.
 */
export function encodePng(raster: Raster, level = 1): Buffer {
	const { width, height, channels, data } = raster;
	const stride = width * channels;
	const filtered = Buffer.alloc((stride + 1) * height);
	for (let y = 0; y < height; y++) {
		const out = y * (stride + 1);
		const row = y * stride;
		if (y === 0) {
			filtered[out] = 0;
			filtered.set(data.subarray(row, row + stride), out + 1);
			continue;
		}
		filtered[out] = 2;
		const above = row - stride;
		for (let i = 0; i < stride; i++)
			filtered[out + 1 + i] = (data[row + i] - data[above + i]) & 0xff;
	}
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8;
	ihdr[9] = channels === 4 ? 6 : 2;
	return Buffer.concat([
		SIGNATURE,
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(filtered, { level })),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

interface PngChunk {
	type: string;
	data: Buffer;
}

function* chunks(bytes: Buffer): Generator<PngChunk> {
	let offset = 8;
	while (offset + 8 <= bytes.length) {
		const length = bytes.readUInt32BE(offset);
		const type = bytes.toString('latin1', offset + 4, offset + 8);
		const end = offset + 8 + length;
		if (end + 4 > bytes.length) throw new Error(`PNG chunk ${type} is truncated`);
		yield { type, data: bytes.subarray(offset + 8, end) };
		offset = end + 4;
		if (type === 'IEND') return;
	}
}

export function readPngHeader(input: Uint8Array): PngHeader {
	const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
	if (!isPng(bytes) || bytes.length < 33) throw new Error('not a PNG');
	if (bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR');
	const colorType = bytes[25];
	let hasAlpha = colorType === 4 || colorType === 6;
	if (!hasAlpha) {
		for (const { type } of chunks(bytes)) {
			if (type === 'tRNS') hasAlpha = true;
			if (type === 'IDAT') break;
		}
	}
	return {
		width: bytes.readUInt32BE(16),
		height: bytes.readUInt32BE(20),
		bitDepth: bytes[24],
		colorType,
		interlace: bytes[28],
		hasAlpha,
	};
}

function paeth(a: number, b: number, c: number): number {
	const p = a + b - c;
	const pa = Math.abs(p - a);
	const pb = Math.abs(p - b);
	const pc = Math.abs(p - c);
	if (pa <= pb && pa <= pc) return a;
	return pb <= pc ? b : c;
}

function unfilter(raw: Buffer, width: number, height: number, bpp: number): Uint8Array {
	const stride = width * bpp;
	const out = new Uint8Array(stride * height);
	for (let y = 0; y < height; y++) {
		const filter = raw[y * (stride + 1)];
		const src = y * (stride + 1) + 1;
		const dst = y * stride;
		for (let i = 0; i < stride; i++) {
			const left = i >= bpp ? out[dst + i - bpp] : 0;
			const up = y > 0 ? out[dst - stride + i] : 0;
			const upLeft = y > 0 && i >= bpp ? out[dst - stride + i - bpp] : 0;
			let predictor = 0;
			if (filter === 1) predictor = left;
			else if (filter === 2) predictor = up;
			else if (filter === 3) predictor = (left + up) >> 1;
			else if (filter === 4) predictor = paeth(left, up, upLeft);
			else if (filter !== 0) throw new Error(`unknown PNG filter ${filter}`);
			out[dst + i] = (raw[src + i] + predictor) & 0xff;
		}
	}
	return out;
}

/** Decodes a non-interlaced 8-bit PNG to RGB (no transparency) or RGBA. */
export function decodePng(input: Uint8Array): Raster {
	const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
	const header = readPngHeader(bytes);
	if (header.bitDepth !== 8) throw new Error(`unsupported PNG bit depth ${header.bitDepth}`);
	if (header.interlace !== 0) throw new Error('interlaced PNG is not supported');
	const sourceChannels = COLOR_TYPE_CHANNELS[header.colorType];
	if (!sourceChannels) throw new Error(`invalid PNG colour type ${header.colorType}`);
	const idat: Buffer[] = [];
	let palette: Buffer | undefined;
	let transparency: Buffer | undefined;
	for (const { type, data } of chunks(bytes)) {
		if (type === 'IDAT') idat.push(data);
		else if (type === 'PLTE') palette = data;
		else if (type === 'tRNS') transparency = data;
	}
	const { width, height } = header;
	const pixels = unfilter(inflateSync(Buffer.concat(idat)), width, height, sourceChannels);
	const raster = createRaster(width, height, header.hasAlpha ? 4 : 3);
	const out = raster.data;
	for (let p = 0; p < width * height; p++) {
		let r: number,
			g: number,
			b: number,
			a = 255;
		const s = p * sourceChannels;
		switch (header.colorType) {
			case 0:
				r = g = b = pixels[s];
				break;
			case 3: {
				if (!palette) throw new Error('palette PNG without PLTE');
				const index = pixels[s];
				[r, g, b] = [palette[index * 3], palette[index * 3 + 1], palette[index * 3 + 2]];
				if (transparency && index < transparency.length) a = transparency[index];
				break;
			}
			case 4:
				r = g = b = pixels[s];
				a = pixels[s + 1];
				break;
			default:
				[r, g, b] = [pixels[s], pixels[s + 1], pixels[s + 2]];
				if (header.colorType === 6) a = pixels[s + 3];
		}
		const d = p * raster.channels;
		out[d] = r;
		out[d + 1] = g;
		out[d + 2] = b;
		if (raster.channels === 4) out[d + 3] = a;
	}
	return raster;
}
