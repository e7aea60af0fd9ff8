/**
 * Every field of the Bedrock Text node, each declared once with the shared field layer: the
 * editor property and the checked per-item read come from the same limits, and the errors of
 * the node's other checks (reasoning, caching, attachments) name fields by these labels.
 *
 * Ranges: Converse `inferenceConfig` (maxTokens at least 1, temperature and topP 0–1) and
 * `additionalModelResponseFieldPaths` (JSON Pointers, at most 10) in the Bedrock Runtime API
 * reference, https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html;
 * Titan Text's `textGenerationConfig` has the same temperature and topP ranges, and its own
 * maxTokenCount and stopSequences (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-text.html):
 * see the Titan fields below.
 */
import {
	booleanField,
	defined,
	jsonObjectField,
	listField,
	numberField,
	optionsField,
	stringField,
	type Field,
	type ItemParams,
} from '../shared/fields';
import { modelLocator } from '../shared/modelLocator';
import { requestOptions } from '../shared/requestOptions';
import { ATTACHMENTS_FIELD } from './attachments';
import { MESSAGES_FIELD, parseConversation, type Conversation } from './messages';
import { SEARCH_TEXT_MODELS } from './methods/listSearch';

export const model = modelLocator({
	searchListMethod: SEARCH_TEXT_MODELS,
	exampleId: 'amazon.nova-lite-v1:0',
});

// Converse: what is sent ---------------------------------------------------------------------

export const inputMode = optionsField({
	name: 'inputMode',
	displayName: 'Input',
	noDataExpression: true,
	default: 'prompt',
	options: [
		{
			name: 'Prompt',
			value: 'prompt',
			description: 'One user message, with an optional system prompt',
		},
		{
			name: 'Messages From Input',
			value: 'messages',
			description:
				'A conversation built upstream: a JSON array of { role, content } messages to continue',
		},
	],
});

export const prompt = stringField({
	name: 'prompt',
	displayName: 'Prompt',
	description: 'The user message to send to the model',
	placeholder: 'e.g. Summarize this ticket in two sentences: {{ $json.body }}',
	required: true,
	rows: 4,
	emptyHint: 'Give the text to send to the model.',
});

/** The chat history: its checks (roles, order, blank texts) are those of `./messages`. */
export const messages: Field<Conversation> = {
	name: 'messages',
	displayName: MESSAGES_FIELD,
	property: {
		displayName: MESSAGES_FIELD,
		name: 'messages',
		type: 'json',
		default: '={{ $json.messages }}',
		required: true,
		description:
			'JSON array of { "role": "user" | "assistant" | "system", "content": "text" or [{ "text": "…" }] }, oldest first. System messages join the system prompt.',
	},
	read: (params) => parseConversation(params.raw('messages')),
};

export const systemPrompt = stringField({
	name: 'systemPrompt',
	displayName: 'System Prompt',
	description:
		'Instructions for the model. Some models take none (Titan Text, Mistral 7B, Mixtral): leave it empty for them.',
	placeholder: 'e.g. You are a concise support assistant. Answer in English.',
	rows: 3,
});

export const attachments = listField({
	name: 'binaryPropertyNames',
	displayName: ATTACHMENTS_FIELD,
	description:
		'Comma-separated binary properties of the item to send along: images (png, jpeg, gif, webp; up to 20, 3.75 MB, 8000 px) and documents (pdf, csv, doc, docx, xls, xlsx, html, txt, md; up to 5, 4.5 MB). Leave empty to send text only.',
	placeholder: 'e.g. data, invoice',
	input: 'separated',
	entries: 'binary properties',
});

// Options of both operations -----------------------------------------------------------------

export const maxTokens = numberField({
	name: 'maxTokens',
	displayName: 'Maximum Tokens',
	description:
		'Most tokens the model may generate (reasoning included). Checked against the model’s documented maximum where the node knows it.',
	default: 1024,
	min: 1,
	integer: true,
});

export const temperature = numberField({
	name: 'temperature',
	displayName: 'Temperature',
	description: 'Randomness of the answer, 0 to 1. Lower is more deterministic.',
	default: 0.7,
	min: 0,
	max: 1,
	precision: 2,
});

export const topP = numberField({
	name: 'topP',
	displayName: 'Top P',
	description:
		'Nucleus sampling, 0 to 1: the model picks from the most likely tokens whose probabilities add up to this value. Some models (Claude 4.5) take Temperature or Top P, not both.',
	default: 0.9,
	min: 0,
	max: 1,
	precision: 2,
});

export const stopSequences = listField({
	name: 'stopSequences',
	displayName: 'Stop Sequences',
	description:
		'Texts that end the answer when the model produces them; the stop sequence itself is not returned',
	input: 'multipleValues',
	addButton: 'Add Stop Sequence',
	entries: 'stop sequences',
});

// Titan Text (From Fields) ------------------------------------------------------------------

/**
 * Titan's maxTokenCount: default 512, from 0 up to the model's maximum (Express 8,192; Lite
 * 4,096 and Premier 3,072 are checked per model, `./knownModels`). The parameter keeps the name
 * `maxTokens`, which workflows made with the shared field store.
 */
export const titanMaxTokenCount = numberField({
	name: 'maxTokens',
	displayName: 'Maximum Tokens',
	description:
		'Titan’s maxTokenCount: most tokens the model may generate (Express up to 8,192, Lite 4,096, Premier 3,072)',
	default: 512,
	min: 0,
	max: 8192,
	integer: true,
});

/**
 * Titan Text checks every stop sequence against `^(\|+|User:)$` and takes one: "Malformed input
 * request: string [Human:] does not match pattern ^(\|+|User:)$, please reformat your input and
 * try again." and "expected maximum item count: 1, found: 5"
 * (https://github.com/boto/boto3/issues/3993).
 */
const TITAN_STOP_SEQUENCE = /^(\|+|User:)$/;

export const titanStopSequences = listField({
	name: 'stopSequences',
	displayName: 'Stop Sequences',
	description:
		'Where Titan stops: one entry, "User:" or one or more "|" characters (the only values Titan Text accepts)',
	input: 'multipleValues',
	addButton: 'Add Stop Sequence',
	entry: {
		valid: (entry) => TITAN_STOP_SEQUENCE.test(entry),
		allowed: '"User:" or one or more "|" characters (Titan Text’s pattern ^(\\|+|User:)$)',
	},
	entries: 'stop sequences',
	entryName: 'stop sequence',
	maxEntries: 1,
});

/** Titan's maximum tokens, temperature, top P and stop sequences of the Options, only those set. */
export function readTitanSampling(options: ItemParams): SamplingParameters {
	return defined({
		maxTokens: titanMaxTokenCount.read(options),
		temperature: temperature.read(options),
		topP: topP.read(options),
		stopSequences: titanStopSequences.read(options),
	});
}

export const includeRawResponse = booleanField({
	name: 'includeRawResponse',
	displayName: 'Include Raw Response',
	description: 'Whether to add Bedrock’s whole answer to the output as rawResponse',
	default: false,
});

/** Concurrency, attempts and timeout, in the Options of both operations. */
export const textRequestOptions = requestOptions();

export interface SamplingParameters {
	maxTokens?: number;
	temperature?: number;
	topP?: number;
	stopSequences?: string[];
}

/** Maximum tokens, temperature, top P and stop sequences of the Options, only those set. */
export function readSampling(options: ItemParams): SamplingParameters {
	return defined({
		maxTokens: maxTokens.read(options),
		temperature: temperature.read(options),
		topP: topP.read(options),
		stopSequences: stopSequences.read(options),
	});
}

// Converse options ---------------------------------------------------------------------------

export const additionalModelRequestFields = jsonObjectField({
	name: 'additionalModelRequestFields',
	displayName: 'Additional Model Request Fields',
	description:
		'The model’s own request fields, passed through, e.g. {"top_k": 50} for Claude or {"inferenceConfig": {"topK": 20}} for Nova',
	example: '{"top_k": 50}',
});

export const promptCaching = optionsField({
	name: 'promptCaching',
	displayName: 'Prompt Caching',
	description:
		'Where to put a cache point, so that repeated calls read that prefix from the cache at a lower price (Claude 3.5 Haiku, 3.7 Sonnet and 4.x, Nova). Prefixes shorter than the model’s minimum (about 1,000 tokens) are not cached.',
	default: 'system',
	options: [
		{ name: 'After the System Prompt', value: 'system' },
		{ name: 'After the Conversation', value: 'messages' },
		{ name: 'After Both', value: 'systemAndMessages' },
	],
});

export const cacheTtl = optionsField({
	name: 'cacheTtl',
	displayName: 'Cache TTL',
	description:
		'How long a prompt-cache entry lives after its last use. One hour is offered by Claude Sonnet 4.5, Haiku 4.5 and Opus 4.5.',
	default: '5m',
	options: [
		{ name: '5 Minutes', value: '5m' },
		{ name: '1 Hour', value: '1h' },
	],
});

/**
 * Claude's smallest thinking budget
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html).
 */
export const MIN_REASONING_BUDGET = 1024;

export const reasoningBudget = numberField({
	name: 'reasoningBudgetTokens',
	displayName: 'Reasoning Budget (Tokens)',
	description:
		'Turns on extended thinking for Claude 3.7 Sonnet and Claude 4.x with this many tokens to think (at least 1,024, below Maximum Tokens; without Maximum Tokens the node allows 4,096 more for the answer). The reasoning is returned in its own field.',
	default: 4096,
	min: MIN_REASONING_BUDGET,
	integer: true,
});

export type ReasoningEffort = 'low' | 'medium' | 'high';

export const reasoningEffort = optionsField<ReasoningEffort>({
	name: 'reasoningEffort',
	displayName: 'Reasoning Effort',
	description:
		'Turns on reasoning for Nova 2 and gpt-oss at this effort (Claude: a budget of 1,024, 4,096 or 16,384 tokens). DeepSeek-R1 always reasons. The reasoning is returned in its own field.',
	default: 'medium',
	options: [
		{ name: 'Low', value: 'low' },
		{ name: 'Medium', value: 'medium' },
		{ name: 'High', value: 'high' },
	],
});

export interface ReasoningRequest {
	budgetTokens?: number;
	effort?: ReasoningEffort;
}

/** Reasoning is on when a budget or an effort is set. */
export function readReasoning(options: ItemParams): ReasoningRequest | undefined {
	const request = defined({
		budgetTokens: reasoningBudget.read(options),
		effort: reasoningEffort.read(options),
	});
	return Object.keys(request).length > 0 ? request : undefined;
}

/** Converse's limit on `additionalModelResponseFieldPaths`. */
const MAX_RESPONSE_FIELD_PATHS = 10;

export const responseFieldPaths = listField({
	name: 'responseFieldPaths',
	displayName: 'Response Field Paths',
	description:
		'Comma-separated JSON Pointers of model-specific answer fields to return in additionalModelResponseFields',
	placeholder: 'e.g. /stop_sequence',
	input: 'separated',
	entry: {
		valid: (path) => path.startsWith('/') && path.length <= 256,
		allowed: 'JSON Pointers of up to 256 characters starting with "/", such as /stop_sequence',
	},
	entries: 'paths',
	maxEntries: MAX_RESPONSE_FIELD_PATHS,
});

// Invoke With Native Body --------------------------------------------------------------------

export type BodyType = 'titanText' | 'json';

const BODY_TYPES = {
	json: {
		name: 'JSON (Any Model)',
		value: 'json',
		description: 'The model’s native request body as JSON; the answer is returned parsed',
	},
	titanText: {
		name: 'Titan Text (From Fields)',
		value: 'titanText',
		description:
			'Amazon Titan Text’s body (a retired family, for accounts that still have it): inputText and textGenerationConfig from the fields below',
	},
} as const;

/**
 * The Body choice. Version 1 of the node chose Titan Text by default; Titan Text has reached its
 * end of life (https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html), so
 * version 1.1 chooses JSON. n8n does not store a parameter left at its default, so version 1
 * nodes keep theirs: each version declares its own field, shown by `@version`.
 */
export const bodyType = {
	/** Node version 1: Titan Text by default. */
	v1: optionsField<BodyType>({
		name: 'bodyType',
		displayName: 'Body',
		noDataExpression: true,
		default: 'titanText',
		options: [BODY_TYPES.titanText, BODY_TYPES.json],
	}),
	/** Node version 1.1 and later: JSON by default. */
	current: optionsField<BodyType>({
		name: 'bodyType',
		displayName: 'Body',
		noDataExpression: true,
		default: 'json',
		options: [BODY_TYPES.json, BODY_TYPES.titanText],
	}),
	/** The item's choice, or the default of the node's version. */
	read(params: ItemParams): BodyType {
		const defaults: BodyType = params.context.getNode().typeVersion >= 1.1 ? 'json' : 'titanText';
		return this.current.read(params) ?? defaults;
	},
};

export const inputText = stringField({
	name: 'inputText',
	displayName: 'Prompt',
	description: 'Titan’s inputText',
	placeholder: 'e.g. Write a poem about sky',
	required: true,
	rows: 4,
	emptyHint: 'Give Titan’s inputText.',
});

export const body = jsonObjectField({
	name: 'body',
	displayName: 'Body (JSON)',
	description:
		'The request body in the model’s own format (see the model’s page under “Inference request parameters” in the Bedrock user guide)',
	example: '{"inputText": "Hello"}',
	required: true,
	emptyHint: 'Give the model’s request body.',
});
