/**
 * Output grain: benchmarks need outputs of the size Bedrock returns (a 1024x1024 PNG is
 * 1.5-2 MB), not the emulator's flat tiles (about 20 KB).
 */
import { decodePng } from '../src/images/png.ts';
import { cachedBase64, setOutputGrain } from '../src/images/output.ts';
import { paintGenerated } from '../src/images/render.ts';

afterEach(() => setOutputGrain(0));

const png = (key: string) =>
	Buffer.from(
		cachedBase64(key, () => paintGenerated('grain', 1024, 1024), 'png'),
		'base64',
	);

test('off by default: flat tiles compress to a few tens of KB', () => {
	expect(png('off').length).toBeLessThan(100_000);
});

test('grain 4 gives a realistic, decodable, deterministic 1024x1024 PNG', () => {
	setOutputGrain(4);
	const first = png('on');
	expect(first.length).toBeGreaterThan(1_000_000);
	expect(first.length).toBeLessThan(3_000_000);
	const raster = decodePng(first);
	expect([raster.width, raster.height]).toEqual([1024, 1024]);
	// Changing the setting clears the cache, so this encodes again: same request, same bytes.
	setOutputGrain(4);
	expect(png('on').equals(first)).toBe(true);
});
