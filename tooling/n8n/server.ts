/**
 * `n8n start` for the editor checks: waits until the instance is ready on a free port, then
 * creates the owner account through the REST API (the same call the setup screen makes), so a
 * browser can sign in straight away.
 */
import { readFileSync } from 'node:fs';

import { spawnInBackground, type BackgroundProcess } from './processes.ts';

export type Owner = { email: string; password: string; firstName: string; lastName: string };

/** Only ever used on loopback instances that live for one test run. */
export const DEFAULT_OWNER: Owner = {
	email: 'owner@e2e.example.com',
	password: 'E2e-Owner-Passw0rd',
	firstName: 'E2E',
	lastName: 'Owner',
};

export type N8nServer = {
	/** e.g. http://127.0.0.1:41234 (no trailing slash) */
	url: string;
	owner: Owner;
	logFile: string;
	/** Seconds from spawn until the owner could sign in. */
	startSeconds: number;
	/** A REST call as the owner: `request('GET', '/rest/credentials')` → parsed `data`. */
	request<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
	stop(): Promise<void>;
};

export type StartServerOptions = {
	command: string;
	args: string[];
	env: NodeJS.ProcessEnv;
	port: number;
	logFile: string;
	owner?: Owner;
	timeoutMs?: number;
};

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export async function startN8nServer(options: StartServerOptions): Promise<N8nServer> {
	const started = Date.now();
	const owner = options.owner ?? DEFAULT_OWNER;
	const url = `http://127.0.0.1:${options.port}`;
	const processHandle = spawnInBackground(options.command, options.args, {
		env: options.env,
		logFile: options.logFile,
	});
	try {
		const deadline = started + (options.timeoutMs ?? 120_000);
		await waitUntilReady(url, processHandle, deadline);
		const cookie = await setUpOwner(url, owner, processHandle, deadline);
		return {
			url,
			owner,
			logFile: options.logFile,
			startSeconds: (Date.now() - started) / 1000,
			request: (method, path, body) => restRequest(url, cookie, method, path, body),
			stop: () => processHandle.stop(),
		};
	} catch (error) {
		await processHandle.stop();
		throw error;
	}
}

/** /healthz answers as soon as HTTP is up; /healthz/readiness once the database is migrated. */
async function waitUntilReady(
	url: string,
	processHandle: BackgroundProcess,
	deadline: number,
): Promise<void> {
	let exit: number | string | undefined;
	void processHandle.exited.then((code) => (exit = code));
	while (Date.now() < deadline) {
		if (exit !== undefined)
			throw serverError(`n8n exited (${exit}) before it was ready`, processHandle);
		try {
			const response = await fetch(`${url}/healthz/readiness`);
			if (response.ok) return;
		} catch {
			// Not listening yet.
		}
		await sleep(250);
	}
	throw serverError('n8n did not become ready in time', processHandle);
}

/**
 * POST /rest/owner/setup turns the instance's placeholder owner into a real account and returns
 * its session cookie. Right after readiness the REST routes may still be registering, so 404s
 * are retried. An instance whose owner exists already (a reused folder) gets a plain login.
 */
async function setUpOwner(
	url: string,
	owner: Owner,
	processHandle: BackgroundProcess,
	deadline: number,
): Promise<string> {
	while (Date.now() < deadline) {
		const response = await fetch(`${url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
		if (response.ok) return sessionCookie(response);
		if (response.status === 400) return await logIn(url, owner);
		if (response.status !== 404) {
			throw serverError(
				`Owner setup failed: HTTP ${response.status} ${await response.text()}`,
				processHandle,
			);
		}
		await sleep(250);
	}
	throw serverError('The owner setup endpoint never answered', processHandle);
}

async function logIn(url: string, owner: Owner): Promise<string> {
	const response = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (!response.ok) throw new Error(`Login as ${owner.email} failed: HTTP ${response.status}`);
	return sessionCookie(response);
}

function sessionCookie(response: Response): string {
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
	if (!cookie) throw new Error('n8n did not return a session cookie');
	return cookie;
}

async function restRequest<T>(
	url: string,
	cookie: string,
	method: string,
	path: string,
	body?: unknown,
): Promise<T> {
	const response = await fetch(`${url}${path}`, {
		method,
		headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok)
		throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
	const parsed = text ? (JSON.parse(text) as { data?: T }) : {};
	return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
}

function serverError(message: string, processHandle: BackgroundProcess): Error {
	let tail = '';
	try {
		tail = readFileSync(processHandle.logFile, 'utf8').split('\n').slice(-30).join('\n');
	} catch {
		// No log yet.
	}
	return new Error(`${message} (log: ${processHandle.logFile})\n${tail}`);
}
