/**
 * The Bedrock Text node's fields: the operation, the model, and each operation's own fields.
 */
import type { INodeProperties } from 'n8n-workflow';

import * as converse from './actions/converse.operation';
import * as invokeModel from './actions/invokeModel.operation';
import { model } from './textFields';

export const properties: INodeProperties[] = [
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
];
