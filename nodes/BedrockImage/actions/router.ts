/**
 * Runs the chosen operation over the input items with the shared item runner: bounded
 * concurrency, input order and pairing kept, Continue On Fail, cancellation.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { readRequestSettings } from '../../shared/requestOptions';
import { runItems } from '../../shared/runItems';
import { BedrockConnection } from '../../shared/transport/connection';
import type { ProfileLookups } from '../detection';
import { runImageItem } from './execute';
import { isOperationKey } from './operations';
import { OPTIONS } from './options';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0);
	if (!isOperationKey(operation)) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${String(operation)}" is not supported`,
		);
	}
	const settings = readRequestSettings(this, OPTIONS);
	// A credential problem fails every item the same way, each as its own (error) item.
	const connection = await BedrockConnection.fromContext(this).catch((error: unknown) => error);
	const lookups: ProfileLookups = new Map();
	return [
		await runItems(this, settings.concurrency, async (itemIndex) => {
			if (!(connection instanceof BedrockConnection)) throw connection;
			return await runImageItem(
				this,
				{ connection, operation, call: settings.call, lookups },
				itemIndex,
			);
		}),
	];
}
