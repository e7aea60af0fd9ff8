/**
 * Runs the chosen operation over the input items with the shared item runner: bounded
 * concurrency, input order and pairing kept, Continue On Fail, cancellation.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { readRequestSettings } from '../../shared/requestOptions';
import { runItemsWithConnection } from '../../shared/runItems';
import { runImageItem } from './execute';
import { isOperationKey } from './operations';
import { IMAGE_CONCURRENCY, OPTIONS } from './options';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0);
	if (!isOperationKey(operation)) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${String(operation)}" is not supported`,
		);
	}
	const settings = readRequestSettings(this, OPTIONS, 0, IMAGE_CONCURRENCY);
	return [
		await runItemsWithConnection(
			this,
			settings.concurrency,
			async (connection, itemIndex, callsDone) =>
				await runImageItem(
					this,
					{ connection, operation, call: settings.call, callsDone },
					itemIndex,
				),
		),
	];
}
