/**
 * Estimated cost of a text call from its token usage: on-demand list prices in USD per million
 * tokens, us-east-1, for the chat models of the Bedrock catalog.
 *
 * An estimate, not a bill: other source regions can cost more (Bedrock prices cross-region
 * inference at the price of the region the call is made in), and batch, provisioned
 * throughput, service tiers and discounts are not modelled. Models without a listed price get
 * `null` and say so.
 */
import type { TokenCounts } from './tokenUsage';

export interface TokenPrices {
	/** USD per million input tokens that neither read nor wrote the cache. */
	input: number;
	/** USD per million output tokens (reasoning tokens included). */
	output: number;
	/** USD per million input tokens read from the prompt cache; default: `input`. */
	cacheRead?: number;
	/** USD per million input tokens written to the prompt cache; default: `input`. */
	cacheWrite?: number;
}

interface PriceSource {
	name: string;
	asOf: string;
}

const LITELLM: PriceSource = {
	name: "LiteLLM's model_prices_and_context_window.json (Bedrock entries)",
	asOf: '2026-08-01',
};
/** AWS's published Titan Text prices; LiteLLM lists Express several times higher (bedrock-api.md E). */
const AWS_TITAN: PriceSource = {
	name: 'AWS Bedrock pricing page, Amazon Titan Text on-demand',
	asOf: '2025-05',
};

interface PriceEntry {
	prefix: string;
	prices: TokenPrices;
	source: PriceSource;
	/**
	 * Claude 4.5 and later and Nova 2 cost 10% more through geographic profiles (`us.`, `eu.`,
	 * `jp.`…) than in-region or through `global.` (LiteLLM lists both; AWS pricing page,
	 * "cross-Region inference").
	 */
	geographicPremium?: boolean;
}

/** Nova reads the cache at a 75% discount and writes it at the input price (AWS prompt-caching guide). */
function nova(input: number, output: number): TokenPrices {
	return { input, output, cacheRead: input * 0.25, cacheWrite: input };
}

/** Claude reads the cache at 10% and writes it at 125% of the input price (5-minute TTL). */
function claude(input: number, output: number): TokenPrices {
	return { input, output, cacheRead: input * 0.1, cacheWrite: input * 1.25 };
}

function flat(input: number, output: number): TokenPrices {
	return { input, output };
}

/** First matching prefix wins: more specific prefixes come first. */
const PRICES: PriceEntry[] = [
	{ prefix: 'amazon.titan-text-lite-v1', prices: flat(0.15, 0.2), source: AWS_TITAN },
	{ prefix: 'amazon.titan-text-express-v1', prices: flat(0.2, 0.6), source: AWS_TITAN },
	{ prefix: 'amazon.titan-text-premier-v1', prices: flat(0.5, 1.5), source: AWS_TITAN },
	{ prefix: 'amazon.nova-micro-v1', prices: nova(0.035, 0.14), source: LITELLM },
	{ prefix: 'amazon.nova-lite-v1', prices: nova(0.06, 0.24), source: LITELLM },
	{ prefix: 'amazon.nova-pro-v1', prices: nova(0.8, 3.2), source: LITELLM },
	{ prefix: 'amazon.nova-premier-v1', prices: nova(2.5, 12.5), source: LITELLM },
	{
		prefix: 'amazon.nova-2-lite-v1',
		prices: nova(0.3, 2.5),
		source: LITELLM,
		geographicPremium: true,
	},
	{ prefix: 'anthropic.claude-3-haiku', prices: claude(0.25, 1.25), source: LITELLM },
	{ prefix: 'anthropic.claude-3-sonnet', prices: claude(3, 15), source: LITELLM },
	{ prefix: 'anthropic.claude-3-opus', prices: claude(15, 75), source: LITELLM },
	{ prefix: 'anthropic.claude-3-5-haiku', prices: claude(0.8, 4), source: LITELLM },
	{ prefix: 'anthropic.claude-3-5-sonnet', prices: claude(3, 15), source: LITELLM },
	{ prefix: 'anthropic.claude-3-7-sonnet', prices: claude(3, 15), source: LITELLM },
	{ prefix: 'anthropic.claude-sonnet-4-20250514', prices: claude(3, 15), source: LITELLM },
	{
		prefix: 'anthropic.claude-sonnet-4-5',
		prices: claude(3, 15),
		source: LITELLM,
		geographicPremium: true,
	},
	{
		prefix: 'anthropic.claude-sonnet-4-6',
		prices: claude(3, 15),
		source: LITELLM,
		geographicPremium: true,
	},
	{
		prefix: 'anthropic.claude-haiku-4-5',
		prices: claude(1, 5),
		source: LITELLM,
		geographicPremium: true,
	},
	{ prefix: 'anthropic.claude-opus-4-20250514', prices: claude(15, 75), source: LITELLM },
	{ prefix: 'anthropic.claude-opus-4-1', prices: claude(15, 75), source: LITELLM },
	{
		prefix: 'anthropic.claude-opus-4-5',
		prices: claude(5, 25),
		source: LITELLM,
		geographicPremium: true,
	},
	{ prefix: 'anthropic.claude-v2', prices: flat(8, 24), source: LITELLM },
	{ prefix: 'anthropic.claude-instant-v1', prices: flat(0.8, 2.4), source: LITELLM },
	{ prefix: 'meta.llama3-8b-instruct', prices: flat(0.3, 0.6), source: LITELLM },
	{ prefix: 'meta.llama3-70b-instruct', prices: flat(2.65, 3.5), source: LITELLM },
	{ prefix: 'meta.llama3-1-8b-instruct', prices: flat(0.22, 0.22), source: LITELLM },
	{ prefix: 'meta.llama3-1-70b-instruct', prices: flat(0.99, 0.99), source: LITELLM },
	{ prefix: 'meta.llama3-1-405b-instruct', prices: flat(5.32, 16), source: LITELLM },
	{ prefix: 'meta.llama3-2-1b-instruct', prices: flat(0.1, 0.1), source: LITELLM },
	{ prefix: 'meta.llama3-2-3b-instruct', prices: flat(0.15, 0.15), source: LITELLM },
	{ prefix: 'meta.llama3-2-11b-instruct', prices: flat(0.35, 0.35), source: LITELLM },
	{ prefix: 'meta.llama3-2-90b-instruct', prices: flat(2, 2), source: LITELLM },
	{ prefix: 'meta.llama3-3-70b-instruct', prices: flat(0.72, 0.72), source: LITELLM },
	{ prefix: 'meta.llama4-scout-17b-instruct', prices: flat(0.17, 0.66), source: LITELLM },
	{ prefix: 'meta.llama4-maverick-17b-instruct', prices: flat(0.24, 0.97), source: LITELLM },
	{ prefix: 'mistral.mistral-7b-instruct', prices: flat(0.15, 0.2), source: LITELLM },
	{ prefix: 'mistral.mixtral-8x7b-instruct', prices: flat(0.45, 0.7), source: LITELLM },
	{ prefix: 'mistral.mistral-small-2402', prices: flat(1, 3), source: LITELLM },
	{ prefix: 'mistral.mistral-large-2402', prices: flat(8, 24), source: LITELLM },
	{ prefix: 'mistral.mistral-large-2407', prices: flat(3, 9), source: LITELLM },
	{ prefix: 'mistral.pixtral-large-2502', prices: flat(2, 6), source: LITELLM },
	{ prefix: 'deepseek.r1', prices: flat(1.35, 5.4), source: LITELLM },
	{ prefix: 'deepseek.v3-v1', prices: flat(0.58, 1.68), source: LITELLM },
	{ prefix: 'cohere.command-text-v14', prices: flat(1.5, 2), source: LITELLM },
	{ prefix: 'cohere.command-light-text-v14', prices: flat(0.3, 0.6), source: LITELLM },
	{ prefix: 'cohere.command-r-plus', prices: flat(3, 15), source: LITELLM },
	{ prefix: 'cohere.command-r-v1', prices: flat(0.5, 1.5), source: LITELLM },
	{ prefix: 'ai21.jamba-1-5-large', prices: flat(2, 8), source: LITELLM },
	{ prefix: 'ai21.jamba-1-5-mini', prices: flat(0.2, 0.4), source: LITELLM },
	{ prefix: 'ai21.jamba-instruct', prices: flat(0.5, 0.7), source: LITELLM },
	{ prefix: 'openai.gpt-oss-120b', prices: flat(0.15, 0.6), source: LITELLM },
	{ prefix: 'openai.gpt-oss-20b', prices: flat(0.07, 0.3), source: LITELLM },
	{ prefix: 'qwen.qwen3-32b', prices: flat(0.15, 0.6), source: LITELLM },
	{ prefix: 'qwen.qwen3-235b-a22b', prices: flat(0.22, 0.88), source: LITELLM },
	{ prefix: 'qwen.qwen3-coder-30b-a3b', prices: flat(0.15, 0.6), source: LITELLM },
	{ prefix: 'qwen.qwen3-coder-480b-a35b', prices: flat(0.22, 1.8), source: LITELLM },
];

const GEOGRAPHIC_PROFILE = /^(us|eu|apac|jp|au|ca|us-gov)\./;
const GEOGRAPHIC_PREMIUM = 1.1;

export interface CostEstimate {
	/** USD (six significant digits); `null` when no price is known. */
	estimatedCostUsd: number | null;
	/** Where the prices come from, or why there is no estimate. */
	priceSource: string;
}

/**
 * The cost of one call. `foundationModelId` is the model behind the invoked ID (unknown for
 * an unresolved application profile); `invokedId` tells whether a geographic profile was used.
 */
export function estimateCost(
	foundationModelId: string | undefined,
	invokedId: string,
	usage: TokenCounts,
): CostEstimate {
	const entry = foundationModelId
		? PRICES.find((candidate) => foundationModelId.startsWith(candidate.prefix))
		: undefined;
	if (!entry) {
		return {
			estimatedCostUsd: null,
			priceSource: foundationModelId
				? `No list price for ${foundationModelId} in the node's price table`
				: `The model behind ${invokedId} is unknown, so no price applies`,
		};
	}
	const premium =
		entry.geographicPremium && GEOGRAPHIC_PROFILE.test(invokedId) ? GEOGRAPHIC_PREMIUM : 1;
	const { input, output, cacheRead = input, cacheWrite = input } = entry.prices;
	const usd =
		(premium *
			(usage.inputTokens * input +
				usage.outputTokens * output +
				usage.cacheReadInputTokens * cacheRead +
				usage.cacheWriteInputTokens * cacheWrite)) /
		1_000_000;
	return {
		estimatedCostUsd: Number(usd.toPrecision(6)),
		priceSource: `${entry.source.name}, as of ${entry.source.asOf}: us-east-1 on-demand list price of ${entry.prefix}${premium > 1 ? ' with the 10% geographic-profile premium' : ''}; other regions may differ`,
	};
}
