/**
 * Scenario 3: peak RSS growth while the node makes 25, 50 and 100 images of 1024x1024 in n8n's
 * filesystem binary-data mode, each count in a fresh process (`memoryChild.ts`). The images
 * go to disk as they arrive, so the growth should not depend on the count.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import type { BenchEmulator, Row } from './lib.ts';
import { TS_FLAGS, fmt, log } from './lib.ts';

const run = promisify(execFile);

/** "Flat": 100 images may cost at most this much more than 25 (less than 10 images' bytes). */
const FLAT_TOLERANCE = 16 * 1024 * 1024;
const TARGET = 64 * 1024 * 1024;

interface Measurement {
	count: number;
	baselineRss: number;
	peakRss: number;
	growth: number;
	samples: number;
	wallMs: number;
}

export async function memory(emulator: BenchEmulator, quick: boolean): Promise<Row[]> {
	const counts = quick ? [4] : [25, 50, 100];
	const concurrency = quick ? 2 : 8;
	await emulator.configure({ latencyMs: quick ? 0 : 100 });
	const results: Measurement[] = [];
	for (const count of counts) {
		const { stdout } = await run(
			process.execPath,
			[
				...TS_FLAGS,
				'--expose-gc',
				'bench/memoryChild.ts',
				emulator.url,
				String(count),
				String(concurrency),
			],
			{ maxBuffer: 1024 * 1024 },
		);
		const measurement = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Measurement;
		results.push(measurement);
		log(
			`3: ${count} images: baseline ${fmt.mb(measurement.baselineRss)}, peak ${fmt.mb(measurement.peakRss)}, growth ${fmt.mb(measurement.growth)} (${measurement.samples} samples, ${fmt.s(measurement.wallMs)})`,
		);
	}
	const worst = Math.max(...results.map((result) => result.growth));
	const spread = results.at(-1)!.growth - results[0].growth;
	const flat = spread <= FLAT_TOLERANCE;
	return [
		{
			scenario: `3. Memory: peak RSS growth, ${counts.join('/')} images 1024x1024 (filesystem binary mode, concurrency ${concurrency})`,
			node: results.map((result) => fmt.mb(result.growth)).join(' / '),
			raw: '–',
			ratio: '–',
			target: '≤ 64 MB, flat',
			met: worst <= TARGET && (quick || flat),
			notes: [
				`each count in a fresh process after a warm-up; baseline RSS ${results.map((result) => fmt.mb(result.baselineRss)).join(' / ')}; "flat": ${counts.at(-1)} images within ${fmt.mb(FLAT_TOLERANCE)} of ${counts[0]} (here ${fmt.mb(spread)})`,
			],
		},
	];
}
