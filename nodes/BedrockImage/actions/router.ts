/**
 * Runs the chosen operation over the input items with the shared item runner: bounded
 * concurrency, input order and pairing kept, Continue On Fail, cancellation.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { ItemParams } from '../../shared/fields';
import { runItemsWithConnection } from '../../shared/runItems';
import { runsAsTool, toolAnswer } from '../../shared/toolAnswer';
import { runImageItem } from './runImageItem';
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
	// Read once, from the first item: one batch runs with one concurrency and one call policy.
	const settings = imageRequestOptions.read(new ItemParams(this, 0).in(OPTIONS));
	const items = await runItemsWithConnection(
		this,
		settings.concurrency,
		async (connection, itemIndex, callsDone, parallel) =>
			await runImageItem(
				this,
				{ connection, operation, call: settings.call, callsDone, parallel },
				itemIndex,
			),
	);
	// An AI agent reads only the JSON: it gets a short answer it can use (../../shared/toolAnswer).
	return [runsAsTool(this) ? toolAnswer(items, 'image') : items];
}
