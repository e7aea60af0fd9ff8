/**
 * Decoded input images are kept by content: the same input sent with other prompts or settings
 * is not decoded again (the fault suite's fuzz sends a few inputs hundreds of times).
 */
import { readInputImage } from '../src/images/inspect.ts';
import { makeTestImageBase64 } from '../src/images/output.ts';
import { decodePng } from '../src/images/png.ts';
import { inputRaster } from '../src/images/render.ts';

test('the same bytes give the same decoded raster; other bytes their own', () => {
	const base64 = makeTestImageBase64({ width: 96, height: 64, label: 'cache-a' });
	const first = inputRaster(readInputImage(base64)!);
	const again = inputRaster(readInputImage(base64)!);
	expect(again).toBe(first);
	expect(
		Buffer.from(first.data).equals(Buffer.from(decodePng(Buffer.from(base64, 'base64')).data)),
	).toBe(true);

	const other = inputRaster(
		readInputImage(makeTestImageBase64({ width: 96, height: 64, label: 'cache-b' }))!,
	);
	expect(other).not.toBe(first);
	expect(Buffer.from(other.data).equals(Buffer.from(first.data))).toBe(false);
});
