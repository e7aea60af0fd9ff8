/** What every image family shares: the content-filter triggers, seeds and body access. */
import { randomInt } from 'node:crypto';
import { malformed } from '../../errors.ts';
import { jsonTypeName } from '../../schema.ts';

/**
 * Documented triggers (docs/emulator.md, "Image models"): a prompt containing
 * `BEDROCK_FILTER_OUTPUT` makes the model filter its output image, any other prompt
 * containing `BEDROCK_FILTER` makes it filter the prompt. Both case-insensitive.
 */
export const INPUT_FILTER_TRIGGER = 'BEDROCK_FILTER';
export const OUTPUT_FILTER_TRIGGER = 'BEDROCK_FILTER_OUTPUT';

export type FilterVerdict = 'input' | 'output' | undefined;

export function contentFilterVerdict(texts: readonly unknown[]): FilterVerdict {
	const upper = texts.filter((t): t is string => typeof t === 'string').map((t) => t.toUpperCase());
	if (upper.some((t) => t.includes(OUTPUT_FILTER_TRIGGER))) return 'output';
	if (upper.some((t) => t.includes(INPUT_FILTER_TRIGGER))) return 'input';
	return undefined;
}

/** A seed for "0 or omitted means random": uniformly in 1..max so it is never mistaken for "random" again. */
export function randomSeed(max: number): number {
	return randomInt(1, Math.min(max, 2 ** 48 - 1) + 1);
}

/** The body as an object; the server only guarantees it is JSON. */
export function asObject(body: unknown): Record<string, unknown> {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw malformed(`#: expected type: JSONObject, found: ${jsonTypeName(body)}`);
	}
	return body as Record<string, unknown>;
}
