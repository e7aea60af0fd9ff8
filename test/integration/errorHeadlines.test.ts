/**
 * The headline of a failed Bedrock call as n8n records it (the error's `message`, which the
 * editor shows in bold), through real n8n-core running Bedrock Text and Bedrock Image against
 * the emulator: a body Bedrock rejects, missing model access and IAM permission, a model past
 * its end of life, throttling past the retry budget, an unknown access key, a wrong secret, an
 * expired session token, an endpoint that does not answer the connection, and a timeout.
 *
 * Before, n8n replaced the end-of-life message ("ResourceNotFoundException: …" contains
 * ENOTFOUND) with "The connection cannot be established, this usually occurs due to an
 * incorrect host (domain) value": each headline here is compared in full.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { runWorkflow, type RunResult } from '../../tooling/harness/n8n.ts';
import { EXPIRED } from './faultHelpers.ts';
import { TITAN_TEXT_DATE } from '../../emulator/test/lifecycleDates.ts';
import { byId, emulatorCredentials, useEmulator } from './helpers.ts';

const emulator = useEmulator({
	identities: {
		accessKeys: [{ ...EXPIRED, userName: 'expired-session', expiration: '2020-01-01T00:00:00Z' }],
	},
});

interface NodeError extends Error {
	description?: string;
	httpCode?: string | null;
}

const SD35 = 'stability.sd3-5-large-v1:0';
const NOVA_MICRO = 'amazon.nova-micro-v1:0';
/** Past its end of life (2026-09-30, catalog/lifecycle.ts). */
const NOVA_CANVAS = 'amazon.nova-canvas-v1:0';

async function runNode(
	type: 'bedrockImage' | 'bedrockText',
	parameters: IDataObject,
	credentials: ICredentialDataDecryptedObject = {},
	continueOnFail = false,
): Promise<RunResult> {
	return await runWorkflow({
		nodes: [{ name: 'Bedrock', type, parameters, ...(continueOnFail ? { continueOnFail } : {}) }],
		credentials: emulatorCredentials(emulator.current, credentials),
	});
}

/** Bedrock Image, Generate with SD3.5 Large in us-west-2 (or the model and region given). */
async function image(
	options: IDataObject = {},
	credentials: ICredentialDataDecryptedObject = {},
	modelId = SD35,
): Promise<NodeError> {
	const result = await runNode(
		'bedrockImage',
		{ operation: 'generate', modelId: byId(modelId), prompt: 'A lighthouse', options },
		{ region: 'us-west-2', ...credentials },
	);
	return failure(result);
}

/** Bedrock Text, Converse with Nova Micro in us-east-1. */
async function text(
	options: IDataObject = {},
	credentials: ICredentialDataDecryptedObject = {},
): Promise<NodeError> {
	return failure(
		await runNode(
			'bedrockText',
			{ modelId: byId(NOVA_MICRO), prompt: 'Hello', options },
			credentials,
		),
	);
}

function failure(result: RunResult): NodeError {
	const error = result.error('Bedrock') as NodeError | undefined;
	if (!error) throw new Error('The node did not fail');
	return error;
}

const invocations = () =>
	emulator.current.control
		.requests()
		.filter((request) => ['InvokeModel', 'Converse'].includes(request.operation ?? ''));

describe('Bedrock answered with an error', () => {
	test('a body Bedrock rejects (Bedrock Image, an additional field out of range)', async () => {
		const error = await image({ additionalRequestFields: '{"seed": -5}' });
		expect(error.message).toMatch(/^Bedrock rejected the request: .*seed/);
		expect(error.description).toMatch(/AWS answered ValidationException \(HTTP 400\): .*seed/);
		expect(error.httpCode).toBe('400');
	});

	test('a body Bedrock rejects (Bedrock Text, a native body with a key the model does not take)', async () => {
		// Titan Text, the native text body, reached its end of life in 2025.
		emulator.current.control.configure({ now: TITAN_TEXT_DATE.date });
		const error = failure(
			await runNode('bedrockText', {
				operation: 'invokeModel',
				modelId: byId('amazon.titan-text-express-v1'),
				bodyType: 'json',
				body: JSON.stringify({ inputText: 'Hello', mood: 'cheerful' }),
			}),
		);
		expect(error.message).toMatch(/^Bedrock rejected the request: .*\bmood\b/);
		expect(error.description).toMatch(/AWS answered ValidationException \(HTTP 400\): .*mood/);
	});

	test('model access not granted', async () => {
		emulator.current.control.configure({ accessDeniedModels: [SD35] });
		const error = await image();
		expect(error.message).toBe(`Access to the model "${SD35}" is not granted in us-west-2`);
		expect(error.description).toMatch(
			/^Enable the model .* AWS answered AccessDeniedException \(HTTP 403\): You don't have access to the model/,
		);
	});

	test('an IAM permission missing', async () => {
		emulator.current.control.configure({ deniedActions: ['bedrock:InvokeModel'] });
		const error = await text();
		expect(error.message).toBe('The AWS identity is not allowed to call bedrock:InvokeModel');
		expect(error.description).toMatch(/^Add bedrock:InvokeModel to the IAM policy/);
	});

	test('a model past its end of life', async () => {
		const error = await image({}, { region: 'us-east-1' }, NOVA_CANVAS);
		expect(error.message).toBe(
			`The model "${NOVA_CANVAS}" has reached its end of life in us-east-1`,
		);
		expect(error.description).toMatch(
			/AWS answered ResourceNotFoundException \(HTTP 404\): This model version has reached the end of its life\./,
		);
		expect(error.description).toMatch(/\(AWS request ID: [\w-]+\)$/);
		expect(error.httpCode).toBe('404');
	});

	test('throttling past the retry budget, in both nodes', async () => {
		emulator.current.control.addFault({ kind: 'throttle', count: 'always' });
		const imageError = await image({ maxAttempts: 3 });
		expect(imageError.message).toBe('Bedrock is throttling requests (retried 2 times)');
		expect(imageError.description).toMatch(/Concurrency/);
		expect(invocations()).toHaveLength(3);

		const textError = await text({ maxAttempts: 2 });
		expect(textError.message).toBe('Bedrock is throttling requests (retried once)');
	});

	test('Continue On Fail: the item carries the headline', async () => {
		const result = await runNode(
			'bedrockImage',
			{ operation: 'generate', modelId: byId(NOVA_CANVAS), prompt: 'A lighthouse' },
			{ region: 'us-east-1' },
			true,
		);
		expect(result.output('Bedrock').map((item) => item.json)).toEqual([
			expect.objectContaining({
				error: `The model "${NOVA_CANVAS}" has reached its end of life in us-east-1`,
				code: 'ResourceNotFoundException',
				description: expect.stringContaining('AWS answered ResourceNotFoundException'),
			}),
		]);
	});
});

describe('AWS refused the credential', () => {
	test('an unknown access key', async () => {
		const error = await text({}, { accessKeyId: 'AKIAI44QH8DHBEXAMPLE' });
		expect(error.message).toBe('AWS does not recognize the access key or session token');
		expect(error.description).toMatch(/AWS answered UnrecognizedClientException \(HTTP 403\)/);
	});

	test('a wrong secret (bad signature)', async () => {
		const error = await image({}, { secretAccessKey: 'not-the-secret-of-this-key' });
		expect(error.message).toBe(
			'AWS rejected the request signature: the secret access key does not match the access key ID',
		);
		expect(error.description).toMatch(/AWS answered InvalidSignatureException \(HTTP 403\)/);
		expect(JSON.stringify(error)).not.toContain('not-the-secret-of-this-key');
	});

	test('an expired session token', async () => {
		const error = await text({}, { ...EXPIRED });
		expect(error.message).toBe('The session token has expired');
		expect(error.description).toMatch(/AWS answered ExpiredTokenException \(HTTP 403\)/);
		expect(JSON.stringify(error)).not.toContain(EXPIRED.sessionToken);
	});
});

describe('no answer', () => {
	test('an endpoint nothing listens on', async () => {
		const error = await text({ maxAttempts: 2 }, { runtimeEndpoint: 'http://127.0.0.1:9' });
		expect(error.message).toBe('Cannot reach the Bedrock endpoint http://127.0.0.1:9');
		expect(error.description).toMatch(
			/^Converse of "amazon\.nova-micro-v1:0" in us-east-1 failed: the connection was refused \(nothing listens there\) \(ECONNREFUSED\) on all 2 attempts\./,
		);
	});

	test('a timeout', async () => {
		emulator.current.control.addFault({ kind: 'hang', operation: 'InvokeModel', count: 'always' });
		const error = await image({ timeoutSeconds: 1 });
		expect(error.message).toBe('Bedrock did not answer within 1 s');
		expect(error.description).toMatch(
			/^InvokeModel of "stability\.sd3-5-large-v1:0" in us-west-2 got no answer in time/,
		);
	});
});
