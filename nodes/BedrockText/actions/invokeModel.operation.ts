/**
 * InvokeModel with a native body: Titan Text built from fields, or any
 * model's own JSON body, answered with the parsed JSON.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	collectionProperty,
	guardrailHeaders,
	guardrailProperty,
	readGuardrail,
} from '../../shared/fields';
import { lifecycleNotice } from '../../shared/lifecycle';
import { requiredModelId } from '../../shared/modelLocator';
import type { ItemOperation } from '../../shared/runItems';
import { foundationModelBehind, knownModel } from '../knownModels';
import { titanTextAnswer, titanTextBody, usageFromHeaders } from '../nativeBody';
import { callFields } from '../output';
import {
	body,
	bodyType,
	includeRawResponse,
	inputText,
	readTitanSampling,
	temperature,
	textRequestOptions,
	titanMaxTokenCount,
	titanStopSequences,
	topP,
} from '../textFields';
import { reportTokenUsage } from '../tokenUsage';

const OPTIONS = 'options';

const titanOnly = { show: { '/bodyType': ['titanText'] } };

const properties: INodeProperties[] = [
	{ ...bodyType.v1.property, displayOptions: { show: { '@version': [1] } } },
	{
		...bodyType.current.property,
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
	},
	{ ...inputText.property, displayOptions: { show: { bodyType: ['titanText'] } } },
	{ ...body.property, displayOptions: { show: { bodyType: ['json'] } } },
	collectionProperty(OPTIONS, 'Options', [
		guardrailProperty,
		{ ...includeRawResponse.property, displayOptions: titanOnly },
		{ ...titanMaxTokenCount.property, displayOptions: titanOnly },
		{ ...titanStopSequences.property, displayOptions: titanOnly },
		{ ...temperature.property, displayOptions: titanOnly },
		{ ...topP.property, displayOptions: titanOnly },
		...textRequestOptions.fields,
	]),
];

export const description = updateDisplayOptions(
	{ show: { operation: ['invokeModel'] } },
	properties,
);

export const execute: ItemOperation = async function (connection, params) {
	const { itemIndex } = params;
	const options = params.in(OPTIONS);
	const modelId = requiredModelId(params);
	const json = bodyType.read(params) === 'json';
	const guardrail = readGuardrail(options);
	const sampling = json ? {} : readTitanSampling(options);
	const request = json
		? (body.read(params) as IDataObject)
		: titanTextBody(inputText.read(params) as string, sampling);
	const foundationModelId = await foundationModelBehind(connection, modelId);
	titanMaxTokenCount.checkMax(
		params.fail,
		sampling.maxTokens,
		knownModel(foundationModelId).maxOutputTokens,
		`for ${modelId}`,
	);

	const notice = lifecycleNotice(connection, modelId, foundationModelId);
	const { call } = textRequestOptions.read(options);
	const { result, attempts, latencyMs } = await connection.invokeModel(
		{ modelId, body: request, ...guardrailHeaders(guardrail) },
		call,
	);
	const answer = json ? undefined : titanTextAnswer(result.body);
	const usage = answer?.usage ?? usageFromHeaders(result.bedrockHeaders);
	if (usage) reportTokenUsage(this, usage);
	const output: IDataObject = answer
		? { ...answer, usage: { ...answer.usage } }
		: { response: result.body as IDataObject, ...(usage ? { usage: { ...usage } } : {}) };
	return [
		{
			json: {
				...output,
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
				...(answer && includeRawResponse.read(options)
					? { rawResponse: result.body as IDataObject }
					: {}),
			},
			pairedItem: { item: itemIndex },
		},
	];
};
