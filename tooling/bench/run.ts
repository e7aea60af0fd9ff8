/**
 * `npm run bench`: the pack against the raw AWS SDK, against the offline emulator (docs/benchmark.md).
 *
 *   npm run bench                      all seven scenarios, then the table
 *   npm run bench -- --quick           a tiny version of each (CI: checks it completes, not the numbers)
 *   npm run bench -- --only 1,3        some scenarios
 *   npm run bench -- --repeats 5       repeats of the interleaved node/raw pairs (default 3)
 *   npm run bench -- --write           also put the results into docs/benchmark.md
 *
 * Needs dist/ built (the npm script builds it). The emulator runs in a child process; the node
 * runs inside real n8n-core (tooling/harness/n8n.ts) in this process, interleaved with the raw SDK
 * loop, so both sides see the same machine load.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';

import { getEngine } from '../harness/n8n.ts';
import { footprint } from './footprint.ts';
import { batchSpeedUp, perItemOverhead } from './image.ts';
import { type BenchEmulator, type Row, log, startBenchEmulator } from './lib.ts';
import { memory } from './memory.ts';
import { startup } from './startup.ts';
import { textScenario } from './text.ts';
import { videoDownload } from './video.ts';

const DOC = 'docs/benchmark.md';
const START_MARK = '<!-- bench:results:start -->';
const END_MARK = '<!-- bench:results:end -->';

function machine(): string {
	const cpus = os.cpus();
	const load = os
		.loadavg()
		.map((value) => value.toFixed(2))
		.join(', ');
	return [
		`${cpus.length} cores, ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
		`${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM`,
		`${os.type()} ${os.release()}`,
		`Node ${process.version}`,
		`load average ${load}`,
		new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
	].join(' · ');
}

function table(rows: Row[]): string {
	const met = (row: Row) => (row.met === undefined ? '–' : row.met ? 'yes' : '**no**');
	const lines = [
		'| Scenario | Node | Raw SDK | Ratio | Target | Met? |',
		'|---|---|---|---|---|---|',
		...rows.map(
			(row) =>
				`| ${row.scenario} | ${row.node} | ${row.raw} | ${row.ratio} | ${row.target} | ${met(row)} |`,
		),
	];
	const notes = rows.flatMap((row) =>
		(row.notes ?? []).map((note) => `- ${row.scenario.split(':')[0]}: ${note}`),
	);
	return [...lines, '', ...notes].join('\n');
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			quick: { type: 'boolean', default: false },
			only: { type: 'string' },
			repeats: { type: 'string', default: '3' },
			write: { type: 'boolean', default: false },
		},
	});
	const quick = values.quick;
	const repeats = Math.max(1, Number(values.repeats) || 3);
	const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : undefined;
	const wanted = (id: string) => !only || only.has(id);

	// n8n's production default; the harness would log at debug level.
	process.env.N8N_LOG_LEVEL ??= 'info';
	const startedMachine = machine();
	log(`${quick ? 'quick run' : 'full run'} on ${startedMachine}`);
	await getEngine();

	let emulator: BenchEmulator | undefined;
	const needsEmulator = ['1', '2', '3', '6', '7'].some(wanted);
	if (needsEmulator) emulator = await startBenchEmulator(quick ? 0 : 4);
	const rows: Row[] = [];
	const failures: string[] = [];
	const scenarios: Array<[string, () => Promise<Row[]>]> = [
		['1', () => perItemOverhead(emulator!, { quick, repeats })],
		['2', () => batchSpeedUp(emulator!, { quick, repeats })],
		['3', () => memory(emulator!, quick)],
		['4', () => startup(quick)],
		['5', () => footprint(quick)],
		['6', () => textScenario(emulator!, { quick, repeats })],
		['7', () => videoDownload(emulator!, quick)],
	];
	try {
		for (const [id, scenario] of scenarios) {
			if (!wanted(id)) continue;
			log(`scenario ${id}…`);
			try {
				if (emulator) await emulator.reset();
				rows.push(...(await scenario()));
			} catch (error) {
				failures.push(`scenario ${id}: ${error instanceof Error ? error.stack : String(error)}`);
			}
		}
	} finally {
		await emulator?.stop();
	}

	// A quick run checks that every scenario completes; its tiny sizes say nothing about targets.
	if (quick) for (const row of rows) row.met = undefined;
	const result = [
		`Machine: ${startedMachine}${quick ? ' · --quick (tiny sizes: the numbers mean nothing)' : ''}`,
		'',
		table(rows),
	].join('\n');
	process.stdout.write(`\n${result}\n`);
	if (values.write && !quick) {
		const doc = readFileSync(DOC, 'utf8');
		const start = doc.indexOf(START_MARK);
		const end = doc.indexOf(END_MARK);
		if (start < 0 || end < start) throw new Error(`${DOC} lacks the results markers`);
		writeFileSync(
			DOC,
			`${doc.slice(0, start + START_MARK.length)}\n\n${result}\n\n${doc.slice(end)}`,
		);
		log(`results written to ${DOC}`);
	}
	if (failures.length > 0) {
		process.stderr.write(`\n${failures.join('\n\n')}\n`);
		process.exit(1);
	}
	// The engine's timers (binary data, n8n internals) would keep the process alive.
	process.exit(0);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
