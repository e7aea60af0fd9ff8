/**
 * Runs a node's per-item work with bounded concurrency and returns the results in input
 * order, each paired to its input item.
 *
 * - `concurrency` 1 runs strictly one item after the other.
 * - With "Continue On Fail", a failed item becomes `{ json: { error, … }, pairedItem }` in its
 *   place and the rest go on; otherwise the first failure (in input order) stops the node once
 *   the items already started have settled: nothing paid for is thrown away mid-flight.
 * - A cancelled execution starts no further items.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { BedrockConnection } from './transport/connection';
import { BedrockCallError, toNodeApiError } from './transport/errors';

export type ItemWork = (itemIndex: number) => Promise<INodeExecutionData[]>;

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

export async function runItems(
	context: IExecuteFunctions,
	concurrency: number,
	work: ItemWork,
): Promise<INodeExecutionData[]> {
	const itemCount = context.getInputData().length;
	const results: INodeExecutionData[][] = new Array(itemCount);
	const failures = new Map<number, NodeApiError | NodeOperationError>();
	const continueOnFail = context.continueOnFail();
	const signal = context.getExecutionCancelSignal();
	let next = 0;

	const worker = async () => {
		while (next < itemCount && (continueOnFail || failures.size === 0) && !signal?.aborted) {
			const itemIndex = next++;
			try {
				results[itemIndex] = (await work(itemIndex)).map((item) => ({
					...item,
					pairedItem: item.pairedItem ?? { item: itemIndex },
				}));
			} catch (error) {
				const nodeError = asNodeError(context, error, itemIndex);
				if (continueOnFail) results[itemIndex] = [errorItem(nodeError, itemIndex)];
				else failures.set(itemIndex, nodeError);
			}
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, itemCount));
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
	work: (connection: BedrockConnection, itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const connection = await BedrockConnection.fromContext(context).catch((error: unknown) => error);
	return await runItems(context, concurrency, async (itemIndex) => {
		if (!(connection instanceof BedrockConnection)) throw connection;
		return await work(connection, itemIndex);
	});
}
