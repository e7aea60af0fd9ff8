/**
 * Runs the chosen operation over the input items with the shared item runner: bounded
 * concurrency (jobs in flight), input order and pairing kept, Continue On Fail, cancellation.
 * Generate Video and Start Only start paid jobs and run through the cost guard (Dry Run,
 * Budget (USD) held by estimate, spend report); Get Result and List Jobs start nothing that is
 * billed, so they offer neither.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { runGuarded } from '../../shared/cost';
import { ItemParams } from '../../shared/fields';
import { runItemsWithConnection } from '../../shared/runItems';
import { runsAsTool, toolAnswer } from '../../shared/toolAnswer';
import type { StartingOperation, VideoOperation } from './common';
import * as generate from './generate.operation';
import * as getResult from './getResult.operation';
import * as listJobs from './listJobs.operation';
import { OPTIONS, readVideoSettings, videoRequestOptions } from './options';
import * as start from './start.operation';

export const startingOperations: Record<string, { prepare: StartingOperation }> = {
	generate,
	start,
};

export const freeOperations: Record<string, { execute: VideoOperation }> = {
	getResult,
	listJobs,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = String(this.getNodeParameter('operation', 0));
	// Read once, from the first item: one batch runs with one concurrency and one budget.
	const first = new ItemParams(this, 0);
	const { concurrency } = readVideoSettings(first);
	if (Object.hasOwn(startingOperations, operation)) {
		const { prepare } = startingOperations[operation];
		const { cost } = videoRequestOptions.read(first.in(OPTIONS));
		const items = await runGuarded(
			this,
			{ concurrency, cost, budgetBy: 'estimate' },
			async (connection, itemIndex) => {
				const params = new ItemParams(this, itemIndex);
				return await prepare(this, connection, params, readVideoSettings(params));
			},
		);
		// An AI agent reads only the JSON: a job or a video becomes a short answer it can use
		// (../../shared/toolAnswer); a Dry Run started nothing to describe.
		return [runsAsTool(this) && !cost.dryRun ? toolAnswer(items, 'video') : items];
	}
	if (!Object.hasOwn(freeOperations, operation)) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
	const { execute } = freeOperations[operation];
	const items = await runItemsWithConnection(
		this,
		operation === 'listJobs' ? 1 : concurrency,
		async (connection, itemIndex) => {
			const params = new ItemParams(this, itemIndex);
			return await execute(this, connection, params, readVideoSettings(params));
		},
	);
	// A job list is already an answer an agent can read.
	return [runsAsTool(this) && operation !== 'listJobs' ? toolAnswer(items, 'video') : items];
}
