/**
 * Converse: one request per item to any chat model or inference profile, with a prompt or a
 * conversation from the input, files from the item's binary properties, and the model
 * parameters, guardrail, prompt caching and reasoning options.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { lifecycleNotice } from '../../shared/lifecycle';
import { requestOptionFields, readRequestSettings } from '../../shared/requestOptions';
import type { BedrockConnection } from '../../shared/transport/connection';
import {
	ATTACHMENTS_FIELD,
	attachmentBlocks,
	parsePropertyNames,
	readBinaryFiles,
} from '../attachments';
import {
	answerFields,
	converseInput,
	plainResponse,
	usageOf,
	type CachePointPlacement,
	type PromptCaching,
} from '../converse';
import {
	MESSAGES_FIELD,
	parseConversation,
	promptConversation,
	withAttachments,
} from '../messages';
import { foundationModelBehind, knownModel } from '../models';
import { callFields } from '../output';
import {
	FIELD,
	InvalidParameterError,
	checkMaxTokens,
	guardrailSettings,
	jsonObject,
	reasoningRequest,
	responseFieldPaths,
	samplingParameters,
} from '../parameters';
import { reasoningPlan } from '../reasoning';
import { reportTokenUsage } from '../tokenUsage';
import {
	guardrailField,
	includeRawResponseField,
	maxTokensField,
	stopSequencesField,
	temperatureField,
	topPField,
} from './fields';
import { requiredModelId } from './model';

const properties: INodeProperties[] = [
	{
		displayName: 'Input',
		name: 'inputMode',
		type: 'options',
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
	},
	{
		displayName: FIELD.prompt,
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. Summarize this ticket in two sentences: {{ $json.body }}',
		description: 'The user message to send to the model',
		displayOptions: { show: { inputMode: ['prompt'] } },
	},
	{
		displayName: MESSAGES_FIELD,
		name: 'messages',
		type: 'json',
		default: '={{ $json.messages }}',
		required: true,
		description:
			'JSON array of { "role": "user" | "assistant" | "system", "content": "text" or [{ "text": "…" }] }, oldest first. System messages join the system prompt.',
		displayOptions: { show: { inputMode: ['messages'] } },
	},
	{
		displayName: FIELD.systemPrompt,
		name: 'systemPrompt',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. You are a concise support assistant. Answer in English.',
		description:
			'Instructions for the model. Some models take none (Titan Text, Mistral 7B, Mixtral): leave it empty for them.',
	},
	{
		displayName: ATTACHMENTS_FIELD,
		name: 'binaryPropertyNames',
		type: 'string',
		default: '',
		placeholder: 'e.g. data, invoice',
		description:
			'Comma-separated binary properties of the item to send along: images (png, jpeg, gif, webp; up to 20, 3.75 MB, 8000 px) and documents (pdf, csv, doc, docx, xls, xlsx, html, txt, md; up to 5, 4.5 MB). Leave empty to send text only.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: FIELD.additionalFields,
				name: 'additionalModelRequestFields',
				type: 'json',
				default: '{}',
				description:
					'The model’s own request fields, passed through, e.g. {"top_k": 50} for Claude or {"inferenceConfig": {"topK": 20}} for Nova',
			},
			{
				displayName: FIELD.cacheTtl,
				name: 'cacheTtl',
				type: 'options',
				default: '5m',
				description:
					'How long a prompt-cache entry lives after its last use. One hour is offered by Claude Sonnet 4.5, Haiku 4.5 and Opus 4.5.',
				options: [
					{ name: '5 Minutes', value: '5m' },
					{ name: '1 Hour', value: '1h' },
				],
			},
			guardrailField,
			includeRawResponseField,
			maxTokensField,
			{
				displayName: FIELD.promptCaching,
				name: 'promptCaching',
				type: 'options',
				default: 'system',
				description:
					'Where to put a cache point, so that repeated calls read that prefix from the cache at a lower price (Claude 3.5 Haiku, 3.7 Sonnet and 4.x, Nova). Prefixes shorter than the model’s minimum (about 1,000 tokens) are not cached.',
				options: [
					{ name: 'After the System Prompt', value: 'system' },
					{ name: 'After the Conversation', value: 'messages' },
					{ name: 'After Both', value: 'systemAndMessages' },
				],
			},
			{
				displayName: FIELD.reasoningBudget,
				name: 'reasoningBudgetTokens',
				type: 'number',
				typeOptions: { minValue: 1024 },
				default: 4096,
				description:
					'Turns on extended thinking for Claude 3.7 Sonnet and Claude 4.x with this many tokens to think (at least 1,024, below Maximum Tokens; without Maximum Tokens the node allows 4,096 more for the answer). The reasoning is returned in its own field.',
			},
			{
				displayName: FIELD.reasoningEffort,
				name: 'reasoningEffort',
				type: 'options',
				default: 'medium',
				description:
					'Turns on reasoning for Nova 2 and gpt-oss at this effort (Claude: a budget of 1,024, 4,096 or 16,384 tokens). DeepSeek-R1 always reasons. The reasoning is returned in its own field.',
				options: [
					{ name: 'Low', value: 'low' },
					{ name: 'Medium', value: 'medium' },
					{ name: 'High', value: 'high' },
				],
			},
			{
				displayName: FIELD.responseFieldPaths,
				name: 'responseFieldPaths',
				type: 'string',
				default: '',
				placeholder: 'e.g. /stop_sequence',
				description:
					'Comma-separated JSON Pointers of model-specific answer fields to return in additionalModelResponseFields',
			},
			stopSequencesField,
			temperatureField,
			topPField,
			...requestOptionFields(),
		],
	},
];

export const description = updateDisplayOptions({ show: { operation: ['converse'] } }, properties);

function promptCaching(options: IDataObject, hasSystemPrompt: boolean): PromptCaching | undefined {
	const placement = options.promptCaching as CachePointPlacement | undefined;
	if (!placement) return undefined;
	if (!['system', 'messages', 'systemAndMessages'].includes(placement)) {
		throw new InvalidParameterError(
			FIELD.promptCaching,
			`${FIELD.promptCaching} must be system, messages or systemAndMessages, got "${String(placement)}"`,
		);
	}
	if (placement !== 'messages' && !hasSystemPrompt) {
		throw new InvalidParameterError(
			FIELD.promptCaching,
			`${FIELD.promptCaching} after the system prompt needs a ${FIELD.systemPrompt}; cache "After the Conversation" instead, or add one`,
		);
	}
	const ttl = options.cacheTtl ?? '5m';
	if (ttl !== '5m' && ttl !== '1h') {
		throw new InvalidParameterError(
			FIELD.cacheTtl,
			`${FIELD.cacheTtl} must be 5m or 1h, got "${String(ttl)}"`,
		);
	}
	return { placement, ...(ttl === '1h' ? { ttl } : {}) };
}

export async function execute(
	this: IExecuteFunctions,
	connection: BedrockConnection,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const modelId = requiredModelId(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const sampling = samplingParameters(options);
	const conversation =
		this.getNodeParameter('inputMode', itemIndex, 'prompt') === 'messages'
			? parseConversation(this.getNodeParameter('messages', itemIndex))
			: promptConversation(String(this.getNodeParameter('prompt', itemIndex, '')), FIELD.prompt);
	const systemPrompt = String(this.getNodeParameter('systemPrompt', itemIndex, '')).trim();
	const system = [...conversation.system, ...(systemPrompt ? [systemPrompt] : [])];
	const files = await readBinaryFiles(
		this,
		itemIndex,
		parsePropertyNames(this.getNodeParameter('binaryPropertyNames', itemIndex, '')),
	);
	const attachments = attachmentBlocks(files);
	const additionalFields = jsonObject(FIELD.additionalFields, options.additionalModelRequestFields);
	const guardrail = guardrailSettings(options.guardrail);
	const caching = promptCaching(options, system.length > 0);
	const fieldPaths = responseFieldPaths(options.responseFieldPaths);
	const reasoning = reasoningRequest(options);

	const foundationModelId = await foundationModelBehind(connection, modelId);
	const known = knownModel(foundationModelId);
	checkMaxTokens(sampling.maxTokens, modelId, known.maxOutputTokens);
	const plan = reasoningPlan(reasoning, known.reasoning, {
		modelId,
		sampling,
		maxOutputTokens: known.maxOutputTokens,
		additionalFields,
	});

	const input = converseInput({
		modelId,
		system,
		messages: withAttachments(conversation.messages, attachments),
		sampling: {
			...sampling,
			...(plan.maxTokens !== undefined ? { maxTokens: plan.maxTokens } : {}),
		},
		additionalFields: { ...additionalFields, ...plan.fields },
		responseFieldPaths: fieldPaths,
		guardrail,
		caching,
	});
	const notice = lifecycleNotice(connection, modelId, foundationModelId);
	const { call } = readRequestSettings(this, 'options', itemIndex);
	const { result, attempts, latencyMs } = await connection.converse(input, call);
	const answer = answerFields(result.output);
	const usage = usageOf(result.output);
	reportTokenUsage(this, usage);
	return [
		{
			json: {
				...answer,
				...callFields({
					modelId,
					foundationModelId,
					region: result.region,
					requestId: result.requestId,
					attempts,
					latencyMs,
					usage,
					lifecycleNotice: await notice,
				}),
				...(options.includeRawResponse ? { rawResponse: plainResponse(result.output) } : {}),
			},
			pairedItem: { item: itemIndex },
		},
	];
}
