/**
 * Scenario 3: peak RSS growth while the node makes 25, 50 and 100 images of 1024x1024 in n8n's
 * filesystem binary-data mode, one at a time and at the node's default concurrency, each
 * measurement in a fresh process (`memoryChild.ts`), median of three. The raw SDK loop that
 * writes the same images to files is measured the same way for comparison. The images go to
 * disk as they arrive, so the growth should not depend on the count; what remains is the
 * answers in flight and the garbage collector's pace.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

import type { BenchEmulator, PeakMeasurement, Row } from './lib.ts';
import { fmt, log, median, runMeasurementChild } from './lib.ts';

/** "Flat": 100 images may cost at most this much more than 25 (less than 10 images' bytes). */
const FLAT_TOLERANCE = 16 * 1024 * 1024;
const TARGET = 64 * 1024 * 1024;
/** Bedrock Image's default Concurrency, read from the built node. */
const DEFAULT_CONCURRENCY = (
	createRequire(path.join(process.cwd(), 'package.json'))(
		'./dist/nodes/BedrockImage/actions/options.js',
	) as { IMAGE_CONCURRENCY: number }
).IMAGE_CONCURRENCY;

type Measurement = PeakMeasurement & { count: number };

async function measureOnce(
	emulator: BenchEmulator,
	count: number,
	concurrency: number,
	side: 'node' | 'raw',
): Promise<Measurement> {
	return await runMeasurementChild<Measurement>('tooling/bench/memoryChild.ts', [
		emulator.url,
		String(count),
		String(concurrency),
		side,
	]);
}

/** Median growth per count for one side and concurrency, logged as it goes. */
async function series(
	emulator: BenchEmulator,
	counts: number[],
	repeats: number,
	concurrency: number,
	side: 'node' | 'raw',
): Promise<{ growth: number[]; baselines: number[] }> {
	const growth: number[] = [];
	const baselines: number[] = [];
	for (const count of counts) {
		const runs: Measurement[] = [];
		for (let r = 0; r < repeats; r++)
			runs.push(await measureOnce(emulator, count, concurrency, side));
		growth.push(median(runs.map((m) => m.growth)));
		baselines.push(median(runs.map((m) => m.baselineRss)));
		log(
			`3: ${side}, concurrency ${concurrency}, ${count} images: growth ${runs.map((m) => fmt.mb(m.growth)).join(', ')} (${runs[0].samples} samples, ${fmt.s(runs[0].wallMs)})`,
		);
	}
	return { growth, baselines };
}

export async function memory(emulator: BenchEmulator, quick: boolean): Promise<Row[]> {
	const counts = quick ? [4] : [25, 50, 100];
	const repeats = quick ? 1 : 3;
	await emulator.configure({ latencyMs: quick ? 0 : 100 });
	const rows: Row[] = [];
	for (const concurrency of quick ? [2] : [1, DEFAULT_CONCURRENCY]) {
		const node = await series(emulator, counts, repeats, concurrency, 'node');
		const raw = await series(emulator, counts, repeats, concurrency, 'raw');
		const worst = Math.max(...node.growth);
		const spread = node.growth.at(-1)! - node.growth[0];
		rows.push({
			scenario: `3. Memory: peak RSS growth, ${counts.join('/')} images 1024x1024, filesystem binary mode, concurrency ${concurrency}${concurrency === DEFAULT_CONCURRENCY ? ' (the default)' : ''}, median of ${repeats} fresh processes`,
			node: node.growth.map(fmt.mb).join(' / '),
			raw: raw.growth.map(fmt.mb).join(' / '),
			ratio: '–',
			target: '≤ 64 MB, flat',
			met: worst <= TARGET && (quick || spread <= FLAT_TOLERANCE),
			notes: [
				`baseline RSS ${node.baselines.map(fmt.mb).join(' / ')} (n8n-core loaded, warmed up, collected); "flat": ${counts.at(-1)} images within ${fmt.mb(FLAT_TOLERANCE)} of ${counts[0]} (here ${fmt.mb(spread)}); the raw SDK loop writes each image to a file as the node's binary store does`,
			],
		});
	}
	return rows;
}
