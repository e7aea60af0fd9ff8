/**
 * Converse: one request per item to any chat model or inference profile, with a prompt or a
 * conversation from the input, files from the item's binary properties, and the model
 * parameters, guardrail, prompt caching and reasoning options.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../shared/cost';
import {
	collectionProperty,
	guardrailProperty,
	ItemParams,
	readGuardrail,
} from '../../shared/fields';
import { lifecycleNotice } from '../../shared/lifecycle';
import { requiredModelId } from '../../shared/modelLocator';
import type { BedrockConnection } from '../../shared/transport/connection';
import { attachmentBlocks, readBinaryFiles } from '../attachments';
import {
	answerFields,
	converseInput,
	plainResponse,
	usageOf,
	type PromptCaching,
} from '../converseBody';
import { foundationModelBehind, knownModel } from '../knownModels';
import { promptConversation, withAttachments, type Conversation } from '../messages';
import { callCost, callFields } from '../output';
import { reasoningPlan } from '../reasoning';
import {
	additionalModelRequestFields,
	attachments,
	cacheTtl,
	includeRawResponse,
	inputMode,
	maxTokens,
	messages,
	prompt,
	promptCaching,
	readReasoning,
	readSampling,
	reasoningBudget,
	reasoningEffort,
	responseFieldPaths,
	stopSequences,
	systemPrompt,
	temperature,
	textRequestOptions,
	topP,
} from '../textFields';
import { costBeforeAnswer, textCharacters } from '../textCost';
import { reportTokenUsage } from '../tokenUsage';

const OPTIONS = 'options';

const properties: INodeProperties[] = [
	inputMode.property,
	{ ...prompt.property, displayOptions: { show: { inputMode: ['prompt'] } } },
	{ ...messages.property, displayOptions: { show: { inputMode: ['messages'] } } },
	systemPrompt.property,
	attachments.property,
	collectionProperty(OPTIONS, 'Options', [
		additionalModelRequestFields,
		cacheTtl,
		guardrailProperty,
		includeRawResponse,
		maxTokens,
		promptCaching,
		reasoningBudget,
		reasoningEffort,
		responseFieldPaths,
		stopSequences,
		temperature,
		topP,
		...textRequestOptions.fields,
	]),
];

export const description = updateDisplayOptions({ show: { operation: ['converse'] } }, properties);

function readPromptCaching(
	options: ItemParams,
	hasSystemPrompt: boolean,
): PromptCaching | undefined {
	const placement = promptCaching.read(options);
	if (!placement) return undefined;
	if (placement !== 'messages' && !hasSystemPrompt) {
		options.fail(
			`${promptCaching.displayName} after the system prompt needs a ${systemPrompt.displayName}; cache "After the Conversation" instead, or add one`,
		);
	}
	return { placement, ...(cacheTtl.read(options) === '1h' ? { ttl: '1h' } : {}) };
}

/**
 * The item's Converse request, checked and priced before any call (the model behind an
 * application inference profile may be looked up); `run` sends it.
 */
export async function prepare(
	connection: BedrockConnection,
	params: ItemParams,
): Promise<PreparedItem> {
	const context = params.context;
	const { itemIndex } = params;
	const options = params.in(OPTIONS);
	const modelId = requiredModelId(params);
	const sampling = readSampling(options);
	const conversation =
		inputMode.read(params) === 'messages'
			? (messages.read(params) as Conversation)
			: promptConversation(prompt.read(params) as string);
	const instructions = systemPrompt.read(params)?.trim();
	const system = [...conversation.system, ...(instructions ? [instructions] : [])];
	const files = await readBinaryFiles(context, itemIndex, attachments.read(params) ?? []);
	const blocks = attachmentBlocks(files);
	const additionalFields = additionalModelRequestFields.read(options) as IDataObject | undefined;
	const guardrail = readGuardrail(options);
	const caching = readPromptCaching(options, system.length > 0);
	const fieldPaths = responseFieldPaths.read(options);
	const reasoning = readReasoning(options);

	const foundationModelId = await foundationModelBehind(connection, modelId);
	const known = knownModel(foundationModelId);
	maxTokens.checkMax(params.fail, sampling.maxTokens, known.maxOutputTokens, `for ${modelId}`);
	const plan = reasoningPlan(reasoning, known.reasoning, {
		modelId,
		sampling,
		maxOutputTokens: known.maxOutputTokens,
		additionalFields,
	});

	const input = converseInput({
		modelId,
		system,
		messages: withAttachments(conversation.messages, blocks),
		sampling: {
			...sampling,
			...(plan.maxTokens !== undefined ? { maxTokens: plan.maxTokens } : {}),
		},
		additionalFields: { ...additionalFields, ...plan.fields },
		responseFieldPaths: fieldPaths,
		guardrail,
		caching,
	});
	const outputLimit = input.inferenceConfig?.maxTokens;
	const { call } = textRequestOptions.read(options);
	return {
		modelId,
		...(foundationModelId ? { baseModelId: foundationModelId } : {}),
		operation: 'converse',
		requests: [input],
		estimate: costBeforeAnswer(foundationModelId, modelId, {
			characters: textCharacters([input.system, input.messages]),
			attachments: files.length,
			...(outputLimit !== undefined
				? { maxOutput: { tokens: outputLimit, from: maxTokens.displayName } }
				: known.maxOutputTokens !== undefined
					? { maxOutput: { tokens: known.maxOutputTokens, from: "the model's largest output" } }
					: {}),
		}),
		run: async (tools) => {
			const notice = lifecycleNotice(connection, modelId, foundationModelId);
			const { result, attempts, latencyMs } = await connection.converse(input, call);
			const answer = answerFields(result.output);
			const usage = usageOf(result.output);
			const cost = callCost({ modelId, foundationModelId, usage });
			tools.spent(foundationModelId ?? modelId, cost);
			reportTokenUsage(context, usage);
			return [
				{
					json: {
						...answer,
						...callFields(
							{
								modelId,
								foundationModelId,
								region: result.region,
								requestId: result.requestId,
								attempts,
								latencyMs,
								usage,
								lifecycleNotice: await notice,
							},
							cost,
						),
						...(includeRawResponse.read(options)
							? { rawResponse: plainResponse(result.output) }
							: {}),
					},
					pairedItem: { item: itemIndex },
				},
			];
		},
	};
}
