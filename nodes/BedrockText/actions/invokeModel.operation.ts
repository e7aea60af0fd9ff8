/**
 * InvokeModel with a native body: Titan Text built from fields, or any
 * model's own JSON body, answered with the parsed JSON.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PreparedItem } from '../../shared/cost';
import {
	collectionProperty,
	guardrailHeaders,
	guardrailProperty,
	readGuardrail,
	type ItemParams,
} from '../../shared/fields';
import { lifecycleNotice } from '../../shared/lifecycle';
import { requiredModelId } from '../../shared/modelLocator';
import type { BedrockConnection } from '../../shared/transport/connection';
import { foundationModelBehind, knownModel } from '../knownModels';
import { titanTextAnswer, titanTextBody, usageFromHeaders } from '../nativeBody';
import { callCost, callFields } from '../output';
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
import { costBeforeAnswer } from '../textCost';
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

/** The output limit a native body sets, by the field names of the common model families. */
function bodyOutputLimit(request: IDataObject): number | undefined {
	const nested = (key: string) => request[key] as IDataObject | undefined;
	const candidates = [
		request.max_tokens,
		request.max_gen_len,
		request.maxTokens,
		nested('textGenerationConfig')?.maxTokenCount,
		nested('inferenceConfig')?.maxTokens,
		nested('inferenceConfig')?.max_new_tokens,
	];
	return candidates.find((value): value is number => typeof value === 'number');
}

/** The item's InvokeModel request, checked and priced before any call; `run` sends it. */
export async function prepare(
	connection: BedrockConnection,
	params: ItemParams,
): Promise<PreparedItem> {
	const context = params.context;
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
	const known = knownModel(foundationModelId);
	titanMaxTokenCount.checkMax(
		params.fail,
		sampling.maxTokens,
		known.maxOutputTokens,
		`for ${modelId}`,
	);
	const outputLimit = bodyOutputLimit(request);
	const headers = guardrailHeaders(guardrail);
	const { call } = textRequestOptions.read(options);
	return {
		modelId,
		...(foundationModelId ? { baseModelId: foundationModelId } : {}),
		operation: 'invokeModel',
		requests: [{ modelId, body: request, ...headers }],
		estimate: costBeforeAnswer(foundationModelId, modelId, {
			// A native body is priced by its whole JSON: its field names count as input too.
			characters: JSON.stringify(request).length,
			attachments: 0,
			...(outputLimit !== undefined
				? { maxOutput: { tokens: outputLimit, from: 'the body' } }
				: known.maxOutputTokens !== undefined
					? { maxOutput: { tokens: known.maxOutputTokens, from: "the model's largest output" } }
					: {}),
		}),
		run: async (tools) => {
			const notice = lifecycleNotice(connection, modelId, foundationModelId);
			const { result, attempts, latencyMs } = await connection.invokeModel(
				{ modelId, body: request, ...headers },
				call,
			);
			const answer = json ? undefined : titanTextAnswer(result.body);
			const usage = answer?.usage ?? usageFromHeaders(result.bedrockHeaders);
			const cost = callCost({ modelId, foundationModelId, usage });
			tools.spent(foundationModelId ?? modelId, cost);
			if (usage) reportTokenUsage(context, usage);
			const output: IDataObject = answer
				? { ...answer, usage: { ...answer.usage } }
				: { response: result.body as IDataObject, ...(usage ? { usage: { ...usage } } : {}) };
			return [
				{
					json: {
						...output,
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
						...(answer && includeRawResponse.read(options)
							? { rawResponse: result.body as IDataObject }
							: {}),
					},
					pairedItem: { item: itemIndex },
				},
			];
		},
	};
}
