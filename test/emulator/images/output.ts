/**
 * Encoding of emulator outputs, with a small LRU cache so that repeated identical requests
 * (benchmarks, retries) measure the emulator's protocol handling, not its encoders.
 */
import { encodeJpeg } from './jpeg.ts';
import { encodePng } from './png.ts';
import type { Raster } from './raster.ts';
import { paintGenerated } from './render.ts';
import type { ImageFormat } from './inspect.ts';
import { encodeWebpLossless } from './webp.ts';

export function encodeImage(raster: Raster, format: ImageFormat): Buffer {
	if (format === 'jpeg') return encodeJpeg(raster);
	if (format === 'webp') return encodeWebpLossless(raster);
	return encodePng(raster);
}

const CACHE_LIMIT = 32;
const cache = new Map<string, string>();

/**
 * The base64 image for `cacheKey`, painting and encoding it only on a miss. The key must
 * name everything the pixels depend on: model, prompt, seed, size, format, variant, inputs.
 */
export function cachedBase64(cacheKey: string, paint: () => Raster, format: ImageFormat): string {
	const hit = cache.get(cacheKey);
	if (hit !== undefined) {
		cache.delete(cacheKey);
		cache.set(cacheKey, hit);
		return hit;
	}
	const base64 = encodeImage(paint(), format).toString('base64');
	cache.set(cacheKey, base64);
	if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
	return base64;
}

export function clearImageCache(): void {
	cache.clear();
}

export interface TestImageOptions {
	width: number;
	height: number;
	format?: ImageFormat;
	/** RGBA (PNG and WebP only); the right half is fully transparent. */
	alpha?: boolean;
	/** Changes the colours, for tests that need two different images of one size. */
	label?: string;
}

/** A valid image of the given size and format, for tests that need inputs. */
export function makeTestImage(options: TestImageOptions): Buffer {
	const { width, height, format = 'png', alpha = false, label = 'test-image' } = options;
	const rgb = paintGenerated(label, width, height);
	if (!alpha || format === 'jpeg') return encodeImage(rgb, format);
	const rgba: Raster = { width, height, channels: 4, data: new Uint8Array(width * height * 4) };
	for (let p = 0; p < width * height; p++) {
		rgba.data.set(rgb.data.subarray(p * 3, p * 3 + 3), p * 4);
		rgba.data[p * 4 + 3] = p % width < width / 2 ? 255 : 0;
	}
	return encodeImage(rgba, format);
}

/** Same as makeTestImage, base64-encoded for request bodies. */
export function makeTestImageBase64(options: TestImageOptions): string {
	return makeTestImage(options).toString('base64');
}
