/**
 * The price table: one row per model, price dimension and tier, each with the public source of
 * its figure and the date it was read (`./prices.ts`), plus the rows of an administrator's
 * override file (`./overrides.ts`), which replace the table's rows of the same model and
 * dimension. Everything that estimates a cost reads its numbers here; the nodes only say which
 * facts of a request the tier depends on (its size, steps, quality, resolution, profile).
 */

/** What a price is per: one image, one second of video, or a number of tokens of one kind. */
export const PRICE_DIMENSIONS = [
	'image',
	'second',
	'inputTokens',
	'outputTokens',
	'cacheReadTokens',
	'cacheWriteTokens',
] as const;

export type PriceDimension = (typeof PRICE_DIMENSIONS)[number];

/**
 * The tier keys a row may carry, and what they compare:
 * - `size`: `<=WxH` or `>WxH`, the image's pixel count against W×H;
 * - `steps`: `<=N` or `>N`, the request's sampling steps;
 * - `quality`, `resolution`: the request's value, exactly (`premium`, `720p`);
 * - `profile`: `global` for a `global.` inference profile, `regional` for any other ID (in-region
 *   or a geographic profile such as `us.`), where AWS prices the two differently.
 */
export const TIER_KEYS = ['size', 'steps', 'quality', 'resolution', 'profile'] as const;

export type TierKey = (typeof TIER_KEYS)[number];

export type PriceTier = Partial<Record<TierKey, string>>;

export interface PriceRow {
	/** A foundation model ID; it also prices longer IDs it starts (`…-v1` prices `…-v1:0`). */
	modelId: string;
	dimension: PriceDimension;
	/** The request facts this price applies to; empty: every request. */
	tier: PriceTier;
	/** USD per `per` units. */
	usd: number;
	/** Units the price is for: 1 (image, second) or 1,000,000 (tokens) by default. */
	per: number;
	/** Where the figure comes from: a public URL. */
	source: string;
	/** When the figure was read or published (ISO date). */
	date: string;
	/** How sure the figure is and why (the evidence). */
	notes?: string;
}

/** The facts of one request that decide its tier; the node sets the ones it knows. */
export interface PriceFacts {
	width?: number;
	height?: number;
	steps?: number;
	quality?: string;
	resolution?: string;
	profile?: 'global' | 'regional';
}

/** Units per price by dimension, when a row does not say. */
export function defaultPer(dimension: PriceDimension): number {
	return dimension === 'image' || dimension === 'second' ? 1 : 1_000_000;
}

const COMPARISON = /^(<=|>)\s*(\d+)$/;
const SIZE_COMPARISON = /^(<=|>)\s*(\d+)\s*x\s*(\d+)$/;

/** Why a tier value is malformed, or undefined when it is fine. */
export function tierProblem(key: string, value: unknown): string | undefined {
	if (!(TIER_KEYS as readonly string[]).includes(key)) {
		return `tier key "${key}" is not one of ${TIER_KEYS.join(', ')}`;
	}
	if (typeof value !== 'string' || value.trim() === '') {
		return `tier.${key} must be a non-empty string`;
	}
	if (key === 'size' && !SIZE_COMPARISON.test(value)) {
		return `tier.size must look like "<=1024x1024" or ">512x512" (got "${value}")`;
	}
	if (key === 'steps' && !COMPARISON.test(value)) {
		return `tier.steps must look like "<=50" or ">50" (got "${value}")`;
	}
	if (key === 'profile' && value !== 'global' && value !== 'regional') {
		return `tier.profile must be "global" or "regional" (got "${value}")`;
	}
	return undefined;
}

function compare(operator: string, actual: number, bound: number): boolean {
	return operator === '<=' ? actual <= bound : actual > bound;
}

/** Whether a request with these facts is in the tier; a fact the tier needs but lacks: no. */
export function inTier(tier: PriceTier, facts: PriceFacts): boolean {
	return Object.entries(tier).every(([key, value]) => {
		if (value === undefined) return true;
		if (key === 'size') {
			const match = SIZE_COMPARISON.exec(value);
			if (!match || !facts.width || !facts.height) return false;
			return compare(match[1], facts.width * facts.height, Number(match[2]) * Number(match[3]));
		}
		if (key === 'steps') {
			const match = COMPARISON.exec(value);
			if (!match || facts.steps === undefined) return false;
			return compare(match[1], facts.steps, Number(match[2]));
		}
		return facts[key as 'quality' | 'resolution' | 'profile'] === value;
	});
}

/** Whether a row's model ID prices `modelId`: the same ID, or a prefix up to a `-` or `:`. */
export function pricesModel(rowModelId: string, modelId: string): boolean {
	if (modelId === rowModelId) return true;
	return modelId.startsWith(rowModelId) && /[-:]/.test(modelId.charAt(rowModelId.length));
}

/**
 * The rows that price a model in one dimension: those of the longest row model ID that
 * prices it (`anthropic.claude-opus-5-5` before `anthropic.claude-opus-5`), in table order.
 */
export function rowsFor<T extends PriceRow>(
	rows: readonly T[],
	modelId: string,
	dimension: PriceDimension,
): T[] {
	let best: string | undefined;
	for (const row of rows) {
		if (row.dimension !== dimension || !pricesModel(row.modelId, modelId)) continue;
		if (best === undefined || row.modelId.length > best.length) best = row.modelId;
	}
	return best === undefined
		? []
		: rows.filter((row) => row.dimension === dimension && row.modelId === best);
}

/** The first of the rows whose tier the facts are in (narrower tiers come first). */
export function rowInTier<T extends PriceRow>(
	rows: readonly T[],
	facts: PriceFacts,
): T | undefined {
	return rows.find((row) => inTier(row.tier, facts));
}

/** `width 1024, height 1024, quality premium`: the facts of a request for messages. */
export function describeFacts(facts: PriceFacts): string {
	const parts = Object.entries(facts)
		.filter(([, value]) => value !== undefined)
		.map(([key, value]) => `${key} ${String(value)}`);
	return parts.length > 0 ? parts.join(', ') : 'no tier facts';
}
