/**
 * WebP: a minimal lossless (VP8L) encoder and a header reader for VP8, VP8L and VP8X files.
 * Source: RFC 9649 (WebP Image Format), sections 3 (VP8L) and 2.7 (RIFF container).
 *
 * The encoder uses no transforms and no colour cache, one prefix-code group with complete
 * fixed-length codes, and LZ77 backward references of two kinds only: "copy the row above"
 * (distance code 1) and "repeat the pixel to the left" (distance code 2). The emulator's
 * blocky patterns repeat rows and pixels, so that is enough to keep files small.
 */
import type { Raster } from './raster.ts';

export interface WebpHeader {
	width: number;
	height: number;
	/** 'VP8 ' (lossy), 'VP8L' (lossless) or 'VP8X' (extended). */
	chunk: string;
	hasAlpha: boolean;
}

export function isWebp(bytes: Uint8Array): boolean {
	return (
		bytes.length >= 16 &&
		Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'RIFF' &&
		Buffer.from(bytes.subarray(8, 12)).toString('latin1') === 'WEBP'
	);
}

export function readWebpHeader(input: Uint8Array): WebpHeader {
	const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
	if (!isWebp(bytes) || bytes.length < 30) throw new Error('not a WebP');
	const chunk = bytes.toString('latin1', 12, 16);
	const payload = 20;
	if (chunk === 'VP8L') {
		if (bytes[payload] !== 0x2f) throw new Error('bad VP8L signature');
		const bits = bytes.readUInt32LE(payload + 1);
		return {
			chunk,
			width: (bits & 0x3fff) + 1,
			height: ((bits >>> 14) & 0x3fff) + 1,
			hasAlpha: ((bits >>> 28) & 1) === 1,
		};
	}
	if (chunk === 'VP8 ') {
		if (bytes[payload + 3] !== 0x9d || bytes[payload + 4] !== 0x01 || bytes[payload + 5] !== 0x2a) {
			throw new Error('bad VP8 start code');
		}
		return {
			chunk,
			width: bytes.readUInt16LE(payload + 6) & 0x3fff,
			height: bytes.readUInt16LE(payload + 8) & 0x3fff,
			hasAlpha: false,
		};
	}
	if (chunk === 'VP8X') {
		return {
			chunk,
			hasAlpha: (bytes[payload] & 0x10) !== 0,
			width: bytes.readUIntLE(payload + 4, 3) + 1,
			height: bytes.readUIntLE(payload + 7, 3) + 1,
		};
	}
	throw new Error(`unknown WebP chunk ${chunk}`);
}

class Vp8lBitWriter {
	private readonly bytes: number[] = [];
	private acc = 0;
	private count = 0;

	/** Writes `bits` bits of `value`, least significant bit first (RFC 9649, 3.1). */
	write(value: number, bits: number): void {
		for (let i = 0; i < bits; i++) {
			this.acc |= ((value >>> i) & 1) << this.count;
			if (++this.count === 8) {
				this.bytes.push(this.acc);
				this.acc = 0;
				this.count = 0;
			}
		}
	}

	finish(): Buffer {
		if (this.count > 0) this.bytes.push(this.acc);
		return Buffer.from(this.bytes);
	}
}

interface PrefixCode {
	lengths: number[];
	/** Canonical codes, bit-reversed for the LSB-first stream (as in DEFLATE). */
	codes: number[];
}

function canonicalCode(lengths: number[]): PrefixCode {
	const maxLength = Math.max(...lengths);
	const countPerLength = new Array<number>(maxLength + 1).fill(0);
	for (const length of lengths) if (length > 0) countPerLength[length]++;
	const next = new Array<number>(maxLength + 1).fill(0);
	countPerLength[0] = 0;
	let code = 0;
	for (let bits = 1; bits <= maxLength; bits++) {
		code = (code + countPerLength[bits - 1]) << 1;
		next[bits] = code;
	}
	const codes = lengths.map((length) => {
		if (length === 0) return 0;
		const value = next[length]++;
		let reversed = 0;
		for (let i = 0; i < length; i++) reversed |= ((value >> i) & 1) << (length - 1 - i);
		return reversed;
	});
	return { lengths, codes };
}

const CODE_LENGTH_ORDER = [17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

/**
 * Writes a "normal" prefix code (RFC 9649, 3.7.2.1.2). Each symbol's length is sent as one
 * code-length symbol; the code-length code has exactly two one-bit entries (complete).
 */
function writeNormalCode(writer: Vp8lBitWriter, lengths: number[]): PrefixCode {
	const distinct = [...new Set(lengths)].sort((a, b) => a - b);
	if (distinct.length > 2) throw new Error('writeNormalCode supports two distinct lengths');
	const pair =
		distinct.length === 2
			? distinct
			: [distinct[0] === 0 ? 1 : 0, distinct[0]].sort((a, b) => a - b);
	const codeLengthLengths = new Array<number>(19).fill(0);
	for (const value of pair) codeLengthLengths[value] = 1;
	const codeLengthCode = canonicalCode(codeLengthLengths);
	writer.write(0, 1); // normal code
	writer.write(19 - 4, 4);
	for (const symbol of CODE_LENGTH_ORDER) writer.write(codeLengthLengths[symbol], 3);
	writer.write(0, 1); // max_symbol = alphabet size
	for (const length of lengths) writer.write(codeLengthCode.codes[length], 1);
	return canonicalCode(lengths);
}

/** A "simple" prefix code with one or two 8-bit symbols (RFC 9649, 3.7.2.1.1). */
function writeSimpleCode(
	writer: Vp8lBitWriter,
	alphabetSize: number,
	symbols: number[],
): PrefixCode {
	writer.write(1, 1);
	writer.write(symbols.length - 1, 1);
	writer.write(1, 1); // first symbol uses 8 bits
	writer.write(symbols[0], 8);
	if (symbols.length === 2) writer.write(symbols[1], 8);
	const lengths = new Array<number>(alphabetSize).fill(0);
	if (symbols.length === 2) for (const s of symbols) lengths[s] = 1;
	return symbols.length === 2 ? canonicalCode(lengths) : { lengths, codes: lengths };
}

/** LZ77 prefix coding of a length or distance value >= 1 (RFC 9649, 3.5.2.2). */
function prefixEncode(value: number): { prefix: number; extraBits: number; extra: number } {
	const d = value - 1;
	if (d < 4) return { prefix: d, extraBits: 0, extra: 0 };
	const highest = 31 - Math.clz32(d);
	const second = (d >> (highest - 1)) & 1;
	const extraBits = highest - 1;
	return { prefix: 2 * highest + second, extraBits, extra: d & ((1 << extraBits) - 1) };
}

const MAX_COPY = 4096;
const DISTANCE_ABOVE = 1;
const DISTANCE_LEFT = 2;

export function encodeWebpLossless(raster: Raster): Buffer {
	const { width, height, channels, data } = raster;
	if (width > 16384 || height > 16384) throw new Error('VP8L is limited to 16384 px per side');
	const hasAlpha = channels === 4;
	const writer = new Vp8lBitWriter();
	writer.write(0x2f, 8);
	writer.write(width - 1, 14);
	writer.write(height - 1, 14);
	writer.write(hasAlpha ? 1 : 0, 1);
	writer.write(0, 3); // version
	writer.write(0, 1); // no transform
	writer.write(0, 1); // no colour cache
	writer.write(0, 1); // no meta prefix codes
	// Green + 24 length prefixes = 280 symbols: 232 of 8 bits and 48 of 9 bits is a complete code.
	const green = writeNormalCode(
		writer,
		Array.from({ length: 280 }, (_, i) => (i < 232 ? 8 : 9)),
	);
	const eightBit = Array.from({ length: 256 }, () => 8);
	const red = writeNormalCode(writer, eightBit);
	const blue = writeNormalCode(writer, eightBit);
	const alpha = hasAlpha ? writeNormalCode(writer, eightBit) : writeSimpleCode(writer, 256, [255]);
	const distance = writeSimpleCode(writer, 40, [DISTANCE_ABOVE - 1, DISTANCE_LEFT - 1]);

	const put = (code: PrefixCode, symbol: number) =>
		writer.write(code.codes[symbol], code.lengths[symbol]);
	const copy = (length: number, distanceCode: number) => {
		const len = prefixEncode(length);
		put(green, 256 + len.prefix);
		writer.write(len.extra, len.extraBits);
		put(distance, distanceCode - 1);
	};
	const stride = width * channels;
	const samePixel = (a: number, b: number) => {
		for (let c = 0; c < channels; c++) if (data[a + c] !== data[b + c]) return false;
		return true;
	};
	for (let y = 0; y < height; y++) {
		const row = y * stride;
		const sameAsAbove =
			y > 0 &&
			Buffer.compare(data.subarray(row - stride, row), data.subarray(row, row + stride)) === 0;
		if (sameAsAbove) {
			for (let left = width; left > 0; left -= MAX_COPY)
				copy(Math.min(left, MAX_COPY), DISTANCE_ABOVE);
			continue;
		}
		let x = 0;
		while (x < width) {
			const i = row + x * channels;
			if (x > 0 && samePixel(i, i - channels)) {
				let run = 1;
				while (x + run < width && run < MAX_COPY && samePixel(i + run * channels, i - channels))
					run++;
				copy(run, DISTANCE_LEFT);
				x += run;
				continue;
			}
			put(green, data[i + 1]);
			put(red, data[i]);
			put(blue, data[i + 2]);
			put(alpha, hasAlpha ? data[i + 3] : 255);
			x++;
		}
	}
	const bitstream = writer.finish();
	const padded =
		bitstream.length % 2 === 1 ? Buffer.concat([bitstream, Buffer.alloc(1)]) : bitstream;
	const header = Buffer.alloc(20);
	header.write('RIFF', 0, 'latin1');
	header.writeUInt32LE(12 + padded.length, 4);
	header.write('WEBP', 8, 'latin1');
	header.write('VP8L', 12, 'latin1');
	header.writeUInt32LE(bitstream.length, 16);
	return Buffer.concat([header, padded]);
}
