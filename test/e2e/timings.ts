/**
 * Durations measured by the end-to-end tests, kept in artifacts/e2e/timings.json (merged across
 * test files and runs, newest value per step) so a run's figures can be read after the fact.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { artifactsDir } from '../../tooling/n8n/paths.ts';

type TimingsFile = Record<string, { seconds: number; at: string }>;

export function recordTiming(step: string, seconds: number): void {
	const file = join(artifactsDir(), 'timings.json');
	mkdirSync(artifactsDir(), { recursive: true });
	const timings: TimingsFile = existsSync(file)
		? (JSON.parse(readFileSync(file, 'utf8')) as TimingsFile)
		: {};
	timings[step] = { seconds: Math.round(seconds * 10) / 10, at: new Date().toISOString() };
	writeFileSync(file, `${JSON.stringify(timings, null, 2)}\n`);
	process.stdout.write(`[e2e timing] ${step}: ${seconds.toFixed(1)} s\n`);
}

/** Runs `work` and records how long it took. */
export async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	const result = await work();
	recordTiming(step, (Date.now() - started) / 1000);
	return result;
}
