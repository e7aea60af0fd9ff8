/**
 * Temporary access keys configured as identities (a session token, optionally an expiry), as
 * a user pastes them from an STS or SSO session: the fault suite's secret canaries and its
 * expired-token case need them without going through AssumeRole.
 */
import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';

import { type RunningEmulator, startEmulator } from '../src/index.ts';
import { captureError, controlPlaneClient } from './sdkHarness.ts';

const SESSION = {
	// The AWS documentation's example temporary keys.
	accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	sessionToken: 'EmulatorConfiguredSessionToken/valid',
};
const EXPIRED = {
	accessKeyId: 'ASIAI44QH8DHBEXAMPLE',
	secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
	sessionToken: 'EmulatorConfiguredSessionToken/expired',
};

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator({
		identities: {
			accessKeys: [
				{ ...SESSION, expiration: new Date(Date.now() + 3_600_000).toISOString() },
				{ ...EXPIRED, expiration: '2020-01-01T00:00:00Z' },
			],
		},
	});
});
afterAll(() => emulator.stop());

const list = (credentials: {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
}) => controlPlaneClient(emulator.url, { credentials }).send(new ListFoundationModelsCommand({}));

test('a configured session key works with its token', async () => {
	const answer = await list(SESSION);
	expect(answer.modelSummaries?.length).toBeGreaterThan(0);
	expect(emulator.control.requests().at(-1)?.identity).toBe(SESSION.accessKeyId);
});

test('without its token, or with another, it is not recognized', async () => {
	const withoutToken = {
		accessKeyId: SESSION.accessKeyId,
		secretAccessKey: SESSION.secretAccessKey,
	};
	expect(await captureError(list(withoutToken))).toMatchObject({
		name: 'UnrecognizedClientException',
		status: 403,
	});
	expect(await captureError(list({ ...SESSION, sessionToken: 'other' }))).toMatchObject({
		name: 'UnrecognizedClientException',
	});
});

test('past its expiration it answers ExpiredTokenException', async () => {
	expect(await captureError(list(EXPIRED))).toMatchObject({
		name: 'ExpiredTokenException',
		status: 403,
		message: 'The security token included in the request is expired',
	});
});

test('the log never shows the token', async () => {
	await list(SESSION);
	expect(JSON.stringify(emulator.control.requests())).not.toContain(SESSION.sessionToken);
});
