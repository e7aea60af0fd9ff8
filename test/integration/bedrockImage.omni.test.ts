/**
 * Bedrock Image × Amazon Nova 2 Omni (Converse, us-west-2 through the `us.` profile), through
 * real n8n-core against the emulator: text to image with the size asked for in the prompt,
 * edit with an instruction, Number of Images as parallel calls within the node's concurrency,
 * the answers without an image (text, content filter), Continue On Fail, and the sizes read
 * from the PNGs the model returned.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RequestLogEntry } from '../../emulator/src/requestLog.ts';
import { useEmulator } from './helpers.ts';
import {
	byId,
	expectImage,
	IMAGE,
	imageFile,
	itemWith,
	markImages,
	nodeError,
	runImageNode,
} from './imageHelpers.ts';

const emulator = useEmulator();

const OMNI = 'us.amazon.nova-2-omni-v1:0';
const FILE_PREFIX = 'nova-2-omni-v1-0';

function converseCalls(): RequestLogEntry[] {
	return emulator.current.control.requests().filter((request) => request.operation === 'Converse');
}

/** The largest number of Converse calls that were in flight at once (from the request log). */
function mostInFlight(calls: RequestLogEntry[]): number {
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
	return most;
}

function generate(parameters: IDataObject): IDataObject {
	return { resource: 'image', operation: 'generate', modelId: byId(OMNI), ...parameters };
}

function edit(parameters: IDataObject): IDataObject {
	return { resource: 'edit', operation: 'instructEdit', modelId: byId(OMNI), ...parameters };
}

describe('generate', () => {
	test('16:9 asked in the prompt: one Converse call, the PNG with its real size, text cost and notice', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: generate({ prompt: 'A watercolor lighthouse at dawn', sizeHint: '16:9' }),
		});
		expect(nodeError(result)).toBeUndefined();
		const calls = converseCalls();
		expect(calls).toHaveLength(1);
		expect(calls[0].modelId).toBe(OMNI);
		expect(calls[0].body).toEqual({
			messages: [
				{
					role: 'user',
					content: [{ text: 'Generate a 16:9 landscape image: A watercolor lighthouse at dawn' }],
				},
			],
		});
		const [item, ...others] = result.output('Image');
		expect(others).toHaveLength(0);
		await expectImage(result, item, { width: 1344, height: 768 });
		const usage = item.json.usage as { inputTokens: number; outputTokens: number };
		expect(usage.outputTokens).toBe(Math.ceil((1344 * 768) / 750));
		expect(item.json).toMatchObject({
			modelId: OMNI,
			baseModelId: 'amazon.nova-2-omni-v1:0',
			family: 'novaOmni',
			task: 'generate',
			prompt: 'Generate a 16:9 landscape image: A watercolor lighthouse at dawn',
			requestedSize: '16:9',
			seed: null,
			finishReason: 'end_turn',
			fileName: `${FILE_PREFIX}-1.png`,
			region: 'us-west-2',
		});
		// $0.30 and $2.50 per million input and output tokens, rounded to a millionth of a dollar.
		expect(item.json.estimatedCostUsd).toBeCloseTo(
			(usage.inputTokens * 0.3 + usage.outputTokens * 2.5) / 1e6,
			6,
		);
		expect(item.json.sizeNotice).toBeUndefined();
		// The price table's Omni rows (text token prices; AWS publishes no image price).
		expect(item.json.priceSource).toMatch(/^https:\/\/\S+ \(\d{4}-\d{2}-\d{2}\)$/);
		expect(item.json.lifecycleNotice).toMatch(/preview model.*us\.amazon\.nova-2-omni-v1:0/);
	});

	test('a size the model does not make: the output reports the size of the PNG and says so', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: generate({
				prompt: 'A panorama of a mountain range',
				sizeHint: 'custom',
				hintWidth: 3072,
				hintHeight: 1024,
				systemPrompt: 'You are a landscape painter.',
			}),
		});
		expect(nodeError(result)).toBeUndefined();
		expect(converseCalls()[0].body).toEqual({
			messages: [
				{
					role: 'user',
					content: [
						{ text: 'Generate an image of 3072x1024 pixels: A panorama of a mountain range' },
					],
				},
			],
			system: [{ text: 'You are a landscape painter.' }],
		});
		const [item] = result.output('Image');
		// The emulator, like the model a user observed, answers 3:1 with its 2:1 size.
		await expectImage(result, item, { width: 1536, height: 768 });
		expect(item.json.requestedSize).toBe('3072x1024');
		expect(item.json.sizeNotice).toBe(
			'Asked for 3072x1024 in the prompt; Amazon Nova 2 Omni made 1536x768. The size is a request the model may not follow.',
		);
	});

	test('Not Specified: the prompt only asks for an image; the model picks the size', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: generate({ prompt: 'A red kite', sizeHint: 'none' }),
		});
		expect(nodeError(result)).toBeUndefined();
		const [item] = result.output('Image');
		await expectImage(result, item, { width: 1024, height: 1024 });
		expect(item.json.prompt).toBe('Generate an image: A red kite');
		expect(item.json.requestedSize).toBeUndefined();
	});
});

describe('edit with an instruction', () => {
	test('the input image then the instruction; the edit keeps the input size', async () => {
		const photo = imageFile({ width: 512, height: 384, format: 'jpeg' });
		const result = await runImageNode(emulator.current, {
			parameters: edit({ prompt: 'Replace the sky with a starry night' }),
			input: [itemWith({ data: photo })],
		});
		expect(nodeError(result)).toBeUndefined();
		expect(markImages(converseCalls()[0].body)).toEqual({
			messages: [
				{
					role: 'user',
					content: [
						{ image: { format: 'jpeg', source: { bytes: IMAGE } } },
						{ text: 'Replace the sky with a starry night' },
					],
				},
			],
		});
		const [item] = result.output('Image');
		await expectImage(result, item, { width: 512, height: 384 });
		expect(item.json).toMatchObject({
			task: 'instructEdit',
			prompt: 'Replace the sky with a starry night',
		});
	});

	test('an input the model does not take is refused before any call', async () => {
		const tooWide = imageFile({ width: 8200, height: 16 });
		const result = await runImageNode(emulator.current, {
			parameters: edit({ prompt: 'Make it blue' }),
			input: [itemWith({ data: tooWide })],
		});
		expect(nodeError(result)?.message).toBe(
			'Input Image Field: the image in "data" is 8200x16: each side must be at most 8000 px',
		);
		expect(converseCalls()).toHaveLength(0);
	});
});

describe('Number of Images', () => {
	test('four images, concurrency 2: four calls, at most two at once, one item per image', async () => {
		emulator.current.control.configure({ latencyMs: 150 });
		const result = await runImageNode(emulator.current, {
			parameters: generate({
				prompt: 'A paper boat',
				numberOfImages: 4,
				options: { concurrency: 2 },
			}),
		});
		expect(nodeError(result)).toBeUndefined();
		const items = result.output('Image');
		expect(items.map((item) => item.json.fileName)).toEqual(
			[1, 2, 3, 4].map((n) => `${FILE_PREFIX}-${n}.png`),
		);
		expect(items.map((item) => item.pairedItem)).toEqual(items.map(() => ({ item: 0 })));
		const calls = converseCalls();
		expect(calls).toHaveLength(4);
		expect(mostInFlight(calls)).toBe(2);
	});

	test('three items of three images, concurrency 2: the limit holds across items', async () => {
		emulator.current.control.configure({ latencyMs: 100 });
		const result = await runImageNode(emulator.current, {
			parameters: generate({
				prompt: '={{ "A paper boat number " + $json.n }}',
				numberOfImages: 3,
				options: { concurrency: 2 },
			}),
			input: [1, 2, 3].map((n) => ({ json: { n } })),
		});
		expect(nodeError(result)).toBeUndefined();
		const items = result.output('Image');
		expect(items.map((item) => item.pairedItem)).toEqual(
			[0, 0, 0, 1, 1, 1, 2, 2, 2].map((item) => ({ item })),
		);
		expect(items.map((item) => (item.json.prompt as string).slice(-1))).toEqual([
			'1',
			'1',
			'1',
			'2',
			'2',
			'2',
			'3',
			'3',
			'3',
		]);
		const calls = converseCalls();
		expect(calls).toHaveLength(9);
		expect(mostInFlight(calls)).toBe(2);
	});
});

describe('answers without an image', () => {
	test('a question is answered in text: the item fails with the text in the headline', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: generate({ prompt: 'Which colors suit a lighthouse?' }),
		});
		const error = nodeError(result);
		expect(error?.message).toMatch(
			/^Amazon Nova 2 Omni answered with text instead of an image: \S/,
		);
		expect(error?.description).toMatch(/^Ask for a picture, not a question/);
		expect(error?.description).toContain("The model's answer: ");
	});

	test('an output the content filter blocks: a content-filter error naming Nova 2 Omni', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: generate({ prompt: 'A lighthouse BEDROCK_FILTER_OUTPUT' }),
		});
		const error = nodeError(result);
		expect(error?.message).toBe(
			'Amazon Nova 2 Omni content filter ("The generated image has been blocked by our content filters."): no image was returned',
		);
		expect(error?.description).toMatch(/^A content filter stopped this request/);
	});

	test('a prompt the content filter refuses: the refusal as a content-filter error', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: generate({ prompt: 'A lighthouse BEDROCK_FILTER' }),
		});
		expect(nodeError(result)?.message).toMatch(
			/^Amazon Nova 2 Omni content filter blocked the request: This request has been blocked by our content filters/,
		);
	});

	test('access denied: the preview-access advice comes first', async () => {
		emulator.current.control.addFault({
			kind: 'error',
			operation: 'Converse',
			errorName: 'AccessDeniedException',
			status: 403,
			message: "You don't have access to the model with the specified model ID.",
		});
		const result = await runImageNode(emulator.current, {
			parameters: generate({ prompt: 'A lighthouse' }),
		});
		const error = nodeError(result);
		expect(error?.message).toMatch(/access/i);
		expect(error?.description).toMatch(
			/^Nova 2 Omni is a preview model: the AWS account needs preview access/,
		);
	});

	test('Continue On Fail: the item answered in text becomes an error item in its place', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: generate({ prompt: '={{ $json.prompt }}', sizeHint: 'none' }),
			input: [
				{ json: { prompt: 'A green door' } },
				{ json: { prompt: 'Is a door a window?' } },
				{ json: { prompt: 'A blue door' } },
			],
			continueOnFail: true,
		});
		expect(nodeError(result)).toBeUndefined();
		const items = result.output('Image');
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2].map((item) => ({ item })));
		expect(items[0].json.fileName).toBe(`${FILE_PREFIX}-1.png`);
		expect(items[1].json.error).toMatch(
			/^Amazon Nova 2 Omni answered with text instead of an image/,
		);
		expect(items[1].binary).toBeUndefined();
		expect(items[2].json.prompt).toBe('Generate an image: A blue door');
	});
});

describe('through the cost guard', () => {
	// Per call before the answer: the prompt's tokens and an assumed 10,000 output tokens.
	const bound = (prompt: string) => (Math.ceil(prompt.length / 4) * 0.3 + 10_000 * 2.5) / 1e6;

	test('Budget (USD) counts every image of an item: the items that fit run, in parallel within the concurrency', async () => {
		emulator.current.control.configure({ latencyMs: 100 });
		const prompt = (n: number) => `Generate a 1:1 square image: A paper boat number ${n}`;
		// Two items of three images fit; the third item's three calls would pass the budget.
		const budgetUsd = Number((6 * bound(prompt(1)) + 0.01).toFixed(2));
		expect(budgetUsd).toBeLessThan(9 * bound(prompt(1)));
		const result = await runImageNode(emulator.current, {
			continueOnFail: true,
			parameters: generate({
				prompt: '={{ "A paper boat number " + $json.n }}',
				numberOfImages: 3,
				options: { concurrency: 2, budgetUsd },
			}),
			input: [1, 2, 3].map((n) => ({ json: { n } })),
		});
		const items = result.output('Image');
		expect(items.map((item) => item.pairedItem)).toEqual(
			[0, 0, 0, 1, 1, 1, 2].map((item) => ({ item })),
		);
		expect(items[6].json.error).toMatch(/^Over budget: not sent \(the 2 items before item 2/);
		const calls = converseCalls();
		expect(calls).toHaveLength(6);
		expect(mostInFlight(calls)).toBe(2);
		// The spend is the answers' tokens, below the bound the budget was held by.
		const spent = Number(result.customData().bedrock_spend_usd);
		const reported = items
			.slice(0, 6)
			.reduce((sum, item) => sum + (item.json.estimatedCostUsd as number), 0);
		expect(spent).toBeCloseTo(reported, 6);
		expect(spent).toBeLessThan(budgetUsd);
	});

	test('Dry Run: the Converse request of each image with its estimate, nothing sent', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: generate({
				prompt: 'A paper boat',
				sizeHint: '16:9',
				numberOfImages: 2,
				systemPrompt: 'Watercolor style',
				options: { dryRun: true },
			}),
		});
		expect(nodeError(result)).toBeUndefined();
		const [item] = result.output('Image');
		const text = 'Generate a 16:9 landscape image: A paper boat';
		const request = {
			modelId: OMNI,
			messages: [{ role: 'user', content: [{ text }] }],
			system: [{ text: 'Watercolor style' }],
		};
		expect(item.json).toMatchObject({
			dryRun: true,
			family: 'novaOmni',
			images: 2,
			requests: [request, request],
			estimatedCostUsd: 2 * ((Math.ceil((text.length + 16) / 4) * 0.3 + 10_000 * 2.5) / 1e6),
			estimateBasis: expect.stringMatching(/assumed: AWS publishes no output limit/),
		});
		expect(converseCalls()).toEqual([]);
	});
});
