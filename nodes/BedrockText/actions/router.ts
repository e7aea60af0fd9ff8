/**
 * Runs each input item through the chosen operation, up to Concurrency items at once; the
 * output keeps the input's order and pairing (`runItems`).
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ItemParams } from '../../shared/fields';
import { runOperation } from '../../shared/runItems';
import { textRequestOptions } from '../textFields';
import * as converse from './converse.operation';
import * as invokeModel from './invokeModel.operation';

export const operations = { converse, invokeModel };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// Read once, from the first item: one batch runs with one concurrency.
	const { concurrency } = textRequestOptions.read(new ItemParams(this, 0).in('options'));
	return await runOperation(this, operations, concurrency);
}
