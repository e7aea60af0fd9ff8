/**
 * The built-in price table: on-demand list prices in USD, us-east-1 unless a note says
 * otherwise. One row per model, dimension and tier (`./priceTable.ts` says what a tier key
 * compares); within a model and dimension the first row whose tier holds applies, so narrower
 * tiers come first.
 *
 * AWS's own pricing page (https://aws.amazon.com/bedrock/pricing/) renders its figures in the
 * browser, so most rows cite a public copy of it and say how sure the figure is in `notes`.
 * Prices change and accounts negotiate their own: an administrator corrects any row without a
 * release through the override file (docs/cost.md#correcting-prices).
 */
import { defaultPer, type PriceDimension, type PriceRow, type PriceTier } from './priceTable';

interface Source {
	source: string;
	date: string;
	/** The evidence every row of the source shares. */
	notes: string;
}

/**
 * @pydantic/genai-prices 0.1.8 (npm, published 2026-09-23), a curated copy of the AWS pricing
 * page; every row below that cites it was compared with that package's `aws` provider data.
 * Its `global.` and `regional.` entries become the `profile` tiers.
 */
const GENAI_PRICES: Source = {
	source: 'https://github.com/pydantic/genai-prices/blob/main/prices/providers/aws.yml',
	date: '2026-09-23',
	notes:
		'Copied from https://aws.amazon.com/bedrock/pricing/ by @pydantic/genai-prices 0.1.8. Evidence: medium.',
};

const LITELLM: Source = {
	source:
		'https://github.com/BerriAI/litellm/blob/19a1f629eb6fafde70968ef4815463eb08143aac/model_prices_and_context_window.json',
	date: '2026-12-06',
	notes: "LiteLLM's output_cost_per_image, a copy of the AWS pricing page. Evidence: medium.",
};

/** Rows the pack carried from LiteLLM's table of 2026-08-01, not re-read since. */
const LITELLM_SNAPSHOT: Source = {
	source: LITELLM.source,
	date: '2026-08-01',
	notes: "LiteLLM's Bedrock entries as of 2026-08-01. Evidence: medium-weak (single source).",
};

const STDAPI: Source = {
	source:
		'https://github.com/stdapi-ai/stdapi.ai/blob/1c2ecde93e079c9f9f4a5b981b80700d0255e700/stdapi/models/pricing_overrides.py',
	date: '2026-12-06',
	notes:
		'One of the 13 Stability image services, same price through its us. profile. stdapi.ai (DEFAULT_MODEL_PRICES, "USD rates AWS publishes only on its pricing page") and LiteLLM agree. Evidence: medium-strong.',
};

const AWS_PAGE_2025: Source = {
	source: 'https://aws.amazon.com/bedrock/pricing/',
	date: '2026-12-06',
	notes:
		'As the AWS pricing page published it in 2024-2025; the page renders its prices in the browser and could not be re-read.',
};

const PRACTITIONER_RAY2: Source = {
	source: 'https://aws.amazon.com/bedrock/pricing/',
	date: '2026-12-06',
	notes:
		'Amount not read from the AWS page (rendered in the browser): a third-party Bedrock deployment document lists "usdPerSec": {"540p": 0.75, "720p": 1.5} for luma.ray-v2:0 in us-west-2.',
};

const POLLINATIONS: Source = {
	source: 'https://github.com/pollinations/pollinations/pull/9218',
	date: '2026-12-06',
	notes:
		'Cites https://aws.amazon.com/bedrock/pricing/; LiteLLM has the same output_cost_per_second.',
};

const CATALOGS_NOVA2: Source = {
	source: 'https://aws.amazon.com/bedrock/pricing/',
	date: '2026-12-06',
	notes:
		'Amount not read from the AWS page (rendered in the browser) but from third-party model catalogs that agree.',
};

function row(
	from: Source,
	modelId: string,
	dimension: PriceDimension,
	usd: number,
	tier: PriceTier,
	notes?: string,
): PriceRow {
	return {
		modelId,
		dimension,
		tier,
		usd,
		per: defaultPer(dimension),
		source: from.source,
		date: from.date,
		notes: notes ? `${notes} ${from.notes}` : from.notes,
	};
}

function perImage(
	from: Source,
	modelId: string,
	usd: number,
	tier: PriceTier = {},
	notes?: string,
) {
	return row(from, modelId, 'image', usd, tier, notes);
}

function perSecond(from: Source, modelId: string, usd: number, tier: PriceTier, notes?: string) {
	return row(from, modelId, 'second', usd, tier, notes);
}

interface TokenPrices {
	input: number;
	output: number;
	cacheRead?: number;
	cacheWrite?: number;
}

/** A chat model's rows, USD per million tokens of each kind it lists. */
function perMillionTokens(
	from: Source,
	modelId: string,
	prices: TokenPrices,
	tier: PriceTier = {},
	notes?: string,
): PriceRow[] {
	const dimensions: Array<[PriceDimension, number | undefined]> = [
		['inputTokens', prices.input],
		['outputTokens', prices.output],
		['cacheReadTokens', prices.cacheRead],
		['cacheWriteTokens', prices.cacheWrite],
	];
	return dimensions
		.filter((entry): entry is [PriceDimension, number] => entry[1] !== undefined)
		.map(([dimension, usd]) => row(from, modelId, dimension, usd, tier, notes));
}

export const PRICE_ROWS: readonly PriceRow[] = [
	// Images: the Stability line (active first), then the retired families the pack supports.
	perImage(
		LITELLM,
		'stability.sd3-5-large-v1:0',
		0.08,
		{},
		'Also stated in stdapi-ai/stdapi.ai issues #93/#53 (SD3.5 Large $0.08). Evidence: medium (two independent third-party copies of the AWS page).',
	),
	perImage(
		LITELLM,
		'stability.stable-image-core-v1:1',
		0.04,
		{},
		'Also $0.04 in stdapi-ai/stdapi.ai issue #93. Evidence: medium.',
	),
	perImage(LITELLM, 'stability.stable-image-ultra-v1:1', 0.14),
	perImage(STDAPI, 'stability.stable-conservative-upscale-v1:0', 0.4),
	perImage(STDAPI, 'stability.stable-creative-upscale-v1:0', 0.6),
	perImage(STDAPI, 'stability.stable-fast-upscale-v1:0', 0.03),
	perImage(STDAPI, 'stability.stable-image-control-sketch-v1:0', 0.07),
	perImage(STDAPI, 'stability.stable-image-control-structure-v1:0', 0.07),
	perImage(STDAPI, 'stability.stable-image-erase-object-v1:0', 0.07),
	perImage(STDAPI, 'stability.stable-image-inpaint-v1:0', 0.07),
	perImage(STDAPI, 'stability.stable-image-remove-background-v1:0', 0.07),
	perImage(STDAPI, 'stability.stable-image-search-recolor-v1:0', 0.07),
	perImage(STDAPI, 'stability.stable-image-search-replace-v1:0', 0.07),
	perImage(STDAPI, 'stability.stable-image-style-guide-v1:0', 0.07),
	perImage(STDAPI, 'stability.stable-outpaint-v1:0', 0.06),
	perImage(STDAPI, 'stability.stable-style-transfer-v1:0', 0.08),
	perImage(
		LITELLM,
		'stability.sd3-large-v1:0',
		0.08,
		{},
		'Retired model. One third-party script lists $0.065 (weak); LiteLLM and the project use $0.08.',
	),
	perImage(LITELLM, 'stability.stable-image-core-v1:0', 0.04, {}, 'Retired model.'),
	perImage(LITELLM, 'stability.stable-image-ultra-v1:0', 0.14, {}, 'Retired model.'),
	perImage(
		LITELLM,
		'stability.stable-diffusion-xl-v1',
		0.04,
		{ size: '<=1024x1024', steps: '<=50' },
		'LiteLLM key 1024-x-1024/50-steps/stability.stable-diffusion-xl-v1. SDXL 1.0 stopped working 2025-05-20 (aws-samples/document-translation issue #110). Evidence: medium.',
	),
	perImage(
		LITELLM,
		'stability.stable-diffusion-xl-v1',
		0.08,
		{ size: '<=1024x1024', steps: '>50' },
		'LiteLLM key 1024-x-1024/max-steps/stability.stable-diffusion-xl-v1. Evidence: medium.',
	),
	perImage(
		LITELLM,
		'stability.stable-diffusion-xl-v0',
		0.018,
		{ size: '<=512x512', steps: '<=50' },
		'SDXL 0.8 (v0) tier; LiteLLM key 512-x-512/50-steps/stability.stable-diffusion-xl-v0. AWS never listed a 512 tier for SDXL 1.0 in the sources found. Evidence: medium for v0, n/a for v1.',
	),
	perImage(
		LITELLM,
		'stability.stable-diffusion-xl-v0',
		0.036,
		{ size: '<=512x512', steps: '>50' },
		'LiteLLM key 512-x-512/max-steps/...-v0.',
	),
	perImage(
		LITELLM,
		'stability.stable-diffusion-xl-v0',
		0.036,
		{ size: '>512x512', steps: '<=50' },
		'LiteLLM key max-x-max/50-steps/...-v0.',
	),
	perImage(
		LITELLM,
		'stability.stable-diffusion-xl-v0',
		0.072,
		{ size: '>512x512', steps: '>50' },
		'LiteLLM key max-x-max/max-steps/...-v0.',
	),
	perImage(
		AWS_PAGE_2025,
		'amazon.titan-image-generator-v1',
		0.008,
		{ size: '<=512x512', quality: 'standard' },
		'LiteLLM flat price $0.008 equals this tier. Evidence: medium.',
	),
	perImage(
		AWS_PAGE_2025,
		'amazon.titan-image-generator-v1',
		0.01,
		{ size: '>512x512', quality: 'standard' },
		'Evidence: weak (project table, AWS page 2024-2025).',
	),
	perImage(
		AWS_PAGE_2025,
		'amazon.titan-image-generator-v1',
		0.01,
		{ size: '<=512x512', quality: 'premium' },
		'Evidence: weak.',
	),
	perImage(
		AWS_PAGE_2025,
		'amazon.titan-image-generator-v1',
		0.012,
		{ size: '>512x512', quality: 'premium' },
		'Evidence: weak.',
	),
	perImage(
		AWS_PAGE_2025,
		'amazon.titan-image-generator-v2:0',
		0.008,
		{ size: '<=512x512', quality: 'standard' },
		'LiteLLM flat price $0.008 equals this tier. Evidence: medium.',
	),
	perImage(
		AWS_PAGE_2025,
		'amazon.titan-image-generator-v2:0',
		0.01,
		{ size: '>512x512', quality: 'standard' },
		'Evidence: weak (project table, AWS page 2024-2025).',
	),
	perImage(
		AWS_PAGE_2025,
		'amazon.titan-image-generator-v2:0',
		0.01,
		{ size: '<=512x512', quality: 'premium' },
		'Evidence: weak.',
	),
	perImage(
		AWS_PAGE_2025,
		'amazon.titan-image-generator-v2:0',
		0.012,
		{ size: '>512x512', quality: 'premium' },
		'Evidence: weak.',
	),
	perImage(
		AWS_PAGE_2025,
		'amazon.nova-canvas-v1:0',
		0.04,
		{ size: '<=1024x1024', quality: 'standard' },
		'Also "$0.04/image" in third-party price maps. EOL 2026-09-30. Evidence: medium.',
	),
	perImage(
		AWS_PAGE_2025,
		'amazon.nova-canvas-v1:0',
		0.06,
		{ size: '<=2048x2048', quality: 'standard' },
		'Evidence: weak.',
	),
	perImage(
		AWS_PAGE_2025,
		'amazon.nova-canvas-v1:0',
		0.06,
		{ size: '<=1024x1024', quality: 'premium' },
		'LiteLLM flat $0.06 (1024-x-1024/50-steps/bedrock/amazon.nova-canvas-v1:0). Evidence: medium.',
	),
	perImage(
		AWS_PAGE_2025,
		'amazon.nova-canvas-v1:0',
		0.08,
		{ size: '<=2048x2048', quality: 'premium' },
		'Evidence: weak.',
	),
	// Video: per second of output.
	perSecond(
		PRACTITIONER_RAY2,
		'luma.ray-v2:0',
		0.75,
		{ resolution: '540p' },
		'Billed through AWS Marketplace (model card). stdapi.ai prices 720p under a separate "hd" row (https://github.com/stdapi-ai/stdapi.ai/blob/497ed573650312ccf1468ccabb11ce2aa0c6e844/stdapi/models/video/luma_ray.py), confirming two tiers. Evidence: weak — verify against the AWS pricing page before relying on budgets.',
	),
	perSecond(
		PRACTITIONER_RAY2,
		'luma.ray-v2:0',
		1.5,
		{ resolution: '720p' },
		'Evidence: weak (see 540p row). 5 s = $7.50, 9 s = $13.50.',
	),
	perSecond(
		POLLINATIONS,
		'amazon.nova-reel-v1:0',
		0.08,
		{ resolution: '720p' },
		'1280x720, its only size. EOL 2026-09-30. Evidence: medium.',
	),
	perSecond(
		POLLINATIONS,
		'amazon.nova-reel-v1:1',
		0.08,
		{ resolution: '720p' },
		'1280x720, its only size. Same rate for multi-shot; 120 s = $9.60. EOL 2026-09-30. Evidence: medium.',
	),
	// Text: per million tokens. Where AWS prices `global.` profiles lower than in-region and
	// geographic ones (Claude 4.5 and later, Nova 2 Lite), the rows carry a `profile` tier.
	...perMillionTokens(
		CATALOGS_NOVA2,
		'amazon.nova-2-omni-v1:0',
		{ input: 0.3, output: 2.5 },
		{},
		"Preview. Text token prices only; image-output price NOT found. Several catalogs list exactly Nova 2 Lite's global price — may be copied. One lists output $2.80. Evidence: weak.",
	),
	...perMillionTokens(
		CATALOGS_NOVA2,
		'amazon.nova-2-pro-v1:0',
		{ input: 1.25, output: 10 },
		{},
		'Preview. Catalogs disagree ($1.25/$10 in two, $2.19/$17.50 in one, $1.375/$11 = +10% geo in one). Evidence: weak.',
	),
	...perMillionTokens(GENAI_PRICES, 'amazon.nova-lite-v1:0', {
		input: 0.06,
		output: 0.24,
		cacheRead: 0.015,
	}),
	...perMillionTokens(GENAI_PRICES, 'amazon.nova-micro-v1:0', {
		input: 0.035,
		output: 0.14,
		cacheRead: 0.00875,
	}),
	...perMillionTokens(GENAI_PRICES, 'amazon.nova-premier-v1:0', {
		input: 2.5,
		output: 12.5,
		cacheRead: 0.625,
	}),
	...perMillionTokens(GENAI_PRICES, 'amazon.nova-pro-v1:0', {
		input: 0.8,
		output: 3.2,
		cacheRead: 0.2,
	}),
	...perMillionTokens(GENAI_PRICES, 'amazon.titan-text-express-v1', { input: 0.2, output: 0.6 }),
	...perMillionTokens(GENAI_PRICES, 'amazon.titan-text-lite-v1', { input: 0.15, output: 0.2 }),
	...perMillionTokens(GENAI_PRICES, 'deepseek.r1-v1:0', { input: 1.35, output: 5.4 }),
	...perMillionTokens(
		GENAI_PRICES,
		'amazon.nova-2-lite-v1:0',
		{ input: 0.3, output: 2.5, cacheRead: 0.075 },
		{ profile: 'global' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-fable-5-1-v1:0',
		{ input: 10, output: 50, cacheRead: 0.25, cacheWrite: 12.5 },
		{ profile: 'global' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-fable-5-v1:0',
		{ input: 10, output: 50, cacheRead: 1, cacheWrite: 12.5 },
		{ profile: 'global' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-haiku-4-5-20251001-v1:0',
		{ input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },
		{ profile: 'global' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-opus-4-5-v1:0',
		{ input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
		{ profile: 'global' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-opus-4-6-v1:0',
		{ input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
		{ profile: 'global' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-opus-4-7-v1:0',
		{ input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
		{ profile: 'global' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-opus-4-8-v1:0',
		{ input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
		{ profile: 'global' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-opus-5',
		{ input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
		{ profile: 'global' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-opus-5-5',
		{ input: 4, output: 20, cacheRead: 0.2, cacheWrite: 5 },
		{ profile: 'global' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-sonnet-4-20250514-v1:0',
		{ input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
		{ profile: 'global' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-sonnet-4-5-20250929-v1:0',
		{ input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
		{ profile: 'global' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-sonnet-4-6-v1:0',
		{ input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
		{ profile: 'global' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-sonnet-5-v1:0',
		{ input: 2, output: 10, cacheRead: 0.2, cacheWrite: 2.5 },
		{ profile: 'global' },
	),
	...perMillionTokens(GENAI_PRICES, 'meta.llama3-1-70b-instruct-v1:0', {
		input: 0.72,
		output: 0.72,
	}),
	...perMillionTokens(GENAI_PRICES, 'meta.llama3-1-8b-instruct-v1:0', {
		input: 0.22,
		output: 0.22,
	}),
	...perMillionTokens(GENAI_PRICES, 'meta.llama3-2-11b-instruct-v1:0', {
		input: 0.16,
		output: 0.16,
	}),
	...perMillionTokens(GENAI_PRICES, 'meta.llama3-2-1b-instruct-v1:0', { input: 0.1, output: 0.1 }),
	...perMillionTokens(GENAI_PRICES, 'meta.llama3-2-3b-instruct-v1:0', {
		input: 0.15,
		output: 0.15,
	}),
	...perMillionTokens(GENAI_PRICES, 'meta.llama3-2-90b-instruct-v1:0', {
		input: 0.72,
		output: 0.72,
	}),
	...perMillionTokens(GENAI_PRICES, 'meta.llama3-3-70b-instruct-v1:0', {
		input: 0.72,
		output: 0.72,
	}),
	...perMillionTokens(GENAI_PRICES, 'meta.llama3-70b-instruct-v1:0', { input: 2.65, output: 3.5 }),
	...perMillionTokens(GENAI_PRICES, 'meta.llama3-8b-instruct-v1:0', { input: 0.3, output: 0.6 }),
	...perMillionTokens(GENAI_PRICES, 'meta.llama4-maverick-17b-instruct-v1:0', {
		input: 0.24,
		output: 0.97,
	}),
	...perMillionTokens(GENAI_PRICES, 'meta.llama4-scout-17b-instruct-v1:0', {
		input: 0.17,
		output: 0.66,
	}),
	...perMillionTokens(GENAI_PRICES, 'mistral.devstral-2-123b', { input: 0.4, output: 2 }),
	...perMillionTokens(GENAI_PRICES, 'mistral.magistral-small-2509', { input: 0.5, output: 1.5 }),
	...perMillionTokens(GENAI_PRICES, 'mistral.ministral-3-14b-instruct', {
		input: 0.2,
		output: 0.2,
	}),
	...perMillionTokens(GENAI_PRICES, 'mistral.ministral-3-3b-instruct', { input: 0.1, output: 0.1 }),
	...perMillionTokens(GENAI_PRICES, 'mistral.ministral-3-8b-instruct', {
		input: 0.15,
		output: 0.15,
	}),
	...perMillionTokens(GENAI_PRICES, 'mistral.mistral-7b-instruct-v0:2', {
		input: 0.15,
		output: 0.2,
	}),
	...perMillionTokens(GENAI_PRICES, 'mistral.mistral-large-2402-v1:0', { input: 4, output: 12 }),
	...perMillionTokens(GENAI_PRICES, 'mistral.mistral-large-3-675b-instruct', {
		input: 0.5,
		output: 1.5,
	}),
	...perMillionTokens(GENAI_PRICES, 'mistral.mistral-small-2402-v1:0', { input: 1, output: 3 }),
	...perMillionTokens(GENAI_PRICES, 'mistral.mixtral-8x7b-instruct-v0:1', {
		input: 0.45,
		output: 0.7,
	}),
	...perMillionTokens(GENAI_PRICES, 'mistral.pixtral-large-2502-v1:0', { input: 2, output: 6 }),
	...perMillionTokens(GENAI_PRICES, 'mistral.voxtral-mini-3b-2507', { input: 0.04, output: 0.04 }),
	...perMillionTokens(GENAI_PRICES, 'mistral.voxtral-small-24b-2507', { input: 0.1, output: 0.3 }),
	...perMillionTokens(GENAI_PRICES, 'openai.gpt-oss-120b-1:0', { input: 0.15, output: 0.6 }),
	...perMillionTokens(GENAI_PRICES, 'openai.gpt-oss-20b-1:0', { input: 0.07, output: 0.3 }),
	...perMillionTokens(GENAI_PRICES, 'qwen.qwen3-32b-v1:0', { input: 0.15, output: 0.6 }),
	...perMillionTokens(GENAI_PRICES, 'qwen.qwen3-coder-30b-a3b-v1:0', { input: 0.15, output: 0.6 }),
	...perMillionTokens(GENAI_PRICES, 'qwen.qwen3-coder-480b-a35b-v1:0', {
		input: 0.45,
		output: 1.8,
	}),
	...perMillionTokens(GENAI_PRICES, 'qwen.qwen3-vl-235b-a22b-v1:0', { input: 0.53, output: 2.66 }),
	...perMillionTokens(
		GENAI_PRICES,
		'amazon.nova-2-lite-v1:0',
		{ input: 0.33, output: 2.75, cacheRead: 0.0825 },
		{ profile: 'regional' },
	),
	...perMillionTokens(GENAI_PRICES, 'anthropic.claude-3-5-haiku-20241022-v1:0', {
		input: 0.8,
		output: 4,
		cacheRead: 0.08,
		cacheWrite: 1,
	}),
	...perMillionTokens(GENAI_PRICES, 'anthropic.claude-3-5-sonnet-20240620-v1:0', {
		input: 3,
		output: 15,
		cacheRead: 0.3,
		cacheWrite: 3.75,
	}),
	...perMillionTokens(GENAI_PRICES, 'anthropic.claude-3-5-sonnet-20241022-v2:0', {
		input: 3,
		output: 15,
		cacheRead: 0.3,
		cacheWrite: 3.75,
	}),
	...perMillionTokens(GENAI_PRICES, 'anthropic.claude-3-7-sonnet-20250219-v1:0', {
		input: 3,
		output: 15,
		cacheRead: 0.3,
		cacheWrite: 3.75,
	}),
	...perMillionTokens(GENAI_PRICES, 'anthropic.claude-3-haiku-20240307-v1:0', {
		input: 0.25,
		output: 1.25,
	}),
	...perMillionTokens(GENAI_PRICES, 'anthropic.claude-3-opus-20240229-v1:0', {
		input: 15,
		output: 75,
	}),
	...perMillionTokens(GENAI_PRICES, 'anthropic.claude-3-sonnet-20240229-v1:0', {
		input: 3,
		output: 15,
		cacheRead: 0.3,
		cacheWrite: 3.75,
	}),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-fable-5-1-v1:0',
		{ input: 11, output: 55, cacheRead: 0.275, cacheWrite: 13.75 },
		{ profile: 'regional' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-fable-5-v1:0',
		{ input: 11, output: 55, cacheRead: 1.1, cacheWrite: 13.75 },
		{ profile: 'regional' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-haiku-4-5-20251001-v1:0',
		{ input: 1.1, output: 5.5, cacheRead: 0.11, cacheWrite: 1.375 },
		{ profile: 'regional' },
	),
	...perMillionTokens(GENAI_PRICES, 'anthropic.claude-opus-4-1-20250805-v1:0', {
		input: 15,
		output: 75,
		cacheRead: 1.5,
		cacheWrite: 18.75,
	}),
	...perMillionTokens(GENAI_PRICES, 'anthropic.claude-opus-4-20250514-v1:0', {
		input: 15,
		output: 75,
		cacheRead: 1.5,
		cacheWrite: 18.75,
	}),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-opus-4-5-v1:0',
		{ input: 5.5, output: 27.5, cacheRead: 0.55, cacheWrite: 6.875 },
		{ profile: 'regional' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-opus-4-6-v1:0',
		{ input: 5.5, output: 27.5, cacheRead: 0.55, cacheWrite: 6.875 },
		{ profile: 'regional' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-opus-4-7-v1:0',
		{ input: 5.5, output: 27.5, cacheRead: 0.55, cacheWrite: 6.875 },
		{ profile: 'regional' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-opus-4-8-v1:0',
		{ input: 5.5, output: 27.5, cacheRead: 0.55, cacheWrite: 6.875 },
		{ profile: 'regional' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-opus-5',
		{ input: 5.5, output: 27.5, cacheRead: 0.55, cacheWrite: 6.875 },
		{ profile: 'regional' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-opus-5-5',
		{ input: 4.4, output: 22, cacheRead: 0.22, cacheWrite: 5.5 },
		{ profile: 'regional' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-sonnet-4-20250514-v1:0',
		{ input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
		{ profile: 'regional' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-sonnet-4-5-20250929-v1:0',
		{ input: 3.3, output: 16.5, cacheRead: 0.33, cacheWrite: 4.125 },
		{ profile: 'regional' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-sonnet-4-6-v1:0',
		{ input: 3.3, output: 16.5, cacheRead: 0.33, cacheWrite: 4.125 },
		{ profile: 'regional' },
	),
	...perMillionTokens(
		GENAI_PRICES,
		'anthropic.claude-sonnet-5-v1:0',
		{ input: 2.2, output: 11, cacheRead: 0.22, cacheWrite: 2.75 },
		{ profile: 'regional' },
	),
	...perMillionTokens(AWS_PAGE_2025, 'amazon.titan-text-premier-v1:0', { input: 0.5, output: 1.5 }),
	...perMillionTokens(LITELLM_SNAPSHOT, 'meta.llama3-1-405b-instruct-v1:0', {
		input: 5.32,
		output: 16,
	}),
	...perMillionTokens(LITELLM_SNAPSHOT, 'mistral.mistral-large-2407-v1:0', { input: 3, output: 9 }),
	...perMillionTokens(LITELLM_SNAPSHOT, 'deepseek.v3-v1:0', { input: 0.58, output: 1.68 }),
	...perMillionTokens(LITELLM_SNAPSHOT, 'cohere.command-r-v1:0', { input: 0.5, output: 1.5 }),
	...perMillionTokens(LITELLM_SNAPSHOT, 'cohere.command-r-plus-v1:0', { input: 3, output: 15 }),
	...perMillionTokens(LITELLM_SNAPSHOT, 'cohere.command-text-v14', { input: 1.5, output: 2 }),
	...perMillionTokens(LITELLM_SNAPSHOT, 'cohere.command-light-text-v14', {
		input: 0.3,
		output: 0.6,
	}),
	...perMillionTokens(LITELLM_SNAPSHOT, 'ai21.jamba-1-5-large-v1:0', { input: 2, output: 8 }),
	...perMillionTokens(LITELLM_SNAPSHOT, 'ai21.jamba-1-5-mini-v1:0', { input: 0.2, output: 0.4 }),
	...perMillionTokens(LITELLM_SNAPSHOT, 'ai21.jamba-instruct-v1:0', { input: 0.5, output: 0.7 }),
	...perMillionTokens(LITELLM_SNAPSHOT, 'qwen.qwen3-235b-a22b-2507-v1:0', {
		input: 0.22,
		output: 0.88,
	}),
	...perMillionTokens(LITELLM_SNAPSHOT, 'anthropic.claude-v2:1', { input: 8, output: 24 }),
	...perMillionTokens(LITELLM_SNAPSHOT, 'anthropic.claude-instant-v1', { input: 0.8, output: 2.4 }),
];
