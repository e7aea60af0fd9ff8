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

export class BedrockVideo implements INodeType {
	// The node's identity stays a literal here, where n8n's community lint rules read it; its
	// fields are in ./description.
	description: INodeTypeDescription = {
		displayName: 'Bedrock Video',
		name: 'bedrockVideo',
		icon: { light: 'file:bedrockVideo.svg', dark: 'file:bedrockVideo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'Generate videos with Amazon Bedrock (Luma Ray2, Amazon Nova Reel) through its asynchronous API, MP4 out as binary data',
		defaults: { name: 'Bedrock Video' },
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
