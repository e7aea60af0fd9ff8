import { decodeBase64, checkImage, inspectImage, readInputImage } from '../src/images/inspect.ts';
import { encodeJpeg, readJpegHeader } from '../src/images/jpeg.ts';
import { cachedBase64, clearImageCache, makeTestImage } from '../src/images/output.ts';
import { decodePng, encodePng, readPngHeader } from '../src/images/png.ts';
import { createRaster, pixelAt } from '../src/images/raster.ts';
import { paintEdited, paintGenerated, paintWithoutBackground } from '../src/images/render.ts';
import { encodeWebpLossless, readWebpHeader } from '../src/images/webp.ts';

function gradient(width: number, height: number, channels: 3 | 4) {
	const raster = createRaster(width, height, channels);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const i = (y * width + x) * channels;
			raster.data.set([x & 255, y & 255, (x * y) & 255], i);
			if (channels === 4) raster.data[i + 3] = x % 2 === 0 ? 255 : 0;
		}
	}
	return raster;
}

describe('PNG', () => {
	it.each([3, 4] as const)('round-trips %i-channel pixels exactly', (channels) => {
		const raster = gradient(67, 33, channels);
		const png = encodePng(raster);
		expect(readPngHeader(png)).toMatchObject({
			width: 67,
			height: 33,
			bitDepth: 8,
			colorType: channels === 4 ? 6 : 2,
		});
		expect(readPngHeader(png).hasAlpha).toBe(channels === 4);
		expect(Buffer.from(decodePng(png).data)).toEqual(Buffer.from(raster.data));
	});

	it('encodes a generated 1024x1024 image in well under 100 ms', () => {
		const raster = paintGenerated('speed', 1024, 1024);
		const started = performance.now();
		const png = encodePng(raster);
		expect(performance.now() - started).toBeLessThan(100);
		expect(png.length).toBeLessThan(200_000);
	});
});

describe('JPEG', () => {
	it('writes a baseline frame of the exact size', () => {
		const jpeg = encodeJpeg(gradient(130, 71, 3));
		expect(readJpegHeader(jpeg)).toEqual({
			frameType: 0xc0,
			width: 130,
			height: 71,
			components: 3,
		});
		expect(jpeg.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
	});

	it('rejects bytes that are not JPEG', () => {
		expect(() => readJpegHeader(Buffer.from('not a jpeg'))).toThrow('not a JPEG');
	});
});

describe('WebP', () => {
	it.each([3, 4] as const)(
		'writes a VP8L header with size and alpha flag (%i channels)',
		(channels) => {
			const webp = encodeWebpLossless(gradient(300, 17, channels));
			expect(webp.toString('latin1', 0, 4)).toBe('RIFF');
			expect(webp.readUInt32LE(4)).toBe(webp.length - 8);
			expect(readWebpHeader(webp)).toEqual({
				chunk: 'VP8L',
				width: 300,
				height: 17,
				hasAlpha: channels === 4,
			});
		},
	);

	it('compresses repeated rows with backward references', () => {
		const webp = encodeWebpLossless(paintGenerated('rows', 512, 512));
		expect(webp.length).toBeLessThan(512 * 512 * 0.1);
	});
});

describe('inspectImage and base64', () => {
	it.each(['png', 'jpeg', 'webp'] as const)('identifies %s by magic bytes', (format) => {
		const info = inspectImage(makeTestImage({ width: 96, height: 64, format }));
		expect(info).toMatchObject({ format, width: 96, height: 64 });
	});

	it('reports alpha for RGBA PNG and WebP inputs', () => {
		expect(inspectImage(makeTestImage({ width: 8, height: 8, alpha: true })).hasAlpha).toBe(true);
		expect(
			inspectImage(makeTestImage({ width: 8, height: 8, format: 'webp', alpha: true })).hasAlpha,
		).toBe(true);
		expect(inspectImage(makeTestImage({ width: 8, height: 8 })).hasAlpha).toBe(false);
	});

	it('recognises GIF and unknown bytes without dimensions', () => {
		expect(inspectImage(Buffer.from('GIF89a......')).format).toBe('gif');
		expect(inspectImage(Buffer.from('hello world')).format).toBe('unknown');
	});

	it.each([
		['data URL', 'data:image/png;base64,iVBORw0KGgo='],
		['line breaks', 'iVBO\nRw0KGgo='],
		['URL-safe alphabet', 'iVBO_w0KGgo-'],
		['empty', ''],
	])('rejects %s', (_, text) => {
		expect(decodeBase64(text)).toBeUndefined();
	});

	it('accepts unpadded base64', () => {
		expect(decodeBase64('aGk')).toEqual(Buffer.from('hi'));
	});

	it('checks image rules in order: format, sides, pixels, aspect ratio, bytes', () => {
		const info = readInputImage(makeTestImage({ width: 200, height: 50 }).toString('base64'))!.info;
		expect(checkImage(info, { formats: ['jpeg'] })).toEqual({ kind: 'format', format: 'png' });
		expect(checkImage(info, { formats: ['png'], minSide: 64 })?.kind).toBe('dimensions');
		expect(checkImage(info, { formats: ['png'], maxPixels: 9_999 })?.kind).toBe('dimensions');
		expect(checkImage(info, { formats: ['png'], maxAspectRatio: 2.5 })?.kind).toBe('dimensions');
		expect(checkImage(info, { formats: ['png'], maxBytes: 10 })?.kind).toBe('bytes');
		expect(checkImage(info, { formats: ['png'], minSide: 50, maxAspectRatio: 4 })).toBeUndefined();
	});
});

describe('renderer', () => {
	it('paints different prompts and seeds differently, and the same key identically', () => {
		const a = paintGenerated({ model: 'm', prompt: 'cat', seed: 1 }, 64, 64);
		const b = paintGenerated({ model: 'm', prompt: 'dog', seed: 1 }, 64, 64);
		const c = paintGenerated({ model: 'm', prompt: 'cat', seed: 2 }, 64, 64);
		const again = paintGenerated({ model: 'm', prompt: 'cat', seed: 1 }, 64, 64);
		expect(Buffer.from(a.data)).toEqual(Buffer.from(again.data));
		expect(Buffer.from(a.data)).not.toEqual(Buffer.from(b.data));
		expect(Buffer.from(a.data)).not.toEqual(Buffer.from(c.data));
	});

	it('edits visibly change the input but keep its size', () => {
		const source = paintGenerated('source', 80, 60);
		const edited = paintEdited('edit', source);
		expect([edited.width, edited.height]).toEqual([80, 60]);
		expect(pixelAt(edited, 40, 30)).not.toEqual(pixelAt(source, 40, 30));
	});

	it('background removal makes the corners transparent and keeps the centre', () => {
		const cut = paintWithoutBackground(paintGenerated('subject', 100, 100));
		expect(pixelAt(cut, 0, 0)[3]).toBe(0);
		expect(pixelAt(cut, 50, 50)[3]).toBe(255);
	});
});

describe('output cache', () => {
	beforeEach(() => clearImageCache());

	it('paints once per key', () => {
		const paint = jest.fn(() => paintGenerated('cached', 16, 16));
		const first = cachedBase64('key', paint, 'png');
		expect(cachedBase64('key', paint, 'png')).toBe(first);
		expect(paint).toHaveBeenCalledTimes(1);
	});

	it('evicts the least recently used entry beyond 32 entries', () => {
		const paint = jest.fn(() => paintGenerated('cached', 4, 4));
		for (let i = 0; i <= 32; i++) cachedBase64(`k${i}`, paint, 'png');
		cachedBase64('k32', paint, 'png');
		expect(paint).toHaveBeenCalledTimes(33);
		cachedBase64('k0', paint, 'png');
		expect(paint).toHaveBeenCalledTimes(34);
	});
});

describe('large base64 inputs', () => {
	test('a 6 MB image decodes without overflowing the validator', () => {
		const bytes = Buffer.alloc(6 * 1024 * 1024, 7);
		bytes.set([0x89, 0x50, 0x4e, 0x47], 0);
		expect(decodeBase64(bytes.toString('base64'))?.length).toBe(bytes.length);
		expect(decodeBase64(`${bytes.toString('base64')}\n`)).toBeUndefined();
		expect(decodeBase64('abc=')).toBeDefined();
		expect(decodeBase64('abcde')).toBeUndefined();
		expect(decodeBase64('ab=c')).toBeUndefined();
	});
});
