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

export class BedrockImage implements INodeType {
	// The node's identity stays a literal here, where n8n's community lint rules read it; its
	// fields are in ./description.
	description: INodeTypeDescription = {
		displayName: 'Bedrock Image',
		name: 'bedrockImage',
		icon: { light: 'file:bedrockImage.svg', dark: 'file:bedrockImage.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Generate and edit images with Amazon Bedrock (Stability AI’s Stable Image, SD3.5 and image services; Titan Image and Nova Canvas where still offered), images in and out as binary data',
		defaults: { name: 'Bedrock Image' },
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
