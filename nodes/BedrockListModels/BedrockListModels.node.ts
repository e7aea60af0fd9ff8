import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeListSearchResult,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { awsBedrockApiTest } from '../shared/credentialTest';
import { searchModels } from '../shared/modelLocator';
import { description } from './actions/description';
import { router } from './actions/router';

export class BedrockListModels implements INodeType {
	description: INodeTypeDescription = description;

	methods = {
		listSearch: {
			async searchAllModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
				return await searchModels(this, undefined, filter);
			},
		},
		credentialTest: { awsBedrockApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
