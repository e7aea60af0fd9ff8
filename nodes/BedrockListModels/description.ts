/**
 * The Bedrock List Models node's fields: the operation and each operation's own fields.
 */
import type { INodeProperties } from 'n8n-workflow';

import * as getModel from './actions/getModel.operation';
import * as listFoundationModels from './actions/listFoundationModels.operation';
import * as listInferenceProfiles from './actions/listInferenceProfiles.operation';
import * as listInvocableModels from './actions/listInvocableModels.operation';

export const properties: INodeProperties[] = [
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
];
