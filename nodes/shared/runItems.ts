/**
 * Runs a node's per-item work with bounded concurrency and returns the results in input
 * order, each paired to its input item.
 *
 * - `concurrency` bounds the items in their Bedrock calls: 1 makes the calls strictly one after
 *   the other. An item whose calls are over may say so (`callsDone`) and finish its local work
 *   (storing images) while the next item calls Bedrock: at concurrency 1 the store of one image
 *   no longer delays the next call (docs/benchmark.md, per-item overhead). At most
 *   `concurrency` more items are in that last phase.
 * - With "Continue On Fail", a failed item becomes `{ json: { error, … }, pairedItem }` in its
 *   place and the rest go on; otherwise the first failure (in input order) stops the node once
 *   the items already started have settled: nothing paid for is thrown away mid-flight.
 * - A cancelled execution starts no further items.
 * - `admit` (optional) is asked for each item once it may start its calls, with at most
 *   `concurrency` items already calling: an error it returns fails the item in its place, as
 *   if the work had thrown it (a cost budget stops items this way, `./cost/guard.ts`).
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { FieldError, ItemParams } from './fields';
import { BedrockConnection } from './transport/connection';
import { BedrockCallError, toNodeApiError } from './transport/errors';

/**
 * One item's work. `callsDone()` tells the runner the item makes no further Bedrock call, so
 * that the next item may start its calls; it is implied when the work ends.
 */
export type ItemWork = (itemIndex: number, callsDone: () => void) => Promise<INodeExecutionData[]>;

/** Permits handed out in request order. */
function permits(count: number) {
	let free = count;
	const waiting: Array<() => void> = [];
	return {
		acquire: async (): Promise<void> => {
			if (free > 0) {
				free--;
				return;
			}
			await new Promise<void>((resolve) => waiting.push(resolve));
		},
		release: (): void => {
			const next = waiting.shift();
			if (next) next();
			else free++;
		},
	};
}

/** Any error of an item as the n8n error the node reports, tagged with the item. */
export function asNodeError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	if (BedrockCallError.is(error)) return toNodeApiError(context.getNode(), error, itemIndex);
	if (error instanceof FieldError) {
		return new NodeOperationError(context.getNode(), error.message, {
			itemIndex,
			...(error.description ? { description: error.description } : {}),
		});
	}
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	const code = (error.errorResponse as IDataObject | undefined)?.code;
	if (typeof code === 'string') json.code = code;
	const requestId = (error.errorResponse as IDataObject | undefined)?.requestId;
	if (typeof requestId === 'string') json.requestId = requestId;
	return { json, pairedItem: { item: itemIndex } };
}

export interface RunItemsOptions {
	/** An error for an item that must not start (it is not run), or undefined to run it. */
	admit?: (itemIndex: number) => Error | undefined;
}

export async function runItems(
	context: IExecuteFunctions,
	concurrency: number,
	work: ItemWork,
	options: RunItemsOptions = {},
): Promise<INodeExecutionData[]> {
	const itemCount = context.getInputData().length;
	const results: INodeExecutionData[][] = new Array(itemCount);
	const failures = new Map<number, NodeApiError | NodeOperationError>();
	const continueOnFail = context.continueOnFail();
	const signal = context.getExecutionCancelSignal();
	let next = 0;
	const limit = Math.max(1, Math.floor(concurrency) || 1);
	const calling = permits(limit);
	const mayStart = () =>
		next < itemCount && (continueOnFail || failures.size === 0) && !signal?.aborted;

	const worker = async () => {
		for (;;) {
			await calling.acquire();
			if (!mayStart()) {
				calling.release();
				return;
			}
			const itemIndex = next++;
			let holding = true;
			const callsDone = () => {
				if (!holding) return;
				holding = false;
				calling.release();
			};
			try {
				const refusal = options.admit?.(itemIndex);
				if (refusal) throw refusal;
				results[itemIndex] = (await work(itemIndex, callsDone)).map((item) => ({
					...item,
					pairedItem: item.pairedItem ?? { item: itemIndex },
				}));
			} catch (error) {
				const nodeError = asNodeError(context, error, itemIndex);
				if (continueOnFail) results[itemIndex] = [errorItem(nodeError, itemIndex)];
				else failures.set(itemIndex, nodeError);
			} finally {
				callsDone();
			}
		}
	};
	// Twice the workers: one set calling Bedrock, the other finishing items whose calls are done.
	const workers = Math.max(1, Math.min(2 * limit, itemCount));
	await Promise.all(Array.from({ length: workers }, worker));

	if (failures.size > 0) throw failures.get(Math.min(...failures.keys()));
	return results.flatMap((items) => items ?? []);
}

/**
 * `runItems` with the node's Bedrock connection. The credential is read once; when it is
 * broken, every item fails with the same credential error (an error item each under
 * Continue On Fail).
 */
export async function runItemsWithConnection(
	context: IExecuteFunctions,
	concurrency: number,
	work: (
		connection: BedrockConnection,
		itemIndex: number,
		callsDone: () => void,
	) => Promise<INodeExecutionData[]>,
	options: RunItemsOptions = {},
): Promise<INodeExecutionData[]> {
	const connection = await BedrockConnection.fromContext(context).catch((error: unknown) => error);
	return await runItems(
		context,
		concurrency,
		async (itemIndex, callsDone) => {
			if (!(connection instanceof BedrockConnection)) throw connection;
			return await work(connection, itemIndex, callsDone);
		},
		options,
	);
}

/** One operation of a node on one item: `params` are the item's fields, `this` the node's context. */
export type ItemOperation = (
	this: IExecuteFunctions,
	connection: BedrockConnection,
	params: ItemParams,
) => Promise<INodeExecutionData[]>;

/**
 * A node's router: the chosen operation (one per execution: the field takes no expression) over
 * the input items with `runItemsWithConnection`.
 */
export async function runOperation(
	context: IExecuteFunctions,
	operations: Record<string, { execute: ItemOperation }>,
	concurrency: number,
): Promise<INodeExecutionData[][]> {
	const operation = String(context.getNodeParameter('operation', 0));
	if (!Object.hasOwn(operations, operation)) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operation}" is not supported`,
		);
	}
	const { execute } = operations[operation];
	return [
		await runItemsWithConnection(
			context,
			concurrency,
			async (connection, itemIndex) =>
				await execute.call(context, connection, new ItemParams(context, itemIndex)),
		),
	];
}
