/**
 * The fault suite: Bedrock Image through real n8n-core against the emulator's faults —
 * throttling and 5xx at random (seeded), throttling past the retry budget, a hung server,
 * cancellation mid-batch, dropped connections, ModelNotReadyException, and credentials that
 * fail (wrong secret, expired session token, revoked API key). The emulator's request log is
 * the witness: what was sent, when, and how each exchange ended.
 *
 * Every workflow runs with canary credentials; the last test proves none of them leaked.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { FaultSpec } from '../../emulator/src/index.ts';
import { runWorkflow, type RunResult } from '../../tooling/harness/n8n.ts';
import {
	CANARY,
	EXPIRED,
	CANARY_IDENTITIES,
	SecretWatch,
	canaryCredentials,
	endedAt,
	invokeRequests,
	sleep,
} from './faultHelpers.ts';
import { useEmulatorProcess } from './emulatorProcess.ts';
import { byId } from './helpers.ts';

// In its own process: the 200-item batch has it encode 200 images (emulatorProcess.ts says why).
const emulator = useEmulatorProcess({ identities: CANARY_IDENTITIES, defaultRegion: 'us-west-2' });
const watch = new SecretWatch();

const NODE = 'Image';
const SD35 = 'stability.sd3-5-large-v1:0';

interface Run {
	items: number;
	options?: IDataObject;
	/** Model per item (an expression); the family is then given explicitly. */
	modelExpression?: string;
	continueOnFail?: boolean;
	credentials?: ReturnType<typeof canaryCredentials>;
	onStart?: (cancel: () => void) => void;
}

/** `items` prompts "Item 0", "Item 1", … through one Bedrock Image node (SD3.5 Large, seed 7). */
async function runBatch(run: Run): Promise<RunResult> {
	const result = await runWorkflow({
		nodes: [
			{
				name: NODE,
				type: 'bedrockImage',
				parameters: {
					resource: 'image',
					operation: 'generate',
					modelId: byId(run.modelExpression ?? SD35),
					...(run.modelExpression ? { modelFamily: 'sd3' } : {}),
					prompt: '={{ $json.prompt }}',
					modelOptions: { seed: 7 },
					options: { timeoutSeconds: 60, ...run.options },
				},
				...(run.continueOnFail ? { continueOnFail: true } : {}),
			},
		],
		input: Array.from({ length: run.items }, (_, i) => ({
			json: { prompt: `Item ${i}`, model: i % 2 === 0 ? SD35 : 'stability.sd3-large-v1:0' },
		})),
		credentials: run.credentials ?? canaryCredentials(emulator.current),
		...(run.onStart ? { onStart: run.onStart } : {}),
	});
	watch.add(result, NODE);
	return result;
}

const addFault = async (spec: FaultSpec) => await emulator.current.addFault(spec);
const invocations = async () => invokeRequests(await emulator.current.requests());
const promptOf = (request: { body: unknown }) => (request.body as { prompt?: string }).prompt;

function expectOrderAndPairing(items: INodeExecutionData[], count: number): void {
	expect(items).toHaveLength(count);
	expect(items.map((item) => item.pairedItem)).toEqual(
		Array.from({ length: count }, (_, i) => ({ item: i })),
	);
}

describe('throttling and server errors at random', () => {
	test('200 items, 30 % throttled and 5 % answered 500: every item succeeds, in order, with no duplicate request', async () => {
		const COUNT = 200;
		// Seeded: the same sequence of outcomes on every run. An item fails only if all of its 10
		// attempts draw a fault (0.35^10 ≈ 3e-5 per item).
		await addFault({
			kind: 'chaos',
			operation: 'InvokeModel',
			rates: { throttle: 0.3, internalError: 0.05 },
			seed: 20_251_121,
		});
		const started = Date.now();
		const result = await runBatch({ items: COUNT, options: { concurrency: 8, maxAttempts: 10 } });
		const elapsedMs = Date.now() - started;

		expect(result.error(NODE)).toBeUndefined();
		const items = result.output(NODE);
		expectOrderAndPairing(items, COUNT);
		items.forEach((item, i) => {
			expect(item.json.prompt).toBe(`Item ${i}`);
			expect(item.binary?.data).toBeDefined();
		});

		// The request log, per item: failures only, each one over before the next attempt
		// started, then exactly one success, which is the last request; as many requests as the
		// item reports attempts.
		const requests = await invocations();
		const byItem = new Map<string, typeof requests>();
		for (const request of requests) {
			const prompt = promptOf(request) ?? '';
			byItem.set(prompt, [...(byItem.get(prompt) ?? []), request]);
		}
		expect([...byItem.keys()].sort()).toEqual(items.map((item) => item.json.prompt).sort());
		items.forEach((item) => {
			const sent = byItem.get(item.json.prompt as string) ?? [];
			expect(sent).toHaveLength(item.json.attempts as number);
			expect(sent.map((request) => request.status)).toEqual([
				...sent.slice(0, -1).map((request) => (request.status === 429 ? 429 : 500)),
				200,
			]);
			for (let k = 1; k < sent.length; k++) {
				expect(Date.parse(sent[k].time)).toBeGreaterThanOrEqual(endedAt(sent[k - 1]));
			}
		});
		const throttled = requests.filter((request) => request.status === 429).length;
		const failed500 = requests.filter((request) => request.status === 500).length;
		expect(requests).toHaveLength(COUNT + throttled + failed500);
		// Both faults actually happened (the seed is fixed, so these are not luck).
		expect(throttled).toBeGreaterThan(COUNT * 0.2);
		expect(failed500).toBeGreaterThan(0);
		process.stdout.write(
			`[fault suite] 200 items, ${requests.length} requests (${throttled} throttled, ${failed500} × 500), concurrency 8: ${elapsedMs} ms\n`,
		);
	});
});

describe('throttling past the retry budget', () => {
	// The odd items use SD3 Large, which throttles every call; the even ones SD3.5 Large.
	const throttleSd3 = async () =>
		await addFault({ kind: 'throttle', model: 'stability.sd3-large-v1:0', count: 'always' });

	test('with Continue On Fail, the throttled items fail clearly and the rest completes', async () => {
		await throttleSd3();
		const result = await runBatch({
			items: 6,
			modelExpression: '={{ $json.model }}',
			continueOnFail: true,
			options: { concurrency: 3, maxAttempts: 3 },
		});
		expect(result.error(NODE)).toBeUndefined();
		const items = result.output(NODE);
		expectOrderAndPairing(items, 6);
		items.forEach((item, i) => {
			if (i % 2 === 0) {
				expect(item.json).toMatchObject({ prompt: `Item ${i}`, attempts: 1 });
				expect(item.binary?.data).toBeDefined();
			} else {
				expect(item.json.error).toBe('Bedrock is throttling requests (retried 2 times)');
				expect(item.json.code).toBe('ThrottlingException');
				expect(item.json.description).toMatch(/lower the node's Concurrency/);
				expect(item.binary).toBeUndefined();
			}
		});
		// Exactly the budget: 3 attempts per throttled item, 1 per other item.
		const requests = await invocations();
		expect(requests.filter((request) => request.status === 429)).toHaveLength(9);
		expect(requests.filter((request) => request.status === 200)).toHaveLength(3);
	});

	test('without it, the node fails with the same error', async () => {
		await throttleSd3();
		const result = await runBatch({
			items: 2,
			modelExpression: '={{ $json.model }}',
			options: { concurrency: 1, maxAttempts: 2 },
		});
		expect(result.error(NODE)?.message).toBe('Bedrock is throttling requests (retried once)');
	});
});

describe('a hung server', () => {
	test('the item fails at its timeout; the other items and the process go on', async () => {
		await addFault({ kind: 'hang', operation: 'InvokeModel', count: 1 });
		const result = await runBatch({
			items: 4,
			continueOnFail: true,
			options: { concurrency: 2, timeoutSeconds: 2 },
		});
		expect(result.error(NODE)).toBeUndefined();
		const items = result.output(NODE);
		expectOrderAndPairing(items, 4);
		const failed = items.filter((item) => item.json.error !== undefined);
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toMatchObject({
			error: 'Bedrock did not answer within 2 s',
			code: 'Timeout',
		});

		// The hung request ended when the client gave up, 2 s (± 1 s) after it was sent, and
		// was not retried: a timeout covers the whole call.
		await sleep(100);
		const requests = await invocations();
		expect(requests).toHaveLength(4);
		const hung = requests.filter((request) => request.fault === 'hang');
		expect(hung).toHaveLength(1);
		expect(hung[0].clientAborted).toBe(true);
		expect(hung[0].durationMs).toBeGreaterThanOrEqual(1000);
		expect(hung[0].durationMs).toBeLessThanOrEqual(3000);
	});
});

describe('cancelling the execution', () => {
	test('aborts the requests in flight within 1 s and sends no other', async () => {
		await addFault({ kind: 'hang', operation: 'InvokeModel', count: 'always' });
		let cancelledAt = 0;
		const result = await runBatch({
			items: 12,
			options: { concurrency: 4, timeoutSeconds: 60 },
			onStart: (cancel) => {
				const poll = async () => {
					if ((await invocations()).length >= 4) {
						cancelledAt = Date.now();
						cancel();
					} else setTimeout(() => void poll(), 10);
				};
				void poll();
			},
		});
		expect(result.run.status).toBe('canceled');
		// Long enough for any further request to arrive, were one sent.
		await sleep(500);
		const requests = await invocations();
		expect(requests).toHaveLength(4);
		for (const request of requests) {
			expect(request.clientAborted).toBe(true);
			expect(endedAt(request) - cancelledAt).toBeLessThanOrEqual(1000);
		}
	});
});

describe('transient failures are retried', () => {
	test.each<[string, FaultSpec['kind'], 'accessKeys' | 'apiKey']>([
		['dropped connections', 'drop', 'accessKeys'],
		['ModelNotReadyException', 'modelNotReady', 'apiKey'],
	])('%s', async (_, kind, mode) => {
		await addFault({ kind, operation: 'InvokeModel', count: 2 });
		const result = await runBatch({
			items: 2,
			credentials: canaryCredentials(emulator.current, mode),
			options: { concurrency: 1, maxAttempts: 4 },
		});
		expect(result.error(NODE)).toBeUndefined();
		const items = result.output(NODE);
		expectOrderAndPairing(items, 2);
		expect(items.map((item) => item.json.attempts)).toEqual([3, 1]);
		const requests = await invocations();
		expect(requests.map((request) => [promptOf(request), request.fault ?? 'none'])).toEqual([
			['Item 0', kind],
			['Item 0', kind],
			['Item 0', 'none'],
			['Item 1', 'none'],
		]);
		expect(requests.at(-1)?.identity).toBe(mode === 'apiKey' ? 'bearer' : CANARY.accessKeyId);
	});
});

describe('credentials that fail: one clear error per item, no retries', () => {
	test.each<[string, ICredentialDataDecryptedObject, RegExp, RegExp]>([
		[
			'a wrong secret',
			{ secretAccessKey: CANARY.wrongSecretAccessKey },
			/^AWS rejected the request signature: the secret access key does not match the access key ID$/,
			/secret access key does not match.* AWS answered InvalidSignatureException \(HTTP 403\): The request signature we calculated does not match/,
		],
		[
			'an expired session token',
			{ ...EXPIRED },
			/^The session token has expired$/,
			/AWS answered ExpiredTokenException \(HTTP 403\): The security token included in the request is expired/,
		],
		[
			'a revoked API key',
			{ authentication: 'apiKey', apiKey: CANARY.revokedApiKey },
			/^AWS does not accept the Bedrock API key$/,
			/wrong, expired or revoked.* AWS answered AccessDeniedException \(HTTP 403\): Authentication failed: Please make sure your API Key is valid\./,
		],
	])('%s', async (_, overrides, message, description) => {
		const result = await runBatch({
			items: 3,
			continueOnFail: true,
			credentials: canaryCredentials(emulator.current, 'accessKeys', overrides),
			options: { concurrency: 3, maxAttempts: 4 },
		});
		const items = result.output(NODE);
		expectOrderAndPairing(items, 3);
		for (const item of items) {
			expect(item.json.error).toMatch(message);
			expect(item.json.description).toMatch(description);
			expect(item.binary).toBeUndefined();
		}
		const requests = await invocations();
		expect(requests.map(promptOf).sort()).toEqual(['Item 0', 'Item 1', 'Item 2']);
		expect(requests.every((request) => request.status === 403)).toBe(true);
	});
});

test('no canary secret appears in any output, error or log line of this file', async () => {
	await watch.expectClean();
});
