/**
 * What a text call costs: after the answer, its tokens at the price table's rows
 * (`tokensCost`); before it (Dry Run), an upper bound from the request's size and its output
 * limit. A budget on Bedrock Text is held by the answers' tokens, not by this bound
 * (`runGuarded` with `budgetBy: 'usage'`).
 */
import { tokensCost, type CostEstimate } from '../shared/cost';

/**
 * Characters per token for the bound: the common rule of thumb for English text. Other
 * languages and code take more tokens per character, so the bound is a rough one and Dry Run
 * says so (`estimateBasis`).
 */
const CHARACTERS_PER_TOKEN = 4;

export interface TextRequestSize {
	/** The text the request sends (prompt, conversation, system prompt or native body). */
	characters: number;
	/** Files attached (images, documents): not counted. */
	attachments: number;
	/** The most output tokens the request allows, and what says so. */
	maxOutput?: { tokens: number; from: string };
}

/** Characters of every `text` string in a request (Converse messages and system blocks). */
export function textCharacters(value: unknown): number {
	if (Array.isArray(value))
		return value.reduce((sum: number, member) => sum + textCharacters(member), 0);
	if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return 0;
	return Object.entries(value).reduce(
		(sum: number, [key, member]) =>
			sum + (key === 'text' && typeof member === 'string' ? member.length : textCharacters(member)),
		0,
	);
}

/** The estimate before the answer: input at about four characters a token, output at its limit. */
export function costBeforeAnswer(
	foundationModelId: string | undefined,
	invokedId: string,
	size: TextRequestSize,
): CostEstimate {
	const inputTokens = Math.ceil(size.characters / CHARACTERS_PER_TOKEN);
	const attachments = size.attachments > 0 ? `; ${size.attachments} attachment(s) not counted` : '';
	if (!size.maxOutput) {
		const priced = tokensCost(foundationModelId, invokedId, {
			inputTokens,
			outputTokens: 0,
			cacheReadInputTokens: 0,
			cacheWriteInputTokens: 0,
		});
		if (priced.noPrice) return priced;
		return {
			usd: null,
			priceSource: `No output limit is set, so no upper bound (set Maximum Tokens); prices: ${priced.priceSource}`,
			basis: `About ${inputTokens} input tokens (${CHARACTERS_PER_TOKEN} characters a token${attachments}); the output has no known limit`,
		};
	}
	const cost = tokensCost(foundationModelId, invokedId, {
		inputTokens,
		outputTokens: size.maxOutput.tokens,
		cacheReadInputTokens: 0,
		cacheWriteInputTokens: 0,
	});
	return {
		...cost,
		basis: `Upper bound before the answer: about ${inputTokens} input tokens (${CHARACTERS_PER_TOKEN} characters a token${attachments}) and at most ${size.maxOutput.tokens} output tokens (${size.maxOutput.from}). A budget counts the answers' actual tokens.`,
	};
}
