/**
 * The control API: every injected fault as the SDK sees it (with `maxAttempts: 1` so retries
 * do not hide it), matching by operation, path and model, the seeded random mode, the HTTP
 * endpoints under /__emulator/, and the request log.
 */
import { ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock';
import { ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/nested-clients/sts';

import { type RunningEmulator, startEmulator } from '../src/index.ts';
import {
	EXAMPLE_CREDENTIALS,
	captureError,
	controlPlaneClient,
	runtimeClient,
	userText,
} from './sdkHarness.ts';

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.control.reset());

const converse = (modelId = 'amazon.nova-micro-v1:0', options = {}, url = emulator.url) =>
	runtimeClient(url, options).send(new ConverseCommand({ modelId, messages: [userText('hi')] }));
const waitFor = async (condition: () => boolean) => {
	for (let attempt = 0; attempt < 100 && !condition(); attempt++)
		await new Promise((resolve) => setTimeout(resolve, 10));
	expect(condition()).toBe(true);
};

describe('error faults', () => {
	it('throttles the next N matching calls with 429 ThrottlingException', async () => {
		emulator.control.addFault({ kind: 'throttle', operation: 'Converse', count: 2 });
		for (let call = 0; call < 2; call++) {
			const error = await captureError(converse());
			expect(error).toMatchObject({
				name: 'ThrottlingException',
				status: 429,
				message: 'Too many requests, please wait before trying again.',
			});
		}
		expect((await converse()).stopReason).toBe('end_turn');
		expect(emulator.control.faults()).toEqual([]);
		expect(emulator.control.requests().map((entry) => [entry.status, entry.fault])).toEqual([
			[429, 'throttle'],
			[429, 'throttle'],
			[200, undefined],
		]);
	});

	it.each([
		['internalError', 'InternalServerException', 500],
		['serviceUnavailable', 'ServiceUnavailableException', 503],
		['modelNotReady', 'ModelNotReadyException', 429],
		['modelTimeout', 'ModelTimeoutException', 408],
	] as const)('%s answers %s %i', async (kind, name, status) => {
		emulator.control.addFault({ kind, message: `injected ${kind}` });
		const error = await captureError(converse());
		expect(error).toMatchObject({ name, status, message: `injected ${kind}` });
	});

	it('answers a custom error', async () => {
		emulator.control.addFault({
			kind: 'error',
			errorName: 'ServiceQuotaExceededException',
			status: 400,
			message: 'Quota reached.',
		});
		expect(await captureError(converse())).toMatchObject({
			name: 'ServiceQuotaExceededException',
			status: 400,
			message: 'Quota reached.',
		});
	});

	it('matches by model (as requested or resolved), path and operation', async () => {
		emulator.control.addFault({
			kind: 'internalError',
			model: 'amazon.nova-micro-v1:0',
			count: 'always',
		});
		expect((await captureError(converse('us.amazon.nova-micro-v1:0'))).status).toBe(500);
		expect((await converse('amazon.nova-lite-v1:0')).stopReason).toBe('end_turn');
		emulator.control.reset();

		emulator.control.addFault({ kind: 'serviceUnavailable', path: 'nova-lite' });
		emulator.control.addFault({ kind: 'throttle', pathRegex: '^/inference-profiles$' });
		expect((await converse('amazon.nova-micro-v1:0')).stopReason).toBe('end_turn');
		expect((await captureError(converse('amazon.nova-lite-v1:0'))).status).toBe(503);
		const listing = await captureError(
			controlPlaneClient(emulator.url).send(new ListInferenceProfilesCommand({})),
		);
		expect(listing).toMatchObject({ name: 'ThrottlingException', status: 429 });
	});

	it('answers STS faults in STS XML', async () => {
		emulator.control.addFault({ kind: 'throttle', operation: 'AssumeRole' });
		const sts = new STSClient({
			region: 'us-east-1',
			endpoint: emulator.url,
			credentials: EXAMPLE_CREDENTIALS,
			maxAttempts: 1,
		});
		const error = await captureError(
			sts.send(
				new AssumeRoleCommand({
					RoleArn: 'arn:aws:iam::123456789012:role/EmulatorBedrockRole',
					RoleSessionName: 'x1',
				}),
			),
		);
		expect(error).toMatchObject({ name: 'Throttling', status: 400 });
	});
});

describe('latency, hang, drop', () => {
	it('adds latency to matching calls, and to every invocation through the settings', async () => {
		emulator.control.addFault({ kind: 'latency', latencyMs: 250, operation: 'Converse' });
		let started = Date.now();
		await converse();
		expect(Date.now() - started).toBeGreaterThanOrEqual(240);
		emulator.control.configure({ latencyMs: 150 });
		started = Date.now();
		const response = await converse();
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		expect(response.metrics?.latencyMs).toBeGreaterThanOrEqual(140);
	});

	it('hangs without answering until the client gives up (HTTP/2, abort signal)', async () => {
		emulator.control.addFault({ kind: 'hang' });
		const call = runtimeClient(emulator.url).send(
			new ConverseCommand({ modelId: 'amazon.nova-micro-v1:0', messages: [userText('hi')] }),
			{
				abortSignal: AbortSignal.timeout(200),
			},
		);
		const error = await captureError(call);
		expect(error.name).toMatch(/Abort|Timeout/);
		await waitFor(() => emulator.control.requests()[0]?.clientAborted === true);
		expect(emulator.control.requests()[0]).toMatchObject({ fault: 'hang' });
		expect(emulator.control.requests()[0].status).toBeUndefined();
	});

	it('hangs until the HTTP/1.1 request times out', async () => {
		emulator.control.addFault({ kind: 'hang' });
		const error = await captureError(converse('amazon.nova-micro-v1:0', { requestTimeout: 200 }));
		expect(error.name).toBe('TimeoutError');
		await waitFor(() => emulator.control.requests()[0]?.clientAborted === true);
	});

	it('stop() ends hung requests promptly', async () => {
		const own = await startEmulator();
		own.control.addFault({ kind: 'hang', count: 'always' });
		const hung = [
			converse('amazon.nova-micro-v1:0', {}, own.url),
			converse('amazon.nova-micro-v1:0', { http1: true }, own.url),
		].map((call) => captureError(call));
		await waitFor(() => own.control.requests().length === 2);
		const started = Date.now();
		await own.stop();
		expect(Date.now() - started).toBeLessThan(1000);
		for (const error of await Promise.all(hung)) expect(error.status).toBeUndefined();
	});

	it('drops the connection', async () => {
		emulator.control.addFault({ kind: 'drop' });
		const error = await captureError(converse());
		expect(error.status).toBeUndefined();
		await waitFor(() => emulator.control.requests()[0]?.durationMs !== undefined);
		expect(emulator.control.requests()[0]).toMatchObject({ fault: 'drop', clientAborted: false });
		expect(emulator.control.requests()[0].status).toBeUndefined();
		expect((await converse()).stopReason).toBe('end_turn');
	});
});

describe('faults in the middle of a stream', () => {
	async function streamUntilError(exceptionType?: string) {
		emulator.control.addFault({
			kind: 'streamError',
			afterEvents: 2,
			...(exceptionType ? { exceptionType } : {}),
		});
		const response = await runtimeClient(emulator.url).send(
			new ConverseStreamCommand({ modelId: 'amazon.nova-micro-v1:0', messages: [userText('hi')] }),
		);
		const received: string[] = [];
		try {
			for await (const event of response.stream ?? []) received.push(Object.keys(event)[0]);
		} catch (error) {
			return {
				received,
				error: error as {
					name: string;
					originalStatusCode?: number;
					$metadata?: { httpStatusCode?: number };
				},
			};
		}
		throw new Error('expected the stream to fail');
	}

	it('sends an exception frame after some events (ModelStreamErrorException)', async () => {
		const { received, error } = await streamUntilError();
		expect(received).toEqual(['messageStart', 'contentBlockDelta']);
		expect(error).toMatchObject({ name: 'ModelStreamErrorException', originalStatusCode: 500 });
		expect(emulator.control.requests()[0]).toMatchObject({
			status: 200,
			fault: 'streamError',
			errorType: 'modelStreamErrorException',
		});
	});

	it('can send a throttlingException frame', async () => {
		const { error } = await streamUntilError('throttlingException');
		expect(error.name).toBe('ThrottlingException');
	});

	it('does not apply stream faults to non-streaming calls', async () => {
		emulator.control.addFault({ kind: 'streamError' });
		expect((await converse()).stopReason).toBe('end_turn');
		expect(emulator.control.faults()).toHaveLength(1);
	});
});

describe('seeded random faults', () => {
	async function outcomes(): Promise<string[]> {
		emulator.control.reset();
		emulator.control.addFault({
			kind: 'chaos',
			rates: { throttle: 0.3, internalError: 0.05 },
			seed: 42,
		});
		const results: string[] = [];
		for (let call = 0; call < 40; call++) {
			try {
				await converse();
				results.push('ok');
			} catch (error) {
				results.push((error as Error).name);
			}
		}
		return results;
	}

	it('is reproducible for the same seed', async () => {
		const first = await outcomes();
		const second = await outcomes();
		expect(second).toEqual(first);
		const throttled = first.filter((name) => name === 'ThrottlingException').length;
		expect(throttled).toBeGreaterThan(4);
		expect(throttled).toBeLessThan(22);
		expect(first.filter((name) => name === 'ok').length).toBeGreaterThan(15);
	});
});

describe('HTTP control API', () => {
	const api = (path: string, init?: RequestInit) =>
		fetch(`${emulator.url}/__emulator${path}`, init);
	/** The control API's JSON answers, typed loosely for assertions. */
	const read = async (response: Response | Promise<Response>) =>
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- asserted field by field below
		(await (await response).json()) as Record<string, any>;
	const json = (method: string, body: unknown): RequestInit => ({
		method,
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});

	it('adds, lists and removes faults', async () => {
		const created = await api(
			'/faults',
			json('POST', { kind: 'throttle', operation: 'Converse', count: 3 }),
		);
		expect(created.status).toBe(201);
		const rule = await read(created);
		expect(rule).toMatchObject({
			id: expect.stringMatching(/^fault-/),
			kind: 'throttle',
			remaining: 3,
			hits: 0,
		});
		expect((await captureError(converse())).status).toBe(429);
		expect(await read(api('/faults'))).toEqual({
			faults: [expect.objectContaining({ id: rule.id, remaining: 2, hits: 1 })],
		});
		expect((await api(`/faults/${rule.id}`, { method: 'DELETE' })).status).toBe(204);
		expect((await api(`/faults/${rule.id}`, { method: 'DELETE' })).status).toBe(404);
		expect((await converse()).stopReason).toBe('end_turn');
	});

	it('rejects invalid faults and settings with 400', async () => {
		const badKind = await api('/faults', json('POST', { kind: 'explode' }));
		expect(badKind.status).toBe(400);
		expect((await read(badKind)).error).toMatch(/unknown fault kind/);
		expect(
			(
				await api(
					'/faults',
					json('POST', { kind: 'chaos', rates: { throttle: 0.8, internalError: 0.5 } }),
				)
			).status,
		).toBe(400);
		expect((await api('/config', json('POST', { latency: 5 }))).status).toBe(400);
		expect((await api('/nothing-here')).status).toBe(404);
	});

	it('changes settings, lists and clears requests, counts, resets', async () => {
		const config = await api(
			'/config',
			json('PATCH', { deniedActions: ['bedrock:InvokeModel'], latencyMs: 0 }),
		);
		expect(await read(config)).toMatchObject({
			deniedActions: ['bedrock:InvokeModel'],
			defaultRegion: 'us-east-1',
		});
		expect((await captureError(converse())).name).toBe('AccessDeniedException');
		const { requests } = await read(api('/requests'));
		expect(requests).toHaveLength(1);
		expect(await read(api('/counters'))).toEqual({ assumeRole: 0, requests: 1 });
		expect((await api('/requests', { method: 'DELETE' })).status).toBe(204);
		expect((await read(api('/requests'))).requests).toEqual([]);
		expect((await api('/reset', { method: 'POST' })).status).toBe(204);
		expect((await read(api('/config'))).deniedActions).toEqual([]);
		expect(await read(api('/health'))).toEqual({ status: 'ok' });
	});
});

describe('request log', () => {
	it('records what was sent without secrets', async () => {
		const longText = 'word '.repeat(100);
		await runtimeClient(emulator.url, {
			credentials: { ...EXAMPLE_CREDENTIALS, sessionToken: 'unknown-token-for-the-log' },
		})
			.send(new ConverseCommand({ modelId: 'amazon.nova-micro-v1:0', messages: [userText('hi')] }))
			.catch(() => undefined);
		await runtimeClient(emulator.url).send(
			new ConverseCommand({
				modelId: 'us.amazon.nova-micro-v1:0',
				messages: [userText(longText)],
				inferenceConfig: { maxTokens: 5 },
			}),
		);
		const [rejected, accepted] = emulator.control.requests();
		expect(rejected).toMatchObject({
			status: 403,
			errorType: 'UnrecognizedClientException',
			operation: 'Converse',
		});
		expect(rejected.headers['x-amz-security-token']).toBeUndefined();
		expect(JSON.stringify(rejected)).not.toContain('unknown-token-for-the-log');
		expect(accepted).toMatchObject({
			method: 'POST',
			path: '/model/us.amazon.nova-micro-v1%3A0/converse',
			operation: 'Converse',
			modelId: 'us.amazon.nova-micro-v1:0',
			resolvedModelId: 'amazon.nova-micro-v1:0',
			region: 'us-east-1',
			identity: 'AKIAIOSFODNN7EXAMPLE',
			status: 200,
			clientAborted: false,
			body: {
				messages: [
					{
						role: 'user',
						content: [{ text: expect.stringMatching(/^<500 chars sha256:[0-9a-f]{16}>$/) }],
					},
				],
				inferenceConfig: { maxTokens: 5 },
			},
		});
		expect(accepted.headers.authorization).toMatch(
			/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request$/,
		);
		expect(accepted.headers['content-type']).toBe('application/json');
		expect(accepted.durationMs).toBeGreaterThanOrEqual(0);
		expect(new Date(accepted.time).getTime()).toBeLessThanOrEqual(Date.now());
		expect(JSON.stringify(emulator.control.requests())).not.toContain(
			EXAMPLE_CREDENTIALS.secretAccessKey,
		);
	});
});
