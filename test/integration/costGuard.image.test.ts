/**
 * The cost guard on Bedrock Image, through real n8n-core against the emulator: Dry Run of every
 * model family (nothing reaches the emulator, checked in its request log through the control
 * API), Budget (USD) under concurrency 1 and 8 with and without Continue On Fail, the spend in
 * the execution's custom data, and the administrator's price override file.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { RunningEmulator } from '../../emulator/src/index.ts';
import type { RequestLogEntry } from '../../emulator/src/requestLog.ts';
import { FAMILIES, familyOfModelId } from '../../nodes/BedrockImage/families/index.ts';
import { runWorkflow } from '../../tooling/harness/n8n.ts';
import { emulatorCredentials, useEmulator } from './helpers.ts';
import {
	byId,
	imageFile,
	invocations,
	itemWith,
	nodeError,
	runImageNode,
	type TestFile,
} from './imageHelpers.ts';

/** The request log as the control API serves it over HTTP. */
async function requestLog(emulator: RunningEmulator): Promise<RequestLogEntry[]> {
	const response = await fetch(`${emulator.url}/__emulator/requests`);
	return ((await response.json()) as { requests: RequestLogEntry[] }).requests;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** What Dry Run shows for an input file. */
function imageSummary(file: TestFile, width: number, height: number): IDataObject {
	return {
		$image: {
			mimeType: file.mimeType,
			bytes: file.data.length,
			width,
			height,
			sha256: sha256(file.data),
		},
	};
}

const photo = imageFile({ width: 320, height: 256 });
const mask = imageFile({ width: 320, height: 256, label: 'mask' });
const square = imageFile({ width: 512, height: 512, label: 'square' });
const style = imageFile({ width: 256, height: 256, label: 'style' });

interface DryRunCase {
	model: string;
	resource: 'image' | 'edit';
	operation: string;
	parameters: IDataObject;
	files?: Record<string, TestFile>;
	/** Requests (calls) and images the item would make, and their estimate. */
	calls: number;
	images: number;
	usd: number;
	/** Body members that carry an input file, and which file. */
	inputs?: Record<string, TestFile>;
	/** The input file of a Converse request (its first content block), summarised. */
	converseImage?: TestFile;
}

const service = (
	name: string,
	operation: string,
	usd: number,
	parameters: IDataObject = {},
	files: Record<string, TestFile> = { data: photo },
	inputs: Record<string, TestFile> = { image: photo },
): DryRunCase => ({
	model: `us.stability.${name}-v1:0`,
	resource: ['control', 'applyStyle'].includes(operation) ? 'image' : 'edit',
	operation,
	parameters,
	files,
	calls: 1,
	images: 1,
	usd,
	inputs,
});

/** One case per family: the active Stability line and the retired families the pack supports. */
const CASES: DryRunCase[] = [
	{
		model: 'stability.stable-image-core-v1:0',
		resource: 'image',
		operation: 'generate',
		parameters: { prompt: 'A kite', numberOfImages: 2 },
		calls: 2,
		images: 2,
		usd: 0.08,
	},
	{
		model: 'stability.sd3-large-v1:0',
		resource: 'image',
		operation: 'transform',
		parameters: { prompt: 'Make it autumn', strength: 0.6 },
		files: { data: photo },
		calls: 1,
		images: 1,
		usd: 0.08,
		inputs: { image: photo },
	},
	service('stable-fast-upscale', 'upscale', 0.03),
	service('stable-conservative-upscale', 'upscale', 0.4, { prompt: 'A sharp photo' }),
	service('stable-creative-upscale', 'upscale', 0.6, { prompt: 'A watercolor city' }),
	service(
		'stable-image-inpaint',
		'inpaint',
		0.07,
		{ prompt: 'A red balloon' },
		{ data: photo, mask },
		{ image: photo, mask },
	),
	service('stable-outpaint', 'outpaint', 0.06, { prompt: 'More beach', left: 64 }),
	service(
		'stable-image-erase-object',
		'eraseObject',
		0.07,
		{},
		{ data: photo, mask },
		{ image: photo, mask },
	),
	service('stable-image-remove-background', 'removeBackground', 0.07),
	service('stable-image-search-replace', 'searchAndReplace', 0.07, {
		searchPrompt: 'the dog',
		prompt: 'a cat',
	}),
	service('stable-image-search-recolor', 'searchAndRecolor', 0.07, {
		selectPrompt: 'the jacket',
		prompt: 'bright yellow',
	}),
	{
		...service('stable-image-control-sketch', 'control', 0.07, {
			prompt: 'A castle',
			numberOfImages: 3,
		}),
		calls: 3,
		images: 3,
		usd: 0.21,
	},
	service('stable-image-control-structure', 'control', 0.07, { prompt: 'A glass house' }),
	service('stable-image-style-guide', 'applyStyle', 0.07, { prompt: 'A harbour' }),
	service(
		'stable-style-transfer',
		'applyStyle',
		0.08,
		{ prompt: 'Oil painting' },
		{ data: photo, style },
		{ init_image: photo, style_image: style },
	),
	{
		model: 'amazon.nova-canvas-v1:0',
		resource: 'image',
		operation: 'generate',
		parameters: {
			prompt: 'A fox in the snow',
			width: 1280,
			height: 1280,
			numberOfImages: 2,
			modelOptions: { quality: 'premium' },
		},
		calls: 1,
		images: 2,
		// Above 1024x1024, premium: $0.08 each.
		usd: 0.16,
	},
	{
		model: 'amazon.titan-image-generator-v2:0',
		resource: 'edit',
		operation: 'inpaint',
		parameters: { maskPrompt: 'the window', prompt: 'A stained glass window', numberOfImages: 3 },
		files: { data: square },
		calls: 1,
		images: 3,
		// The result keeps the input's 512x512: $0.008 each.
		usd: 0.024,
	},
	{
		model: 'amazon.titan-image-generator-v1',
		resource: 'image',
		operation: 'generate',
		parameters: {
			prompt: 'A red bicycle',
			titanSize: '1024x1024',
			modelOptions: { quality: 'premium' },
		},
		calls: 1,
		images: 1,
		usd: 0.012,
	},
	{
		model: 'stability.stable-diffusion-xl-v1',
		resource: 'image',
		operation: 'generate',
		// Steps above 50 only through Additional Request Fields: the estimate follows the body sent.
		parameters: {
			prompt: 'A rose',
			sdxlSize: '1024x1024',
			numberOfImages: 2,
			options: { additionalRequestFields: '{"steps": 60}' },
		},
		calls: 2,
		images: 2,
		usd: 0.16,
	},
	{
		// Converse, billed by token: each call bounded by its text (27 characters, 7 tokens at
		// $0.30 per million) and an assumed 10,000 output tokens at $2.50 per million.
		model: 'us.amazon.nova-2-omni-v1:0',
		resource: 'edit',
		operation: 'instructEdit',
		parameters: { prompt: 'Make the sky a starry night', numberOfImages: 2 },
		files: { data: photo },
		calls: 2,
		images: 2,
		usd: 2 * ((7 * 0.3 + 10_000 * 2.5) / 1e6),
		converseImage: photo,
	},
];

describe('Dry Run of every image family, at a date when the retired ones were still active', () => {
	// 2025-03-01: before SDXL 1.0 stopped (2025-05-20) and before Titan, Nova Canvas and the
	// Stability v1:0 models reached their end of life. Dry Run sends nothing, whatever the date.
	const emulator = useEmulator({ now: '2025-03-01' });

	test('the cases cover every family the node knows', () => {
		const covered = new Set(CASES.map((entry) => familyOfModelId(entry.model)?.id));
		expect([...covered].sort()).toEqual(FAMILIES.map((family) => family.id).sort());
	});

	test.each(CASES)('$model: $operation', async (entry) => {
		const result = await runImageNode(emulator.current, {
			parameters: {
				resource: entry.resource,
				operation: entry.operation,
				modelId: byId(entry.model),
				...entry.parameters,
				options: { ...(entry.parameters.options as IDataObject), dryRun: true },
			},
			input: [entry.files ? itemWith(entry.files) : { json: {} }],
		});
		expect(nodeError(result)).toBeUndefined();
		const [item, ...rest] = result.output('Image');
		expect(rest).toHaveLength(0);
		expect(item.binary).toBeUndefined();
		expect(item.pairedItem).toEqual({ item: 0 });
		const family = familyOfModelId(entry.model)?.id;
		expect(item.json).toMatchObject({
			dryRun: true,
			modelId: entry.model,
			operation: entry.operation,
			family,
			images: entry.images,
			estimatedCostUsd: entry.usd,
			priceSource: expect.stringMatching(/^https:\/\/\S+ \(\d{4}-\d{2}-\d{2}\)$/),
		});
		const requests = item.json.requests as Array<{
			modelId: string;
			body: IDataObject;
			messages?: Array<{ content: IDataObject[] }>;
		}>;
		expect(requests).toHaveLength(entry.calls);
		for (const request of requests) {
			expect(request.modelId).toBe(entry.model);
			if (entry.converseImage) {
				// The Converse request as sent (no native body), its image bytes summarised.
				const { width, height } = sizeOf(entry.converseImage);
				expect(request.messages?.[0].content[0]).toEqual({
					image: {
						format: 'png',
						source: { bytes: imageSummary(entry.converseImage, width, height) },
					},
				});
			}
			for (const [member, file] of Object.entries(entry.inputs ?? {})) {
				const { width, height } = sizeOf(file);
				expect(request.body[member]).toEqual(imageSummary(file, width, height));
			}
		}
		// No base64 anywhere in the item.
		expect(JSON.stringify(item.json)).not.toMatch(/[A-Za-z0-9+/]{200,}/);
		expect(await requestLog(emulator.current)).toEqual([]);
	});
});

/** The size each test file was made with. */
function sizeOf(file: TestFile): { width: number; height: number } {
	const sizes = new Map<TestFile, { width: number; height: number }>([
		[photo, { width: 320, height: 256 }],
		[mask, { width: 320, height: 256 }],
		[square, { width: 512, height: 512 }],
		[style, { width: 256, height: 256 }],
	]);
	const size = sizes.get(file);
	if (!size) throw new Error('A test file without a known size');
	return size;
}

describe('Dry Run, budget, spend and prices today', () => {
	const emulator = useEmulator();
	const ULTRA = 'stability.stable-image-ultra-v1:1';
	const CORE = 'stability.stable-image-core-v1:1';

	const prompts = (count: number) =>
		Array.from({ length: count }, (_, index) => ({ json: { prompt: `Picture ${index}` } }));

	const ultra = (options: IDataObject, extra: IDataObject = {}) => ({
		operation: 'generate',
		modelId: byId(ULTRA),
		prompt: '={{ $json.prompt }}',
		...extra,
		options,
	});

	test('the Dry Run estimate is what the real run then reports, and both reach the custom data', async () => {
		const parameters = ultra({}, { numberOfImages: 2 });
		const dry = await runImageNode(emulator.current, {
			parameters: { ...parameters, options: { dryRun: true } },
			input: prompts(2),
		});
		expect(dry.output('Image').map((item) => item.json.estimatedCostUsd)).toEqual([0.28, 0.28]);
		expect(dry.customData()).toEqual({ bedrock_dry_run_usd: '0.56' });
		expect(await requestLog(emulator.current)).toEqual([]);

		const real = await runImageNode(emulator.current, { parameters, input: prompts(2) });
		expect(nodeError(real)).toBeUndefined();
		const items = real.output('Image');
		expect(items).toHaveLength(4);
		expect(
			items.reduce((sum, item) => sum + (item.json.estimatedCostUsd as number), 0),
		).toBeCloseTo(0.56, 10);
		expect(real.customData()).toEqual({
			bedrock_spend_usd: '0.56',
			bedrock_spend_models: `${ULTRA}=0.56`,
		});
	});

	test('Dry Run with Continue On Fail: an invalid item becomes an error item in its place', async () => {
		const result = await runImageNode(emulator.current, {
			continueOnFail: true,
			parameters: ultra({ dryRun: true }),
			input: [
				{ json: { prompt: 'A kite' } },
				{ json: { prompt: '' } },
				{ json: { prompt: 'A boat' } },
			],
		});
		const items = result.output('Image');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.map((item) => item.json.dryRun)).toEqual([true, true, true]);
		expect(items[1].json).toMatchObject({ error: expect.stringMatching(/^Prompt/) });
		expect(items[1].json.requests).toBeUndefined();
		expect(items[2].json).toMatchObject({ estimatedCostUsd: 0.14 });
		expect(items.every((item) => item.binary === undefined)).toBe(true);
		expect(await requestLog(emulator.current)).toEqual([]);
	});

	test('Dry Run without Continue On Fail: the node fails naming the invalid item', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: ultra({ dryRun: true }),
			input: [{ json: { prompt: 'A kite' } }, { json: { prompt: '' } }],
		});
		const error = result.error('Image') as Error & { context?: { itemIndex?: number } };
		expect(error.message).toMatch(/^Prompt/);
		expect(error.context?.itemIndex).toBe(1);
		expect(await requestLog(emulator.current)).toEqual([]);
	});

	test('Dry Run with a budget says which items a real run would send', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: ultra({ dryRun: true, budgetUsd: 0.3 }),
			input: prompts(3),
		});
		expect(result.output('Image').map((item) => item.json.withinBudget)).toEqual([
			true,
			true,
			false,
		]);
	});

	test.each([1, 8])(
		'concurrency %i, Continue On Fail: the items that fit run in input order, never past the budget',
		async (concurrency) => {
			emulator.current.control.configure({ latencyMs: 50 });
			const result = await runImageNode(emulator.current, {
				continueOnFail: true,
				parameters: ultra({ budgetUsd: 1, concurrency }),
				input: prompts(10),
			});
			// $0.14 an image: seven fit in $1.00 ($0.98).
			expect(invocations(emulator.current)).toHaveLength(7);
			const items = result.output('Image');
			expect(items.map((item) => item.pairedItem)).toEqual(
				Array.from({ length: 10 }, (_, item) => ({ item })),
			);
			expect(items.slice(0, 7).every((item) => item.binary?.data !== undefined)).toBe(true);
			for (const item of items.slice(7)) {
				expect(item.json.error).toBe(
					'Over budget: not sent (the 7 items before item 7 use $0.98 of the $1.00 budget)',
				);
				expect(item.json.description).toMatch(/^This item's estimate is \$0\.14\./);
			}
			expect(result.customData()).toEqual({
				bedrock_spend_usd: '0.98',
				bedrock_spend_models: `${ULTRA}=0.98`,
			});
		},
	);

	test('without Continue On Fail a run over budget fails before any call, naming the largest items and models', async () => {
		const models = [CORE, ULTRA, CORE, ULTRA, ULTRA];
		const result = await runImageNode(emulator.current, {
			parameters: {
				operation: 'generate',
				modelId: byId('={{ $json.model }}'),
				modelFamily: 'stableImage',
				prompt: 'A kite',
				options: { budgetUsd: 0.4 },
			},
			input: models.map((model) => ({ json: { model } })),
		});
		expect(nodeError(result)).toEqual({
			message:
				'The estimated cost of this run, $0.50, is over the Budget (USD) of $0.40: nothing was sent',
			description: `Largest items: item 1 $0.14 (${ULTRA}), item 3 $0.14 (${ULTRA}), item 4 $0.14 (${ULTRA}). By model: ${ULTRA} $0.42 over 3 items, ${CORE} $0.08 over 2 items. The first 4 items ($0.36) fit. Raise the budget or send fewer items; with Continue On Fail the items that fit run and the rest become "over budget" items. Dry Run shows each item's estimate.`,
		});
		expect(await requestLog(emulator.current)).toEqual([]);
	});

	test('under a budget, a model without a price is not sent', async () => {
		const arn = 'arn:aws:bedrock:us-west-2:123456789012:provisioned-model/emu-ultra';
		const result = await runImageNode(emulator.current, {
			continueOnFail: true,
			parameters: {
				operation: 'generate',
				modelId: { __rl: true, mode: 'arn', value: arn },
				modelFamily: 'stableImage',
				prompt: 'A kite',
				options: { budgetUsd: 5 },
			},
		});
		expect(result.output('Image')[0].json.error).toBe(
			'No price is known for this item, so the Budget (USD) cannot be held: not sent',
		);
		expect(invocations(emulator.current)).toHaveLength(0);
	});

	test('spend adds up over the Bedrock nodes of one execution, by model', async () => {
		const result = await runWorkflow({
			nodes: [
				{ name: 'Image', type: 'bedrockImage', parameters: ultra({}) },
				{
					name: 'Text',
					type: 'bedrockText',
					parameters: {
						operation: 'converse',
						modelId: byId('amazon.nova-lite-v1:0'),
						prompt: '=Describe {{ $json.fileName }}',
					},
				},
			],
			input: prompts(1),
			credentials: emulatorCredentials(emulator.current, { region: 'us-west-2' }),
		});
		expect(result.error()).toBeUndefined();
		const text = result.output('Text')[0].json.estimatedCostUsd as number;
		expect(text).toBeGreaterThan(0);
		const data = result.customData();
		expect(Number(data.bedrock_spend_usd)).toBeCloseTo(0.14 + text, 6);
		expect(data.bedrock_spend_models).toBe(`${ULTRA}=0.14;amazon.nova-lite-v1:0=${text}`);
	});

	describe('the administrator’s price file (N8N_BEDROCK_PRICES_FILE)', () => {
		let folder: string;
		let file: string;
		beforeEach(() => {
			folder = mkdtempSync(path.join(tmpdir(), 'bedrock-prices-'));
			file = path.join(folder, 'prices.json');
			process.env.N8N_BEDROCK_PRICES_FILE = file;
		});
		afterEach(() => {
			delete process.env.N8N_BEDROCK_PRICES_FILE;
			rmSync(folder, { recursive: true, force: true });
		});

		const write = (rows: unknown[], secondsLater = 0) => {
			writeFileSync(file, JSON.stringify(rows));
			const when = new Date(Date.now() + secondsLater * 1000);
			utimesSync(file, when, when);
		};

		test('its rows replace the table’s, say so in priceSource and hold the budget; a change is read at the next run', async () => {
			write([
				{
					modelId: ULTRA,
					dimension: 'image',
					usd: 0.1,
					source: 'Contract A-17',
					date: '2026-11-01',
				},
			]);
			const first = await runImageNode(emulator.current, {
				continueOnFail: true,
				parameters: ultra({ budgetUsd: 0.25 }),
				input: prompts(3),
			});
			const items = first.output('Image');
			expect(items[0].json).toMatchObject({
				estimatedCostUsd: 0.1,
				priceSource: `price override file ${file}, row 1: Contract A-17 (2026-11-01)`,
			});
			// At $0.10 two fit in $0.25; at the table's $0.14 only one would.
			expect(invocations(emulator.current)).toHaveLength(2);
			expect(items[2].json.error).toMatch(/^Over budget/);

			write([{ modelId: ULTRA, dimension: 'image', usd: 0.12 }], 5);
			const second = await runImageNode(emulator.current, {
				parameters: ultra({}),
				input: prompts(1),
			});
			expect(second.output('Image')[0].json).toMatchObject({
				estimatedCostUsd: 0.12,
				priceSource: `price override file ${file}, row 1`,
			});
		});

		test('a malformed row stops the node before any call, naming the file and the row', async () => {
			write([
				{ modelId: CORE, dimension: 'image', usd: 0.03 },
				{ modelId: ULTRA, dimension: 'image', usd: 'cheap' },
			]);
			const result = await runImageNode(emulator.current, {
				continueOnFail: true,
				parameters: ultra({}),
				input: prompts(2),
			});
			expect(nodeError(result)?.message).toBe(
				`N8N_BEDROCK_PRICES_FILE file ${file}, row 2 (${ULTRA}): usd must be a number of at least 0 (got "cheap")`,
			);
			expect(await requestLog(emulator.current)).toEqual([]);
		});
	});
});
