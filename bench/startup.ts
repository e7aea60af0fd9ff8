/**
 * Scenario 4: what n8n pays at start-up for the pack. `scripts/measure-load.js` loads every node
 * and credential module the pack registers and instantiates each class (as n8n does to read
 * descriptions), in a fresh process each time, and lists any `@aws-sdk`/`@smithy` module that
 * got loaded (there must be none: the SDK loads on the first call).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import type { Row } from './lib.ts';
import { fmt, log, median } from './lib.ts';

const run = promisify(execFile);

interface LoadResult {
	loadMs: number;
	files: number;
	classes: string[];
	awsSdkModules: string[];
}

export async function startup(quick: boolean): Promise<Row[]> {
	const runs = quick ? 3 : 21;
	const results: LoadResult[] = [];
	for (let i = 0; i < runs; i++) {
		const { stdout } = await run(process.execPath, ['scripts/measure-load.js']);
		results.push(JSON.parse(stdout) as LoadResult);
	}
	const times = results.map((result) => result.loadMs);
	const loadMs = median(times);
	const sdkLoaded = [...new Set(results.flatMap((result) => result.awsSdkModules))];
	log(`4: ${runs} fresh processes, load times ${times.map((ms) => ms.toFixed(1)).join(' ')} ms`);
	return [
		{
			scenario: `4. Start-up: load and instantiate every node and credential module (${results[0].files} files), median of ${runs} fresh processes`,
			node: fmt.ms(loadMs),
			raw: '–',
			ratio: '–',
			target: '≤ 10 ms, no @aws-sdk',
			met: loadMs <= 10 && sdkLoaded.length === 0,
			notes: [
				`min ${fmt.ms(Math.min(...times))}, max ${fmt.ms(Math.max(...times))}; AWS SDK modules loaded: ${sdkLoaded.length === 0 ? 'none' : sdkLoaded.join(', ')}`,
			],
		},
	];
}
