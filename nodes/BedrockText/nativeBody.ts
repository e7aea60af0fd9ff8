/**
 * InvokeModel with a model's native body
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html):
 * - Titan Text from the node's fields: `{ inputText, textGenerationConfig: { temperature,
 *   topP, maxTokenCount, stopSequences } }`, with only the parameters that are set
 *   (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-text.html);
 * - any other model's body as JSON, returned parsed.
 */
import type { IDataObject } from 'n8n-workflow';

import type { SamplingParameters } from './textFields';
import type { TokenCounts } from './tokenUsage';

export function titanTextBody(inputText: string, sampling: SamplingParameters): IDataObject {
	const config: IDataObject = {};
	if (sampling.temperature !== undefined) config.temperature = sampling.temperature;
	if (sampling.topP !== undefined) config.topP = sampling.topP;
	if (sampling.maxTokens !== undefined) config.maxTokenCount = sampling.maxTokens;
	if (sampling.stopSequences !== undefined) config.stopSequences = sampling.stopSequences;
	return { inputText, ...(Object.keys(config).length > 0 ? { textGenerationConfig: config } : {}) };
}

interface TitanTextResponse {
	inputTextTokenCount?: number;
	results?: Array<{ tokenCount?: number; outputText?: string; completionReason?: string }>;
}

/** Text, stop reason and usage of a Titan Text answer. */
export function titanTextAnswer(body: unknown): {
	text: string;
	stopReason: string | null;
	usage: TokenCounts;
} {
	const response = (body ?? {}) as TitanTextResponse;
	const results = response.results ?? [];
	const inputTokens = response.inputTextTokenCount ?? 0;
	const outputTokens = results.reduce((sum, result) => sum + (result.tokenCount ?? 0), 0);
	return {
		text: results.map((result) => result.outputText ?? '').join(''),
		stopReason: results[0]?.completionReason ?? null,
		usage: {
			inputTokens,
			outputTokens,
			totalTokens: inputTokens + outputTokens,
			cacheReadInputTokens: 0,
			cacheWriteInputTokens: 0,
		},
	};
}

/**
 * Token usage of any InvokeModel answer from Bedrock's `x-amzn-bedrock-input-token-count` and
 * `-output-token-count` headers, when the service sent them.
 */
export function usageFromHeaders(headers: Record<string, string>): TokenCounts | undefined {
	const input = Number(headers['x-amzn-bedrock-input-token-count']);
	const output = Number(headers['x-amzn-bedrock-output-token-count']);
	if (!Number.isFinite(input) || !Number.isFinite(output)) return undefined;
	return {
		inputTokens: input,
		outputTokens: output,
		totalTokens: input + output,
		cacheReadInputTokens: 0,
		cacheWriteInputTokens: 0,
	};
}
