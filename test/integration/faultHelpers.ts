/**
 * Shared pieces of the fault suite (`faults*.test.ts`): the emulator with canary identities,
 * credentials that use them, and a watch that proves no canary ever leaves the pack — not in
 * output items, error messages or descriptions, the execution data, nor n8n's log file.
 *
 * The canaries are distinctive strings registered as emulator identities (a temporary access
 * key with its secret and session token, a Bedrock API key) plus wrong values the failing
 * cases send; every workflow of the suite runs with one of them.
 */
import { readFileSync } from 'node:fs';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { IdentitiesConfig } from '../../emulator/src/auth/identities.ts';
import type { RequestLogEntry } from '../../emulator/src/requestLog.ts';
import { emulatorEndpoints } from '../../tooling/harness/credentials.ts';
import { n8nLogFile, type RunResult } from '../../tooling/harness/n8n.ts';

export const CANARY = {
	accessKeyId: 'ASIAIOSFODNN7EXAMPLE', // the AWS documentation's example temporary key
	secretAccessKey: 'canarySecretKey/7f3cXq9Zr2LmN8vBw4TyK1pD6hJ0sGu5eAiCo',
	sessionToken: 'canarySessionToken/Qm9vZ2llV29vZ2llQ2FuYXJ5VG9rZW5WYWx1ZQ',
	apiKey: 'canaryApiKey-ABSK3f9e1d7c5b3a1f0e9d8c7b6a5f4e3d2c1b0a',
	/** Sent where the real secret belongs: must not be echoed either. */
	wrongSecretAccessKey: 'canaryWrongSecret/Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1Jj0Hh9Gg8Ff',
	/** A Bedrock API key the emulator does not (or no longer) know. */
	revokedApiKey: 'canaryRevokedApiKey-ABSK0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e',
};

export const EXPIRED = {
	accessKeyId: 'ASIAI44QH8DHBEXAMPLE', // the AWS documentation's second example key
	secretAccessKey: 'canaryExpiredSecret/Aa1Bb2Cc3Dd4Ee5Ff6Gg7Hh8Ii9Jj0KkLl',
	sessionToken: 'canaryExpiredSessionToken/RXhwaXJlZFRva2VuQ2FuYXJ5',
};

/** Every value that must never appear in anything the pack produces. */
export const SECRETS = [
	CANARY.secretAccessKey,
	CANARY.sessionToken,
	CANARY.apiKey,
	CANARY.wrongSecretAccessKey,
	CANARY.revokedApiKey,
	EXPIRED.secretAccessKey,
	EXPIRED.sessionToken,
];

export const CANARY_IDENTITIES: IdentitiesConfig = {
	accessKeys: [
		{
			accessKeyId: CANARY.accessKeyId,
			secretAccessKey: CANARY.secretAccessKey,
			sessionToken: CANARY.sessionToken,
			userName: 'fault-suite',
		},
		{ ...EXPIRED, userName: 'fault-suite-expired', expiration: '2020-01-01T00:00:00Z' },
	],
	apiKeys: [{ apiKey: CANARY.apiKey, userName: 'BedrockAPIKey-fault-suite' }],
};

/** Credential data with the canary temporary key (or API key), every endpoint the emulator. */
export function canaryCredentials(
	emulator: { url: string },
	mode: 'accessKeys' | 'apiKey' = 'accessKeys',
	overrides: ICredentialDataDecryptedObject = {},
): { awsBedrockApi: ICredentialDataDecryptedObject } {
	const identity: ICredentialDataDecryptedObject =
		mode === 'apiKey'
			? { authentication: 'apiKey', apiKey: CANARY.apiKey }
			: {
					authentication: 'accessKeys',
					accessKeyId: CANARY.accessKeyId,
					secretAccessKey: CANARY.secretAccessKey,
					sessionToken: CANARY.sessionToken,
				};
	return {
		awsBedrockApi: {
			...identity,
			region: 'us-west-2',
			...emulatorEndpoints(emulator.url),
			...overrides,
		},
	};
}

/**
 * Checks everything the pack produced in a test file for canaries as it comes, and n8n's log at
 * the end. Errors are read field by field as well as serialized: `JSON.stringify` skips an
 * Error's message and stack.
 */
export class SecretWatch {
	private checked = 0;
	private readonly leaks: string[] = [];

	/** A run's execution data: output items, node errors, their messages and descriptions. */
	add(result: RunResult, nodeName: string): void {
		this.scan(`run ${this.checked}`, JSON.stringify(result.run.data));
		for (const error of [result.error(nodeName), result.error()]) {
			if (!error) continue;
			const e = error as Error & { description?: unknown };
			for (const text of [e.message, e.description, e.stack, JSON.stringify(error)]) {
				this.scan(`error of run ${this.checked}`, String(text ?? ''));
			}
		}
	}

	private scan(where: string, text: string): void {
		this.checked++;
		for (const secret of SECRETS) if (text.includes(secret)) this.leaks.push(`${where}: ${secret}`);
	}

	/** Fails when anything added, or n8n's log file so far, contained a canary. */
	async expectClean(): Promise<void> {
		const log = readFileSync(await n8nLogFile(), 'utf8');
		this.scan('n8n log', log);
		expect(this.leaks).toEqual([]);
		// The watch must have looked at something, or it proves nothing.
		expect(this.checked).toBeGreaterThan(1);
		expect(log.length).toBeGreaterThan(0);
	}
}

/** The InvokeModel requests of an emulator's log, in arrival order. */
export function invokeRequests(log: RequestLogEntry[]): RequestLogEntry[] {
	return log
		.filter((request) => request.operation === 'InvokeModel')
		.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
}

/** When the emulator saw the exchange end (answered, dropped or closed by the client). */
export function endedAt(request: RequestLogEntry): number {
	return Date.parse(request.time) + (request.durationMs ?? 0);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
