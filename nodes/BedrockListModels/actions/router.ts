/**
 * Dispatches each input item to the chosen operation, one item at a time (listing is cheap and
 * parameters may differ per item).
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { runItemsWithConnection } from '../../shared/runItems';
import * as getModel from './getModel.operation';
import * as listFoundationModels from './listFoundationModels.operation';
import * as listInferenceProfiles from './listInferenceProfiles.operation';
import * as listInvocableModels from './listInvocableModels.operation';

export const operations = {
	listFoundationModels,
	getModel,
	listInferenceProfiles,
	listInvocableModels,
};

export type Operation = keyof typeof operations;

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as Operation;
	const handler = operations[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
	return [
		await runItemsWithConnection(
			this,
			1,
			async (connection, itemIndex) => await handler.execute.call(this, connection, itemIndex),
		),
	];
}
