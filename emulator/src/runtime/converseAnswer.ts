/**
 * Computes the emulated model's answer to a validated Converse request: output blocks,
 * stop reason, token usage (including prompt-cache reads and writes) and guardrail trace.
 * Converse serializes it as one JSON body; ConverseStream as events.
 */
import { createHash } from 'node:crypto';

import type { RegionalModel } from '../catalog.ts';
import type { ChatModelSpec } from './chatModels.ts';
import type { ContentStats, ThinkingConfig } from './converseModelRules.ts';
import { type ConverseRequest, type Json, isObject } from './converseRequest.ts';
import {
	GUARDRAIL_BLOCKED_MESSAGE,
	assessInput,
	checkGuardrailExists,
	withOutputAssessment,
} from './guardrail.ts';
import { type CacheCheckpoint, type PromptCache, TTL_MS } from './promptCache.ts';
import {
	answerFor,
	countTokens,
	limitText,
	reasoningFor,
	reasoningSignature,
} from './textGeneration.ts';

export type OutputBlock =
	| { kind: 'reasoning'; text: string; signature?: string }
	| { kind: 'text'; text: string }
	| { kind: 'toolUse'; toolUseId: string; name: string; input: Json }
	/** An image the model drew (models with the IMAGE output modality, runtime/imageOutput.ts). */
	| { kind: 'image'; format: 'png'; width: number; height: number; base64: string };

export interface ConverseAnswer {
	blocks: OutputBlock[];
	stopReason:
		| 'end_turn'
		| 'max_tokens'
		| 'stop_sequence'
		| 'tool_use'
		| 'guardrail_intervened'
		| 'content_filtered';
	usage: {
		inputTokens: number;
		outputTokens: number;
		totalTokens: number;
		cacheReadInputTokens?: number;
		cacheWriteInputTokens?: number;
	};
	trace?: Json;
	additionalModelResponseFields?: Json;
}

export interface AnswerContext {
	model: RegionalModel;
	spec: ChatModelSpec;
	stats: ContentStats;
	thinking?: ThinkingConfig;
	cache: PromptCache;
	now: number;
	accountId: string;
}

/** Claude counts an image as about width × height / 750 tokens (Anthropic vision docs). */
const PIXELS_PER_IMAGE_TOKEN = 750;
/** Roughly four bytes of document per token. */
const DOCUMENT_BYTES_PER_TOKEN = 4;

export function answerConverse(request: ConverseRequest, context: AnswerContext): ConverseAnswer {
	if (request.guardrail)
		checkGuardrailExists(request.guardrail, context.model.region, context.accountId);
	const guardrailOutcome = request.guardrail
		? assessInput(request.guardrail, userTexts(request))
		: undefined;
	if (guardrailOutcome?.intervened) {
		return {
			blocks: [{ kind: 'text', text: GUARDRAIL_BLOCKED_MESSAGE }],
			stopReason: 'guardrail_intervened',
			usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
			...(guardrailOutcome.trace ? { trace: { guardrail: guardrailOutcome.trace } } : {}),
		};
	}

	const { totalInputTokens, checkpoints } = measureInput(request, context);
	const cacheUsage =
		checkpoints.length > 0 && context.spec.promptCaching
			? context.cache.use(checkpoints, context.spec.promptCaching.minTokens, context.now)
			: undefined;

	const prompt = lastUserText(request);
	const maxTokens = request.maxTokens ?? context.spec.maxOutputTokens;
	const blocks: OutputBlock[] = [];
	let outputTokens = 0;
	let stopReason: ConverseAnswer['stopReason'] = 'end_turn';
	let matchedStopSequence: string | undefined;

	if (context.spec.reasoning === 'always' || context.thinking) {
		const reasoning = limitText(reasoningFor(prompt), maxTokens, []);
		blocks.push({
			kind: 'reasoning',
			text: reasoning.text,
			...(context.thinking?.signed ? { signature: reasoningSignature(reasoning.text) } : {}),
		});
		outputTokens += reasoning.tokens;
		if (reasoning.stop === 'max_tokens') stopReason = 'max_tokens';
	}

	const tool = chosenTool(request);
	if (stopReason !== 'max_tokens' && tool) {
		const input = exampleInput(tool.inputSchema, tool.text);
		blocks.push({
			kind: 'toolUse',
			toolUseId: toolUseId(tool.name, prompt),
			name: tool.name,
			input,
		});
		outputTokens += countTokens(JSON.stringify(input).replace(/[{}":,]/g, ' '));
		stopReason = 'tool_use';
	} else if (stopReason !== 'max_tokens') {
		const toolResult = lastToolResultText(request);
		const generation = limitText(
			toolResult === undefined ? answerFor(prompt) : `The tool answered: ${toolResult}`,
			maxTokens - outputTokens,
			request.stopSequences,
		);
		blocks.push({ kind: 'text', text: generation.text });
		outputTokens += generation.tokens;
		stopReason = generation.stop === 'end' ? 'end_turn' : generation.stop;
		matchedStopSequence = generation.stopSequence;
	}

	const cacheRead = cacheUsage?.cacheReadInputTokens ?? 0;
	const cacheWrite = cacheUsage?.cacheWriteInputTokens ?? 0;
	const inputTokens = totalInputTokens - cacheRead - cacheWrite;
	const outputText = blocks.map((block) => (block.kind === 'text' ? block.text : '')).join('');
	const guardrailTrace =
		guardrailOutcome && request.guardrail
			? withOutputAssessment(guardrailOutcome, request.guardrail, outputText)
			: undefined;
	return {
		blocks,
		stopReason,
		usage: {
			inputTokens,
			outputTokens,
			totalTokens: inputTokens + outputTokens + cacheRead + cacheWrite,
			...(cacheUsage ? cacheUsage : {}),
		},
		...(guardrailTrace ? { trace: { guardrail: guardrailTrace } } : {}),
		...responseFields(request, context, matchedStopSequence),
	};
}

/** Converse's `output.message.content` for the blocks. */
export function contentBlocks(blocks: OutputBlock[]): Json[] {
	return blocks.map((block) => {
		if (block.kind === 'reasoning') {
			return {
				reasoningContent: {
					reasoningText: {
						text: block.text,
						...(block.signature ? { signature: block.signature } : {}),
					},
				},
			};
		}
		if (block.kind === 'toolUse')
			return { toolUse: { toolUseId: block.toolUseId, name: block.name, input: block.input } };
		if (block.kind === 'image')
			return { image: { format: block.format, source: { bytes: block.base64 } } };
		return { text: block.text };
	});
}

/**
 * Input tokens of the whole prompt and the cache checkpoints in it. The prefix hash covers
 * the model and every block before the checkpoint, in Bedrock's order: tools, system, messages.
 */
function measureInput(
	request: ConverseRequest,
	context: AnswerContext,
): { totalInputTokens: number; checkpoints: CacheCheckpoint[] } {
	const hash = createHash('sha256').update(context.model.modelId);
	const checkpoints: CacheCheckpoint[] = [];
	let tokens = 0;
	let imageIndex = 0;
	let documentIndex = 0;
	const blocks: Json[] = [
		...request.tools,
		...request.system,
		...request.messages.flatMap((message) =>
			message.content.map((block) => ({ ...block, role: message.role })),
		),
	];
	for (const block of blocks) {
		if (isObject(block.cachePoint)) {
			const ttl = (block.cachePoint.ttl as string | undefined) ?? '5m';
			checkpoints.push({
				key: hash.copy().digest('hex'),
				prefixTokens: tokens,
				ttlMs: TTL_MS[ttl],
			});
			continue;
		}
		hash.update(JSON.stringify(block));
		if (typeof block.text === 'string') tokens += countTokens(block.text);
		else if (isObject(block.image)) {
			const image = context.stats.images[imageIndex++];
			tokens += Math.ceil((image.width * image.height) / PIXELS_PER_IMAGE_TOKEN);
		} else if (isObject(block.document)) {
			tokens += Math.ceil(
				(context.stats.documentBytes[documentIndex++] ?? 0) / DOCUMENT_BYTES_PER_TOKEN,
			);
		} else tokens += countTokens(JSON.stringify(block).replace(/[{}":,[\]]/g, ' '));
	}
	return { totalInputTokens: tokens, checkpoints };
}

function userTexts(request: ConverseRequest): string[] {
	return request.messages
		.filter((message) => message.role === 'user')
		.flatMap((message) => message.content)
		.map((block) =>
			typeof block.text === 'string'
				? block.text
				: isObject(block.guardContent) && isObject(block.guardContent.text)
					? String(block.guardContent.text.text)
					: '',
		)
		.filter((text) => text.length > 0);
}

function lastUserText(request: ConverseRequest): string {
	const last = [...request.messages].reverse().find((message) => message.role === 'user');
	return (last?.content ?? [])
		.map((block) => (typeof block.text === 'string' ? block.text : ''))
		.filter((text) => text.length > 0)
		.join(' ');
}

/** A user text that asks for a tool: "use the tool", or a tool's name. */
const TOOL_REQUEST = /\buse (?:the|a|your) tools?\b/i;

/**
 * The tool the model calls, with its input:
 * - forced by `toolChoice.tool` or `toolChoice.any`: placeholder values for the schema's
 *   required properties;
 * - with `auto` (or no choice), when the last user message is text that asks for a tool ("use
 *   the tool", or the tool's name): the named tool, else the first, its required text
 *   properties filled with the user's text. A deterministic stand-in for a model deciding to
 *   call a tool, so that agents (n8n's AI Agent) can be run end to end; otherwise `auto`
 *   answers with text, and after a `toolResult` the model answers in text.
 */
function chosenTool(
	request: ConverseRequest,
): { name: string; inputSchema: Json; text?: string } | undefined {
	const specs = request.tools.map((tool) => tool.toolSpec).filter(isObject);
	if (specs.length === 0) return undefined;
	const choice = request.toolChoice;
	let spec: Json | undefined;
	let text: string | undefined;
	if (choice && isObject(choice.tool)) {
		spec = specs.find((candidate) => candidate.name === (choice.tool as Json).name);
	} else if (choice && isObject(choice.any)) {
		spec = specs[0];
	} else if (!lastUserMessageHasToolResult(request)) {
		const prompt = lastUserText(request);
		const named = specs.find(
			(candidate) => typeof candidate.name === 'string' && prompt.includes(candidate.name),
		);
		if (named || TOOL_REQUEST.test(prompt)) {
			spec = named ?? specs[0];
			text = prompt.trim();
		}
	}
	if (!spec) return undefined;
	const schema =
		isObject(spec.inputSchema) && isObject(spec.inputSchema.json) ? spec.inputSchema.json : {};
	return { name: spec.name as string, inputSchema: schema, ...(text ? { text } : {}) };
}

function lastUserMessageHasToolResult(request: ConverseRequest): boolean {
	const last = [...request.messages].reverse().find((message) => message.role === 'user');
	return (last?.content ?? []).some((block) => isObject(block.toolResult));
}

/** The text of the last user message's tool results, for the answer that follows them. */
function lastToolResultText(request: ConverseRequest): string | undefined {
	const last = [...request.messages].reverse().find((message) => message.role === 'user');
	const texts = (last?.content ?? [])
		.filter((block) => isObject(block.toolResult))
		.flatMap((block) => {
			const content = (block.toolResult as Json).content;
			return Array.isArray(content) ? (content as Json[]) : [];
		})
		.map((part) =>
			typeof part.text === 'string'
				? part.text
				: part.json !== undefined
					? JSON.stringify(part.json)
					: '',
		)
		.filter((text) => text.length > 0);
	return texts.length > 0 ? texts.join(' ') : undefined;
}

/**
 * Fills the schema's required properties with values of the right type: text properties with
 * `text` when given, else placeholders.
 */
function exampleInput(schema: Json, text?: string): Json {
	const properties = isObject(schema.properties) ? schema.properties : {};
	const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
	const input: Json = {};
	for (const name of required) {
		const property = isObject(properties[name]) ? (properties[name] as Json) : {};
		input[name] =
			property.type === 'number' || property.type === 'integer'
				? 1
				: property.type === 'boolean'
					? true
					: property.type === 'array'
						? []
						: property.type === 'object'
							? {}
							: (text ?? 'emulated');
	}
	return input;
}

function toolUseId(name: string, prompt: string): string {
	return `tooluse_${createHash('sha256').update(`${name}:${prompt}`).digest('base64url').slice(0, 22)}`;
}

/** `additionalModelResponseFields` for the paths asked, as Claude reports them. */
function responseFields(
	request: ConverseRequest,
	context: AnswerContext,
	stopSequence: string | undefined,
): { additionalModelResponseFields?: Json } {
	if (
		!request.responseFieldPaths.includes('/stop_sequence') ||
		context.model.providerName !== 'Anthropic'
	)
		return {};
	return { additionalModelResponseFields: { stop_sequence: stopSequence ?? null } };
}
