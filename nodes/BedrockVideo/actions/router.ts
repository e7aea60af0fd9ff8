/**
 * Runs the chosen operation over the input items with the shared item runner: bounded
 * concurrency (jobs in flight), input order and pairing kept, Continue On Fail, cancellation.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { ItemParams } from '../../shared/fields';
import { runItemsWithConnection } from '../../shared/runItems';
import { runsAsTool, toolAnswer } from '../../shared/toolAnswer';
import type { VideoOperation } from './common';
import * as generate from './generate.operation';
import * as getResult from './getResult.operation';
import * as listJobs from './listJobs.operation';
import { readVideoSettings } from './options';
import * as start from './start.operation';

export const operations: Record<string, { execute: VideoOperation }> = {
	generate,
	start,
	getResult,
	listJobs,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = String(this.getNodeParameter('operation', 0));
	if (!Object.hasOwn(operations, operation)) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
	const { execute } = operations[operation];
	// Read once, from the first item: one batch runs with one concurrency.
	const { concurrency } = readVideoSettings(new ItemParams(this, 0));
	const items = await runItemsWithConnection(
		this,
		operation === 'listJobs' ? 1 : concurrency,
		async (connection, itemIndex) => {
			const params = new ItemParams(this, itemIndex);
			return await execute(this, connection, params, readVideoSettings(params));
		},
	);
	// An AI agent reads only the JSON: a job or a video becomes a short answer it can use
	// (../../shared/toolAnswer); a job list is already one.
	return [runsAsTool(this) && operation !== 'listJobs' ? toolAnswer(items, 'video') : items];
}
