/**
 * The runtime operations (service `bedrock-runtime`): InvokeModel, InvokeModelWithResponseStream
 * (Titan Text), Converse and ConverseStream. Each resolves and checks the model first, then
 * parses and validates the body, then answers after the configured latency
 * (operations and errors: the `bedrock-runtime` Smithy service model,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_Operations_Amazon_Bedrock_Runtime.html;
 * order of checks: modelResolution.ts).
 */
import type { Principal } from '../auth/identities.ts';
import { AwsError, validation } from '../errors.ts';
import { eventFrame, exceptionFrame } from '../eventstream.ts';
import type { Exchange } from '../http/exchange.ts';
import { sendJson, startStream } from '../http/respond.ts';
import { type ResolvedModel, resolveModel } from '../modelResolution.ts';
import {
	completeTitanText,
	parseTitanTextRequest,
	titanOutputText,
	TITAN_TEXT_MAX_TOKENS,
} from '../models/titanText.ts';
import { invokeHandlerFor } from '../models/index.ts';
import type { EmulatorState } from '../state.ts';
import { CHAT_MODELS } from './chatModels.ts';
import { type ConverseAnswer, answerConverse, contentBlocks } from './converseAnswer.ts';
import { checkRequestForModel } from './converseModelRules.ts';
import { parseConverseRequest } from './converseRequest.ts';
import { checkImageInputs, withImageOutput } from './imageOutput.ts';
import { countTokens, streamChunks } from './textGeneration.ts';

export interface StreamFault {
	afterEvents: number;
	exceptionType: string;
	message: string;
}

export interface RuntimeContext {
	exchange: Exchange;
	state: EmulatorState;
	principal: Principal;
	region: string;
	/** The `{modelId}` of the path, URL-decoded. */
	requestedModelId: string;
	streamFault?: StreamFault;
}

const NOT_JSON = 'Malformed input request, please reformat your input and try again.';
const NOT_A_CHAT_MODEL =
	"This action doesn't support the model that you provided. Try again with a supported text or chat model.";
const NO_STREAMING = 'The model is unsupported for streaming.';

export async function invokeModel(context: RuntimeContext): Promise<void> {
	const resolved = resolve(context);
	const body = parseJson(context.exchange.body);
	const handler = invokeHandlerFor(resolved.model.modelId);
	if (!handler) throw notEmulated(resolved.model.modelId);
	const started = Date.now();
	const result = await handler(body, {
		modelId: resolved.model.modelId,
		requestedModelId: context.requestedModelId,
		headers: context.exchange.headers,
		region: context.region,
	});
	await invocationLatency(context);
	sendJson(context.exchange, 200, result.body, {
		'x-amzn-bedrock-invocation-latency': String(Math.max(1, Date.now() - started)),
		...result.headers,
	});
}

export async function invokeModelWithResponseStream(context: RuntimeContext): Promise<void> {
	const resolved = resolve(context);
	const modelId = resolved.model.modelId;
	if (resolved.model.responseStreamingSupported !== true) throw validation(NO_STREAMING);
	const body = parseJson(context.exchange.body);
	if (!(modelId in TITAN_TEXT_MAX_TOKENS)) throw notEmulated(modelId);
	const completion = completeTitanText(parseTitanTextRequest(body, modelId));
	const started = Date.now();
	await invocationLatency(context);
	const chunks = streamChunks(titanOutputText(completion.generation));
	let sentTokens = 0;
	const payloads = chunks.map((outputText, index) => {
		const last = index === chunks.length - 1;
		sentTokens += countTokens(outputText);
		const latency = Math.max(1, Date.now() - started);
		return {
			outputText,
			index: 0,
			totalOutputTextTokenCount: last ? completion.generation.tokens : sentTokens,
			completionReason: last ? completion.completionReason : null,
			inputTextTokenCount: index === 0 ? completion.inputTextTokenCount : null,
			...(last
				? {
						'amazon-bedrock-invocationMetrics': {
							inputTokenCount: completion.inputTextTokenCount,
							outputTokenCount: completion.generation.tokens,
							invocationLatency: latency,
							firstByteLatency: latency,
						},
					}
				: {}),
		};
	});
	writeEventStream(
		context,
		payloads.map((payload) => ({
			type: 'chunk',
			payload: { bytes: Buffer.from(JSON.stringify(payload)).toString('base64') },
		})),
		{ 'x-amzn-bedrock-content-type': 'application/json' },
	);
}

export async function converse(context: RuntimeContext): Promise<void> {
	const answer = await answerChat(context, false);
	sendJson(context.exchange, 200, {
		output: { message: { role: 'assistant', content: contentBlocks(answer.blocks) } },
		stopReason: answer.stopReason,
		usage: { ...answer.usage, serverToolUsage: {} },
		metrics: { latencyMs: elapsed(context) },
		...(answer.additionalModelResponseFields
			? { additionalModelResponseFields: answer.additionalModelResponseFields }
			: {}),
		...(answer.trace ? { trace: answer.trace } : {}),
	});
}

export async function converseStream(context: RuntimeContext): Promise<void> {
	const answer = await answerChat(context, true);
	const events: Array<{ type: string; payload: Record<string, unknown> }> = [
		{ type: 'messageStart', payload: { role: 'assistant' } },
	];
	answer.blocks.forEach((block, contentBlockIndex) => {
		if (block.kind === 'toolUse') {
			events.push({
				type: 'contentBlockStart',
				payload: {
					start: { toolUse: { toolUseId: block.toolUseId, name: block.name } },
					contentBlockIndex,
				},
			});
			events.push({
				type: 'contentBlockDelta',
				payload: { contentBlockIndex, delta: { toolUse: { input: JSON.stringify(block.input) } } },
			});
		} else if (block.kind === 'image') {
			events.push({
				type: 'contentBlockStart',
				payload: { start: { image: { format: block.format } }, contentBlockIndex },
			});
			events.push({
				type: 'contentBlockDelta',
				payload: { contentBlockIndex, delta: { image: { source: { bytes: block.base64 } } } },
			});
		} else if (block.kind === 'reasoning') {
			for (const text of streamChunks(block.text)) {
				events.push({
					type: 'contentBlockDelta',
					payload: { contentBlockIndex, delta: { reasoningContent: { text } } },
				});
			}
			if (block.signature) {
				events.push({
					type: 'contentBlockDelta',
					payload: {
						contentBlockIndex,
						delta: { reasoningContent: { signature: block.signature } },
					},
				});
			}
		} else {
			// Text blocks have no contentBlockStart (live capture: vercel/ai `packages/amazon-bedrock/src/__fixtures__/issue-18994-live-converse-stream.json`).
			for (const text of streamChunks(block.text)) {
				events.push({ type: 'contentBlockDelta', payload: { contentBlockIndex, delta: { text } } });
			}
		}
		events.push({ type: 'contentBlockStop', payload: { contentBlockIndex } });
	});
	events.push({
		type: 'messageStop',
		payload: {
			stopReason: answer.stopReason,
			...(answer.additionalModelResponseFields
				? { additionalModelResponseFields: answer.additionalModelResponseFields }
				: {}),
		},
	});
	events.push({
		type: 'metadata',
		payload: {
			usage: { ...answer.usage, serverToolUsage: {} },
			metrics: { latencyMs: elapsed(context) },
			...(answer.trace ? { trace: answer.trace } : {}),
		},
	});
	writeEventStream(context, events, {});
}

async function answerChat(context: RuntimeContext, stream: boolean): Promise<ConverseAnswer> {
	const resolved = resolve(context);
	const spec = CHAT_MODELS[resolved.model.modelId];
	if (!spec) throw validation(NOT_A_CHAT_MODEL);
	if (stream && resolved.model.responseStreamingSupported !== true) throw validation(NO_STREAMING);
	const request = parseConverseRequest(parseJson(context.exchange.body), stream);
	const { stats, thinking } = checkRequestForModel(request, spec, resolved.model.inputModalities);
	const drawsImages = resolved.model.outputModalities.includes('IMAGE');
	if (drawsImages) checkImageInputs(request);
	const textAnswer = answerConverse(request, {
		model: resolved.model,
		spec,
		stats,
		thinking,
		cache: context.state.promptCache,
		now: context.state.now(),
		accountId: context.principal.accountId,
	});
	const answer = drawsImages
		? withImageOutput(request, textAnswer, resolved.model.modelId)
		: textAnswer;
	await invocationLatency(context);
	return answer;
}

function resolve(context: RuntimeContext): ResolvedModel {
	const resolved = resolveModel(context.requestedModelId, {
		region: context.region,
		accountId: context.principal.accountId,
		applicationProfiles: context.state.applicationProfiles,
		accessDeniedModels: context.state.settings.accessDeniedModels,
		inactiveLegacyModels: context.state.settings.inactiveLegacyModels,
		now: context.state.lifecycleNow(),
	});
	if (context.exchange.log) context.exchange.log.resolvedModelId = resolved.model.modelId;
	return resolved;
}

export function parseJson(body: Buffer): unknown {
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		throw validation(NOT_JSON);
	}
}

/**
 * The emulator implements native InvokeModel bodies for Titan Text and the image families
 * only; other chat models are reachable through Converse.
 */
function notEmulated(modelId: string): AwsError {
	return validation(
		`The offline emulator does not implement the native InvokeModel body of ${modelId}. Use Converse for chat models.`,
	);
}

function invocationLatency(context: RuntimeContext): Promise<void> {
	const latency = context.state.settings.latencyMs;
	return latency > 0
		? new Promise((resolveDelay) => setTimeout(resolveDelay, latency))
		: Promise.resolve();
}

function elapsed(context: RuntimeContext): number {
	return Math.max(1, Date.now() - context.exchange.startedAt);
}

/** Writes the frames; an injected stream fault replaces the rest with an exception frame. */
function writeEventStream(
	context: RuntimeContext,
	events: Array<{ type: string; payload: Record<string, unknown> }>,
	headers: Record<string, string>,
): void {
	const { exchange, streamFault } = context;
	if (exchange.clientAborted || exchange.response.destroyed) return;
	startStream(exchange, { 'content-type': 'application/vnd.amazon.eventstream', ...headers });
	const sent = streamFault ? events.slice(0, streamFault.afterEvents) : events;
	for (const event of sent) exchange.response.write(eventFrame(event.type, event.payload));
	if (streamFault) {
		if (exchange.log) exchange.log.errorType = streamFault.exceptionType;
		const body =
			streamFault.exceptionType === 'modelStreamErrorException'
				? {
						message: streamFault.message,
						originalStatusCode: 500,
						originalMessage: streamFault.message,
					}
				: { message: streamFault.message };
		exchange.response.write(exceptionFrame(streamFault.exceptionType, body));
	}
	exchange.response.end();
}
