/**
 * n8n in queue mode on one isolated instance (tooling/n8n): one main (`n8n start`, which takes
 * the webhooks and puts executions on the Redis queue) and any number of workers (`n8n worker`),
 * all sharing PostgreSQL, Redis, the encryption key and the community-nodes folder with the pack.
 *
 *   const cluster = await QueueCluster.create({ redis, postgres, logsDir });
 *   await cluster.instance.installPackageFromSource(repoRoot());
 *   const main = await cluster.startMain();
 *   const worker = await cluster.startWorker(5);
 *   cluster.executionsOf(worker)        // executions the worker logged as started, in order
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { createN8nInstance, type N8nInstance } from '../n8n/n8nInstance.ts';
import { n8nEntryScript, nodeBinary } from '../n8n/paths.ts';
import { freePort } from '../n8n/ports.ts';
import { spawnInBackground, type BackgroundProcess } from '../n8n/processes.ts';
import type { N8nServer } from '../n8n/server.ts';
import type { Postgres, RunningService } from './services.ts';

export type Worker = {
	name: string;
	concurrency: number;
	process: BackgroundProcess;
	healthPort: number;
	stopped: boolean;
};

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export class QueueCluster {
	readonly instance: N8nInstance;
	readonly mainPort: number;
	readonly workers: Worker[] = [];
	main?: N8nServer;
	private workerCount = 0;
	private mainGroupId?: number;

	private constructor(instance: N8nInstance, mainPort: number) {
		this.instance = instance;
		this.mainPort = mainPort;
	}

	static async create(options: {
		redis: RunningService;
		/** Without it, n8n's SQLite file in the instance folder (to show why not: docs/scale.md). */
		postgres?: Postgres;
		logsDir: string;
		env?: Record<string, string>;
	}): Promise<QueueCluster> {
		const { redis, postgres } = options;
		const mainPort = await freePort();
		const instance = await createN8nInstance({
			name: 'scale',
			logsDir: options.logsDir,
			env: {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				...(postgres
					? {
							DB_TYPE: 'postgresdb',
							DB_POSTGRESDB_HOST: '127.0.0.1',
							DB_POSTGRESDB_PORT: String(postgres.port),
							DB_POSTGRESDB_DATABASE: postgres.database,
							DB_POSTGRESDB_USER: postgres.user,
							DB_POSTGRESDB_PASSWORD: postgres.password,
						}
					: { DB_TYPE: 'sqlite' }),
				// n8n's queue-mode default, spelled out: binary data must be readable by every process,
				// and the instance helper's `filesystem` would be per machine.
				N8N_DEFAULT_BINARY_DATA_MODE: 'database',
				// Resume URLs ($execution.resumeUrl) are built by the worker; they must point at main.
				WEBHOOK_URL: `http://127.0.0.1:${mainPort}/`,
				...options.env,
			},
		});
		return new QueueCluster(instance, mainPort);
	}

	async startMain(): Promise<N8nServer> {
		this.main = await this.instance.startServer({ port: this.mainPort, timeoutMs: 180_000 });
		return this.main;
	}

	/** Starts `n8n worker --concurrency=<n>` and waits until its health server says ready. */
	async startWorker(concurrency: number): Promise<Worker> {
		// Numbered before the first await: workers started in parallel must not share a name (log).
		const name = `worker-${++this.workerCount}`;
		const healthPort = await freePort();
		const env = this.instance.environment({
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		});
		const process = spawnInBackground(
			nodeBinary(),
			[n8nEntryScript(), 'worker', `--concurrency=${concurrency}`],
			{ cwd: this.instance.runDir, env, logFile: join(this.instance.logsDir, `${name}.log`) },
		);
		const worker: Worker = { name, concurrency, process, healthPort, stopped: false };
		this.workers.push(worker);
		let exit: number | string | undefined;
		void process.exited.then((code) => (exit = code));
		const deadline = Date.now() + 180_000;
		while (Date.now() < deadline) {
			if (exit !== undefined)
				throw new Error(`${name} exited (${exit}) while starting (log: ${process.logFile})`);
			try {
				const response = await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`);
				// The health server answers before the queue consumer runs; the log line comes after it.
				if (response.ok && this.log(worker).includes('n8n worker is now ready')) return worker;
			} catch {
				// Not listening yet.
			}
			await sleep(250);
		}
		throw new Error(`${name} did not become ready (log: ${process.logFile})`);
	}

	/** Starts workers in parallel (start-up is mostly waiting for the database and module loading). */
	async startWorkers(count: number, concurrency: number): Promise<Worker[]> {
		return await Promise.all(Array.from({ length: count }, () => this.startWorker(concurrency)));
	}

	async stopWorker(worker: Worker): Promise<void> {
		worker.stopped = true;
		await worker.process.stop();
	}

	runningWorkers(): Worker[] {
		return this.workers.filter((worker) => !worker.stopped);
	}

	log(worker: Worker): string {
		try {
			return readFileSync(worker.process.logFile, 'utf8');
		} catch {
			return '';
		}
	}

	/** The executions a worker logged as started ("Worker started execution 12 (job 7)"), in order. */
	executionsOf(worker: Worker): string[] {
		return [...this.log(worker).matchAll(/Worker started execution (\d+) \(job /g)].map(
			(match) => match[1],
		);
	}

	/** Every job start as (execution → workers that ran a job of it, in order). */
	workersByExecution(): Map<string, string[]> {
		const byExecution = new Map<string, string[]>();
		for (const worker of this.workers) {
			for (const executionId of this.executionsOf(worker)) {
				byExecution.set(executionId, [...(byExecution.get(executionId) ?? []), worker.name]);
			}
		}
		return byExecution;
	}

	/**
	 * The process group of `n8n start` (with its task runner), for CPU accounting: the server
	 * helper does not expose its pid, so it is found by the user folder in its environment.
	 */
	mainGroup(): number {
		if (this.mainGroupId !== undefined) return this.mainGroupId;
		const folder = `N8N_USER_FOLDER=${this.instance.userFolder}\0`;
		for (const entry of readdirSync('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			try {
				const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
				if (!command.includes('start') || !command.some((part) => part.endsWith('/bin/n8n')))
					continue;
				if (!readFileSync(`/proc/${entry}/environ`, 'utf8').includes(folder)) continue;
				const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
				this.mainGroupId = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
				return this.mainGroupId;
			} catch {
				// Gone, or not ours to read.
			}
		}
		return 0;
	}

	async stop(): Promise<void> {
		await Promise.all(this.runningWorkers().map((worker) => this.stopWorker(worker)));
		await this.main?.stop();
		await this.instance.dispose();
	}
}
