/**
 * JPEG: a compact baseline encoder (ITU-T T.81, sequential DCT, Huffman, YCbCr 4:4:4) and a
 * header reader for input checks. The encoder trades file size for simplicity: one flat
 * quantisation table and fixed-length Huffman codes, which any decoder accepts because the
 * tables travel in the file (DQT/DHT). Outputs of the emulator are flat colour blocks, so
 * nearly every block is DC-only and files stay small anyway.
 */
import type { Raster } from './raster.ts';

export interface JpegHeader {
	width: number;
	height: number;
	components: number;
	/** SOF marker, e.g. 0xc0 baseline, 0xc2 progressive. */
	frameType: number;
}

export function isJpeg(bytes: Uint8Array): boolean {
	return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Finds the frame header (SOF0-SOF15 except DHT/JPG/DAC) and returns its dimensions. */
export function readJpegHeader(bytes: Uint8Array): JpegHeader {
	if (!isJpeg(bytes)) throw new Error('not a JPEG');
	let offset = 2;
	while (offset + 4 <= bytes.length) {
		if (bytes[offset] !== 0xff) throw new Error('JPEG marker expected');
		const marker = bytes[offset + 1];
		if (marker === 0xff) {
			offset++;
			continue;
		}
		if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
			offset += 2;
			continue;
		}
		const length = (bytes[offset + 2] << 8) | bytes[offset + 3];
		const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
		if (isFrame) {
			if (offset + 10 > bytes.length) break;
			return {
				frameType: marker,
				height: (bytes[offset + 5] << 8) | bytes[offset + 6],
				width: (bytes[offset + 7] << 8) | bytes[offset + 8],
				components: bytes[offset + 9],
			};
		}
		if (marker === 0xda || marker === 0xd9) break;
		offset += 2 + length;
	}
	throw new Error('JPEG without frame header');
}

const ZIGZAG: number[] = (() => {
	const order: number[] = [];
	for (let sum = 0; sum < 15; sum++) {
		const cells: number[] = [];
		for (let row = 0; row < 8; row++) {
			const col = sum - row;
			if (col >= 0 && col < 8) cells.push(row * 8 + col);
		}
		// Even diagonals run bottom-left to top-right, odd ones top-right to bottom-left.
		order.push(...(sum % 2 === 0 ? cells.reverse() : cells));
	}
	return order;
})();

const COSINES: Float64Array = (() => {
	const table = new Float64Array(64);
	for (let u = 0; u < 8; u++) {
		for (let x = 0; x < 8; x++) {
			table[u * 8 + x] =
				((u === 0 ? Math.SQRT1_2 : 1) * Math.cos(((2 * x + 1) * u * Math.PI) / 16)) / 2;
		}
	}
	return table;
})();

const QUANT = 4;
const DC_SYMBOLS = 12;
/** AC symbols: EOB (0x00), ZRL (0xf0) and (run << 4 | size) for run 0-15, size 1-10. */
const AC_SYMBOLS: number[] = [0x00, 0xf0];
for (let run = 0; run < 16; run++)
	for (let size = 1; size <= 10; size++) AC_SYMBOLS.push((run << 4) | size);

/** Fixed-length code: every symbol gets `bits` bits; never all ones (T.81 C.2). */
interface FixedCode {
	bits: number;
	codeOf: Map<number, number>;
	symbols: number[];
}

function fixedCode(symbols: number[], bits: number): FixedCode {
	return { bits, symbols, codeOf: new Map(symbols.map((s, i) => [s, i])) };
}

const DC_CODE = fixedCode(
	Array.from({ length: DC_SYMBOLS }, (_, i) => i),
	4,
);
const AC_CODE = fixedCode(AC_SYMBOLS, 8);

class JpegBitWriter {
	private readonly bytes: number[] = [];
	private acc = 0;
	private count = 0;

	write(value: number, bits: number): void {
		for (let i = bits - 1; i >= 0; i--) {
			this.acc = (this.acc << 1) | ((value >> i) & 1);
			if (++this.count === 8) this.flushByte();
		}
	}

	private flushByte(): void {
		this.bytes.push(this.acc);
		if (this.acc === 0xff) this.bytes.push(0x00);
		this.acc = 0;
		this.count = 0;
	}

	finish(): Buffer {
		while (this.count !== 0) this.write(1, 1);
		return Buffer.from(this.bytes);
	}
}

function magnitudeCategory(value: number): number {
	let abs = Math.abs(value);
	let size = 0;
	while (abs > 0) {
		size++;
		abs >>= 1;
	}
	return size;
}

function writeValue(writer: JpegBitWriter, value: number, size: number): void {
	if (size > 0) writer.write(value < 0 ? value + (1 << size) - 1 : value, size);
}

function forwardDct(block: Float64Array, out: Int32Array): void {
	let uniform = true;
	for (let i = 1; i < 64 && uniform; i++) uniform = block[i] === block[0];
	out.fill(0);
	if (uniform) {
		// A flat block has only a DC term: 64 samples x (1/sqrt2 / 2)^2 = 8 x value.
		out[0] = Math.round((block[0] * 8) / QUANT);
		return;
	}
	const rows = new Float64Array(64);
	for (let y = 0; y < 8; y++) {
		for (let u = 0; u < 8; u++) {
			let sum = 0;
			for (let x = 0; x < 8; x++) sum += COSINES[u * 8 + x] * block[y * 8 + x];
			rows[y * 8 + u] = sum;
		}
	}
	for (let u = 0; u < 8; u++) {
		for (let v = 0; v < 8; v++) {
			let sum = 0;
			for (let y = 0; y < 8; y++) sum += COSINES[v * 8 + y] * rows[y * 8 + u];
			out[v * 8 + u] = Math.round(sum / QUANT);
		}
	}
}

function encodeBlock(writer: JpegBitWriter, coefficients: Int32Array, previousDc: number): number {
	const dc = coefficients[0];
	const diff = dc - previousDc;
	const dcSize = magnitudeCategory(diff);
	writer.write(DC_CODE.codeOf.get(dcSize)!, DC_CODE.bits);
	writeValue(writer, diff, dcSize);
	let run = 0;
	for (let k = 1; k < 64; k++) {
		const value = coefficients[ZIGZAG[k]];
		if (value === 0) {
			run++;
			continue;
		}
		while (run > 15) {
			writer.write(AC_CODE.codeOf.get(0xf0)!, AC_CODE.bits);
			run -= 16;
		}
		const size = magnitudeCategory(value);
		writer.write(AC_CODE.codeOf.get((run << 4) | size)!, AC_CODE.bits);
		writeValue(writer, value, size);
		run = 0;
	}
	if (run > 0) writer.write(AC_CODE.codeOf.get(0x00)!, AC_CODE.bits);
	return dc;
}

function segment(marker: number, payload: number[]): number[] {
	const length = payload.length + 2;
	return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

function huffmanTableSegment(tableClass: number, id: number, code: FixedCode): number[] {
	const counts = new Array<number>(16).fill(0);
	counts[code.bits - 1] = code.symbols.length;
	return [(tableClass << 4) | id, ...counts, ...code.symbols];
}

/** Encodes RGB(A) to a baseline JPEG; alpha is dropped (composited on nothing). */
export function encodeJpeg(raster: Raster): Buffer {
	const { width, height, channels, data } = raster;
	const header: number[] = [
		0xff,
		0xd8,
		...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
		...segment(0xdb, [0x00, ...new Array<number>(64).fill(QUANT)]),
		...segment(0xc0, [
			8,
			height >> 8,
			height & 0xff,
			width >> 8,
			width & 0xff,
			3,
			1,
			0x11,
			0,
			2,
			0x11,
			0,
			3,
			0x11,
			0,
		]),
		...segment(0xc4, [
			...huffmanTableSegment(0, 0, DC_CODE),
			...huffmanTableSegment(1, 0, AC_CODE),
		]),
		...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]),
	];
	const writer = new JpegBitWriter();
	const planes = [new Float64Array(64), new Float64Array(64), new Float64Array(64)];
	const coefficients = new Int32Array(64);
	const previousDc = [0, 0, 0];
	for (let by = 0; by < height; by += 8) {
		for (let bx = 0; bx < width; bx += 8) {
			for (let y = 0; y < 8; y++) {
				const sy = Math.min(by + y, height - 1);
				for (let x = 0; x < 8; x++) {
					const i = (sy * width + Math.min(bx + x, width - 1)) * channels;
					const r = data[i];
					const g = data[i + 1];
					const b = data[i + 2];
					// JFIF YCbCr (full range), level-shifted by 128.
					planes[0][y * 8 + x] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
					planes[1][y * 8 + x] = -0.168736 * r - 0.331264 * g + 0.5 * b;
					planes[2][y * 8 + x] = 0.5 * r - 0.418688 * g - 0.081312 * b;
				}
			}
			for (let c = 0; c < 3; c++) {
				forwardDct(planes[c], coefficients);
				previousDc[c] = encodeBlock(writer, coefficients, previousDc[c]);
			}
		}
	}
	return Buffer.concat([Buffer.from(header), writer.finish(), Buffer.from([0xff, 0xd9])]);
}
