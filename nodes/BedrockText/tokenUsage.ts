/**
 * Token counts of one call, and their report to n8n's execution metadata.
 *
 * n8n-workflow 2.41 added `accumulateTokenUsage` (packages/workflow/src/metadata-utils.ts),
 * which adds a node's tokens to the run's metadata (n8n shows them with the execution). The
 * pack's peer dependency is `n8n-workflow: *`, so on older n8n the function is missing and
 * usage only appears in the output items.
 */
import * as workflow from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

export interface TokenCounts {
	/** Input tokens that neither read nor wrote the prompt cache. */
	inputTokens: number;
	outputTokens: number;
	/** All input and output tokens, cache reads and writes included. */
	totalTokens: number;
	cacheReadInputTokens: number;
	cacheWriteInputTokens: number;
}

type Accumulate = (context: IExecuteFunctions, inputTokens: number, outputTokens: number) => void;

/** Adds the call's tokens to the execution's metadata where n8n supports it. */
export function reportTokenUsage(context: IExecuteFunctions, usage: TokenCounts): void {
	const accumulate = (workflow as { accumulateTokenUsage?: Accumulate }).accumulateTokenUsage;
	if (typeof accumulate !== 'function') return;
	// Cached input is input too: n8n's metadata has no separate cache counts.
	const input = usage.inputTokens + usage.cacheReadInputTokens + usage.cacheWriteInputTokens;
	accumulate(context, input, usage.outputTokens);
}
