import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { parseBedrockArn } from '../../shared/aws/regions';
import { isAsyncInvoked, modelIdFromArn } from '../../shared/modelCatalog';
import { modelLocator, requiredModelId } from '../../shared/modelLocator';
import type { ItemOperation } from '../../shared/runItems';
import { SEARCH_ALL_MODELS } from '../methods/listSearch';
import { invocationJson } from './common';

const properties: INodeProperties[] = [
	modelLocator({
		searchListMethod: SEARCH_ALL_MODELS,
		exampleId: 'amazon.nova-pro-v1:0',
		description: 'A foundation model ID or ARN, or an inference profile ID or ARN',
	}),
];

const displayOptions = { show: { operation: ['getModel'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const PROFILE_ID = /^(us|eu|apac|us-gov|global|jp|au|ca)\./;

/** Whether the identifier names an inference profile rather than a foundation model. */
export function isProfileIdentifier(identifier: string): boolean {
	const arn = parseBedrockArn(identifier);
	if (arn)
		return (
			arn.resourceType === 'inference-profile' ||
			arn.resourceType === 'application-inference-profile'
		);
	return PROFILE_ID.test(identifier);
}

function plain(value: unknown): IDataObject {
	// Dates become ISO strings; $metadata is dropped.
	const copy = JSON.parse(JSON.stringify(value)) as IDataObject;
	delete copy.$metadata;
	return copy;
}

export const execute: ItemOperation = async function (connection, params) {
	const { itemIndex } = params;
	const identifier = requiredModelId(params);
	if (isProfileIdentifier(identifier)) {
		const profile = plain(await connection.getInferenceProfile(identifier));
		const models = (profile.models as IDataObject[] | undefined) ?? [];
		return [
			{
				json: {
					kind: profile.type === 'APPLICATION' ? 'applicationProfile' : 'systemProfile',
					invokeWith:
						profile.type === 'APPLICATION'
							? profile.inferenceProfileArn
							: profile.inferenceProfileId,
					modelIds: [...new Set(models.map((m) => modelIdFromArn(String(m.modelArn))))],
					...profile,
				},
				pairedItem: { item: itemIndex },
			},
		];
	}
	const details = plain(await connection.getFoundationModel(identifier));
	const onDemand = ((details.inferenceTypesSupported as string[] | undefined) ?? []).includes(
		'ON_DEMAND',
	);
	const asyncInvoke = isAsyncInvoked(
		((details.outputModalities as string[] | undefined) ?? []).map(String),
	);
	return [
		{
			json: {
				kind: 'foundationModel',
				onDemand,
				...invocationJson(asyncInvoke),
				...details,
			},
			pairedItem: { item: itemIndex },
		},
	];
};
