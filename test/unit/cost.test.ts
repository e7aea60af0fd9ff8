/**
 * The cost guard's pieces without an n8n run: the price table (every row sourced and dated,
 * tiers, model matching, coverage of the active models), the override file's checks and
 * cache, Dry Run's summaries of files, the budget's selection and messages, and the spend
 * report within n8n's custom data limits.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IExecuteFunctions } from 'n8n-workflow';

import { makeTestImage } from '../../emulator/src/images/output.ts';
import { FAMILIES } from '../../nodes/BedrockImage/families/index.ts';
import { foundationModelIdOf } from '../../nodes/shared/aws/modelIds.ts';
import { largestContributors, selectWithinBudget, usd } from '../../nodes/shared/cost/budget.ts';
import { summariseRequest } from '../../nodes/shared/cost/dryRun.ts';
import { tokensCost, unitsCost } from '../../nodes/shared/cost/estimate.ts';
import {
	overrideRows,
	parseOverrideFile,
	PRICES_FILE_ENV,
} from '../../nodes/shared/cost/overrides.ts';
import { PRICE_ROWS } from '../../nodes/shared/cost/prices.ts';
import { inTier, pricesModel, rowsFor, tierProblem } from '../../nodes/shared/cost/priceTable.ts';
import { formatModels, parseModels, SpendLedger } from '../../nodes/shared/cost/spend.ts';

const TOKENS = {
	inputTokens: 1_000_000,
	outputTokens: 0,
	cacheReadInputTokens: 0,
	cacheWriteInputTokens: 0,
};

describe('the price table', () => {
	test('every row has a public source URL, a date, a positive unit and a well-formed tier', () => {
		expect(PRICE_ROWS.length).toBeGreaterThan(250);
		for (const row of PRICE_ROWS) {
			expect(row.source).toMatch(/^https:\/\/\S+$/);
			expect(row.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(row.usd).toBeGreaterThanOrEqual(0);
			expect(row.per).toBe(row.dimension === 'image' || row.dimension === 'second' ? 1 : 1_000_000);
			expect(row.notes).toMatch(/\S/);
			for (const [key, value] of Object.entries(row.tier))
				expect(tierProblem(key, value)).toBeUndefined();
		}
	});

	test('no two rows of a model and dimension have the same tier', () => {
		const seen = new Set<string>();
		for (const row of PRICE_ROWS) {
			const key = `${row.modelId}|${row.dimension}|${JSON.stringify(row.tier)}`;
			expect(seen.has(key) ? key : undefined).toBeUndefined();
			seen.add(key);
		}
	});

	test('the active models have prices: the Stability line, Ray2, Nova 2, the common chat models', () => {
		const stability = FAMILIES.filter((family) => family.modelIdMarkers[0].startsWith('stability.'))
			.map((family) => foundationModelIdOf(family.exampleModelId) as string)
			.filter((id) => !id.includes('stable-diffusion-xl'));
		expect(stability).toHaveLength(15);
		for (const model of [
			...stability,
			'stability.stable-image-core-v1:1',
			'stability.sd3-5-large-v1:0',
		]) {
			expect([model, unitsCost(model, model, 'image', 1).usd]).toEqual([model, expect.any(Number)]);
		}
		expect(
			unitsCost('luma.ray-v2:0', 'luma.ray-v2:0', 'second', 5, { resolution: '720p' }).usd,
		).toBe(7.5);
		expect(
			unitsCost('luma.ray-v2:0', 'luma.ray-v2:0', 'second', 9, { resolution: '540p' }).usd,
		).toBe(6.75);
		for (const model of [
			'amazon.nova-2-lite-v1:0',
			'amazon.nova-2-pro-v1:0',
			'amazon.nova-2-omni-v1:0',
			'amazon.nova-pro-v1:0',
			'anthropic.claude-sonnet-4-5-20250929-v1:0',
			'anthropic.claude-haiku-4-5-20251001-v1:0',
			'anthropic.claude-opus-4-1-20250805-v1:0',
			'meta.llama3-3-70b-instruct-v1:0',
			'mistral.pixtral-large-2502-v1:0',
			'openai.gpt-oss-120b-1:0',
			'deepseek.r1-v1:0',
		]) {
			expect([model, tokensCost(model, `us.${model}`, TOKENS).usd]).toEqual([
				model,
				expect.any(Number),
			]);
		}
	});

	test('a row prices longer IDs it starts, up to a - or :, and the longest row ID wins', () => {
		expect(
			pricesModel('amazon.titan-image-generator-v1', 'amazon.titan-image-generator-v1:0'),
		).toBe(true);
		expect(pricesModel('amazon.titan-image-generator-v1', 'amazon.titan-image-generator-v10')).toBe(
			false,
		);
		const opus = (id: string) => rowsFor(PRICE_ROWS, id, 'inputTokens').map((row) => row.modelId);
		expect(new Set(opus('anthropic.claude-opus-5-5-v1:0'))).toEqual(
			new Set(['anthropic.claude-opus-5-5']),
		);
		expect(new Set(opus('anthropic.claude-opus-5-v1:0'))).toEqual(
			new Set(['anthropic.claude-opus-5']),
		);
	});

	test('tiers compare pixels and steps, and need the facts they compare', () => {
		expect(inTier({ size: '<=512x512' }, { width: 512, height: 512 })).toBe(true);
		expect(inTier({ size: '<=512x512' }, { width: 640, height: 384 })).toBe(true);
		expect(inTier({ size: '>512x512' }, { width: 513, height: 512 })).toBe(true);
		expect(inTier({ size: '<=512x512' }, {})).toBe(false);
		expect(inTier({ steps: '>50' }, { steps: 51 })).toBe(true);
		expect(inTier({ steps: '>50' }, { steps: 50 })).toBe(false);
		expect(
			inTier({ quality: 'premium', profile: 'global' }, { quality: 'premium', profile: 'global' }),
		).toBe(true);
		expect(inTier({}, {})).toBe(true);
	});

	test('a request no tier fits gets no estimate and says which facts it had', () => {
		expect(
			unitsCost('luma.ray-v2:0', 'luma.ray-v2:0', 'second', 5, { resolution: '1080p' }),
		).toEqual({
			usd: null,
			noPrice: true,
			priceSource: 'No second price row of luma.ray-v2:0 fits this request (resolution 1080p)',
		});
	});
});

describe('the price override file', () => {
	let folder: string;
	beforeEach(() => {
		folder = mkdtempSync(path.join(tmpdir(), 'bedrock-prices-unit-'));
	});
	afterEach(() => rmSync(folder, { recursive: true, force: true }));

	const problem = (rows: unknown) => {
		try {
			parseOverrideFile(JSON.stringify(rows), '/etc/n8n/prices.json');
			return undefined;
		} catch (error) {
			return (error as Error).message;
		}
	};

	test.each([
		[
			{ modelId: 'a.b-v1', dimension: 'pixel', usd: 1 },
			'dimension must be one of image, second, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens (got "pixel")',
		],
		[
			{ modelId: 'a.b-v1', dimension: 'image', usd: -1 },
			'usd must be a number of at least 0 (got -1)',
		],
		[
			{ modelId: 'a.b-v1', dimension: 'image', usd: 1, per: 0 },
			'per must be a number above 0 (got 0)',
		],
		[
			{ modelId: 'a.b-v1', dimension: 'image', usd: 1, tier: { size: 'big' } },
			'tier.size must look like "<=1024x1024" or ">512x512" (got "big")',
		],
		[
			{ modelId: 'a.b-v1', dimension: 'image', usd: 1, tier: { color: 'red' } },
			'tier key "color" is not one of size, steps, quality, resolution, profile',
		],
		[
			{ modelId: 'a.b-v1', dimension: 'image', usd: 1, price: 2 },
			'unknown key "price"; rows have modelId, dimension, tier, usd, per, source, date, notes',
		],
	])('row %j: %s', (row, message) => {
		expect(problem([{ modelId: 'ok.model-v1', dimension: 'image', usd: 0.1 }, row])).toBe(
			`${PRICES_FILE_ENV} file /etc/n8n/prices.json, row 2 (a.b-v1): ${message}`,
		);
	});

	test('the file must be a JSON array', () => {
		expect(() => parseOverrideFile('{"rows": []}', '/x.json')).toThrow(
			`${PRICES_FILE_ENV} file /x.json must hold a JSON array of price rows (docs/cost.md)`,
		);
		expect(() => parseOverrideFile('[{', '/x.json')).toThrow(
			/^N8N_BEDROCK_PRICES_FILE file \/x.json is not valid JSON: /,
		);
	});

	test('read once, and again only when the file changes; a missing file is named', () => {
		const file = path.join(folder, 'prices.json');
		const env = { [PRICES_FILE_ENV]: file };
		expect(() => overrideRows(env)).toThrow(
			`${PRICES_FILE_ENV} names ${file}, which cannot be read: ENOENT`,
		);
		writeFileSync(file, JSON.stringify([{ modelId: 'a.b-v1', dimension: 'image', usd: 1 }]));
		const first = overrideRows(env);
		expect(first.map((row) => [row.usd, row.per, row.position])).toEqual([[1, 1, 1]]);
		expect(overrideRows(env)).toBe(first);
		writeFileSync(file, JSON.stringify([{ modelId: 'a.b-v1', dimension: 'inputTokens', usd: 2 }]));
		const later = new Date(Date.now() + 10_000);
		utimesSync(file, later, later);
		expect(overrideRows(env).map((row) => [row.dimension, row.per])).toEqual([
			['inputTokens', 1_000_000],
		]);
		expect(overrideRows({})).toEqual([]);
	});
});

describe('Dry Run summaries', () => {
	test('base64 images and byte arrays become summaries; prompts and short strings stay', () => {
		const png = makeTestImage({ width: 40, height: 30 });
		const jpeg = makeTestImage({ width: 20, height: 10, format: 'jpeg' });
		const document = Buffer.alloc(5000, 7);
		expect(
			summariseRequest({
				prompt: 'A long prompt without base64 '.repeat(20),
				image: png.toString('base64'),
				attachments: [{ bytes: new Uint8Array(jpeg) }, { bytes: document }],
				notes: document.toString('base64'),
				seed: 5,
			}),
		).toEqual({
			prompt: 'A long prompt without base64 '.repeat(20),
			image: {
				$image: expect.objectContaining({
					mimeType: 'image/png',
					width: 40,
					height: 30,
					bytes: png.length,
				}),
			},
			attachments: [
				{
					bytes: {
						$image: expect.objectContaining({ mimeType: 'image/jpeg', width: 20, height: 10 }),
					},
				},
				{ bytes: { $bytes: { bytes: 5000, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } } },
			],
			notes: { $bytes: { bytes: 5000, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } },
			seed: 5,
		});
	});
});

describe('the budget', () => {
	const costs = [0.14, 0.04, 0.14, 0.04, 0.14].map((amount, itemIndex) => ({
		itemIndex,
		usd: amount,
		modelId: amount === 0.14 ? 'ultra' : 'core',
	}));

	test('items run in input order up to the first that does not fit; none after it', () => {
		expect(selectWithinBudget(costs, 0.3)).toEqual({
			admitted: [0, 1],
			total: expect.closeTo(0.18, 10),
			estimate: 0.5,
			firstOver: 2,
		});
		// $0.1 + $0.2 fits $0.3 despite floating point.
		expect(
			selectWithinBudget(
				[
					{ itemIndex: 0, usd: 0.1, modelId: 'a' },
					{ itemIndex: 1, usd: 0.2, modelId: 'a' },
				],
				0.3,
			).admitted,
		).toEqual([0, 1]);
		expect(selectWithinBudget(costs, 10).firstOver).toBeUndefined();
	});

	test('the largest items and models', () => {
		expect(largestContributors(costs)).toBe(
			'Largest items: item 0 $0.14 (ultra), item 2 $0.14 (ultra), item 4 $0.14 (ultra). By model: ultra $0.42 over 3 items, core $0.08 over 2 items.',
		);
	});

	test('amounts in messages', () => {
		expect([usd(12.4), usd(0.5), usd(0.14), usd(0.0000214), usd(0)]).toEqual([
			'$12.40',
			'$0.50',
			'$0.14',
			'$0.0000214',
			'$0.00',
		]);
	});
});

describe('the spend report', () => {
	function context(initial: Record<string, string> = {}, limit = 10) {
		const data: Record<string, string> = { ...initial };
		return {
			data,
			context: {
				customData: {
					getAll: () => ({ ...data }),
					set: (key: string, value: string) => {
						if (!(key in data) && Object.keys(data).length >= limit) return;
						data[key] = value;
					},
				},
			} as unknown as IExecuteFunctions,
		};
	}

	test('adds to what earlier nodes wrote, by model, and counts unpriced calls', () => {
		const { data, context: ctx } = context({
			bedrock_spend_usd: '0.14',
			bedrock_spend_models: 'ultra=0.14',
			their_key: 'kept',
		});
		const ledger = new SpendLedger();
		ledger.add('core', 0.04);
		ledger.add('ultra', 0.14);
		ledger.add('mystery', null);
		ledger.report(ctx);
		expect(data).toEqual({
			their_key: 'kept',
			bedrock_spend_usd: '0.32',
			bedrock_spend_models: 'ultra=0.28;core=0.04',
			bedrock_unpriced_calls: '1',
		});
	});

	test('a run that spent nothing writes nothing; a context without custom data is skipped', () => {
		const { data, context: ctx } = context();
		new SpendLedger().report(ctx);
		expect(data).toEqual({});
		expect(() => new SpendLedger().report({} as IExecuteFunctions)).not.toThrow();
	});

	test('the models list stays within 255 characters, largest first', () => {
		const models = new Map(
			Array.from({ length: 20 }, (_, i) => [`provider.model-number-${i}-v1:0`, i + 1]),
		);
		const value = formatModels(models);
		expect(value.length).toBeLessThanOrEqual(255);
		expect(value).toMatch(
			/^provider\.model-number-19-v1:0=20;provider\.model-number-18-v1:0=19;.*;\+\d+ more$/,
		);
		expect(parseModels(value).get('provider.model-number-19-v1:0')).toBe(20);
	});
});
