/**
 * Child processes for the end-to-end tests: each runs in its own process group (n8n starts task
 * runners and npm starts node-gyp, so killing only the direct child would leak grandchildren),
 * its output goes to a log file, and every group still alive when this process exits is killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export type SpawnOptions = {
	env: NodeJS.ProcessEnv;
	cwd?: string;
	/** The file that receives stdout and stderr (appended). */
	logFile: string;
};

const liveGroups = new Set<number>();
let exitHookInstalled = false;

function trackGroup(pid: number): void {
	liveGroups.add(pid);
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	// Last resort when a test crashes or times out before calling stop(): nothing may outlive us.
	process.on('exit', () => {
		for (const group of liveGroups) signalGroup(group, 'SIGKILL');
	});
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// The group is already gone.
	}
}

function groupAlive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Stops a whole process group: SIGTERM first so n8n can shut down cleanly, SIGKILL for whatever
 * is still there after `graceMs`. Resolves once no process of the group is left.
 */
export async function stopProcessGroup(pid: number, graceMs = 8000): Promise<void> {
	signalGroup(pid, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
	if (groupAlive(pid)) {
		signalGroup(pid, 'SIGKILL');
		while (groupAlive(pid)) await sleep(50);
	}
	liveGroups.delete(pid);
}

export type BackgroundProcess = {
	child: ChildProcess;
	pid: number;
	logFile: string;
	/** Resolves with the exit code (or the signal's name) when the direct child exits. */
	exited: Promise<number | string>;
	stop(): Promise<void>;
};

/** Starts a long-running process (a server) whose output goes straight to its log file. */
export function spawnInBackground(
	command: string,
	args: string[],
	options: SpawnOptions,
): BackgroundProcess {
	mkdirSync(dirname(options.logFile), { recursive: true });
	const fd = openSync(options.logFile, 'a');
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env,
		detached: true,
		stdio: ['ignore', fd, fd],
	});
	closeSync(fd);
	const pid = child.pid;
	if (pid === undefined) throw new Error(`Could not start ${command}`);
	trackGroup(pid);
	const exited = new Promise<number | string>((done) => {
		child.on('exit', (code, signal) => done(code ?? signal ?? 'unknown'));
		child.on('error', (error) => done(`failed to start: ${error.message}`));
	});
	return { child, pid, logFile: options.logFile, exited, stop: () => stopProcessGroup(pid) };
}

export type CompletedProcess = {
	exitCode: number | null;
	stdout: string;
	stderr: string;
	seconds: number;
	logFile: string;
	timedOut: boolean;
};

/**
 * Runs a command to completion, capturing stdout and stderr and copying both into the log file.
 * On timeout the whole group is killed and the result says so (it does not throw).
 */
export async function runToCompletion(
	command: string,
	args: string[],
	options: SpawnOptions & { timeoutMs: number },
): Promise<CompletedProcess> {
	mkdirSync(dirname(options.logFile), { recursive: true });
	appendFileSync(options.logFile, `$ ${[command, ...args].join(' ')}\n`);
	const started = Date.now();
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const pid = child.pid;
	if (pid === undefined) throw new Error(`Could not start ${command}`);
	trackGroup(pid);
	const stdout: Buffer[] = [];
	const stderr: Buffer[] = [];
	child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
	child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		void stopProcessGroup(pid, 2000);
	}, options.timeoutMs);

	const exitCode = await new Promise<number | null>((done, fail) => {
		child.on('error', fail);
		child.on('close', (code) => done(code));
	});
	clearTimeout(timer);
	// The direct child is gone; take down anything it left behind (e.g. a task runner).
	await stopProcessGroup(pid, 2000);

	const result: CompletedProcess = {
		exitCode,
		stdout: Buffer.concat(stdout).toString('utf8'),
		stderr: Buffer.concat(stderr).toString('utf8'),
		seconds: (Date.now() - started) / 1000,
		logFile: options.logFile,
		timedOut,
	};
	appendFileSync(
		options.logFile,
		`--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}\n--- exit ${exitCode}` +
			`${timedOut ? ' (timed out)' : ''} after ${result.seconds.toFixed(1)} s\n\n`,
	);
	return result;
}
