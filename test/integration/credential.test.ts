/**
 * The `awsBedrockApi` credential's modes, through real n8n-core and the real AWS SDK against
 * the emulator: access keys (+ session token), assume role, Bedrock API key, host chain (with
 * and without the instance's opt-in), and the credential test with its specific reasons.
 */
import type { ICredentialDataDecryptedObject, ICredentialTestFunctions } from 'n8n-workflow';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';

import { packNodeType, runWorkflow } from '../../tooling/harness/n8n.ts';
import {
	ACCESS_KEY_ID,
	API_KEY,
	EXTERNAL_ID,
	EXTERNAL_ID_ROLE_ARN,
	ROLE_ARN,
	SECRET_ACCESS_KEY,
	emulatorCredentials,
	useEmulator,
} from './helpers.ts';

/** Moves the emulator's clock: AWS's time, as the expiry test needs it. */
let awsClockOffsetMs = 0;
const emulator = useEmulator({ now: () => Date.now() + awsClockOffsetMs });

/** No call was retried: each operation reached the emulator at most once, as attempt 1. */
function expectNoRetries() {
	const calls = emulator.current.control.requests();
	expect(calls.length).toBeGreaterThan(0);
	for (const call of calls) expect(call.headers['amz-sdk-request']).toBe('attempt=1; max=1');
	const operations = calls.map((call) => `${call.operation} ${call.path}`);
	expect(new Set(operations).size).toBe(operations.length);
}

const listModels = {
	name: 'List',
	type: 'bedrockListModels',
	parameters: { operation: 'listFoundationModels' },
};

async function listWith(overrides: ICredentialDataDecryptedObject, items = 1) {
	return await runWorkflow({
		nodes: [listModels],
		input: Array.from({ length: items }, (_, i) => ({ json: { i } })),
		credentials: emulatorCredentials(emulator.current, overrides),
	});
}

async function credentialTest(overrides: ICredentialDataDecryptedObject) {
	const node = await packNodeType('bedrockListModels');
	const test = node.methods?.credentialTest?.awsBedrockApiTest;
	if (!test) throw new Error('bedrockListModels has no credential test');
	const { awsBedrockApi: data } = emulatorCredentials(emulator.current, overrides);
	return await test.call({} as ICredentialTestFunctions, {
		id: 'test',
		name: 'Test credential',
		type: 'awsBedrockApi',
		data,
	});
}

function identities() {
	return emulator.current.control.requests().map((r) => r.identity);
}

/** Temporary credentials from the emulator's STS, as a user would paste them. */
async function temporaryCredentials() {
	const identity = await fromTemporaryCredentials({
		params: { RoleArn: ROLE_ARN, RoleSessionName: 'test-session', DurationSeconds: 900 },
		masterCredentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
		clientConfig: { region: 'us-east-1', endpoint: emulator.current.url },
	})();
	return {
		AccessKeyId: identity.accessKeyId,
		SecretAccessKey: identity.secretAccessKey,
		SessionToken: identity.sessionToken ?? '',
	};
}

describe('access keys', () => {
	test('list models signed with SigV4 by the access key', async () => {
		const result = await listWith({});
		expect(result.error('List')).toBeUndefined();
		expect(result.output('List').length).toBeGreaterThan(10);
		expect(identities()).toEqual([ACCESS_KEY_ID, ACCESS_KEY_ID, ACCESS_KEY_ID]);
	});

	test('temporary credentials with their session token', async () => {
		const credentials = await temporaryCredentials();
		emulator.current.control.clearRequests();
		const result = await listWith({
			accessKeyId: credentials.AccessKeyId,
			secretAccessKey: credentials.SecretAccessKey,
			sessionToken: credentials.SessionToken,
		});
		expect(result.error('List')).toBeUndefined();
		expect(identities()[0]).toMatch(/assumed-role\/EmulatorBedrockRole\/test-session/);
	});

	test('a wrong secret fails once, with a clear error, and is not retried', async () => {
		const result = await listWith({ secretAccessKey: 'not-the-secret' });
		const error = result.error('List');
		expect(error?.message).toBe(
			'AWS rejected the request signature: the secret access key does not match the access key ID',
		);
		expect((error as { description?: string }).description).toMatch(
			/secret access key does not match.* AWS answered InvalidSignatureException/i,
		);
		expectNoRetries();
		expect(JSON.stringify(error)).not.toContain('not-the-secret');
	});

	test('a session token that is not known', async () => {
		const result = await listWith({ sessionToken: 'not-a-token' });
		expect(result.error('List')?.message).toBe(
			'AWS does not recognize the access key or session token',
		);
	});
});

describe('assume role', () => {
	test('assumes the role once per process and signs with the role session', async () => {
		const settings = {
			authentication: 'assumeRole',
			roleArn: ROLE_ARN,
			roleSessionName: 'n8n-test-1',
		};
		const first = await listWith(settings, 3);
		const second = await listWith(settings, 2);
		expect(first.error('List')).toBeUndefined();
		expect(second.error('List')).toBeUndefined();
		expect(first.output('List').length).toBeGreaterThan(0);
		// Five items over two executions: one AssumeRole, reused until shortly before expiry.
		expect(emulator.current.control.counters().assumeRole).toBe(1);
		const bedrockCalls = emulator.current.control
			.requests()
			.filter((r) => r.path.startsWith('/foundation-models'));
		expect(bedrockCalls.length).toBe(5);
		for (const call of bedrockCalls) {
			expect(call.identity).toContain('assumed-role/EmulatorBedrockRole/n8n-test-1');
		}
	});

	test('a role that requires an external ID', async () => {
		const without = await listWith({
			authentication: 'assumeRole',
			roleArn: EXTERNAL_ID_ROLE_ARN,
			roleSessionName: 'n8n-no-external-id',
		});
		expect(without.error('List')?.message).toBe(
			'AWS refused to let the credential assume the role',
		);
		expect((without.error('List') as { description?: string }).description).toMatch(/trust policy/);

		const withId = await listWith({
			authentication: 'assumeRole',
			roleArn: EXTERNAL_ID_ROLE_ARN,
			roleSessionName: 'n8n-external-id',
			externalId: EXTERNAL_ID,
		});
		expect(withId.error('List')).toBeUndefined();
	});

	test('a malformed role ARN is caught before any call', async () => {
		const result = await listWith({
			authentication: 'assumeRole',
			roleArn: 'arn:aws:iam::12:role',
		});
		expect(result.error('List')?.message).toMatch(/Role ARN .* is not an IAM role ARN/);
		expect(emulator.current.control.requests()).toHaveLength(0);
	});
});

describe('Bedrock API key', () => {
	test('sends the key as a bearer token and no signature', async () => {
		const result = await listWith({ authentication: 'apiKey', apiKey: API_KEY });
		expect(result.error('List')).toBeUndefined();
		const call = emulator.current.control.requests()[0];
		expect(call.identity).toBe('bearer');
		expect(call.headers.authorization).toMatch(/^Bearer/);
		expect(call.headers['x-amz-date']).toBeUndefined();
		expect(JSON.stringify(emulator.current.control.requests())).not.toContain(API_KEY);
	});

	test('a revoked or wrong key fails once with a clear error', async () => {
		const result = await listWith({ authentication: 'apiKey', apiKey: 'bedrock-api-key-revoked' });
		expect(result.error('List')?.message).toBe('AWS does not accept the Bedrock API key');
		expectNoRetries();
		expect(JSON.stringify(result.error('List'))).not.toContain('bedrock-api-key-revoked');
	});
});

describe('host credential chain', () => {
	const saved = { ...process.env };
	afterEach(() => {
		for (const key of [
			'N8N_BEDROCK_ALLOW_HOST_CREDENTIALS',
			'AWS_ACCESS_KEY_ID',
			'AWS_SECRET_ACCESS_KEY',
		]) {
			if (saved[key] === undefined) delete process.env[key];
			else process.env[key] = saved[key];
		}
	});

	test('is refused unless the instance opts in', async () => {
		process.env.AWS_ACCESS_KEY_ID = ACCESS_KEY_ID;
		process.env.AWS_SECRET_ACCESS_KEY = SECRET_ACCESS_KEY;
		const result = await listWith({ authentication: 'hostChain', region: 'us-west-2' });
		expect(result.error('List')?.message).toMatch(/N8N_BEDROCK_ALLOW_HOST_CREDENTIALS=true/);
		expect(emulator.current.control.requests()).toHaveLength(0);
	});

	test('uses the host identity (environment) when the instance opts in', async () => {
		process.env.N8N_BEDROCK_ALLOW_HOST_CREDENTIALS = 'true';
		process.env.AWS_ACCESS_KEY_ID = ACCESS_KEY_ID;
		process.env.AWS_SECRET_ACCESS_KEY = SECRET_ACCESS_KEY;
		const result = await listWith({ authentication: 'hostChain', region: 'us-west-2' });
		expect(result.error('List')).toBeUndefined();
		expect(identities()[0]).toBe(ACCESS_KEY_ID);
	});

	test('can be the base identity of assume role', async () => {
		process.env.N8N_BEDROCK_ALLOW_HOST_CREDENTIALS = 'true';
		process.env.AWS_ACCESS_KEY_ID = ACCESS_KEY_ID;
		process.env.AWS_SECRET_ACCESS_KEY = SECRET_ACCESS_KEY;
		const result = await listWith({
			authentication: 'assumeRoleFromHost',
			roleArn: ROLE_ARN,
			roleSessionName: 'n8n-from-host',
			region: 'us-west-2',
		});
		expect(result.error('List')).toBeUndefined();
		expect(identities().at(-1)).toContain('n8n-from-host');
	});
});

describe('region and endpoints', () => {
	test('any well-formed region, including China and GovCloud names, is accepted', async () => {
		for (const region of ['cn-north-1', 'us-gov-west-1', 'ap-southeast-7']) {
			const result = await listWith({ region: 'custom', customRegion: region });
			expect(result.error('List')?.message ?? '').not.toMatch(/not an AWS region/);
		}
	});

	test('a malformed region is refused before it reaches a URL', async () => {
		const result = await listWith({ region: 'custom', customRegion: 'us-east-1.evil.com/' });
		expect(result.error('List')?.message).toMatch(/not an AWS region name/);
		expect(emulator.current.control.requests()).toHaveLength(0);
	});

	test('an endpoint override that is not http(s) is refused, naming the field', async () => {
		const result = await listWith({ controlPlaneEndpoint: 'ftp://127.0.0.1/' });
		expect(result.error('List')?.message).toMatch(/Bedrock Endpoint is not valid: only http/);
	});

	test('the call goes to the credential region', async () => {
		const result = await listWith({ region: 'eu-west-1' });
		expect(result.error('List')).toBeUndefined();
		expect(emulator.current.control.requests()[0].region).toBe('eu-west-1');
	});
});

describe('credential test', () => {
	test('passes and says how many models it saw', async () => {
		const result = await credentialTest({});
		expect(result).toEqual({
			status: 'OK',
			message: expect.stringMatching(/\d+ foundation models listed in us-east-1/),
		});
	});

	test.each([
		['a wrong secret', { secretAccessKey: 'wrong' }, /secret access key does not match/i],
		[
			'an unknown access key',
			{ accessKeyId: 'AKIAI44QH8DHBEXAMPLE' },
			/does not recognize this access key/i,
		],
		[
			'an unknown API key',
			{ authentication: 'apiKey', apiKey: 'nope' },
			/^AWS does not accept the Bedrock API key\. .*AccessDeniedException/,
		],
		['a missing field', { secretAccessKey: '' }, /Secret Access Key is empty/],
	])('fails with a specific reason for %s', async (_name, overrides, reason) => {
		const result = await credentialTest(overrides as ICredentialDataDecryptedObject);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(reason);
	});

	test('fails with the missing permission named', async () => {
		emulator.current.control.configure({ deniedActions: ['bedrock:ListFoundationModels'] });
		const result = await credentialTest({});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/bedrock:ListFoundationModels/);
	});

	test('fails with an expired session token, once the SDK has corrected its clock', async () => {
		const credentials = await temporaryCredentials();
		// The session lasts 900 s. 20 minutes on, AWS answers ExpiredTokenException; n8n's clock
		// lags (as if the host slept), so the first attempt is a skew error the SDK corrects from
		// the Date header, and the second is signed right and meets the expired token.
		awsClockOffsetMs = 20 * 60_000;
		try {
			const result = await credentialTest({
				accessKeyId: credentials.AccessKeyId,
				secretAccessKey: credentials.SecretAccessKey,
				sessionToken: credentials.SessionToken,
			});
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(
				/^The session token has expired\. .* AWS answered ExpiredTokenException \(HTTP 403\)/s,
			);
		} finally {
			awsClockOffsetMs = 0;
		}
	});

	test('fails with the endpoint named when nothing answers there', async () => {
		const result = await credentialTest({ controlPlaneEndpoint: 'http://127.0.0.1:9' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Cannot reach the Bedrock endpoint http:\/\/127\.0\.0\.1:9\. .*\(ECONNREFUSED\)/,
		);
	});
});
