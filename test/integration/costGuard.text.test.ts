/**
 * The cost guard on Bedrock Text, through real n8n-core against the emulator: Dry Run of both
 * operations (the request as it would be sent, attachments summarised, an upper-bound
 * estimate that says what it assumes; nothing reaches the emulator), and a budget held by the
 * answers' tokens: at concurrency 1 it stops at the right item, at concurrency 8 it overshoots
 * by at most the calls in flight.
 */
import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { useEmulator } from './helpers.ts';
import { byId, imageFile, itemWith } from './imageHelpers.ts';
import { requestsOf, runTextNode, TEXT_NODE } from './textHelpers.ts';

const emulator = useEmulator();

const NOVA_LITE = 'amazon.nova-lite-v1:0';

const converse = (options: IDataObject, extra: IDataObject = {}) => ({
	operation: 'converse',
	modelId: byId(NOVA_LITE),
	prompt: '={{ $json.prompt }}',
	...extra,
	options,
});

const sameItems = (count: number) =>
	Array.from({ length: count }, () => ({ json: { prompt: 'Say hello' } }));

function allRequests() {
	return emulator.current.control.requests();
}

describe('Dry Run', () => {
	test('Converse: the request as sent with the attachment summarised, an upper bound and what it assumes', async () => {
		const picture = imageFile({ width: 64, height: 48 });
		const result = await runTextNode(
			emulator.current,
			converse(
				{ dryRun: true, maxTokens: 100 },
				{ systemPrompt: 'Be brief.', binaryPropertyNames: 'data' },
			),
			{ input: [itemWith({ data: picture }, { prompt: 'Describe the picture' })] },
		);
		expect(result.error(TEXT_NODE)).toBeUndefined();
		const [item] = result.output(TEXT_NODE);
		expect(item.binary).toBeUndefined();
		// "Describe the picture" and "Be brief." are 29 characters: 8 tokens at 4 a token.
		// 8 × $0.06 + 100 × $0.24 per million tokens.
		expect(item.json).toMatchObject({
			dryRun: true,
			modelId: NOVA_LITE,
			operation: 'converse',
			estimatedCostUsd: 0.00002448,
			priceSource: expect.stringMatching(/genai-prices.*\(2026-09-23\)$/),
			estimateBasis:
				"Upper bound before the answer: about 8 input tokens (4 characters a token; 1 attachment(s) not counted) and at most 100 output tokens (Maximum Tokens). A budget counts the answers' actual tokens.",
		});
		const [request] = item.json.requests as IDataObject[];
		expect(request).toMatchObject({
			modelId: NOVA_LITE,
			system: [{ text: 'Be brief.' }],
			inferenceConfig: { maxTokens: 100 },
		});
		const content = (request.messages as Array<{ content: IDataObject[] }>)[0].content;
		expect(content).toContainEqual({
			image: {
				format: 'png',
				source: {
					bytes: {
						$image: {
							mimeType: 'image/png',
							bytes: picture.data.length,
							width: 64,
							height: 48,
							sha256: createHash('sha256').update(picture.data).digest('hex'),
						},
					},
				},
			},
		});
		expect(result.customData()).toEqual({ bedrock_dry_run_usd: '0.00002448' });
		expect(allRequests()).toEqual([]);
	});

	test('InvokeModel: the native body and the limit it sets', async () => {
		const result = await runTextNode(emulator.current, {
			operation: 'invokeModel',
			modelId: byId('amazon.titan-text-express-v1'),
			bodyType: 'titanText',
			inputText: 'Write a poem about sky',
			options: { dryRun: true, maxTokens: 50 },
		});
		const [item] = result.output(TEXT_NODE);
		expect(item.json.requests).toEqual([
			{
				modelId: 'amazon.titan-text-express-v1',
				body: { inputText: 'Write a poem about sky', textGenerationConfig: { maxTokenCount: 50 } },
			},
		]);
		expect(item.json.estimateBasis).toMatch(/at most 50 output tokens \(the body\)/);
		expect(item.json.estimatedCostUsd).toBeGreaterThan(0);
		expect(allRequests()).toEqual([]);
	});

	test('without an output limit there is no upper bound, and the item says how to get one', async () => {
		const result = await runTextNode(
			emulator.current,
			{
				...converse({ dryRun: true }),
				modelId: byId('meta.llama3-8b-instruct-v1:0'),
			},
			{ input: sameItems(1) },
		);
		expect(result.output(TEXT_NODE)[0].json).toMatchObject({
			estimatedCostUsd: null,
			priceSource: expect.stringMatching(
				/^No output limit is set, so no upper bound \(set Maximum Tokens\)/,
			),
		});
		expect(allRequests()).toEqual([]);
	});

	test('Continue On Fail: an invalid item is an error item in its place; without it the node fails naming the item', async () => {
		const input = [{ json: { prompt: 'Hello' } }, { json: { prompt: '' } }];
		const lenient = await runTextNode(emulator.current, converse({ dryRun: true }), {
			input,
			continueOnFail: true,
		});
		const items = lenient.output(TEXT_NODE);
		expect(items.map((item) => [item.pairedItem, item.json.dryRun])).toEqual([
			[{ item: 0 }, true],
			[{ item: 1 }, true],
		]);
		expect(items[1].json.error).toMatch(/^Prompt/);
		const strict = await runTextNode(emulator.current, converse({ dryRun: true }), { input });
		const error = strict.error(TEXT_NODE) as Error & { context?: { itemIndex?: number } };
		expect(error.context?.itemIndex).toBe(1);
		expect(allRequests()).toEqual([]);
	});
});

describe('Budget (USD), held by the answers’ tokens', () => {
	/** The cost of one "Say hello" answer, measured. */
	async function costPerCall(): Promise<number> {
		const result = await runTextNode(emulator.current, converse({}), { input: sameItems(1) });
		emulator.current.control.clearRequests();
		return result.output(TEXT_NODE)[0].json.estimatedCostUsd as number;
	}

	test('concurrency 1: no new call once the spend reaches the budget; the rest are "budget reached" items', async () => {
		const cost = await costPerCall();
		expect(cost).toBeGreaterThan(0);
		const budget = 2.5 * cost;
		const result = await runTextNode(
			emulator.current,
			converse({ budgetUsd: budget, concurrency: 1 }),
			{ input: sameItems(10), continueOnFail: true },
		);
		// Items 0–2 start below the budget (0, 1 and 2 calls spent); item 3 finds 3 spent.
		expect(requestsOf(emulator.current, 'Converse')).toHaveLength(3);
		const items = result.output(TEXT_NODE);
		expect(items.map((item) => item.pairedItem)).toEqual(
			Array.from({ length: 10 }, (_, item) => ({ item })),
		);
		expect(items.slice(0, 3).every((item) => typeof item.json.text === 'string')).toBe(true);
		for (const item of items.slice(3)) {
			expect(item.json.error).toMatch(
				/^Budget reached: not sent \(\$[\d.]+ spent of the \$[\d.]+ budget/,
			);
		}
		expect(Number(result.customData().bedrock_spend_usd)).toBeCloseTo(3 * cost, 10);
	});

	test('without Continue On Fail the node fails at the first item not sent, and the spend is still recorded', async () => {
		const cost = await costPerCall();
		const result = await runTextNode(
			emulator.current,
			converse({ budgetUsd: 1.5 * cost, concurrency: 1 }),
			{ input: sameItems(5) },
		);
		const error = result.error(TEXT_NODE) as Error & { context?: { itemIndex?: number } };
		expect(error.message).toMatch(/^Budget reached: not sent/);
		expect(error.context?.itemIndex).toBe(2);
		expect(requestsOf(emulator.current, 'Converse')).toHaveLength(2);
		expect(Number(result.customData().bedrock_spend_usd)).toBeCloseTo(2 * cost, 10);
	});

	test('concurrency 8: the overshoot is at most the calls in flight (8 × one call)', async () => {
		const cost = await costPerCall();
		const budget = 2.5 * cost;
		// Slow answers: eight calls are in flight before the first one is counted.
		emulator.current.control.configure({ latencyMs: 200 });
		const result = await runTextNode(
			emulator.current,
			converse({ budgetUsd: budget, concurrency: 8 }),
			{ input: sameItems(20), continueOnFail: true },
		);
		const calls = requestsOf(emulator.current, 'Converse').length;
		const answers = result.output(TEXT_NODE).filter((item) => item.json.error === undefined);
		const largest = Math.max(...answers.map((item) => item.json.estimatedCostUsd as number));
		const spent = Number(result.customData().bedrock_spend_usd);
		// The bound: a call starts only while spend < budget, and at most 8 are then in flight.
		expect(spent - budget).toBeLessThanOrEqual(8 * largest);
		expect(calls).toBeGreaterThanOrEqual(3);
		// The third answer reaches the budget; until it comes, up to 7 more calls may have started.
		expect(calls).toBeLessThanOrEqual(3 + 7);
		expect(answers).toHaveLength(calls);
		expect(spent).toBeCloseTo(calls * cost, 10);
		expect(result.output(TEXT_NODE).filter((item) => item.json.error !== undefined)).toHaveLength(
			20 - calls,
		);
	});

	test('under a budget, a model without a price is not sent', async () => {
		const result = await runTextNode(
			emulator.current,
			{ ...converse({ budgetUsd: 1 }), modelId: byId('acme.unpriced-v1:0') },
			{ input: sameItems(1), continueOnFail: true },
		);
		expect(result.output(TEXT_NODE)[0].json.error).toBe(
			'No price is known for this item, so the Budget (USD) cannot be held: not sent',
		);
		expect(requestsOf(emulator.current, 'Converse')).toHaveLength(0);
	});
});
