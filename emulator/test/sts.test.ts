/**
 * STS on the emulator: AssumeRole through the SDK's credential provider and STS client,
 * GetCallerIdentity, STS's XML errors, and the temporary credentials on Bedrock (valid,
 * cached, expired).
 */
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/nested-clients/sts';

import { type RunningEmulator, startEmulator } from '../src/index.ts';
import {
	type Credentials,
	EXAMPLE_CREDENTIALS,
	captureError,
	runtimeClient,
	signedPost,
	userText,
} from './sdkHarness.ts';

const ROLE = 'arn:aws:iam::123456789012:role/EmulatorBedrockRole';
const EXTERNAL_ID_ROLE = 'arn:aws:iam::123456789012:role/EmulatorExternalIdRole';
const SHORT_ROLE = 'arn:aws:iam::123456789012:role/OneHourRole';
const hello = { modelId: 'amazon.nova-lite-v1:0', messages: [userText('hello')] };

let emulator: RunningEmulator;
/** Moves the emulator's clock (and, in the tests that need it, the client's). */
let clockOffset = 0;

beforeAll(async () => {
	emulator = await startEmulator({
		now: () => Date.now() + clockOffset,
		identities: { roles: [{ roleArn: SHORT_ROLE, maxSessionDuration: 3600 }] },
	});
});
afterAll(() => emulator.stop());
beforeEach(() => {
	clockOffset = 0;
	emulator.control.reset();
});

function sts(
	credentials: Credentials = EXAMPLE_CREDENTIALS,
	systemClockOffset?: number,
): STSClient {
	return new STSClient({
		region: 'us-east-1',
		endpoint: emulator.url,
		credentials,
		maxAttempts: 1,
		systemClockOffset,
	});
}

async function assumeRole(
	input: {
		RoleArn: string;
		RoleSessionName: string;
		DurationSeconds?: number;
		ExternalId?: string;
	},
	from?: Credentials,
) {
	const { Credentials: issued, AssumedRoleUser } = await sts(from).send(
		new AssumeRoleCommand(input),
	);
	return {
		credentials: {
			accessKeyId: issued!.AccessKeyId!,
			secretAccessKey: issued!.SecretAccessKey!,
			sessionToken: issued!.SessionToken!,
		},
		expiration: issued!.Expiration!,
		arn: AssumedRoleUser!.Arn!,
	};
}

/** A signed query-protocol call, for GetCallerIdentity (not in the SDK's nested STS client) and raw error checks. */
async function stsCall(
	params: Record<string, string>,
	credentials: Credentials = EXAMPLE_CREDENTIALS,
): Promise<{ status: number; body: string }> {
	const response = await signedPost(emulator.url, {
		service: 'sts',
		path: '/',
		contentType: 'application/x-www-form-urlencoded; charset=utf-8',
		body: new URLSearchParams({ ...params, Version: '2011-06-15' }).toString(),
		credentials,
	});
	return { status: response.status, body: await response.text() };
}

describe('AssumeRole', () => {
	it('issues credentials Bedrock accepts, cached by the SDK provider across calls', async () => {
		const client = runtimeClient(emulator.url, {
			credentials: fromTemporaryCredentials({
				masterCredentials: EXAMPLE_CREDENTIALS,
				params: { RoleArn: ROLE, RoleSessionName: 'emulator-test', DurationSeconds: 3600 },
				clientConfig: { region: 'us-east-1', endpoint: emulator.url },
			}),
		});
		for (let call = 0; call < 3; call++) await client.send(new ConverseCommand(hello));
		expect(emulator.control.counters().assumeRole).toBe(1);
		const bedrockCalls = emulator.control
			.requests()
			.filter((entry) => entry.operation === 'Converse');
		expect(bedrockCalls.map((entry) => entry.identity)).toEqual(
			Array(3).fill('arn:aws:sts::123456789012:assumed-role/EmulatorBedrockRole/emulator-test'),
		);
		const assume = emulator.control.requests().find((entry) => entry.operation === 'AssumeRole');
		expect(assume).toMatchObject({
			status: 200,
			body: { Action: 'AssumeRole', RoleArn: ROLE, RoleSessionName: 'emulator-test' },
		});
		expect(JSON.stringify(emulator.control.requests())).not.toContain('EmulatorSessionToken');
	});

	it('returns ASIA keys valid for the requested duration', async () => {
		const before = Date.now();
		const { credentials, expiration, arn } = await assumeRole({
			RoleArn: ROLE,
			RoleSessionName: 's1',
			DurationSeconds: 900,
		});
		expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
		expect(arn).toBe('arn:aws:sts::123456789012:assumed-role/EmulatorBedrockRole/s1');
		expect(expiration.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 899_000);
		expect(expiration.getTime()).toBeLessThanOrEqual(Date.now() + 900_000);
	});

	it('requires the configured ExternalId', async () => {
		const denied = await captureError(
			assumeRole({ RoleArn: EXTERNAL_ID_ROLE, RoleSessionName: 'ext' }),
		);
		expect(denied).toMatchObject({
			name: 'AccessDenied',
			status: 403,
			message: `User: arn:aws:iam::123456789012:user/emulator-user is not authorized to perform: sts:AssumeRole on resource: ${EXTERNAL_ID_ROLE}`,
		});
		const wrong = await captureError(
			assumeRole({ RoleArn: EXTERNAL_ID_ROLE, RoleSessionName: 'ext', ExternalId: 'other-id' }),
		);
		expect(wrong.name).toBe('AccessDenied');
		const { arn } = await assumeRole({
			RoleArn: EXTERNAL_ID_ROLE,
			RoleSessionName: 'ext',
			ExternalId: 'emulator-external-id',
		});
		expect(arn).toBe('arn:aws:sts::123456789012:assumed-role/EmulatorExternalIdRole/ext');
	});

	it('denies sts:AssumeRole when IAM denies it', async () => {
		emulator.control.configure({ deniedActions: ['sts:AssumeRole'] });
		const error = await captureError(assumeRole({ RoleArn: ROLE, RoleSessionName: 'denied' }));
		expect(error).toMatchObject({
			name: 'AccessDenied',
			status: 403,
			message: `User: arn:aws:iam::123456789012:user/emulator-user is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`,
		});
		expect(emulator.control.counters().assumeRole).toBe(0);
	});

	it('denies roles that do not exist', async () => {
		const error = await captureError(
			assumeRole({ RoleArn: 'arn:aws:iam::123456789012:role/Nope', RoleSessionName: 'x1' }),
		);
		expect(error).toMatchObject({ name: 'AccessDenied', status: 403 });
	});

	it.each([
		[
			{ RoleSessionName: 'a' },
			"1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
		],
		[
			{ RoleSessionName: 'has space' },
			"1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
		],
		[
			{ DurationSeconds: 899 },
			"1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
		],
		[
			{ DurationSeconds: 43201 },
			"1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
		],
		[
			{ RoleArn: 'short' },
			"1 validation error detected: Value 'short' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
		],
		[{ RoleArn: 'arn:aws:iam::123456789012:user/bob' }, 'Request ARN is invalid'],
		[
			{ RoleArn: SHORT_ROLE, DurationSeconds: 7200 },
			'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
		],
	])('rejects %j with ValidationError', async (override, message) => {
		const error = await captureError(
			assumeRole({ RoleArn: ROLE, RoleSessionName: 'valid-name', ...override }),
		);
		expect(error).toMatchObject({ name: 'ValidationError', status: 400, message });
	});

	it('limits role chaining to one hour', async () => {
		const { credentials } = await assumeRole({ RoleArn: ROLE, RoleSessionName: 'first' });
		const error = await captureError(
			assumeRole({ RoleArn: ROLE, RoleSessionName: 'second', DurationSeconds: 7200 }, credentials),
		);
		expect(error.message).toBe(
			'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
		);
		const chained = await assumeRole(
			{ RoleArn: ROLE, RoleSessionName: 'second', DurationSeconds: 3600 },
			credentials,
		);
		expect(chained.arn).toBe('arn:aws:sts::123456789012:assumed-role/EmulatorBedrockRole/second');
	});

	it('expires the credentials: ExpiredTokenException on Bedrock, ExpiredToken on STS', async () => {
		const { credentials } = await assumeRole({
			RoleArn: ROLE,
			RoleSessionName: 'short',
			DurationSeconds: 900,
		});
		await runtimeClient(emulator.url, { credentials }).send(new ConverseCommand(hello));
		clockOffset = 901_000;
		const bedrock = await captureError(
			runtimeClient(emulator.url, { credentials, systemClockOffset: clockOffset }).send(
				new ConverseCommand(hello),
			),
		);
		expect(bedrock).toMatchObject({
			name: 'ExpiredTokenException',
			status: 403,
			message: 'The security token included in the request is expired',
		});
		const stsError = await captureError(
			sts(credentials, clockOffset).send(
				new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'again' }),
			),
		);
		expect(stsError).toMatchObject({ name: 'ExpiredToken', status: 400 });
	});
});

describe('GetCallerIdentity and STS errors', () => {
	it('names the user and the assumed role', async () => {
		const user = await stsCall({ Action: 'GetCallerIdentity' });
		expect(user.status).toBe(200);
		expect(user.body).toContain('<Arn>arn:aws:iam::123456789012:user/emulator-user</Arn>');
		expect(user.body).toContain('<Account>123456789012</Account>');
		expect(user.body).toMatch(/<UserId>AIDA[A-Z2-7]{17}<\/UserId>/);
		const { credentials } = await assumeRole({ RoleArn: ROLE, RoleSessionName: 'who' });
		const role = await stsCall({ Action: 'GetCallerIdentity' }, credentials);
		expect(role.body).toContain(
			'<Arn>arn:aws:sts::123456789012:assumed-role/EmulatorBedrockRole/who</Arn>',
		);
		expect(role.body).toMatch(/<UserId>AROA[A-Z2-7]{17}:who<\/UserId>/);
	});

	it('answers errors as STS XML', async () => {
		const badSignature = await stsCall(
			{ Action: 'GetCallerIdentity' },
			{ ...EXAMPLE_CREDENTIALS, secretAccessKey: 'wrong' },
		);
		expect(badSignature.status).toBe(403);
		expect(badSignature.body).toMatch(
			/^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">\s*<Error>\s*<Type>Sender<\/Type>\s*<Code>SignatureDoesNotMatch<\/Code>\s*<Message>The request signature we calculated does not match the signature you provided\. Check your AWS Secret Access Key and signing method\. Consult the service documentation for details\.<\/Message>/,
		);
		const unknownKey = await stsCall(
			{ Action: 'GetCallerIdentity' },
			{ accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: 'x' },
		);
		expect(unknownKey.status).toBe(403);
		expect(unknownKey.body).toContain('<Code>InvalidClientTokenId</Code>');
		const unknownAction = await stsCall({ Action: 'GetSessionToken' });
		expect(unknownAction.status).toBe(400);
		expect(unknownAction.body).toContain('<Code>InvalidAction</Code>');
		expect(unknownAction.body).toContain(
			'Could not find operation GetSessionToken for version 2011-06-15',
		);
	});

	it('refuses Bedrock-scoped signatures on STS', async () => {
		const response = await signedPost(emulator.url, {
			service: 'bedrock',
			path: '/',
			contentType: 'application/x-www-form-urlencoded',
			body: 'Action=GetCallerIdentity&Version=2011-06-15',
		});
		expect(response.status).toBe(403);
		expect(await response.text()).toContain(
			"Credential should be scoped to correct service: 'sts'.",
		);
	});
});
