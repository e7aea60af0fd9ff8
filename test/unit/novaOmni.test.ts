/**
 * Reading Nova 2 Omni's Converse answers: image blocks become images (bytes as the SDK gives
 * them), text blocks the text beside them, and an answer without an image says why.
 */
import type { ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';

import { imageCosts, requestCost } from '../../nodes/BedrockImage/actions/imageCost';
import {
	novaOmni,
	OMNI_ASSUMED_OUTPUT_TOKENS,
	parseOmniAnswer,
} from '../../nodes/BedrockImage/families/amazon/novaOmni';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const usage = { inputTokens: 20, outputTokens: 1400, totalTokens: 1420 };

function answer(
	content: NonNullable<NonNullable<ConverseCommandOutput['output']>['message']>['content'],
	stopReason: ConverseCommandOutput['stopReason'] = 'end_turn',
): ConverseCommandOutput {
	return {
		output: { message: { role: 'assistant', content } },
		stopReason,
		usage,
		metrics: { latencyMs: 10 },
		$metadata: {},
	};
}

test('images and the text beside them; several image blocks are several images', () => {
	const parsed = parseOmniAnswer(
		answer([
			{ text: 'Here is your lighthouse.' },
			{ image: { format: 'png', source: { bytes: PNG } } },
			{ image: { format: 'png', source: { bytes: PNG } } },
			{ text: 'And a second one.' },
		]),
	);
	expect(parsed.images.map((image) => [image.data, image.finishReason])).toEqual([
		[Buffer.from(PNG), 'end_turn'],
		[Buffer.from(PNG), 'end_turn'],
	]);
	expect(parsed.text).toBe('Here is your lighthouse.\nAnd a second one.');
	expect(parsed.usage).toEqual(usage);
	expect(parsed.failure).toBeUndefined();
});

test('text only: a failure that quotes the answer, shortened in the headline, whole in the hint', () => {
	const long = `I can describe it instead. ${'The sea is calm. '.repeat(30)}`;
	const parsed = parseOmniAnswer(answer([{ text: long }]));
	expect(parsed.images).toEqual([]);
	expect(parsed.failure).toMatch(
		/^Amazon Nova 2 Omni answered with text instead of an image: I can describe it instead\. The sea/,
	);
	expect(parsed.failure!.length).toBeLessThan(400);
	expect(parsed.failure!.endsWith('…')).toBe(true);
	expect(parsed.hint).toContain(`The model's answer: ${long}`);
});

test('an empty answer says so', () => {
	expect(parseOmniAnswer(answer([])).failure).toBe(
		'Amazon Nova 2 Omni answered with text instead of an image: (empty answer)',
	);
});

test.each([
	['content_filtered', /^Amazon Nova 2 Omni content filter \("Blocked\."\)$/],
	['guardrail_intervened', /^The guardrail \("Blocked\."\)$/],
] as const)('stopReason %s is a filter verdict', (stopReason, verdict) => {
	const parsed = parseOmniAnswer(answer([{ text: 'Blocked.' }], stopReason));
	expect(parsed.filtered).toMatch(verdict);
	expect(parsed.images).toEqual([]);
});

test('max_tokens without an image: raise the output limit', () => {
	const parsed = parseOmniAnswer(answer([{ text: 'Drawing' }], 'max_tokens'));
	expect(parsed.failure).toBe(
		'Amazon Nova 2 Omni reached its output token limit before the image was done',
	);
	expect(parsed.hint).toMatch(/"inferenceConfig": \{"maxTokens": 10000\}/);
});

test('an answer without output.message.content is a broken answer', () => {
	expect(() => parseOmniAnswer({ output: {}, $metadata: {} })).toThrow(
		'Bedrock answered without output.message.content',
	);
});

describe('price: by token, from the price table', () => {
	const model = {
		family: novaOmni,
		modelId: 'us.amazon.nova-2-omni-v1:0',
		baseModelId: 'amazon.nova-2-omni-v1:0',
	};
	const body = (extra: Record<string, unknown> = {}) => ({
		messages: [{ role: 'user', content: [{ text: 'x'.repeat(400) }] }],
		...extra,
	});
	const size = { width: 1024, height: 1024 };

	test('after the call: its tokens at the per-million prices, shared by its images', () => {
		const call = (20 * 0.3 + 1400 * 2.5) / 1e6;
		const [one] = imageCosts(model, body(), [size], usage);
		expect(one.usd).toBeCloseTo(call, 6);
		expect(one.priceSource).toMatch(/^https:\/\/\S+ \(\d{4}-\d{2}-\d{2}\)$/);
		const two = imageCosts(model, body(), [size, size], usage);
		expect(two.map((cost) => cost.usd)).toEqual([
			Number((call / 2).toPrecision(6)),
			Number((call / 2).toPrecision(6)),
		]);
	});

	test('before the call: an upper bound from the prompt and the output limit', () => {
		// 400 characters = 100 input tokens; 10,000 output tokens assumed without maxTokens.
		const assumed = requestCost(model, body());
		expect(assumed.usd).toBeCloseTo((100 * 0.3 + OMNI_ASSUMED_OUTPUT_TOKENS * 2.5) / 1e6, 6);
		expect(assumed.basis).toMatch(/assumed: AWS publishes no output limit/);
		const bounded = requestCost(model, body({ inferenceConfig: { maxTokens: 2000 } }));
		expect(bounded.usd).toBeCloseTo((100 * 0.3 + 2000 * 2.5) / 1e6, 6);
		expect(bounded.basis).toMatch(/at most 2000 output tokens \(inferenceConfig\.maxTokens\)/);
		expect(novaOmni.billing(body()).images).toBe(1);
	});

	test('an ARN whose model is unknown has no price', () => {
		const unknown = { family: novaOmni, modelId: 'arn:aws:bedrock:us-east-1:1:x/y' };
		expect(requestCost(unknown, body()).usd).toBeNull();
		expect(imageCosts(unknown, body(), [size], usage)[0].usd).toBeNull();
	});
});
