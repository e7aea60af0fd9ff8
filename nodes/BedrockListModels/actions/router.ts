/**
 * Dispatches each input item to the chosen operation, one item at a time (listing is cheap and
 * parameters may differ per item).
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperation } from '../../shared/runItems';
import * as getModel from './getModel.operation';
import * as listFoundationModels from './listFoundationModels.operation';
import * as listInferenceProfiles from './listInferenceProfiles.operation';
import * as listInvocableModels from './listInvocableModels.operation';

export const operations = {
	listFoundationModels,
	getModel,
	listInferenceProfiles,
	listInvocableModels,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, operations, 1);
}
