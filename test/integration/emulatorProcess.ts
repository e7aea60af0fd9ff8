/**
 * The emulator in its own process (its CLI), driven through its HTTP control API: for test files
 * that make it encode hundreds of images. Inside jest's module sandbox the emulator's image
 * codecs run about three times slower than under plain Node, and in-process they would also
 * share one core with the node under test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

import type {
	FaultSpec,
	IdentitiesConfig,
	RequestLogEntry,
	RuntimeSettings,
} from '../../emulator/src/index.ts';

export interface EmulatorProcess {
	url: string;
	addFault(spec: FaultSpec): Promise<void>;
	requests(): Promise<RequestLogEntry[]>;
	clearRequests(): Promise<void>;
	reset(): Promise<void>;
	/** Changes runtime settings (`POST /__emulator/config`), e.g. `{ now: '2025-03-01' }`. */
	configure(patch: Partial<RuntimeSettings>): Promise<void>;
}

/** The emulator's default request log size (the CLI has no option for it). */
export const LOGGED_REQUESTS = 1000;

async function call(url: string, method: string, route: string, body?: unknown): Promise<unknown> {
	const response = await fetch(`${url}/__emulator/${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		...(body === undefined ? {} : { body: JSON.stringify(body) }),
	});
	if (!response.ok) throw new Error(`emulator ${method} ${route}: ${response.status}`);
	const text = await response.text();
	return text ? (JSON.parse(text) as unknown) : undefined;
}

/** Starts the emulator process before the file's tests, resets it before each, stops it after. */
export function useEmulatorProcess(options: {
	identities?: IdentitiesConfig;
	defaultRegion?: string;
}): { readonly current: EmulatorProcess } {
	const state: { child?: ChildProcess; current?: EmulatorProcess; dir?: string } = {};
	beforeAll(async () => {
		state.dir = mkdtempSync(path.join(tmpdir(), 'emulator-process-'));
		const identities = path.join(state.dir, 'identities.json');
		writeFileSync(identities, JSON.stringify(options.identities ?? {}));
		const child = spawn(
			process.execPath,
			[
				'emulator/src/cli.ts',
				'--port',
				'0',
				'--identities',
				identities,
				...(options.defaultRegion ? ['--region', options.defaultRegion] : []),
			],
			{ stdio: ['ignore', 'pipe', 'inherit'] },
		);
		state.child = child;
		const url = await new Promise<string>((resolve, reject) => {
			child.once('error', reject);
			child.once('exit', (code) => reject(new Error(`the emulator exited (${code})`)));
			createInterface({ input: child.stdout! }).on('line', (line) => {
				const match = /listening on (http:\/\/\S+)/.exec(line);
				if (match) resolve(match[1]);
			});
		});
		state.current = {
			url,
			addFault: async (spec) => void (await call(url, 'POST', 'faults', spec)),
			requests: async () =>
				((await call(url, 'GET', 'requests')) as { requests: RequestLogEntry[] }).requests,
			clearRequests: async () => void (await call(url, 'DELETE', 'requests')),
			reset: async () => void (await call(url, 'POST', 'reset')),
			configure: async (patch) => void (await call(url, 'POST', 'config', patch)),
		};
	}, 30_000);
	beforeEach(async () => await state.current?.reset());
	afterAll(async () => {
		const child = state.child;
		if (child && child.exitCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		}
		if (state.dir) rmSync(state.dir, { recursive: true, force: true });
	});
	return {
		get current() {
			if (!state.current) throw new Error('The emulator process is not running');
			return state.current;
		},
	};
}
