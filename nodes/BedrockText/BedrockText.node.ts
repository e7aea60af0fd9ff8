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
import * as converse from './actions/converse.operation';
import * as invokeModel from './actions/invokeModel.operation';
import { router } from './actions/router';
import { model } from './textFields';

export class BedrockText implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bedrock Text',
		name: 'bedrockText',
		icon: { light: 'file:bedrockText.svg', dark: 'file:bedrockText.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] === "invokeModel" ? "Native body" : "Converse" }}',
		description:
			'Generate text with an Amazon Bedrock model (Claude, Nova, Llama, Mistral, Titan, DeepSeek…): send a prompt or a conversation, optionally with images and documents, and get the answer with token usage and estimated cost',
		defaults: { name: 'Bedrock Text' },
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
				default: 'converse',
				options: [
					{
						name: 'Converse',
						value: 'converse',
						action: 'Message a model',
						description:
							'Send a prompt or conversation to any chat model or inference profile through the Converse API',
					},
					{
						name: 'Invoke With Native Body',
						value: 'invokeModel',
						action: 'Invoke a model with its native body',
						description:
							'Call InvokeModel with the model’s own request body: Titan Text from fields, or any model’s JSON',
					},
				],
			},
			model,
			...converse.description,
			...invokeModel.description,
		],
	};

	methods = {
		listSearch: {
			async searchTextModels(
				this: ILoadOptionsFunctions,
				filter?: string,
			): Promise<INodeListSearchResult> {
				return await searchModels(this, 'TEXT', filter);
			},
		},
		credentialTest: { awsBedrockApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
