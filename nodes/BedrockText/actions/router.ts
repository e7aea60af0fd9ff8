/**
 * Runs each input item through the chosen operation, up to Concurrency items at once, through
 * the cost guard (Dry Run, Budget held by the answers' tokens, spend report); the output keeps
 * the input's order and pairing (`runItems`).
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { runGuarded } from '../../shared/cost';
import { ItemParams } from '../../shared/fields';
import { textRequestOptions } from '../textFields';
import * as converse from './converse.operation';
import * as invokeModel from './invokeModel.operation';

export const operations = { converse, invokeModel };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = String(this.getNodeParameter('operation', 0));
	if (!Object.hasOwn(operations, operation)) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
	const { prepare } = operations[operation as keyof typeof operations];
	// Read once, from the first item: one batch runs with one concurrency and one budget.
	const { concurrency, cost } = textRequestOptions.read(new ItemParams(this, 0).in('options'));
	return [
		await runGuarded(
			this,
			{ concurrency, cost, budgetBy: 'usage' },
			async (connection, itemIndex) => await prepare(connection, new ItemParams(this, itemIndex)),
		),
	];
}
