/**
 * The options of `npm run scale` (docs/scale.md): parsed from the command line and checked, with
 * the quick CI form's defaults (`--quick`).
 */
import { parseArgs } from 'node:util';

export type Options = {
	quick: boolean;
	workers: number[];
	nodeConcurrency: number[];
	workerConcurrency: number;
	prompts: number;
	latencyMs: number;
	grain: number;
	database: 'postgres' | 'sqlite';
	/** Extra environment for every n8n process, e.g. DB_POSTGRESDB_POOL_SIZE=4. */
	n8nEnv: Record<string, string>;
	keep: boolean;
};

export const USAGE = `npm run scale -- [--quick] [--workers 1,2,4] [--node-concurrency 1,4] [--worker-concurrency 5]
                    [--prompts 100] [--latency 2000] [--grain 0] [--database sqlite] [--env K=V] [--keep]
  --quick               CI form: checks only, 2 workers, 10 prompts, 200 ms per image
  --workers             worker counts to measure (none: checks only)
  --node-concurrency    values of Generate Images → Options → Concurrency to measure
  --worker-concurrency  n8n worker --concurrency (executions per worker at once)
  --prompts             prompts per execution (the example has 100)
  --latency             emulator milliseconds per image
  --grain               emulator output grain: 4 gives realistic 1.7 MB PNGs (default: flat 20 KB ones)
  --database sqlite     n8n's SQLite file instead of PostgreSQL (to see why not: docs/scale.md)
  --env KEY=VALUE       extra environment for main and workers (repeatable), e.g. DB_POSTGRESDB_POOL_SIZE=4
  --keep                keep the run folder (.n8n-run/scale-…) for inspection`;

export function parseOptions(argv: string[]): Options {
	const { values } = parseArgs({
		args: argv,
		options: {
			quick: { type: 'boolean', default: false },
			workers: { type: 'string' },
			'node-concurrency': { type: 'string' },
			'worker-concurrency': { type: 'string' },
			prompts: { type: 'string' },
			latency: { type: 'string' },
			grain: { type: 'string' },
			database: { type: 'string', default: 'postgres' },
			env: { type: 'string', multiple: true, default: [] },
			keep: { type: 'boolean', default: false },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	if (values.help) {
		process.stdout.write(`${USAGE}\n`);
		process.exit(0);
	}
	const quick = values.quick === true;
	const numbers = (text: string | undefined, fallback: number[]) =>
		text === undefined ? fallback : text.split(',').filter(Boolean).map(positive);
	const options: Options = {
		quick,
		workers: numbers(values.workers, quick ? [] : [1, 2, 4]),
		nodeConcurrency: numbers(values['node-concurrency'], [1, 4]),
		workerConcurrency: numbers(values['worker-concurrency'], [quick ? 2 : 5])[0],
		prompts: numbers(values.prompts, [quick ? 10 : 100])[0],
		latencyMs: numbers(values.latency, [quick ? 200 : 2000])[0],
		grain: Number(values.grain ?? 0),
		database: values.database === 'sqlite' ? 'sqlite' : 'postgres',
		n8nEnv: Object.fromEntries(
			(values.env ?? []).map((pair) => {
				const at = pair.indexOf('=');
				if (at < 1) throw new Error(`--env takes KEY=VALUE, got "${pair}"`);
				return [pair.slice(0, at), pair.slice(at + 1)];
			}),
		),
		keep: values.keep === true,
	};
	if (options.workerConcurrency < 2) {
		throw new Error(
			'--worker-concurrency must be at least 2: the credential check needs two executions per worker at once',
		);
	}
	if (options.prompts > 100) throw new Error('--prompts: the example has 100 prompts');
	return options;
}

function positive(text: string): number {
	const value = Number(text);
	if (!Number.isInteger(value) || value < 0)
		throw new Error(`Not a non-negative integer: "${text}"\n${USAGE}`);
	return value;
}
