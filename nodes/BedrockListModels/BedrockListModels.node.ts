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

export class BedrockListModels implements INodeType {
	// The node's identity stays a literal here, where n8n's community lint rules read it; its
	// fields are in ./description.
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
		properties,
	};

	methods = { listSearch, credentialTest: { awsBedrockApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
