/**
 * One isolated n8n for one test run: its own N8N_USER_FOLDER (SQLite database, settings,
 * community-nodes folder, binary data), its own encryption key and ports, and a log folder.
 * Everything runs the pinned real n8n through its CLI, as a user would:
 *
 *   const n8n = await createN8nInstance({ name: 'examples' });
 *   await n8n.installPackage(tarball);                 // a community package, as Settings does
 *   await n8n.importCredentials({ id: 'cred1', name: 'AWS', type: 'awsBedrockApi', data: {…} });
 *   const id = await n8n.importWorkflow('examples/scheduled-images.json');
 *   const run = await n8n.executeWorkflow(id);         // throws with node errors on failure
 *   const server = await n8n.startServer();            // editor at server.url, owner set up
 *   await n8n.dispose();                               // stops servers, removes the folder
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';

import { installPackageTarball, packPackage } from './communityPackage.ts';
import { ensureN8nInstalled } from './n8nInstall.ts';
import {
	N8N_VERSION,
	artifactsDir,
	n8nEntryScript,
	nodeBinary,
	repoRoot,
	runsRoot,
} from './paths.ts';
import { freePort } from './ports.ts';
import { runToCompletion, type CompletedProcess } from './processes.ts';
import { describeFailure, parseExecuteOutput, type WorkflowRun } from './runData.ts';
import { startN8nServer, type N8nServer, type Owner } from './server.ts';

export type N8nInstanceOptions = {
	/** A short label for the run folder and log names. */
	name?: string;
	/** Extra environment for every n8n process, e.g. where the Bedrock emulator listens. */
	env?: Record<string, string>;
	/** Keep the user folder after dispose() (also when E2E_KEEP_RUN=1), for debugging. */
	keep?: boolean;
	/**
	 * A fixed folder instead of a fresh one under .n8n-run/ (the demo keeps its instance between
	 * runs). Its database is encrypted with `encryptionKey`, so pass the same key every time.
	 */
	folder?: string;
	encryptionKey?: string;
	/** Where process logs go; default artifacts/e2e/logs/<run id>/. */
	logsDir?: string;
};

export type ExecuteOptions = {
	/** Return a failed run instead of throwing (to assert on the error). */
	allowFailure?: boolean;
	timeoutMs?: number;
};

export type ExecutedRun = WorkflowRun & { seconds: number; logFile: string };

type JsonObject = Record<string, unknown>;

/** Environment that makes a throwaway instance quiet, offline-friendly and reproducible. */
function baseEnvironment(instance: N8nInstance): NodeJS.ProcessEnv {
	const inherited: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		// npm's lifecycle variables (from `npm test`) would leak the pack's own npm config into the
		// npm that installs community packages; NODE_ENV=test makes n8n refuse to load nodes.
		if (key.startsWith('npm_') || key === 'NODE_ENV' || key === 'NODE_OPTIONS') continue;
		inherited[key] = value;
	}
	return {
		...inherited,
		PATH: `${dirname(nodeBinary())}:${inherited.PATH ?? ''}`,
		npm_config_update_notifier: 'false',
		N8N_USER_FOLDER: instance.userFolder,
		N8N_ENCRYPTION_KEY: instance.encryptionKey,
		DB_TYPE: 'sqlite',
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		N8N_RESTRICT_FILE_ACCESS_TO: instance.filesDir,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		// Explicit so the deprecation notice stays quiet and a future default cannot block the pack.
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// The editor is served over plain http on loopback.
		N8N_SECURE_COOKIE: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		N8N_LOG_LEVEL: 'info',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
	};
}

export class N8nInstance {
	readonly id: string;
	readonly runDir: string;
	/** N8N_USER_FOLDER; n8n keeps its state in `<userFolder>/.n8n`. */
	readonly userFolder: string;
	/** The community-nodes folder, `<userFolder>/.n8n/nodes`. */
	readonly nodesDir: string;
	/** The only folder file-reading and file-writing nodes may use (N8N_RESTRICT_FILE_ACCESS_TO). */
	readonly filesDir: string;
	/** Logs of every n8n and npm process of this run; kept after dispose(). */
	readonly logsDir: string;
	readonly encryptionKey: string;
	private readonly extraEnv: Record<string, string>;
	private readonly keep: boolean;
	private readonly servers = new Set<N8nServer>();
	private commandCount = 0;

	constructor(options: N8nInstanceOptions = {}) {
		const label = (options.name ?? 'run').replace(/[^a-z0-9-]+/gi, '-');
		this.id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${label}-${randomBytes(3).toString('hex')}`;
		this.runDir = options.folder ?? join(runsRoot(), this.id);
		this.userFolder = join(this.runDir, 'home');
		this.nodesDir = join(this.userFolder, '.n8n', 'nodes');
		this.filesDir = join(this.runDir, 'files');
		this.logsDir = options.logsDir ?? join(artifactsDir(), 'logs', this.id);
		this.encryptionKey = options.encryptionKey ?? randomBytes(24).toString('hex');
		this.extraEnv = options.env ?? {};
		// A fixed folder belongs to its caller: never removed by dispose().
		this.keep = options.keep ?? (options.folder !== undefined || process.env.E2E_KEEP_RUN === '1');
		for (const dir of [this.userFolder, this.nodesDir, this.filesDir, this.logsDir]) {
			mkdirSync(dir, { recursive: true });
		}
	}

	/** The environment every process of this instance gets (plus per-process ports). */
	environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		return { ...baseEnvironment(this), ...this.extraEnv, ...extra };
	}

	private nextLogFile(label: string): string {
		this.commandCount += 1;
		return join(this.logsDir, `${String(this.commandCount).padStart(2, '0')}-${label}.log`);
	}

	/** Runs `n8n <args>` to completion on this instance (a fresh task-broker port each time). */
	async cli(
		args: string[],
		{ timeoutMs = 180_000 }: { timeoutMs?: number } = {},
	): Promise<CompletedProcess> {
		const env = this.environment({ N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
		return await runToCompletion(nodeBinary(), [n8nEntryScript(), ...args], {
			cwd: this.runDir,
			env,
			logFile: this.nextLogFile(args[0].replace(/[^a-z0-9]+/gi, '-')),
			timeoutMs,
		});
	}

	/** Installs a packed community package (see communityPackage.ts) into this instance. */
	async installPackage(tarball: string): Promise<string> {
		return await installPackageTarball(
			this.nodesDir,
			tarball,
			this.environment(),
			this.nextLogFile('npm-install'),
		);
	}

	/**
	 * Packs the package in `packageDir` with `npm pack` and installs the tarball, e.g. the built pack:
	 * `await n8n.installPackageFromSource(repoRoot())` after `npm run build`.
	 */
	async installPackageFromSource(packageDir: string): Promise<string> {
		const scratch = mkdtempSync(join(tmpdir(), 'e2e-pack-'));
		try {
			const packed = await packPackage(
				packageDir,
				scratch,
				this.environment(),
				this.nextLogFile('npm-pack'),
			);
			return await this.installPackage(packed.tarball);
		} finally {
			rmSync(scratch, { recursive: true, force: true });
		}
	}

	/**
	 * Imports one workflow (a file path, relative to the repository root or absolute, or an object)
	 * with `n8n import:workflow`. A workflow without an `id` gets one. Returns the id.
	 */
	async importWorkflow(source: string | JsonObject): Promise<string> {
		const loaded = loadJson<JsonObject>(source);
		if (Array.isArray(loaded)) throw new Error('importWorkflow takes one workflow, not an array');
		const workflow = { ...loaded };
		if (typeof workflow.id !== 'string' || !workflow.id) workflow.id = newEntityId();
		const file = this.writeImportFile('workflow', workflow);
		await this.importFile(
			['import:workflow', `--input=${file}`],
			/Successfully imported 1 workflow/,
		);
		return workflow.id as string;
	}

	/**
	 * Imports several workflows (paths or objects, as for {@link importWorkflow}) with one
	 * `n8n import:workflow` call, which saves a CLI start-up per workflow. Returns the ids, in order.
	 */
	async importWorkflows(sources: Array<string | JsonObject>): Promise<string[]> {
		const workflows = sources.map((source) => {
			const loaded = loadJson<JsonObject>(source);
			if (Array.isArray(loaded)) throw new Error('importWorkflows takes one workflow per source');
			const workflow = { ...loaded };
			if (typeof workflow.id !== 'string' || !workflow.id) workflow.id = newEntityId();
			return workflow;
		});
		const file = this.writeImportFile('workflows', workflows);
		await this.importFile(
			['import:workflow', `--input=${file}`],
			new RegExp(`Successfully imported ${workflows.length} workflows?\\.`),
		);
		return workflows.map((workflow) => workflow.id as string);
	}

	/**
	 * Imports credentials (one object, an array of them, or a file holding either) with
	 * `n8n import:credentials`. Plain `data` objects are encrypted with this instance's key by n8n.
	 * Credentials without an `id` get one. Returns the ids, in order.
	 */
	async importCredentials(source: string | JsonObject | JsonObject[]): Promise<string[]> {
		const loaded = loadJson<JsonObject | JsonObject[]>(source);
		const credentials = (Array.isArray(loaded) ? loaded : [loaded]).map((credential) => ({
			...credential,
			id: typeof credential.id === 'string' && credential.id ? credential.id : newEntityId(),
		}));
		const file = this.writeImportFile('credentials', credentials);
		await this.importFile(
			['import:credentials', `--input=${file}`],
			/Successfully imported \d+ credential/,
		);
		return credentials.map((credential) => credential.id);
	}

	private writeImportFile(kind: string, content: unknown): string {
		const file = join(this.runDir, 'imports', `${kind}-${randomBytes(4).toString('hex')}.json`);
		mkdirSync(dirname(file), { recursive: true });
		writeFileSync(file, JSON.stringify(content, null, 2));
		return file;
	}

	private async importFile(args: string[], success: RegExp): Promise<void> {
		const result = await this.cli(args);
		// n8n's import commands log failures and may still exit 0, so the success line decides.
		if (result.exitCode !== 0 || !success.test(result.stdout + result.stderr)) {
			const tail = (result.stdout + result.stderr).trim().split('\n').slice(-10).join('\n');
			throw new Error(`n8n ${args[0]} failed (log: ${result.logFile}):\n${tail}`);
		}
	}

	/**
	 * Executes an imported workflow from its start node with `n8n execute --id <id> --rawOutput`
	 * and returns the parsed run. A failed run throws an error naming each failing node with its
	 * message and description, unless `allowFailure` is set.
	 */
	async executeWorkflow(id: string, options: ExecuteOptions = {}): Promise<ExecutedRun> {
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], {
			timeoutMs: options.timeoutMs,
		});
		const run = parseExecuteOutput(result.stdout);
		if (!run) {
			const tail = (result.stdout + result.stderr).trim().split('\n').slice(-15).join('\n');
			throw new Error(
				`n8n execute --id=${id} printed no run data (exit ${result.exitCode}${
					result.timedOut ? ', timed out' : ''
				}; log: ${result.logFile}):\n${tail}`,
			);
		}
		const executed: ExecutedRun = { ...run, seconds: result.seconds, logFile: result.logFile };
		const failed = result.exitCode !== 0 || run.status !== 'success' || run.error !== undefined;
		if (failed && !options.allowFailure) {
			throw new Error(`Workflow ${id} failed (log: ${result.logFile}):\n${describeFailure(run)}`);
		}
		return executed;
	}

	/**
	 * Starts `n8n start` with the owner account set up (see server.ts), on loopback, on `port` or a
	 * free one.
	 */
	async startServer(
		options: { owner?: Owner; port?: number; timeoutMs?: number } = {},
	): Promise<N8nServer> {
		const port = options.port ?? (await freePort());
		const env = this.environment({
			N8N_PORT: String(port),
			N8N_HOST: '127.0.0.1',
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		});
		const server = await startN8nServer({
			command: nodeBinary(),
			args: [n8nEntryScript(), 'start'],
			env,
			port,
			logFile: this.nextLogFile('server'),
			owner: options.owner,
			timeoutMs: options.timeoutMs,
		});
		const tracked: N8nServer = {
			...server,
			stop: async () => {
				this.servers.delete(tracked);
				await server.stop();
			},
		};
		this.servers.add(tracked);
		return tracked;
	}

	/** Stops this instance's servers and removes its user folder (logs stay in artifacts/). */
	async dispose(): Promise<void> {
		await Promise.all([...this.servers].map((server) => server.stop()));
		if (!this.keep) rmSync(this.runDir, { recursive: true, force: true });
	}
}

/** Installs the pinned n8n if needed (instant when cached), then prepares a fresh instance. */
export async function createN8nInstance(options: N8nInstanceOptions = {}): Promise<N8nInstance> {
	await ensureN8nInstalled();
	return new N8nInstance(options);
}

/** n8n's entity ids are 16 alphanumeric characters. */
function newEntityId(): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
	return Array.from(randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('');
}

function loadJson<T>(source: string | T): T {
	if (typeof source !== 'string') return structuredClone(source);
	const path = isAbsolute(source) ? source : join(repoRoot(), source);
	return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export { N8N_VERSION };
