/**
 * Runs each input item through the chosen operation, up to Concurrency items at once; the
 * output keeps the input's order and pairing (`runItems`).
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { readRequestSettings } from '../../shared/requestOptions';
import { runItemsWithConnection } from '../../shared/runItems';
import * as converse from './converse.operation';
import * as invokeModel from './invokeModel.operation';

export const operations = { converse, invokeModel };

export type Operation = keyof typeof operations;

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as Operation;
	const handler = operations[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
	const { concurrency } = readRequestSettings(this);
	return [
		await runItemsWithConnection(
			this,
			concurrency,
			async (connection, itemIndex) => await handler.execute.call(this, connection, itemIndex),
		),
	];
}
