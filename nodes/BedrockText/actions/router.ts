/**
 * Runs each input item through the chosen operation, up to Concurrency items at once; the
 * output keeps the input's order and pairing (`runItems`).
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { ItemParams } from '../../shared/fields';
import { runItemsWithConnection } from '../../shared/runItems';
import * as converse from './converse.operation';
import * as invokeModel from './invokeModel.operation';
import { textRequestOptions } from '../textFields';

export const operations = { converse, invokeModel };

export type Operation = keyof typeof operations;

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as Operation;
	const handler = operations[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
	const { concurrency } = textRequestOptions.read(new ItemParams(this, 0).in('options'));
	return [
		await runItemsWithConnection(
			this,
			concurrency,
			async (connection, itemIndex) => await handler.execute.call(this, connection, itemIndex),
		),
	];
}
