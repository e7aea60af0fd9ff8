/**
 * Scenario 4: what n8n pays at start-up for the pack. `tooling/measure-load.js`, in a fresh
 * process each time:
 *
 * - start-up: n8n 2.x loads installed community packages with n8n-core's
 *   `LazyPackageDirectoryLoader`, which reads the metadata our build generates (dist/known,
 *   dist/types) and loads none of the pack's code; the target applies to this;
 * - first use: loading every node and credential module and instantiating each class, what n8n
 *   pays when a workflow first uses a node (or at start-up for a package without metadata).
 *
 * Either way no `@aws-sdk`/`@smithy` module may load: the SDK loads on the first call.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import type { Row } from './lib.ts';
import { fmt, log, median } from './lib.ts';

const run = promisify(execFile);

interface LoadResult {
	loadMs: number;
	files: number;
	awsSdkModules: string[];
	startup: {
		ms: number;
		cpuMs: number;
		lazy: boolean;
		modulesLoaded: string[];
		awsSdkModules: string[];
	};
}

export async function startup(quick: boolean): Promise<Row[]> {
	const runs = quick ? 3 : 21;
	const results: LoadResult[] = [];
	for (let i = 0; i < runs; i++) {
		const { stdout } = await run(process.execPath, ['--expose-gc', 'tooling/measure-load.js']);
		results.push(JSON.parse(stdout) as LoadResult);
	}
	const startupMs = median(results.map((result) => result.startup.ms));
	const startupCpuMs = median(results.map((result) => result.startup.cpuMs));
	const firstUseMs = median(results.map((result) => result.loadMs));
	const lazy = results.every((result) => result.startup.lazy);
	const packModules = [...new Set(results.flatMap((result) => result.startup.modulesLoaded))];
	const sdkLoaded = [
		...new Set(
			results.flatMap((result) => [...result.awsSdkModules, ...result.startup.awsSdkModules]),
		),
	];
	log(
		`4: ${runs} fresh processes: start-up ${results.map((result) => result.startup.ms.toFixed(1)).join(' ')} ms; first use ${results.map((result) => result.loadMs.toFixed(1)).join(' ')} ms`,
	);
	return [
		{
			scenario: `4. Start-up: n8n's lazy package loader on the pack (metadata read, no code loaded), median of ${runs} fresh processes`,
			node: fmt.ms(startupMs),
			raw: '–',
			ratio: '–',
			target: '≤ 10 ms, no @aws-sdk',
			met: startupMs <= 10 && lazy && packModules.length === 0 && sdkLoaded.length === 0,
			notes: [
				`CPU ${fmt.ms(startupCpuMs)}; loaded lazily: ${lazy ? 'yes' : 'NO'}; pack modules loaded at start-up: ${packModules.length === 0 ? 'none' : packModules.join(', ')}; AWS SDK modules loaded (start-up or first use): ${sdkLoaded.length === 0 ? 'none' : sdkLoaded.join(', ')}`,
			],
		},
		{
			scenario: `4. First use: load and instantiate every node and credential module (${results[0].files} files)`,
			node: fmt.ms(firstUseMs),
			raw: '–',
			ratio: '–',
			target: 'reported',
		},
	];
}
