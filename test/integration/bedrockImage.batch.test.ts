/**
 * Bedrock Image on batches, through real n8n-core against the emulator: content filters of
 * every family as clear per-item errors (with and without Continue On Fail), a throttled batch
 * of 20 items with bounded concurrency (all succeed, order and pairing kept), cancellation.
 */
import type { IDataObject } from 'n8n-workflow';

import { AMAZON_IMAGE_DATE, SDXL_DATE } from '../../emulator/test/lifecycleDates.ts';
import { useEmulator } from './helpers.ts';
import { byId, expectImage, invocations, nodeError, runImageNode } from './imageHelpers.ts';

const emulator = useEmulator();

describe('content filters', () => {
	test.each([
		// Retired families run at a date they were Active (emulator/test/lifecycleDates.ts).
		{
			family: 'SDXL',
			model: 'stability.stable-diffusion-xl-v1',
			date: SDXL_DATE.date,
			message: 'SDXL content filter (finishReason CONTENT_FILTERED): no image was returned',
		},
		{
			family: 'Stable Image Ultra',
			model: 'stability.stable-image-ultra-v1:1',
			date: null,
			message: 'Stability content filter (Filter reason: prompt): no image was returned',
		},
		{
			family: 'Titan Image v2',
			model: 'amazon.titan-image-generator-v2:0',
			date: AMAZON_IMAGE_DATE.date,
			message:
				'Amazon Titan Image Generator G1 v2 content filter blocked the request: This request has been blocked by our content filters.',
		},
	])(
		'$family: a filtered prompt fails the item and names the filter',
		async ({ model, date, message }) => {
			emulator.current.control.configure({ now: date });
			const result = await runImageNode(emulator.current, {
				parameters: {
					operation: 'generate',
					modelId: byId(model),
					prompt: 'A BEDROCK_FILTER scene',
				},
			});
			const error = nodeError(result);
			expect(error?.message).toContain(message);
			expect(error?.description).toMatch(/^A content filter stopped this request/);
			expect(invocations(emulator.current)).toHaveLength(1);
		},
	);

	test('Nova: a filtered output image; the others come out, marked', async () => {
		emulator.current.control.configure({ now: AMAZON_IMAGE_DATE.date });
		const result = await runImageNode(emulator.current, {
			region: 'eu-west-1',
			parameters: {
				operation: 'generate',
				modelId: byId('amazon.nova-canvas-v1:0'),
				prompt: 'A BEDROCK_FILTER_OUTPUT scene',
				numberOfImages: 3,
			},
		});
		expect(nodeError(result)).toBeUndefined();
		const items = result.output('Image');
		expect(items).toHaveLength(2);
		for (const item of items) {
			expect(item.json.contentFilter).toMatch(
				/^Amazon Nova Canvas content filter \(The generated image has been blocked by our content filters.*\): some of the requested images were not returned$/,
			);
			await expectImage(result, item, { width: 1024, height: 1024 });
		}
	});

	test('Continue On Fail: the filtered item becomes an error item in its place, the batch goes on', async () => {
		const result = await runImageNode(emulator.current, {
			continueOnFail: true,
			parameters: {
				operation: 'generate',
				modelId: byId('stability.stable-image-core-v1:1'),
				prompt: '={{ $json.prompt }}',
			},
			input: [
				{ json: { prompt: 'A calm lake' } },
				{ json: { prompt: 'BEDROCK_FILTER' } },
				{ json: { prompt: 'A forest' } },
			],
		});
		expect(nodeError(result)).toBeUndefined();
		const items = result.output('Image');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.prompt).toBe('A calm lake');
		expect(items[1].json).toMatchObject({
			error: 'Stability content filter (Filter reason: prompt): no image was returned',
			code: 'ContentFiltered',
			requestId: expect.any(String),
		});
		expect(items[1].binary).toBeUndefined();
		expect(items[2].json.prompt).toBe('A forest');
		expect(invocations(emulator.current)).toHaveLength(3);
	});
});

describe('batches', () => {
	test('20 items, concurrency 4, five throttled calls: all succeed, in order, paired', async () => {
		emulator.current.control.configure({ latencyMs: 40 });
		emulator.current.control.addFault({ kind: 'throttle', operation: 'InvokeModel', count: 5 });
		const input = Array.from({ length: 20 }, (_, i) => ({ json: { i } }));
		const result = await runImageNode(emulator.current, {
			parameters: {
				operation: 'generate',
				modelId: byId('stability.stable-image-core-v1:1'),
				prompt: '={{ "Poster number " + $json.i }}',
				modelOptions: { seed: '={{ $json.i + 1 }}' },
				options: { concurrency: 4, maxAttempts: 6 },
			},
			input,
		});
		expect(nodeError(result)).toBeUndefined();
		const items = result.output('Image');
		expect(items.map((item) => item.pairedItem)).toEqual(input.map((_, i) => ({ item: i })));
		expect(items.map((item) => item.json.prompt)).toEqual(
			input.map((_, i) => `Poster number ${i}`),
		);
		expect(items.map((item) => item.json.seed)).toEqual(input.map((_, i) => i + 1));
		expect(items.reduce((sum, item) => sum + (item.json.attempts as number), 0)).toBe(25);

		const calls = invocations(emulator.current);
		expect(calls.filter((call) => call.status === 429)).toHaveLength(5);
		expect(calls.filter((call) => call.status === 200)).toHaveLength(20);
		// At most four calls were ever in flight at once, and more than one was.
		const events = calls.flatMap((call) => {
			const start = Date.parse(call.time);
			return [
				{ at: start, change: 1 },
				{ at: start + (call.durationMs ?? 0), change: -1 },
			];
		});
		events.sort((a, b) => a.at - b.at || a.change - b.change);
		let inFlight = 0;
		let most = 0;
		for (const event of events) most = Math.max(most, (inFlight += event.change));
		expect(most).toBeGreaterThan(1);
		expect(most).toBeLessThanOrEqual(4);
	});

	test('cancelling the execution aborts the calls in flight and starts no others', async () => {
		emulator.current.control.addFault({ kind: 'hang', operation: 'InvokeModel', count: 'always' });
		const started = Date.now();
		const result = await runImageNode(emulator.current, {
			parameters: {
				operation: 'generate',
				modelId: byId('stability.stable-image-core-v1:1'),
				prompt: 'A slow painting',
				options: { concurrency: 2, timeoutSeconds: 60 },
			},
			input: Array.from({ length: 5 }, (_, i): { json: IDataObject } => ({ json: { i } })),
			onStart: (cancel) => {
				const poll = setInterval(() => {
					if (invocations(emulator.current).length >= 2) {
						clearInterval(poll);
						cancel();
					}
				}, 10);
			},
		});
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(result.run.status).toBe('canceled');
		// Give the emulator a moment to see the sockets close.
		await new Promise((resolve) => setTimeout(resolve, 100));
		const sent = invocations(emulator.current);
		expect(sent).toHaveLength(2);
		expect(sent.every((request) => request.clientAborted)).toBe(true);
	});
});
