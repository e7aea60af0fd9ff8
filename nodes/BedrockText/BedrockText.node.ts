import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { awsBedrockApiTest } from '../shared/credentialTest';
import { router } from './actions/router';
import { properties } from './description';
import { listSearch } from './methods/listSearch';

export class BedrockText implements INodeType {
	// The node's identity stays a literal here, where n8n's community lint rules read it; its
	// fields are in ./description.
	description: INodeTypeDescription = {
		displayName: 'Bedrock Text',
		name: 'bedrockText',
		icon: { light: 'file:bedrockText.svg', dark: 'file:bedrockText.dark.svg' },
		group: ['transform'],
		// 1.1: Invoke With Native Body chooses a JSON body by default (Titan Text is retired).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{ $parameter["operation"] === "invokeModel" ? "Native body" : "Converse" }}',
		description:
			'Generate text with an Amazon Bedrock model (Claude, Nova, Llama, Mistral, DeepSeek…): send a prompt or a conversation, optionally with images and documents, and get the answer with token usage and estimated cost',
		defaults: { name: 'Bedrock Text' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'awsBedrockApi', required: true, testedBy: 'awsBedrockApiTest' }],
		properties,
	};

	methods = { listSearch, credentialTest: { awsBedrockApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
