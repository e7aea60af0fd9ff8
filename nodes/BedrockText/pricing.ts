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

/** https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json */
const LITELLM: PriceSource = {
	name: "LiteLLM's model_prices_and_context_window.json (Bedrock entries)",
	asOf: '2026-08-01',
};
/**
 * AWS's published Titan Text prices (https://aws.amazon.com/bedrock/pricing/); LiteLLM lists
 * Express several times higher.
 */
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
	 * `jp.`…) than in-region or through `global.` (LiteLLM lists both;
	 * https://aws.amazon.com/bedrock/pricing/, "cross-Region inference").
	 */
	geographicPremium?: boolean;
}

/**
 * Nova reads the cache at a 75% discount and writes it at the input price
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html).
 */
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

function litellm(prefix: string, prices: TokenPrices, premium?: typeof GEOGRAPHIC): PriceEntry {
	return { prefix, prices, source: LITELLM, ...premium };
}

function aws(prefix: string, prices: TokenPrices): PriceEntry {
	return { prefix, prices, source: AWS_TITAN };
}

const GEOGRAPHIC = { geographicPremium: true } as const;

/** First matching prefix wins: more specific prefixes come first. */
const PRICES: PriceEntry[] = [
	aws('amazon.titan-text-lite-v1', flat(0.15, 0.2)),
	aws('amazon.titan-text-express-v1', flat(0.2, 0.6)),
	aws('amazon.titan-text-premier-v1', flat(0.5, 1.5)),
	litellm('amazon.nova-micro-v1', nova(0.035, 0.14)),
	litellm('amazon.nova-lite-v1', nova(0.06, 0.24)),
	litellm('amazon.nova-pro-v1', nova(0.8, 3.2)),
	litellm('amazon.nova-premier-v1', nova(2.5, 12.5)),
	litellm('amazon.nova-2-lite-v1', nova(0.3, 2.5), GEOGRAPHIC),
	litellm('anthropic.claude-3-haiku', claude(0.25, 1.25)),
	litellm('anthropic.claude-3-sonnet', claude(3, 15)),
	litellm('anthropic.claude-3-opus', claude(15, 75)),
	litellm('anthropic.claude-3-5-haiku', claude(0.8, 4)),
	litellm('anthropic.claude-3-5-sonnet', claude(3, 15)),
	litellm('anthropic.claude-3-7-sonnet', claude(3, 15)),
	litellm('anthropic.claude-sonnet-4-20250514', claude(3, 15)),
	litellm('anthropic.claude-sonnet-4-5', claude(3, 15), GEOGRAPHIC),
	litellm('anthropic.claude-sonnet-4-6', claude(3, 15), GEOGRAPHIC),
	litellm('anthropic.claude-haiku-4-5', claude(1, 5), GEOGRAPHIC),
	litellm('anthropic.claude-opus-4-20250514', claude(15, 75)),
	litellm('anthropic.claude-opus-4-1', claude(15, 75)),
	litellm('anthropic.claude-opus-4-5', claude(5, 25), GEOGRAPHIC),
	litellm('anthropic.claude-v2', flat(8, 24)),
	litellm('anthropic.claude-instant-v1', flat(0.8, 2.4)),
	litellm('meta.llama3-8b-instruct', flat(0.3, 0.6)),
	litellm('meta.llama3-70b-instruct', flat(2.65, 3.5)),
	litellm('meta.llama3-1-8b-instruct', flat(0.22, 0.22)),
	litellm('meta.llama3-1-70b-instruct', flat(0.99, 0.99)),
	litellm('meta.llama3-1-405b-instruct', flat(5.32, 16)),
	litellm('meta.llama3-2-1b-instruct', flat(0.1, 0.1)),
	litellm('meta.llama3-2-3b-instruct', flat(0.15, 0.15)),
	litellm('meta.llama3-2-11b-instruct', flat(0.35, 0.35)),
	litellm('meta.llama3-2-90b-instruct', flat(2, 2)),
	litellm('meta.llama3-3-70b-instruct', flat(0.72, 0.72)),
	litellm('meta.llama4-scout-17b-instruct', flat(0.17, 0.66)),
	litellm('meta.llama4-maverick-17b-instruct', flat(0.24, 0.97)),
	litellm('mistral.mistral-7b-instruct', flat(0.15, 0.2)),
	litellm('mistral.mixtral-8x7b-instruct', flat(0.45, 0.7)),
	litellm('mistral.mistral-small-2402', flat(1, 3)),
	litellm('mistral.mistral-large-2402', flat(8, 24)),
	litellm('mistral.mistral-large-2407', flat(3, 9)),
	litellm('mistral.pixtral-large-2502', flat(2, 6)),
	litellm('deepseek.r1', flat(1.35, 5.4)),
	litellm('deepseek.v3-v1', flat(0.58, 1.68)),
	litellm('cohere.command-text-v14', flat(1.5, 2)),
	litellm('cohere.command-light-text-v14', flat(0.3, 0.6)),
	litellm('cohere.command-r-plus', flat(3, 15)),
	litellm('cohere.command-r-v1', flat(0.5, 1.5)),
	litellm('ai21.jamba-1-5-large', flat(2, 8)),
	litellm('ai21.jamba-1-5-mini', flat(0.2, 0.4)),
	litellm('ai21.jamba-instruct', flat(0.5, 0.7)),
	litellm('openai.gpt-oss-120b', flat(0.15, 0.6)),
	litellm('openai.gpt-oss-20b', flat(0.07, 0.3)),
	litellm('qwen.qwen3-32b', flat(0.15, 0.6)),
	litellm('qwen.qwen3-235b-a22b', flat(0.22, 0.88)),
	litellm('qwen.qwen3-coder-30b-a3b', flat(0.15, 0.6)),
	litellm('qwen.qwen3-coder-480b-a35b', flat(0.22, 1.8)),
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
