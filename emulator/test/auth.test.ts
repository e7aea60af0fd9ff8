/**
 * Authentication and authorization through the raw AWS SDK: SigV4 over HTTP/2 (the runtime
 * client's default) and HTTP/1.1, Bedrock API keys (bearer), and every rejection with the
 * exception name and status AWS uses.
 */
import { ListFoundationModelsCommand, ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock';
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';

import { type RunningEmulator, startEmulator } from '../src/index.ts';
import {
	EXAMPLE_API_KEY,
	EXAMPLE_CREDENTIALS,
	captureError,
	controlPlaneClient,
	runtimeClient,
	signedPost,
	userText,
} from './sdkHarness.ts';

const READ_ONLY_KEY = {
	accessKeyId: 'AKIAEMULATORREADONLY',
	secretAccessKey: 'emulator/read-only/secret/key/for/tests00',
};

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator({
		identities: {
			accessKeys: [
				{ ...READ_ONLY_KEY, userName: 'read-only', deniedActions: ['bedrock:InvokeModel*'] },
			],
		},
	});
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.control.reset());

const hello = { modelId: 'amazon.nova-micro-v1:0', messages: [userText('hello')] };

describe('SigV4 with the documentation example key pair', () => {
	it('is accepted over HTTP/2, the runtime client default', async () => {
		const response = await runtimeClient(emulator.url).send(new ConverseCommand(hello));
		expect(response.stopReason).toBe('end_turn');
		const [entry] = emulator.control.requests();
		expect(entry).toMatchObject({
			httpVersion: '2.0',
			identity: EXAMPLE_CREDENTIALS.accessKeyId,
			region: 'us-east-1',
			status: 200,
		});
		expect(entry.id).toBe(response.$metadata.requestId);
	});

	it('is accepted over HTTP/1.1 (NodeHttpHandler) and by the control-plane client', async () => {
		await runtimeClient(emulator.url, { http1: true, region: 'eu-west-1' }).send(
			new ConverseCommand(hello),
		);
		await controlPlaneClient(emulator.url).send(new ListFoundationModelsCommand({}));
		expect(
			emulator.control.requests().map((entry) => [entry.httpVersion, entry.region, entry.status]),
		).toEqual([
			['1.1', 'eu-west-1', 200],
			['1.1', 'us-east-1', 200],
		]);
	});

	it('rejects a wrong secret with InvalidSignatureException and the canonical request', async () => {
		const client = runtimeClient(emulator.url, {
			credentials: { ...EXAMPLE_CREDENTIALS, secretAccessKey: 'not-the-secret' },
		});
		const error = await captureError(client.send(new ConverseCommand(hello)));
		expect(error).toMatchObject({ name: 'InvalidSignatureException', status: 403 });
		expect(error.message).toMatch(
			/^The request signature we calculated does not match the signature you provided\./,
		);
		// The canonical URI is the already-encoded path encoded once more (smithy-typescript
		// `signature-v4/src/SignatureV4Base.ts`; https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
		expect(error.message).toContain('\n/model/amazon.nova-micro-v1%253A0/converse\n');
		expect(error.message).toContain("The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n");
	});

	it('rejects an unknown access key with UnrecognizedClientException', async () => {
		const client = runtimeClient(emulator.url, {
			credentials: { accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: 'whatever' },
		});
		const error = await captureError(client.send(new ConverseCommand(hello)));
		expect(error).toMatchObject({
			name: 'UnrecognizedClientException',
			status: 403,
			message: 'The security token included in the request is invalid.',
		});
	});

	it('rejects a session token the emulator never issued', async () => {
		const client = runtimeClient(emulator.url, {
			credentials: { ...EXAMPLE_CREDENTIALS, sessionToken: 'made-up-session-token' },
		});
		const error = await captureError(client.send(new ConverseCommand(hello)));
		expect(error).toMatchObject({ name: 'UnrecognizedClientException', status: 403 });
	});

	it.each([
		[
			-6 * 60 * 1000,
			/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/,
		],
		[
			6 * 60 * 1000,
			/^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/,
		],
	])('rejects a clock %i ms off by more than 5 minutes', async (offset, message) => {
		const error = await captureError(
			runtimeClient(emulator.url, { systemClockOffset: offset }).send(new ConverseCommand(hello)),
		);
		expect(error).toMatchObject({ name: 'InvalidSignatureException', status: 403 });
		expect(error.message).toMatch(message);
	});

	it('accepts a clock 4 minutes off', async () => {
		const response = await runtimeClient(emulator.url, { systemClockOffset: -4 * 60 * 1000 }).send(
			new ConverseCommand(hello),
		);
		expect(response.stopReason).toBe('end_turn');
	});

	it('rejects a body that does not match the signed x-amz-content-sha256', async () => {
		const request = {
			service: 'bedrock',
			path: '/model/amazon.nova-micro-v1%3A0/converse',
			contentType: 'application/json',
			body: JSON.stringify({ messages: [userText('signed')] }),
		};
		const tampered = await signedPost(emulator.url, {
			...request,
			sentBody: JSON.stringify({ messages: [userText('tampered')] }),
		});
		expect(tampered.status).toBe(403);
		expect(tampered.headers.get('x-amzn-errortype')).toMatch(/^InvalidSignatureException:/);
		expect((await signedPost(emulator.url, request)).status).toBe(200);
	});

	it('answers a request without credentials with MissingAuthenticationTokenException', async () => {
		const response = await fetch(`${emulator.url}/foundation-models`);
		expect(response.status).toBe(403);
		expect(response.headers.get('x-amzn-errortype')).toBe(
			'MissingAuthenticationTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/',
		);
		expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
		expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
	});
});

describe('Bedrock API keys (bearer)', () => {
	it('accepts the emulator key on the runtime and the control plane, in the default region', async () => {
		const response = await runtimeClient(emulator.url, { apiKey: EXAMPLE_API_KEY }).send(
			new ConverseCommand(hello),
		);
		expect(response.stopReason).toBe('end_turn');
		await controlPlaneClient(emulator.url, { apiKey: EXAMPLE_API_KEY }).send(
			new ListFoundationModelsCommand({}),
		);
		const entries = emulator.control.requests();
		expect(
			entries.map((entry) => [entry.identity, entry.region, entry.headers.authorization]),
		).toEqual([
			['bearer', 'us-east-1', 'Bearer'],
			['bearer', 'us-east-1', 'Bearer'],
		]);
	});

	it('uses the configured default region for bearer requests', async () => {
		emulator.control.configure({ defaultRegion: 'us-west-2' });
		const response = await runtimeClient(emulator.url, { apiKey: EXAMPLE_API_KEY }).send(
			new ConverseCommand({ ...hello, modelId: 'mistral.mistral-7b-instruct-v0:2' }),
		);
		expect(response.stopReason).toBe('end_turn');
		expect(emulator.control.requests()[0].region).toBe('us-west-2');
	});

	it('rejects an unknown key with 403 AccessDeniedException', async () => {
		const error = await captureError(
			runtimeClient(emulator.url, { apiKey: 'ABSKnot-a-valid-key' }).send(
				new ConverseCommand(hello),
			),
		);
		expect(error).toMatchObject({
			name: 'AccessDeniedException',
			status: 403,
			message: 'Authentication failed: Please make sure your API Key is valid.',
		});
	});
});

describe('IAM denied actions', () => {
	it('denies an action to everyone with IAM wording and no resource for List operations', async () => {
		emulator.control.configure({ deniedActions: ['bedrock:ListInferenceProfiles'] });
		const error = await captureError(
			controlPlaneClient(emulator.url).send(new ListInferenceProfilesCommand({})),
		);
		expect(error).toMatchObject({
			name: 'AccessDeniedException',
			status: 403,
			message:
				'User: arn:aws:iam::123456789012:user/emulator-user is not authorized to perform: bedrock:ListInferenceProfiles because no identity-based policy allows the bedrock:ListInferenceProfiles action',
		});
		await controlPlaneClient(emulator.url).send(new ListFoundationModelsCommand({}));
	});

	it('denies per identity, naming the model resource', async () => {
		const client = runtimeClient(emulator.url, { credentials: READ_ONLY_KEY });
		const error = await captureError(client.send(new ConverseCommand(hello)));
		expect(error.name).toBe('AccessDeniedException');
		expect(error.message).toBe(
			'User: arn:aws:iam::123456789012:user/read-only is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0 because no identity-based policy allows the bedrock:InvokeModel action',
		);
		await controlPlaneClient(emulator.url, { credentials: READ_ONLY_KEY }).send(
			new ListFoundationModelsCommand({}),
		);
	});

	it('checks bedrock:CallWithBearerToken for API keys', async () => {
		emulator.control.configure({ deniedActions: ['bedrock:CallWithBearerToken'] });
		const error = await captureError(
			runtimeClient(emulator.url, { apiKey: EXAMPLE_API_KEY }).send(new ConverseCommand(hello)),
		);
		expect(error.name).toBe('AccessDeniedException');
		expect(error.message).toContain('bedrock:CallWithBearerToken');
	});
});
