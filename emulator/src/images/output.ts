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
 * Grain added to every output pixel (0 = none, the default). The flat tiles compress to about
 * 20 KB per megapixel, where a real 1024x1024 PNG from Bedrock is 1.5-2 MB; benchmarks that
 * measure decoding, binary storage or memory turn grain on to get outputs of realistic size.
 * Process-wide: it applies to every emulator in this process.
 */
let grain = 0;

export function setOutputGrain(amplitude: number): void {
	grain = Math.max(0, Math.min(127, Math.round(amplitude)));
	cache.clear();
}

/** Deterministic per-pixel noise (xorshift32 seeded from the cache key): same request, same bytes. */
function addGrain(raster: Raster, cacheKey: string): void {
	let state = 2166136261;
	for (let i = 0; i < cacheKey.length; i++)
		state = Math.imul(state ^ cacheKey.charCodeAt(i), 16777619);
	state = state >>> 0 || 1;
	const { data } = raster;
	const span = grain * 2 + 1;
	for (let i = 0; i < data.length; i++) {
		if (raster.channels === 4 && i % 4 === 3) continue;
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		state >>>= 0;
		const value = data[i] + (state % span) - grain;
		data[i] = value < 0 ? 0 : value > 255 ? 255 : value;
	}
}

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
	const raster = paint();
	if (grain > 0) addGrain(raster, cacheKey);
	const base64 = encodeImage(raster, format).toString('base64');
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
