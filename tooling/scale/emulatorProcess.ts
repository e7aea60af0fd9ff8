/**
 * Starts tooling/scale/emulator.ts in its own process (its CPU time measured apart from the
 * driver's) and waits for its URL in its log.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from '../n8n/paths.ts';
import { spawnInBackground, type BackgroundProcess } from '../n8n/processes.ts';
import type { Options } from './options.ts';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export type Emulator = { url: string; process: BackgroundProcess };

export async function startEmulatorProcess(logsDir: string, options: Options): Promise<Emulator> {
	const child = spawnInBackground(
		process.execPath,
		[
			'--disable-warning=MODULE_TYPELESS_PACKAGE_JSON',
			join(repoRoot(), 'tooling', 'scale', 'emulator.ts'),
			'--latency',
			String(options.latencyMs),
			'--grain',
			String(options.grain),
		],
		{ cwd: repoRoot(), env: process.env, logFile: join(logsDir, 'emulator.log') },
	);
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		const match = /listening on (http:\/\/\S+)/.exec(readText(child.logFile));
		if (match) return { url: match[1], process: child };
		await sleep(100);
	}
	await child.stop();
	throw new Error(`The emulator did not start (log: ${child.logFile})`);
}

function readText(file: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}
