/**
 * Estimated costs from the price table: of images, seconds of video and tokens, each with the
 * row it was priced by (`priceSource`). An estimate of list prices, not a bill: batch,
 * provisioned throughput, service tiers and discounts are not modelled, and a model without a
 * row gets `null` with the reason.
 */
import { parseBedrockArn } from '../aws/regions';
import { overrideRows, type OverrideRow } from './overrides';
import { PRICE_ROWS } from './prices';
import {
	describeFacts,
	rowInTier,
	rowsFor,
	type PriceDimension,
	type PriceFacts,
	type PriceRow,
} from './priceTable';

export interface CostEstimate {
	/** USD, six significant digits; null when no price is known. */
	usd: number | null;
	/** The price row(s) used, or why there is no estimate. */
	priceSource: string;
	/** What the estimate assumes when it is not the price of a finished call (Text before its answer). */
	basis?: string;
	/** Set when the price table has no price for the model or request: no budget can be held. */
	noPrice?: true;
}

/** Token counts of one call, the kinds priced apart. */
export interface TokenUsage {
	/** Input tokens that neither read nor wrote the prompt cache. */
	inputTokens: number;
	outputTokens: number;
	cacheReadInputTokens: number;
	cacheWriteInputTokens: number;
}

/** A row and the words `priceSource` gives it. */
interface Priced {
	row: PriceRow;
	origin: string;
}

function origin(row: PriceRow | OverrideRow): string {
	if ('file' in row) {
		const cited = [row.source, row.date && `(${row.date})`].filter(Boolean).join(' ');
		return `price override file ${row.file}, row ${row.position}${cited ? `: ${cited}` : ''}`;
	}
	return `${row.source} (${row.date})`;
}

/**
 * The row pricing `modelId` in `dimension` for these facts: the override file's rows for the
 * model and dimension when it has any (they replace the table's), else the table's.
 */
export function findPrice(
	modelId: string,
	dimension: PriceDimension,
	facts: PriceFacts,
): { priced?: Priced; candidates: number } {
	const overrides = rowsFor(overrideRows(), modelId, dimension);
	const rows: readonly PriceRow[] =
		overrides.length > 0 ? overrides : rowsFor(PRICE_ROWS, modelId, dimension);
	const row = rowInTier(rows, facts);
	return { candidates: rows.length, ...(row ? { priced: { row, origin: origin(row) } } : {}) };
}

/**
 * `global` for a `global.` inference profile (ID or ARN), else `regional`: Bedrock prices some
 * models lower through global cross-Region inference than in-region or through a geographic
 * profile (https://aws.amazon.com/bedrock/pricing/, cross-Region inference).
 */
export function profileOf(invokedId: string): 'global' | 'regional' {
	const arn = parseBedrockArn(invokedId);
	const id = arn?.resourceType === 'inference-profile' ? arn.resourceId : invokedId;
	return id.startsWith('global.') ? 'global' : 'regional';
}

const round = (usd: number) => Number(usd.toPrecision(6));

function noPrice(modelId: string | undefined, invokedId: string, reason?: string): CostEstimate {
	return {
		usd: null,
		noPrice: true,
		priceSource: modelId
			? (reason ?? `No price for ${modelId} in the price table`)
			: `The model behind ${invokedId} is unknown, so no price applies`,
	};
}

/**
 * The cost of `quantity` units (images, seconds) of one model. `modelId` is the foundation
 * model (undefined when unknown, e.g. an unresolved application profile); `invokedId` what is
 * called.
 */
export function unitsCost(
	modelId: string | undefined,
	invokedId: string,
	dimension: 'image' | 'second',
	quantity: number,
	facts: PriceFacts = {},
): CostEstimate {
	if (!modelId) return noPrice(modelId, invokedId);
	const { priced, candidates } = findPrice(modelId, dimension, {
		profile: profileOf(invokedId),
		...facts,
	});
	if (!priced) {
		return noPrice(
			modelId,
			invokedId,
			candidates > 0
				? `No ${dimension} price row of ${modelId} fits this request (${describeFacts(facts)})`
				: undefined,
		);
	}
	return {
		usd: round((priced.row.usd / priced.row.per) * quantity),
		priceSource: priced.origin,
	};
}

/**
 * The cost of a text call's tokens. Cache reads and writes the table does not price separately
 * are priced as input.
 */
export function tokensCost(
	modelId: string | undefined,
	invokedId: string,
	usage: TokenUsage,
): CostEstimate {
	if (!modelId) return noPrice(modelId, invokedId);
	const facts: PriceFacts = { profile: profileOf(invokedId) };
	const price = (dimension: PriceDimension) => findPrice(modelId, dimension, facts).priced;
	const input = price('inputTokens');
	const output = price('outputTokens');
	if (!input || !output) return noPrice(modelId, invokedId);
	const cacheRead = price('cacheReadTokens') ?? input;
	const cacheWrite = price('cacheWriteTokens') ?? input;
	const perUnit = (priced: Priced) => priced.row.usd / priced.row.per;
	const usd =
		usage.inputTokens * perUnit(input) +
		usage.outputTokens * perUnit(output) +
		usage.cacheReadInputTokens * perUnit(cacheRead) +
		usage.cacheWriteInputTokens * perUnit(cacheWrite);
	const origins = [
		...new Set([input, output, cacheRead, cacheWrite].map((priced) => priced.origin)),
	];
	return { usd: round(usd), priceSource: origins.join('; ') };
}

/** The sum of several estimates (an item's calls); null when any of them is unknown. */
export function sumCosts(costs: CostEstimate[]): CostEstimate {
	if (costs.length === 0) return { usd: 0, priceSource: 'No call' };
	const unknown = costs.find((cost) => cost.usd === null);
	if (unknown) return unknown;
	return {
		usd: round(costs.reduce((total, cost) => total + (cost.usd ?? 0), 0)),
		priceSource: [...new Set(costs.map((cost) => cost.priceSource))].join('; '),
		...(costs[0].basis ? { basis: costs[0].basis } : {}),
	};
}
