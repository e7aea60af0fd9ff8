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
import { searchModels } from '../shared/modelLocator';
import * as getModel from './actions/getModel.operation';
import * as listFoundationModels from './actions/listFoundationModels.operation';
import * as listInferenceProfiles from './actions/listInferenceProfiles.operation';
import * as listInvocableModels from './actions/listInvocableModels.operation';
import { router } from './actions/router';

export class BedrockListModels implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bedrock List Models',
		name: 'bedrockListModels',
		icon: { light: 'file:listModels.svg', dark: 'file:listModels.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'List the Amazon Bedrock models and inference profiles this account can call in a region, with the exact ID to invoke each with',
		defaults: { name: 'Bedrock List Models' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'awsBedrockApi', required: true, testedBy: 'awsBedrockApiTest' }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: 'listInvocableModels',
				options: [
					{
						name: 'Get Model',
						value: 'getModel',
						action: 'Get a model or inference profile',
						description: 'Details of one foundation model or inference profile',
					},
					{
						name: 'List Foundation Models',
						value: 'listFoundationModels',
						action: 'List foundation models',
						description: 'Foundation models offered in the region, with filters',
					},
					{
						name: 'List Inference Profiles',
						value: 'listInferenceProfiles',
						action: 'List inference profiles',
						description: 'Cross-region (system) and application inference profiles, all pages',
					},
					{
						name: 'List Invocable Models',
						value: 'listInvocableModels',
						action: 'List invocable models',
						description:
							'Models and profiles in one list, each with the exact ID or ARN to use in Bedrock Image or Bedrock Text',
					},
				],
			},
			...listFoundationModels.description,
			...getModel.description,
			...listInferenceProfiles.description,
			...listInvocableModels.description,
		],
	};

	methods = {
		listSearch: {
			async searchAllModels(
				this: ILoadOptionsFunctions,
				filter?: string,
			): Promise<INodeListSearchResult> {
				return await searchModels(this, undefined, filter);
			},
		},
		credentialTest: { awsBedrockApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
