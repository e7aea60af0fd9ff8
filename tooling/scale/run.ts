/**
 * `npm run scale`: the pack in n8n queue mode, checked and measured (docs/scale.md).
 *
 *   npm run scale                   checks, then images/minute for 1, 2, 4 workers × node concurrency 1, 4
 *   npm run scale -- --quick        the CI form: 1 main + 2 workers, 10 prompts, 200 ms latency, checks only
 *   npm run scale -- --workers 1,2 --node-concurrency 4 --prompts 20 --latency 1000 --keep
 *
 * On loopback it starts Redis and PostgreSQL (Debian's, private folders and ports), the offline
 * Bedrock emulator with a per-image latency, one n8n main (EXECUTIONS_MODE=queue, binary data in
 * the database) and workers (`n8n worker`), with the pack installed from its packed tarball as
 * n8n's community-package installer does. Every process it starts is stopped at the end, also on
 * Ctrl-C. Exits 1 when a check fails.
 *
 * This file orchestrates; beside it: options.ts (command line), services.ts (Redis, PostgreSQL),
 * emulatorProcess.ts, cluster.ts (main and workers), workflows.ts, callbackServer.ts (hand-over
 * reports), executions.ts (n8n's REST API), checks.ts, cpu.ts and report.ts (checks and figures).
 */
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

import type { RequestLogEntry } from '../../emulator/src/index.ts';
import { artifactsDir, n8nToolDir, repoRoot, runsRoot } from '../n8n/paths.ts';
import { CallbackServer } from './callbackServer.ts';
import {
	checkAssumeRole,
	checkBinaries,
	checkCredentialsInterleaved,
	checkExactlyOnce,
	checkHandOver,
	checkIdentities,
	checkSpread,
	checkSucceeded,
	imageFileName,
	promptSuffix,
	type CheckResult,
	type JobPlan,
} from './checks.ts';
import { QueueCluster, type Worker } from './cluster.ts';
import { cpuBetween, snapshot } from './cpu.ts';
import { startEmulatorProcess, type Emulator } from './emulatorProcess.ts';
import { executionRecords, logIn, waitForExecutions, type ImageExecution } from './executions.ts';
import { scaleCredentials, type CredentialKey } from './identities.ts';
import { parseOptions, type Options } from './options.ts';
import { printChecks, saveFigures, type WaveResult } from './report.ts';
import { startPostgres, startRedis, type Postgres, type RunningService } from './services.ts';
import { examplePrompts, prepareWorkflow, type PreparedWorkflow } from './workflows.ts';

const REGION = 'us-west-2';

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (message: string) => process.stdout.write(`[scale ${elapsed()}] ${message}\n`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

class ScaleRun {
	readonly options: Options;
	readonly runId = `scale-${new Date().toISOString().replace(/[:.]/g, '-')}`;
	readonly runDir: string;
	readonly logsDir: string;
	readonly prompts: string[];
	private redis?: RunningService;
	private postgres?: Postgres;
	private emulator?: Emulator;
	private cluster?: QueueCluster;
	private readonly callbacks = new CallbackServer();
	private cookie = '';
	private readonly seenExecutions = new Set<string>();
	/** Workers that ran an execution with the role credential (each may assume the role once). */
	private readonly roleWorkers = new Set<string>();
	private outputFolder = '';
	private plain = new Map<string, PreparedWorkflow>();
	private handOver = new Map<CredentialKey, PreparedWorkflow>();
	private parse?: (text: string) => unknown;

	constructor(options: Options) {
		this.options = options;
		this.runDir = join(runsRoot(), this.runId);
		this.logsDir = join(artifactsDir(), '..', 'scale', 'logs', this.runId);
		this.prompts = examplePrompts().slice(0, options.prompts);
	}

	async setup(): Promise<void> {
		mkdirSync(this.logsDir, { recursive: true });
		say(`logs: ${this.logsDir}`);
		// Each kept as soon as it runs, so that a failure of another still stops it.
		const [redis, postgres, emulator] = await Promise.all([
			startRedis(join(this.runDir, 'redis'), this.logsDir).then(
				(started) => (this.redis = started),
			),
			this.options.database === 'postgres'
				? startPostgres(join(this.runDir, 'postgres'), this.logsDir).then(
						(started) => (this.postgres = started),
					)
				: undefined,
			startEmulatorProcess(this.logsDir, this.options).then((started) => (this.emulator = started)),
			this.callbacks.start(),
		]);
		say(
			`Redis on ${redis.port}, ${postgres ? `PostgreSQL on ${postgres.port}` : 'SQLite'}, emulator at ${emulator.url} (${this.options.latencyMs} ms per image)`,
		);

		const cluster = await QueueCluster.create({
			redis,
			postgres,
			logsDir: this.logsDir,
			env: this.options.n8nEnv,
		});
		this.cluster = cluster;
		this.outputFolder = join(cluster.instance.filesDir, 'images');
		mkdirSync(this.outputFolder, { recursive: true });

		const maxConcurrency = Math.max(...this.options.nodeConcurrency, 4);
		for (const credential of ['A', 'B'] as const) {
			for (const nodeConcurrency of new Set([...this.options.nodeConcurrency])) {
				const prepared = prepareWorkflow({ credential, nodeConcurrency }, this.outputFolder);
				this.plain.set(`${credential}${nodeConcurrency}`, prepared);
			}
			this.handOver.set(
				credential,
				prepareWorkflow(
					{ credential, nodeConcurrency: maxConcurrency, handOverCallback: this.callbacks.url },
					this.outputFolder,
				),
			);
		}
		const workflows = [...this.plain.values(), ...this.handOver.values()];
		// The package install (npm) and the imports (n8n CLI, which also migrates the new database)
		// do not depend on each other.
		await Promise.all([
			cluster.instance.installPackageFromSource(repoRoot()),
			(async () => {
				await cluster.instance.importCredentials(scaleCredentials(emulator.url, REGION));
				await cluster.instance.importWorkflows(workflows.map((workflow) => workflow.workflow));
			})(),
		]);
		say(
			`pack installed from its tarball; 2 credentials and ${workflows.length} workflows imported`,
		);

		const main = await cluster.startMain();
		for (const workflow of workflows) {
			const { versionId } = await main.request<{ versionId: string }>(
				'GET',
				`/rest/workflows/${workflow.id}`,
			);
			await main.request('POST', `/rest/workflows/${workflow.id}/activate`, { versionId });
		}
		this.cookie = await logIn(main.url, main.owner.email, main.owner.password);
		const flatted = createRequire(join(n8nToolDir(), 'node_modules', 'n8n', 'package.json'))(
			'flatted',
		) as {
			parse(text: string): unknown;
		};
		this.parse = flatted.parse;
		say(`n8n main (queue mode) at ${main.url}, workflows published`);
	}

	private get main() {
		if (!this.cluster?.main) throw new Error('main is not running');
		return this.cluster.main;
	}

	/** Brings the number of running workers to `count`. */
	async ensureWorkers(count: number): Promise<Worker[]> {
		const cluster = this.cluster!;
		const running = cluster.runningWorkers();
		if (running.length > count) {
			await Promise.all(running.slice(count).map((worker) => cluster.stopWorker(worker)));
		} else if (running.length < count) {
			const t = Date.now();
			await cluster.startWorkers(count - running.length, this.options.workerConcurrency);
			say(
				`${count - running.length} worker(s) started in ${((Date.now() - t) / 1000).toFixed(1)} s`,
			);
		}
		return cluster.runningWorkers();
	}

	/**
	 * One wave: `plans.length` executions triggered at once through their webhooks, waited for,
	 * and checked.
	 */
	async wave(
		label: string,
		plans: JobPlan[],
		workflowOf: (plan: JobPlan) => PreparedWorkflow,
		options: { nodeConcurrency: number; handOver?: boolean; compareAllImages: boolean },
	): Promise<WaveResult> {
		const cluster = this.cluster!;
		const emulator = this.emulator!;
		const workers = cluster.runningWorkers();
		await fetch(`${emulator.url}/__emulator/requests`, { method: 'DELETE' });
		this.callbacks.reports.clear();
		const components = this.components();
		const before = snapshot(components.map((component) => component.group));
		const driverBefore = process.cpuUsage();
		const triggeredAt = Date.now();

		await Promise.all(
			plans.map(async (plan) => {
				const response = await fetch(`${this.main.url}/webhook/${workflowOf(plan).webhookPath}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({
						job: plan.job,
						count: plan.prompts.length,
						promptSuffix: promptSuffix(plan.job),
					}),
				});
				if (!response.ok)
					throw new Error(
						`Webhook for ${plan.job}: HTTP ${response.status} ${await response.text()}`,
					);
			}),
		);

		const workflowIds = [...new Set(plans.map((plan) => workflowOf(plan).id))];
		const expectedSeconds =
			((this.options.prompts * this.options.latencyMs) / 1000 / options.nodeConcurrency) *
			Math.ceil(plans.length / (workers.length * this.options.workerConcurrency));
		const timeoutMs = (expectedSeconds * 5 + 300) * 1000;

		let stoppedWorker: string | undefined;
		if (options.handOver) stoppedWorker = await this.handOverAll(plans.length, timeoutMs);

		const summaries = await waitForExecutions(
			this.main,
			this.seenExecutions,
			workflowIds,
			plans.length,
			timeoutMs,
		);
		const after = snapshot(components.map((component) => component.group));
		const driver = process.cpuUsage(driverBefore);
		const cpu = cpuBetween(before, after, components);
		cpu.perComponent.driver = (driver.user + driver.system) / 1e6;
		cpu.ours += cpu.perComponent.driver;

		const executions = await executionRecords(
			this.main,
			this.parse!,
			cluster.workersByExecution(),
			summaries,
			plans,
		);
		const requests = await this.emulatorRequests();
		const files = readdirSync(this.outputFolder).filter((file) => file.startsWith(`${label}-`));
		const lastStop = Math.max(...executions.map((execution) => execution.stoppedAt));
		const seconds = (lastStop - triggeredAt) / 1000;
		const images = plans.reduce((sum, plan) => sum + plan.prompts.length, 0);
		for (const execution of executions) {
			if (execution.credential === 'B')
				for (const worker of execution.workers) this.roleWorkers.add(worker);
		}
		const counters = (await (await fetch(`${emulator.url}/__emulator/counters`)).json()) as {
			assumeRole: number;
		};

		const checks = [
			checkSucceeded(executions, plans.length),
			checkExactlyOnce(plans, requests, files),
			checkIdentities(plans, requests),
			checkAssumeRole(counters.assumeRole, requests, this.roleWorkers.size),
			checkSpread(
				executions,
				workers.map((worker) => worker.name),
			),
			await this.binaryCheck(executions, options.compareAllImages),
		];
		if (options.handOver) {
			checks.push(checkCredentialsInterleaved(executions));
			checks.push(checkHandOver(executions, stoppedWorker ?? '?'));
		}
		const perWorker = workers
			.map(
				(worker) => executions.filter((execution) => execution.workers[0] === worker.name).length,
			)
			.join('/');
		const inFlight =
			Math.min(plans.length, workers.length * this.options.workerConcurrency) *
			options.nodeConcurrency;
		const busyMs = requests
			.filter((request) => request.operation === 'InvokeModel')
			.reduce((sum, request) => sum + (request.durationMs ?? 0), 0);
		return {
			label,
			workers: workers.length,
			nodeConcurrency: options.nodeConcurrency,
			executions: plans.length,
			images,
			inFlight,
			averageInFlight: busyMs / (seconds * 1000),
			seconds,
			imagesPerMinute: (images / seconds) * 60,
			// Every request in flight all the time, each taking exactly the emulator's latency.
			idealPerMinute: (inFlight * 60_000) / this.options.latencyMs,
			cpu,
			perWorker,
			checks,
		};
	}

	/**
	 * Waits until every execution of the wave paused in the hand-over Wait node, stops the worker
	 * that generated the most of them, and resumes them all: the survivors must finish them,
	 * reading the images from the database. Returns the stopped worker's name.
	 */
	private async handOverAll(expected: number, timeoutMs: number): Promise<string> {
		const cluster = this.cluster!;
		const deadline = Date.now() + timeoutMs;
		while (this.callbacks.reports.size < expected) {
			if (Date.now() > deadline)
				throw new Error(
					`Only ${this.callbacks.reports.size} of ${expected} executions reached the hand-over`,
				);
			await sleep(250);
		}
		for (const executionId of this.callbacks.reports.keys()) {
			for (;;) {
				const { status } = await this.main.request<{ status: string }>(
					'GET',
					`/rest/executions/${executionId}`,
				);
				if (status === 'waiting') break;
				if (!['new', 'running'].includes(status))
					throw new Error(`Execution ${executionId} is ${status} before the hand-over`);
				if (Date.now() > deadline)
					throw new Error(`Execution ${executionId} never reached the Wait node`);
				await sleep(250);
			}
		}
		const generated = cluster.runningWorkers().map((worker) => ({
			worker,
			count: cluster.executionsOf(worker).filter((id) => this.callbacks.reports.has(id)).length,
		}));
		generated.sort((a, b) => b.count - a.count);
		const [busiest] = generated;
		say(
			`all ${expected} executions waiting for the hand-over (${generated
				.map(({ worker, count }) => `${worker.name}: ${count}`)
				.join(', ')}); stopping ${busiest.worker.name} and resuming them`,
		);
		await cluster.stopWorker(busiest.worker);
		await Promise.all(
			[...this.callbacks.reports.values()].map(async ({ resumeUrl }) => {
				const response = await fetch(resumeUrl, { method: 'POST' });
				if (!response.ok) throw new Error(`Resuming ${resumeUrl}: HTTP ${response.status}`);
			}),
		);
		return busiest.worker.name;
	}

	private async emulatorRequests(): Promise<RequestLogEntry[]> {
		const response = await fetch(`${this.emulator!.url}/__emulator/requests`);
		return ((await response.json()) as { requests: RequestLogEntry[] }).requests;
	}

	/**
	 * Downloads images through main's REST API (another process than the worker that stored them)
	 * and compares them with the files the downstream node wrote. All images in the checks; in
	 * the measured waves the first and last image of each execution, to keep the run short.
	 */
	private async binaryCheck(executions: ImageExecution[], all: boolean): Promise<CheckResult> {
		const picks = executions.flatMap((execution) =>
			execution.images
				.map((image, index) => ({ job: execution.job, index, binaryId: image.id }))
				.filter((_, index, images) => all || index === 0 || index === images.length - 1),
		);
		const compared = [];
		for (const pick of picks) {
			const file = join(this.outputFolder, imageFileName(pick.job, pick.index));
			let stored: Buffer | undefined;
			if (pick.binaryId) {
				const response = await fetch(
					`${this.main.url}/rest/binary-data?id=${encodeURIComponent(pick.binaryId)}&action=download`,
					{ headers: { cookie: this.cookie } },
				);
				if (response.ok) stored = Buffer.from(await response.arrayBuffer());
			}
			compared.push({ ...pick, stored, file: existsSync(file) ? readFileSync(file) : undefined });
		}
		return checkBinaries(compared);
	}

	/** The process groups whose CPU time is measured, labelled by component. */
	private components(): Array<{ label: string; group: number }> {
		const cluster = this.cluster!;
		return [
			...cluster
				.runningWorkers()
				.map((worker) => ({ label: 'workers', group: worker.process.pid })),
			{ label: 'main', group: cluster.mainGroup() },
			{ label: 'postgres', group: this.postgres?.pid ?? 0 },
			{ label: 'redis', group: this.redis!.pid },
			{ label: 'emulator', group: this.emulator!.process.pid },
		].filter((component) => component.group > 0);
	}

	plansFor(label: string, executions: number, aCount: number): JobPlan[] {
		// A and B interleaved in the queue, A first until its count is used up.
		return Array.from({ length: executions }, (_, index) => {
			const credential: CredentialKey = index % 2 === 0 && index / 2 < aCount ? 'A' : 'B';
			return {
				job: `${label}-${credential}${String(index + 1).padStart(2, '0')}`,
				credential,
				prompts: this.prompts,
			};
		});
	}

	/**
	 * The checks: two workers, each full (worker concurrency executions each), credentials A and
	 * B mixed so that some worker must run both at once (A has one execution fewer than a worker
	 * takes), and the hand-over to the surviving worker.
	 */
	async checkPhase(): Promise<WaveResult> {
		const workers = await this.ensureWorkers(2);
		const executions = workers.length * this.options.workerConcurrency;
		const plans = this.plansFor('check', executions, this.options.workerConcurrency - 1);
		say(
			`checks: ${executions} executions × ${this.options.prompts} prompts on ${workers.length} workers (credential A: ${
				plans.filter((plan) => plan.credential === 'A').length
			}, B: ${plans.filter((plan) => plan.credential === 'B').length}), hand-over between workers`,
		);
		const nodeConcurrency = this.handOver.get('A')!.nodeConcurrency;
		return await this.wave('check', plans, (plan) => this.handOver.get(plan.credential)!, {
			nodeConcurrency,
			handOver: true,
			compareAllImages: true,
		});
	}

	async figureWave(workerCount: number, nodeConcurrency: number): Promise<WaveResult> {
		const workers = await this.ensureWorkers(workerCount);
		// One full round: every worker slot takes one execution.
		const executions = workers.length * this.options.workerConcurrency;
		const label = `w${workerCount}c${nodeConcurrency}`;
		const plans = this.plansFor(label, executions, Math.ceil(executions / 2));
		say(
			`${label}: ${executions} executions × ${this.options.prompts} prompts, ${workerCount} worker(s), node concurrency ${nodeConcurrency}`,
		);
		const result = await this.wave(
			label,
			plans,
			(plan) => this.plain.get(`${plan.credential}${nodeConcurrency}`)!,
			{
				nodeConcurrency,
				compareAllImages: false,
			},
		);
		say(
			`${label}: ${result.images} images in ${result.seconds.toFixed(1)} s = ${result.imagesPerMinute.toFixed(0)} images/min; checks ${
				result.checks.every((check) => check.ok) ? 'passed' : 'FAILED'
			}`,
		);
		return result;
	}

	private stopped?: Promise<void>;

	/** Stops everything once; later calls (a signal during a failure) wait for the same stop. */
	teardown(): Promise<void> {
		this.stopped ??= this.stopAll();
		return this.stopped;
	}

	private async stopAll(): Promise<void> {
		const steps: Array<[string, () => Promise<void>]> = [
			['n8n', async () => await this.cluster?.stop()],
			['emulator', async () => await this.emulator?.process.stop()],
			['redis', async () => await this.redis?.stop()],
			['postgres', async () => await this.postgres?.stop()],
			['callbacks', async () => await this.callbacks.stop()],
		];
		for (const [name, step] of steps) {
			await step().catch((error: Error) => say(`stopping ${name}: ${error.message}`));
		}
		if (this.options.keep) say(`kept ${this.runDir}`);
		else rmSync(this.runDir, { recursive: true, force: true });
	}
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const run = new ScaleRun(options);
	let signalled: NodeJS.Signals | undefined;
	const onSignal = (signal: NodeJS.Signals) => {
		if (signalled) return;
		signalled = signal;
		say(`${signal}: stopping everything`);
		void run.teardown().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);

	let ok = true;
	const results: WaveResult[] = [];
	try {
		say(
			`load average before: ${loadavg()
				.map((value) => value.toFixed(2))
				.join(' ')}`,
		);
		await run.setup();
		const check = await run.checkPhase();
		ok = printChecks(check) && ok;
		for (const workers of [...options.workers].sort((a, b) => a - b)) {
			for (const nodeConcurrency of options.nodeConcurrency) {
				const result = await run.figureWave(workers, nodeConcurrency);
				results.push(result);
				if (!result.checks.every((item) => item.ok)) ok = printChecks(result) && ok;
			}
		}
	} catch (error) {
		ok = false;
		// After Ctrl-C, whatever was waiting fails as its processes go: not worth reporting.
		if (!signalled) say(`ERROR ${(error as Error).stack ?? error}`);
	} finally {
		await run.teardown();
	}
	// The signal handler exits once the teardown is done.
	if (signalled) return;
	if (results.length) {
		const load = `load average after: ${loadavg()
			.map((value) => value.toFixed(2))
			.join(' ')}`;
		saveFigures(results, options, load);
	}
	say(ok ? 'all checks passed' : 'FAILED');
	process.exit(ok ? 0 : 1);
}

void main();
