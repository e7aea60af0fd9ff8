/**
 * Paints the emulator's "generated" images. Nothing is generated for real: a blocky pattern
 * whose palette and tile size derive from (model, prompt, seed, variant) lets a person tell
 * outputs apart, and edits are visibly transformed copies of their input (tinted and framed,
 * background made transparent, scaled, extended). Flat tiles keep every encoder fast.
 */
import { createHash } from 'node:crypto';
import { decodePng } from './png.ts';
import { createRaster, type Raster } from './raster.ts';
import type { InputImage } from './inspect.ts';

type Rgb = [number, number, number];

export interface PaintKey {
	model: string;
	prompt: string;
	seed: number;
	/** Index among the images of one request, so that numberOfImages > 1 gives distinct images. */
	variant?: number;
}

function digest(key: PaintKey | string): Buffer {
	const text =
		typeof key === 'string'
			? key
			: JSON.stringify([key.model, key.prompt, key.seed, key.variant ?? 0]);
	return createHash('sha256').update(text).digest();
}

function hslToRgb(hue: number, saturation: number, lightness: number): Rgb {
	const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
	const sector = (hue % 360) / 60;
	const second = chroma * (1 - Math.abs((sector % 2) - 1));
	const [r, g, b] = [
		[chroma, second, 0],
		[second, chroma, 0],
		[0, chroma, second],
		[0, second, chroma],
		[second, 0, chroma],
		[chroma, 0, second],
	][Math.floor(sector) % 6];
	const m = lightness - chroma / 2;
	return [r, g, b].map((v) => Math.round((v + m) * 255)) as Rgb;
}

function paletteOf(hash: Buffer): Rgb[] {
	const hue = ((hash[0] << 8) | hash[1]) % 360;
	return [0, 90, 180, 270].map((offset, i) =>
		hslToRgb(hue + offset, 0.55 + (hash[2 + i] % 40) / 100, 0.3 + 0.12 * i),
	);
}

function fillRect(
	raster: Raster,
	x0: number,
	y0: number,
	w: number,
	h: number,
	color: Rgb,
	alpha = 255,
): void {
	const { width, height, channels, data } = raster;
	const x1 = Math.min(width, x0 + w);
	const y1 = Math.min(height, y0 + h);
	for (let y = Math.max(0, y0); y < y1; y++) {
		for (let x = Math.max(0, x0); x < x1; x++) {
			const i = (y * width + x) * channels;
			data[i] = color[0];
			data[i + 1] = color[1];
			data[i + 2] = color[2];
			if (channels === 4) data[i + 3] = alpha;
		}
	}
}

/** The accent colour of a key: frames edits and marks the top band of generations. */
export function accentColor(key: PaintKey | string): Rgb {
	return paletteOf(digest(key))[0];
}

/** A new image: tiles of a four-colour palette under a band in the accent colour. */
export function paintGenerated(key: PaintKey | string, width: number, height: number): Raster {
	const hash = digest(key);
	const palette = paletteOf(hash);
	const tile = 32 << hash[6] % 3;
	const raster = createRaster(width, height, 3);
	for (let ty = 0; ty * tile < height; ty++) {
		for (let tx = 0; tx * tile < width; tx++) {
			const color = palette[(tx * 7 + ty * 13 + hash[8 + ((tx + ty) % 16)]) % 4];
			fillRect(raster, tx * tile, ty * tile, tile, tile, color);
		}
	}
	fillRect(raster, 0, 0, width, Math.max(4, Math.round(height / 12)), palette[0]);
	return raster;
}

/** What a filtered SDXL artifact looks like: blurred beyond recognition, i.e. one flat colour. */
export function paintBlurred(key: PaintKey | string, width: number, height: number): Raster {
	const palette = paletteOf(digest(key));
	const mean = [0, 1, 2].map((c) => Math.round(palette.reduce((s, p) => s + p[c], 0) / 4)) as Rgb;
	const raster = createRaster(width, height, 3);
	fillRect(raster, 0, 0, width, height, mean);
	return raster;
}

/**
 * Recently decoded inputs by content hash. Clients send the same input image with many prompts
 * and settings (a batch, the fault suite's fuzz), each a cache miss for the output cache;
 * decoding it again each time was the emulator's largest cost there. Rasters handed out are
 * only read (every renderer paints into a new raster).
 */
const decodedInputs = new Map<string, Raster>();
const DECODED_INPUTS = 8;
/** Larger inputs are decoded every time rather than held (about 16 MB each as RGBA). */
const CACHED_INPUT_PIXELS = 4_194_304;

function decodeInput(input: InputImage): Raster {
	const key = `${input.hash}:${input.bytes.length}`;
	const hit = decodedInputs.get(key);
	if (hit) {
		decodedInputs.delete(key);
		decodedInputs.set(key, hit);
		return hit;
	}
	const raster = decodePng(input.bytes);
	if (raster.width * raster.height <= CACHED_INPUT_PIXELS) {
		decodedInputs.set(key, raster);
		if (decodedInputs.size > DECODED_INPUTS) {
			decodedInputs.delete(decodedInputs.keys().next().value as string);
		}
	}
	return raster;
}

/** The input's pixels when the emulator can decode them (PNG), else a stand-in derived from its bytes. */
export function inputRaster(input: InputImage): Raster {
	if (input.info.format === 'png') {
		try {
			return decodeInput(input);
		} catch {
			// Fall through to the stand-in: 16-bit or interlaced PNGs are valid but not decoded here.
		}
	}
	return paintGenerated(`input:${input.hash}`, input.info.width, input.info.height);
}

export function resizeNearest(source: Raster, width: number, height: number): Raster {
	const out = createRaster(width, height, source.channels);
	const { channels } = source;
	for (let y = 0; y < height; y++) {
		const sy = Math.min(source.height - 1, Math.floor((y * source.height) / height));
		for (let x = 0; x < width; x++) {
			const sx = Math.min(source.width - 1, Math.floor((x * source.width) / width));
			const s = (sy * source.width + sx) * channels;
			const d = (y * width + x) * channels;
			for (let c = 0; c < channels; c++) out.data[d + c] = source.data[s + c];
		}
	}
	return out;
}

/**
 * A visibly edited copy: the input blended 40% towards the key's accent colour, inside a
 * frame of that colour, drawn onto a canvas of the given size at (offsetX, offsetY) over a
 * generated background (outpainting extends the canvas; other edits use offset 0).
 */
export function paintEdited(
	key: PaintKey | string,
	source: Raster,
	canvas: { width: number; height: number; offsetX?: number; offsetY?: number } = {
		width: source.width,
		height: source.height,
	},
): Raster {
	const accent = accentColor(key);
	const out = paintGenerated(key, canvas.width, canvas.height);
	const offsetX = canvas.offsetX ?? 0;
	const offsetY = canvas.offsetY ?? 0;
	for (let y = 0; y < source.height; y++) {
		for (let x = 0; x < source.width; x++) {
			const s = (y * source.width + x) * source.channels;
			const d = ((y + offsetY) * canvas.width + x + offsetX) * 3;
			for (let c = 0; c < 3; c++)
				out.data[d + c] = Math.round(source.data[s + c] * 0.6 + accent[c] * 0.4);
		}
	}
	const frame = Math.max(2, Math.round(Math.min(canvas.width, canvas.height) / 40));
	fillRect(out, 0, 0, canvas.width, frame, accent);
	fillRect(out, 0, canvas.height - frame, canvas.width, frame, accent);
	fillRect(out, 0, 0, frame, canvas.height, accent);
	fillRect(out, canvas.width - frame, 0, frame, canvas.height, accent);
	return out;
}

/** Background removal: the input kept inside a centred ellipse, fully transparent outside. */
export function paintWithoutBackground(source: Raster): Raster {
	const { width, height } = source;
	const out = createRaster(width, height, 4);
	const [cx, cy, rx, ry] = [width / 2, height / 2, width * 0.4, height * 0.45];
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const inside = ((x + 0.5 - cx) / rx) ** 2 + ((y + 0.5 - cy) / ry) ** 2 <= 1;
			if (!inside) continue;
			const s = (y * width + x) * source.channels;
			const d = (y * width + x) * 4;
			out.data[d] = source.data[s];
			out.data[d + 1] = source.data[s + 1];
			out.data[d + 2] = source.data[s + 2];
			out.data[d + 3] = 255;
		}
	}
	return out;
}

/** The mask an editing model reports: black (edited) centre rectangle on white. */
export function paintMask(width: number, height: number): Raster {
	const out = createRaster(width, height, 3);
	out.data.fill(255);
	fillRect(
		out,
		Math.round(width / 4),
		Math.round(height / 4),
		Math.round(width / 2),
		Math.round(height / 2),
		[0, 0, 0],
	);
	return out;
}
