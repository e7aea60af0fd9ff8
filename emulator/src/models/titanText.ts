/**
 * Amazon Titan Text (Express, Lite, Premier) native InvokeModel bodies (bedrock-api.md B.1;
 * AWS doc `model-parameters-titan-text.html`; the seed 001 notebook).
 *
 *   {"inputText": "...", "textGenerationConfig": {"temperature", "topP", "maxTokenCount", "stopSequences"}}
 *   → {"inputTextTokenCount", "results": [{"tokenCount", "outputText", "completionReason"}]}
 *
 * Errors are Bedrock's JSON-schema messages (`../schema.ts`), e.g. "Malformed input request:
 * #: extraneous key [foo] is not permitted, please reformat your input and try again."
 */
import { malformed } from '../errors.ts';
import { type ObjectSchema, validate } from '../schema.ts';
import { type Generation, answerFor, countTokens, limitText } from '../runtime/textGeneration.ts';
import type { InvokeHandler, InvokeHandlerMap } from './types.ts';

/** Maximum `maxTokenCount` per model (the AWS doc's table). */
export const TITAN_TEXT_MAX_TOKENS: Record<string, number> = {
	'amazon.titan-text-lite-v1': 4096,
	'amazon.titan-text-express-v1': 8192,
	'amazon.titan-text-premier-v1:0': 3072,
};

const DEFAULT_MAX_TOKEN_COUNT = 512;

export interface TitanTextRequest {
	inputText: string;
	maxTokenCount: number;
	stopSequences: string[];
}

export interface TitanTextCompletion {
	inputTextTokenCount: number;
	generation: Generation;
	completionReason: 'FINISHED' | 'LENGTH' | 'STOP_CRITERIA_MET';
}

function titanTextSchema(maxTokenCount: number): ObjectSchema {
	return {
		type: 'object',
		required: ['inputText'],
		properties: {
			inputText: { type: 'string', minLength: 1 },
			textGenerationConfig: {
				type: 'object',
				properties: {
					temperature: { type: 'number', minimum: 0, maximum: 1 },
					topP: { type: 'number', minimum: 0, maximum: 1 },
					maxTokenCount: { type: 'integer', minimum: 0, maximum: maxTokenCount },
					stopSequences: { type: 'array', items: { type: 'string' } },
				},
			},
		},
	};
}

/** Validates a Titan Text body; throws the ValidationException Bedrock answers. */
export function parseTitanTextRequest(body: unknown, modelId: string): TitanTextRequest {
	const violations = validate(body, titanTextSchema(TITAN_TEXT_MAX_TOKENS[modelId]));
	if (violations.length > 0) throw malformed(violations);
	const request = body as {
		inputText: string;
		textGenerationConfig?: { maxTokenCount?: number; stopSequences?: string[] };
	};
	return {
		inputText: request.inputText,
		maxTokenCount: request.textGenerationConfig?.maxTokenCount ?? DEFAULT_MAX_TOKEN_COUNT,
		stopSequences: request.textGenerationConfig?.stopSequences ?? [],
	};
}

export function completeTitanText(request: TitanTextRequest): TitanTextCompletion {
	const generation = limitText(
		answerFor(request.inputText),
		request.maxTokenCount,
		request.stopSequences,
	);
	const completionReason =
		generation.stop === 'max_tokens'
			? 'LENGTH'
			: generation.stop === 'stop_sequence'
				? 'STOP_CRITERIA_MET'
				: 'FINISHED';
	return { inputTextTokenCount: countTokens(request.inputText), generation, completionReason };
}

/** The seed's responses start the output with a newline. */
export function titanOutputText(generation: Generation): string {
	return `\n${generation.text}`;
}

const invokeTitanText: InvokeHandler = (body, ctx) => {
	const completion = completeTitanText(parseTitanTextRequest(body, ctx.modelId));
	return {
		body: {
			inputTextTokenCount: completion.inputTextTokenCount,
			results: [
				{
					tokenCount: completion.generation.tokens,
					outputText: titanOutputText(completion.generation),
					completionReason: completion.completionReason,
				},
			],
		},
		headers: {
			'x-amzn-bedrock-input-token-count': String(completion.inputTextTokenCount),
			'x-amzn-bedrock-output-token-count': String(completion.generation.tokens),
		},
	};
};

export const textInvokeHandlers: InvokeHandlerMap = Object.fromEntries(
	Object.keys(TITAN_TEXT_MAX_TOKENS).map((modelId) => [modelId, invokeTitanText]),
);
