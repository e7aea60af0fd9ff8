import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeListSearchResult,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { awsBedrockApiTest } from '../shared/credentialTest';
import { OPERATION_KEYS } from './actions/operations';
import { imageProperties, searchMethodName } from './actions/properties';
import { router } from './actions/router';
import { searchImageModels } from './modelSearch';

type ListSearch = (this: ILoadOptionsFunctions, filter?: string) => Promise<INodeListSearchResult>;

export class BedrockImage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bedrock Image',
		name: 'bedrockImage',
		icon: { light: 'file:bedrockImage.svg', dark: 'file:bedrockImage.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Generate and edit images with Amazon Bedrock (Stability AI, Amazon Titan Image, Amazon Nova Canvas), images in and out as binary data',
		defaults: { name: 'Bedrock Image' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'awsBedrockApi', required: true, testedBy: 'awsBedrockApiTest' }],
		properties: imageProperties,
	};

	methods = {
		// One picker per operation, each listing only the models that can do it.
		listSearch: Object.fromEntries(
			OPERATION_KEYS.map((operation): [string, ListSearch] => [
				searchMethodName(operation),
				async function (this: ILoadOptionsFunctions, filter?: string) {
					return await searchImageModels(this, operation, filter);
				},
			]),
		),
		credentialTest: { awsBedrockApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
