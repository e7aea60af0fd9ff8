/**
 * What a scale run reports: the checks of a wave, and the figures table of the measured waves
 * (printed, and written to artifacts/scale/figures.md and results.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { artifactsDir } from '../n8n/paths.ts';
import type { CheckResult } from './checks.ts';
import { coreCount } from './cpu.ts';
import type { Options } from './options.ts';

export type WaveResult = {
	label: string;
	workers: number;
	nodeConcurrency: number;
	executions: number;
	images: number;
	inFlight: number;
	/** Bedrock calls in flight on average over the wave (from the emulator's durations). */
	averageInFlight: number;
	seconds: number;
	imagesPerMinute: number;
	idealPerMinute: number;
	cpu: { perComponent: Record<string, number>; ours: number; machine: number; wallSeconds: number };
	perWorker: string;
	checks: CheckResult[];
};

export function printChecks(result: WaveResult): boolean {
	process.stdout.write(
		`\nChecks (${result.label}: ${result.executions} executions, ${result.images} images, ${result.seconds.toFixed(1)} s)\n`,
	);
	for (const check of result.checks) {
		process.stdout.write(`  ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}\n`);
	}
	return result.checks.every((check) => check.ok);
}

const COMPONENTS = ['workers', 'main', 'postgres', 'redis', 'emulator'];

export function figuresTable(results: WaveResult[], options: Options): string {
	const cores = coreCount();
	const columns = [
		'Workers',
		'Node concurrency',
		'Executions',
		'Images',
		'In flight: possible / average',
		'Seconds',
		'Images/min',
		'Ideal/min',
		'Efficiency',
		'CPU busy: ours / others',
		`CPU s per 100 images: ${COMPONENTS.join(' / ')}`,
	];
	const rows = results.map((result) => {
		const capacity = result.cpu.wallSeconds * cores;
		const others = Math.max(0, result.cpu.machine - result.cpu.ours);
		const percent = (value: number) => `${(value * 100).toFixed(0)} %`;
		const per100 = (label: string) =>
			(((result.cpu.perComponent[label] ?? 0) / result.images) * 100).toFixed(1);
		return [
			result.workers,
			result.nodeConcurrency,
			result.executions,
			result.images,
			`${result.inFlight} / ${result.averageInFlight.toFixed(1)}`,
			result.seconds.toFixed(1),
			result.imagesPerMinute.toFixed(0),
			result.idealPerMinute.toFixed(0),
			percent(result.imagesPerMinute / result.idealPerMinute),
			`${percent(result.cpu.ours / capacity)} / ${percent(others / capacity)}`,
			COMPONENTS.map(per100).join(' / '),
		];
	});
	return [
		`Images per minute: ${options.prompts} prompts per execution, ${options.latencyMs} ms per image (emulator), worker concurrency ${options.workerConcurrency};`,
		`one wave = workers × worker concurrency executions triggered at once. ${cores} cores; ${
			options.database === 'postgres' ? 'PostgreSQL' : 'SQLite'
		}; ${options.grain > 0 ? `image grain ${options.grain} (about 1.7 MB per PNG)` : 'flat images (about 20 KB per PNG)'}${Object.entries(
			options.n8nEnv,
		)
			.map(([key, value]) => `; ${key}=${value}`)
			.join('')}.`,
		'',
		`| ${columns.join(' | ')} |`,
		`|${columns.map((_, index) => (index < 10 ? '---:' : '---')).join('|')}|`,
		...rows.map((row) => `| ${row.join(' | ')} |`),
	].join('\n');
}

/** Prints the figures and writes them to artifacts/scale/ (figures.md, results.json). */
export function saveFigures(results: WaveResult[], options: Options, load: string): void {
	const table = figuresTable(results, options);
	process.stdout.write(`\n${table}\n\n${load}\n`);
	const out = join(artifactsDir(), '..', 'scale');
	mkdirSync(out, { recursive: true });
	writeFileSync(join(out, 'figures.md'), `${table}\n\n${load}\n`);
	writeFileSync(
		join(out, 'results.json'),
		`${JSON.stringify({ options, results, at: new Date().toISOString() }, null, 2)}\n`,
	);
}
