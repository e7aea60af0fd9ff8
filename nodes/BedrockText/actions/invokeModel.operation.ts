/**
 * InvokeModel with a native body: Titan Text built from fields (the seed 001 call), or any
 * model's own JSON body, answered with the parsed JSON.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { lifecycleNotice } from '../../shared/lifecycle';
import { readRequestSettings, requestOptionFields } from '../../shared/requestOptions';
import type { BedrockConnection } from '../../shared/transport/connection';
import { foundationModelBehind, knownModel } from '../models';
import { titanTextAnswer, titanTextBody, usageFromHeaders } from '../nativeBody';
import { callFields } from '../output';
import {
	FIELD,
	InvalidParameterError,
	checkMaxTokens,
	guardrailSettings,
	jsonObject,
	samplingParameters,
	type SamplingParameters,
} from '../parameters';
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

const titanOnly = { show: { '/bodyType': ['titanText'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Body',
		name: 'bodyType',
		type: 'options',
		noDataExpression: true,
		default: 'titanText',
		options: [
			{
				name: 'Titan Text (From Fields)',
				value: 'titanText',
				description:
					'Amazon Titan Text’s body: inputText and textGenerationConfig from the fields below',
			},
			{
				name: 'JSON (Any Model)',
				value: 'json',
				description: 'The model’s native request body as JSON; the answer is returned parsed',
			},
		],
	},
	{
		displayName: FIELD.prompt,
		name: 'inputText',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. Write a poem about sky',
		description: 'Titan’s inputText',
		displayOptions: { show: { bodyType: ['titanText'] } },
	},
	{
		displayName: FIELD.body,
		name: 'body',
		type: 'json',
		default: '{}',
		required: true,
		description:
			'The request body in the model’s own format (see the model’s page under “Inference request parameters” in the Bedrock user guide)',
		displayOptions: { show: { bodyType: ['json'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			guardrailField,
			{ ...includeRawResponseField, displayOptions: titanOnly },
			{
				...maxTokensField,
				description: 'Titan’s maxTokenCount: most tokens the model may generate',
				displayOptions: titanOnly,
			},
			{ ...stopSequencesField, displayOptions: titanOnly },
			{ ...temperatureField, displayOptions: titanOnly },
			{ ...topPField, displayOptions: titanOnly },
			...requestOptionFields(),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { operation: ['invokeModel'] } },
	properties,
);

/** InvokeModel spells the guardrail trace header in upper case. */
const TRACE_HEADER = {
	disabled: 'DISABLED',
	enabled: 'ENABLED',
	enabled_full: 'ENABLED_FULL',
} as const;

function jsonBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const body = jsonObject(FIELD.body, context.getNodeParameter('body', itemIndex));
	if (!body || Object.keys(body).length === 0) {
		throw new InvalidParameterError(
			FIELD.body,
			`${FIELD.body} is empty: give the model’s request body`,
		);
	}
	return body;
}

function titanBody(
	context: IExecuteFunctions,
	itemIndex: number,
	sampling: SamplingParameters,
): IDataObject {
	const inputText = String(context.getNodeParameter('inputText', itemIndex, ''));
	if (inputText.trim() === '') {
		throw new InvalidParameterError(
			FIELD.prompt,
			`${FIELD.prompt} is empty: give Titan’s inputText`,
		);
	}
	return titanTextBody(inputText, sampling);
}

export async function execute(
	this: IExecuteFunctions,
	connection: BedrockConnection,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const modelId = requiredModelId(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const bodyType = this.getNodeParameter('bodyType', itemIndex, 'titanText') as string;
	const guardrail = guardrailSettings(options.guardrail);
	const sampling = bodyType === 'json' ? {} : samplingParameters(options);
	const body =
		bodyType === 'json' ? jsonBody(this, itemIndex) : titanBody(this, itemIndex, sampling);
	const foundationModelId = await foundationModelBehind(connection, modelId);
	checkMaxTokens(sampling.maxTokens, modelId, knownModel(foundationModelId).maxOutputTokens);

	const notice = lifecycleNotice(connection, modelId, foundationModelId);
	const { call } = readRequestSettings(this, 'options', itemIndex);
	const { result, attempts, latencyMs } = await connection.invokeModel(
		{
			modelId,
			body,
			...(guardrail
				? {
						guardrailIdentifier: guardrail.identifier,
						guardrailVersion: guardrail.version,
						trace: TRACE_HEADER[guardrail.trace],
					}
				: {}),
		},
		call,
	);
	const answer = bodyType === 'json' ? undefined : titanTextAnswer(result.body);
	const usage = answer?.usage ?? usageFromHeaders(result.bedrockHeaders);
	if (usage) reportTokenUsage(this, usage);
	const json: IDataObject = answer
		? { ...answer, usage: { ...answer.usage } }
		: { response: result.body as IDataObject, ...(usage ? { usage: { ...usage } } : {}) };
	return [
		{
			json: {
				...json,
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
				...(answer && options.includeRawResponse
					? { rawResponse: result.body as IDataObject }
					: {}),
			},
			pairedItem: { item: itemIndex },
		},
	];
}
