/**
 * Runs the chosen operation over the input items through the cost guard (Dry Run, Budget,
 * spend report) and the shared item runner: bounded concurrency, input order and pairing kept,
 * Continue On Fail, cancellation.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { runGuarded } from '../../shared/cost';
import { ItemParams } from '../../shared/fields';
import { prepareImageItem } from './runImageItem';
import { isOperationKey } from './operations';
import { imageRequestOptions, OPTIONS } from './options';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0);
	if (!isOperationKey(operation)) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${String(operation)}" is not supported`,
		);
	}
	// Read once, from the first item: one batch runs with one concurrency, call policy and budget.
	const settings = imageRequestOptions.read(new ItemParams(this, 0).in(OPTIONS));
	return [
		await runGuarded(
			this,
			{ concurrency: settings.concurrency, cost: settings.cost, budgetBy: 'estimate' },
			async (connection, itemIndex) =>
				await prepareImageItem(this, { connection, operation, call: settings.call }, itemIndex),
		),
	];
}
