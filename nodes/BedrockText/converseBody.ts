/**
 * Converse request building and answer shaping
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html).
 *
 * Request: system blocks, the conversation, `inferenceConfig` with only the parameters set,
 * guardrail, prompt-cache points (after the system prompt and/or at the end of the
 * conversation) and the model's own fields. Answer: the text, the reasoning apart from it,
 * stop reason, token usage with cache reads and writes, guardrail trace.
 */
import type {
	ContentBlock,
	ConverseCommandInput,
	ConverseCommandOutput,
	Message,
	SystemContentBlock,
} from '@aws-sdk/client-bedrock-runtime';
import type { IDataObject } from 'n8n-workflow';

import { defined, type GuardrailSettings } from '../shared/fields';
import type { SamplingParameters } from './textFields';
import { reasoningOf } from './reasoning';
import type { TokenCounts } from './tokenUsage';

export type CachePointPlacement = 'system' | 'messages' | 'systemAndMessages';

export interface PromptCaching {
	placement: CachePointPlacement;
	/** Omitted for the default five minutes: not every model accepts the `ttl` member. */
	ttl?: '1h';
}

export interface ConverseRequest {
	modelId: string;
	system: string[];
	messages: Message[];
	sampling: SamplingParameters;
	additionalFields?: IDataObject;
	responseFieldPaths?: string[];
	guardrail?: GuardrailSettings;
	caching?: PromptCaching;
}

function cachePoint(caching: PromptCaching) {
	return { type: 'default' as const, ...(caching.ttl ? { ttl: caching.ttl } : {}) };
}

function withCachePointAtEnd(messages: Message[], caching: PromptCaching): Message[] {
	return messages.map((message, index) =>
		index === messages.length - 1
			? {
					...message,
					content: [
						...(message.content ?? []),
						{ cachePoint: cachePoint(caching) } as ContentBlock,
					],
				}
			: message,
	);
}

export function converseInput(request: ConverseRequest): ConverseCommandInput {
	const { caching, sampling } = request;
	const cacheSystem = caching?.placement === 'system' || caching?.placement === 'systemAndMessages';
	const cacheMessages =
		caching?.placement === 'messages' || caching?.placement === 'systemAndMessages';
	const system: SystemContentBlock[] = request.system.map((text) => ({ text }));
	if (caching && cacheSystem && system.length > 0) system.push({ cachePoint: cachePoint(caching) });
	const inferenceConfig = defined({ ...sampling });
	return {
		modelId: request.modelId,
		messages:
			caching && cacheMessages ? withCachePointAtEnd(request.messages, caching) : request.messages,
		...(system.length > 0 ? { system } : {}),
		...(Object.keys(inferenceConfig).length > 0 ? { inferenceConfig } : {}),
		...(request.additionalFields && Object.keys(request.additionalFields).length > 0
			? { additionalModelRequestFields: request.additionalFields as never }
			: {}),
		...(request.responseFieldPaths
			? { additionalModelResponseFieldPaths: request.responseFieldPaths }
			: {}),
		...(request.guardrail
			? {
					guardrailConfig: {
						guardrailIdentifier: request.guardrail.identifier,
						guardrailVersion: request.guardrail.version,
						trace: request.guardrail.trace,
					},
				}
			: {}),
	};
}

export function usageOf(output: ConverseCommandOutput): TokenCounts {
	const usage = output.usage;
	const inputTokens = usage?.inputTokens ?? 0;
	const outputTokens = usage?.outputTokens ?? 0;
	const cacheReadInputTokens = usage?.cacheReadInputTokens ?? 0;
	const cacheWriteInputTokens = usage?.cacheWriteInputTokens ?? 0;
	return {
		inputTokens,
		outputTokens,
		totalTokens:
			usage?.totalTokens ??
			inputTokens + outputTokens + cacheReadInputTokens + cacheWriteInputTokens,
		cacheReadInputTokens,
		cacheWriteInputTokens,
	};
}

/** Dates and binary members as JSON, the SDK's `$metadata` dropped. */
export function plainResponse(output: object): IDataObject {
	const rest: Record<string, unknown> = { ...output };
	delete rest.$metadata;
	return JSON.parse(
		JSON.stringify(rest, (_key, value: unknown) =>
			value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
		),
	) as IDataObject;
}

/** The answer's fields of the output item: text, reasoning, stop reason, usage, traces. */
export function answerFields(output: ConverseCommandOutput): IDataObject {
	const content = output.output?.message?.content ?? [];
	const text = content
		.map((block) => block.text)
		.filter((part): part is string => typeof part === 'string')
		.join('');
	const reasoning = reasoningOf(content);
	const guardrailTrace = output.trace?.guardrail;
	return {
		text,
		...(reasoning.text !== undefined ? { reasoning: reasoning.text } : {}),
		...(reasoning.redacted ? { reasoningRedacted: true } : {}),
		stopReason: output.stopReason ?? null,
		usage: { ...usageOf(output) },
		...(output.additionalModelResponseFields
			? { additionalModelResponseFields: output.additionalModelResponseFields as IDataObject }
			: {}),
		...(guardrailTrace ? { guardrailTrace: plainResponse(guardrailTrace) } : {}),
	};
}
