/**
 * Redis and PostgreSQL for one scale run: Debian's packages (installed with apt-get when
 * missing), each started privately on a free loopback port with its data in the run folder, and
 * stopped with the run. A system-wide instance (Debian's `main` cluster, a redis-server service)
 * is never started, stopped or reconfigured.
 *
 * PostgreSQL refuses to run as root, and these machines run everything as root: then initdb and
 * the server run as Debian's `postgres` system user (setpriv, which execs in place, so the server
 * stays the direct child and its process group is ours to stop).
 */
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { freePort } from '../n8n/ports.ts';
import {
	runToCompletion,
	spawnInBackground,
	stopProcessGroup,
	type BackgroundProcess,
} from '../n8n/processes.ts';

export type RunningService = {
	name: string;
	port: number;
	/** Process group leader (for CPU accounting). */
	pid: number;
	logFile: string;
	stop(): Promise<void>;
};

export type Postgres = RunningService & { database: string; user: string; password: string };

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function onPath(command: string): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(':')) {
		const candidate = join(dir, command);
		if (dir && existsSync(candidate)) return candidate;
	}
	return undefined;
}

/** Installs Debian packages; only root can, anyone else is told what to install. */
async function aptInstall(packages: string[], logFile: string): Promise<void> {
	if (process.getuid?.() !== 0) {
		throw new Error(
			`${packages.join(', ')} missing and this user cannot install packages: run "apt-get install ${packages.join(' ')}" as root`,
		);
	}
	const install = () =>
		runToCompletion(
			'apt-get',
			// Waits for a concurrent apt (other engineers' scripts) instead of failing on the lock.
			['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '--no-install-recommends', ...packages],
			{ env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, logFile, timeoutMs: 600_000 },
		);
	let result = await install();
	if (result.exitCode !== 0) {
		// A fresh machine may have no package lists yet.
		await runToCompletion('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'update'], {
			env: process.env,
			logFile,
			timeoutMs: 600_000,
		});
		result = await install();
	}
	if (result.exitCode !== 0)
		throw new Error(`apt-get install ${packages.join(' ')} failed (log: ${logFile})`);
}

/** Polls `probe` until it resolves true, failing early when the process exits. */
async function waitUntil(
	what: string,
	service: BackgroundProcess,
	probe: () => Promise<boolean>,
	timeoutMs: number,
): Promise<void> {
	let exit: number | string | undefined;
	void service.exited.then((code) => (exit = code));
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (exit !== undefined)
			throw new Error(`${what} exited (${exit}) while starting (log: ${service.logFile})`);
		if (await probe().catch(() => false)) return;
		await sleep(200);
	}
	throw new Error(
		`${what} did not become ready in ${timeoutMs / 1000} s (log: ${service.logFile})`,
	);
}

// ---------------------------------------------------------------------------------------------
// Redis

export async function startRedis(dataDir: string, logsDir: string): Promise<RunningService> {
	const logFile = join(logsDir, 'redis.log');
	if (!onPath('redis-server')) await aptInstall(['redis-server'], join(logsDir, 'apt-redis.log'));
	mkdirSync(dataDir, { recursive: true });
	const port = await freePort();
	// No persistence: the queue lives as long as the run. Loopback only, protected mode on.
	const redis = spawnInBackground(
		'redis-server',
		[
			'--bind',
			'127.0.0.1',
			'--port',
			String(port),
			'--dir',
			dataDir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--protected-mode',
			'yes',
			'--daemonize',
			'no',
		],
		{ env: process.env, logFile },
	);
	await waitUntil(
		'redis-server',
		redis,
		async () =>
			(
				await runToCompletion('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'], {
					env: process.env,
					logFile: join(logsDir, 'redis-cli.log'),
					timeoutMs: 5000,
				})
			).stdout.trim() === 'PONG',
		30_000,
	);
	return { name: 'redis', port, pid: redis.pid, logFile, stop: () => redis.stop() };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

/** The newest Debian PostgreSQL's binaries (/usr/lib/postgresql/<major>/bin). */
function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const majors = readdirSync(root)
		.filter((entry) => /^\d+$/.test(entry) && existsSync(join(root, entry, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? join(root, majors[0], 'bin') : undefined;
}

type RunAs = { wrap(command: string, args: string[]): [string, string[]]; own(path: string): void };

/** Root cannot run PostgreSQL: use the `postgres` system user the Debian package creates. */
async function postgresUser(): Promise<RunAs> {
	if (process.getuid?.() !== 0)
		return { wrap: (command, args) => [command, args], own: () => undefined };
	const ids = await runToCompletion('id', ['-u', 'postgres'], {
		env: process.env,
		logFile: '/dev/null',
		timeoutMs: 5000,
	});
	const uid = Number(ids.stdout.trim());
	const gid = Number(
		(
			await runToCompletion('id', ['-g', 'postgres'], {
				env: process.env,
				logFile: '/dev/null',
				timeoutMs: 5000,
			})
		).stdout.trim(),
	);
	if (ids.exitCode !== 0 || !Number.isInteger(uid)) {
		throw new Error('Running as root, but there is no "postgres" user to run PostgreSQL as');
	}
	return {
		// setpriv execs in place (runuser would fork and stay in between).
		wrap: (command, args) => [
			'setpriv',
			['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args],
		],
		own: (path) => chownSync(path, uid, gid),
	};
}

export async function startPostgres(dataDir: string, logsDir: string): Promise<Postgres> {
	if (!postgresBinDir()) await aptInstall(['postgresql'], join(logsDir, 'apt-postgresql.log'));
	const bin = postgresBinDir();
	if (!bin)
		throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql after install');
	const runAs = await postgresUser();
	const user = 'n8n';
	const database = 'n8n';
	const password = randomBytes(18).toString('base64url');

	// initdb wants an empty folder it owns; the password file must be readable by that user.
	mkdirSync(dataDir, { recursive: true });
	runAs.own(dataDir);
	const pgdata = join(dataDir, 'data');
	const passwordFile = join(dataDir, 'password');
	writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
	runAs.own(passwordFile);
	const [initCommand, initArgs] = runAs.wrap(join(bin, 'initdb'), [
		'-D',
		pgdata,
		'-U',
		user,
		`--pwfile=${passwordFile}`,
		'--auth=scram-sha-256',
		'-E',
		'UTF8',
		'--locale=C',
		'--no-instructions',
	]);
	const init = await runToCompletion(initCommand, initArgs, {
		env: process.env,
		logFile: join(logsDir, 'postgres-initdb.log'),
		timeoutMs: 120_000,
	});
	if (init.exitCode !== 0) throw new Error(`initdb failed (log: ${logsDir}/postgres-initdb.log)`);

	const port = await freePort();
	const logFile = join(logsDir, 'postgres.log');
	// TCP on loopback only; the Unix socket goes into the private folder, not /var/run/postgresql
	// (where a system cluster would have its own). Durability settings stay at their defaults:
	// the figures should include what a real database costs.
	const [command, args] = runAs.wrap(join(bin, 'postgres'), [
		'-D',
		pgdata,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		`unix_socket_directories=${dataDir}`,
		'-c',
		'max_connections=200',
	]);
	const server = spawnInBackground(command, args, { env: process.env, logFile });
	const clientEnv = { ...process.env, PGPASSWORD: password };
	await waitUntil(
		'postgres',
		server,
		async () =>
			(
				await runToCompletion(
					join(bin, 'pg_isready'),
					['-h', '127.0.0.1', '-p', String(port), '-U', user],
					{
						env: clientEnv,
						logFile: join(logsDir, 'postgres-isready.log'),
						timeoutMs: 5000,
					},
				)
			).exitCode === 0,
		60_000,
	);
	const created = await runToCompletion(
		join(bin, 'createdb'),
		['-h', '127.0.0.1', '-p', String(port), '-U', user, database],
		{ env: clientEnv, logFile: join(logsDir, 'postgres-createdb.log'), timeoutMs: 30_000 },
	);
	if (created.exitCode !== 0) {
		await stopPostgres(server);
		throw new Error(`createdb failed (log: ${logsDir}/postgres-createdb.log)`);
	}
	return {
		name: 'postgres',
		port,
		pid: server.pid,
		logFile,
		database,
		user,
		password,
		stop: () => stopPostgres(server),
	};
}

/** SIGINT is PostgreSQL's "fast" shutdown (SIGTERM would wait for clients to disconnect). */
async function stopPostgres(server: BackgroundProcess): Promise<void> {
	try {
		process.kill(server.pid, 'SIGINT');
	} catch {
		// Already gone.
	}
	await Promise.race([server.exited, sleep(10_000)]);
	await stopProcessGroup(server.pid, 2000);
}
