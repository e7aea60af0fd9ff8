/**
 * Runs each input item through the chosen operation, up to Concurrency items at once; the
 * output keeps the input's order and pairing (`runItems`).
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { readRequestSettings } from '../../shared/requestOptions';
import { runItems } from '../../shared/runItems';
import { BedrockConnection } from '../../shared/transport/connection';
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
	const connection = await BedrockConnection.fromContext(this).catch((error: unknown) => error);
	return [
		await runItems(this, concurrency, async (itemIndex) => {
			if (!(connection instanceof BedrockConnection)) throw connection;
			return await handler.execute.call(this, connection, itemIndex);
		}),
	];
}
