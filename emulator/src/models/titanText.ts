/**
 * Amazon Titan Text (Express, Lite, Premier, and the older Titan Text Large) native InvokeModel
 * bodies (AWS doc `model-parameters-titan-text.html`):
 *
 *   {"inputText": "...", "textGenerationConfig": {"temperature", "topP", "maxTokenCount", "stopSequences"}}
 *   → {"inputTextTokenCount", "results": [{"tokenCount", "outputText", "completionReason"}]}
 *
 * Errors are Bedrock's JSON-schema messages (`../schema.ts`). Real answers show that Titan
 * validates `textGenerationConfig` as a document of its own: a string `stopSequences` is
 * reported at `#/stopSequences`, not `#/textGenerationConfig/stopSequences`
 * (langgenius/dify#3326). Its stop sequences are checked by a rule the documentation does not
 * state: at most one, matching `^(\|+|User:)$`, reported without a JSON pointer
 * (boto/boto3#3993: "Malformed input request: string [Human:] does not match pattern
 * ^(\|+|User:)$, …" and "expected maximum item count: 1, found: 5, …").
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
	// Titan Text Large (the 2023 preview ID, still listed in 2025): Express's limit is assumed.
	'amazon.titan-tg1-large': 8192,
};

/** The only stop sequences Titan Text accepts (boto/boto3#3993: only "User:" or "|" work). */
export const TITAN_STOP_SEQUENCE_PATTERN = /^(\|+|User:)$/;

/**
 * Titan's stop-sequence rule, as the detail of a "Malformed input request" (no JSON pointer),
 * or undefined when the sequences pass. Applies to InvokeModel bodies and to Converse, which
 * wraps it as a model error.
 */
export function titanStopSequenceViolation(stopSequences: readonly unknown[]): string | undefined {
	if (stopSequences.length > 1)
		return `expected maximum item count: 1, found: ${stopSequences.length}`;
	const rejected = stopSequences.find(
		(sequence) => typeof sequence === 'string' && !TITAN_STOP_SEQUENCE_PATTERN.test(sequence),
	);
	return rejected === undefined
		? undefined
		: `string [${String(rejected)}] does not match pattern ${TITAN_STOP_SEQUENCE_PATTERN.source}`;
}

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

/** The body; `textGenerationConfig` is checked against its own schema below. */
const BODY_SCHEMA: ObjectSchema = {
	type: 'object',
	required: ['inputText'],
	properties: {
		inputText: { type: 'string', minLength: 1 },
		textGenerationConfig: { type: 'object', properties: {}, additionalProperties: true },
	},
};

function configSchema(maxTokenCount: number): ObjectSchema {
	return {
		type: 'object',
		properties: {
			temperature: { type: 'number', minimum: 0, maximum: 1 },
			topP: { type: 'number', minimum: 0, maximum: 1 },
			maxTokenCount: { type: 'integer', minimum: 0, maximum: maxTokenCount },
			stopSequences: { type: 'array', items: { type: 'string' } },
		},
	};
}

/** Validates a Titan Text body; throws the ValidationException Bedrock answers. */
export function parseTitanTextRequest(body: unknown, modelId: string): TitanTextRequest {
	const violations = validate(body, BODY_SCHEMA);
	const config = (body as { textGenerationConfig?: unknown } | null)?.textGenerationConfig;
	if (typeof config === 'object' && config !== null && !Array.isArray(config))
		violations.push(...validate(config, configSchema(TITAN_TEXT_MAX_TOKENS[modelId])));
	if (violations.length > 0) throw malformed(violations);
	const stopViolation = titanStopSequenceViolation(
		(config as { stopSequences?: unknown[] } | undefined)?.stopSequences ?? [],
	);
	if (stopViolation) throw malformed(stopViolation);
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
