/**
 * The Model field, shared by both operations: text-output models and profiles in the picker.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { getModelId, modelLocator } from '../../shared/modelLocator';
import { InvalidParameterError } from '../parameters';

export const SEARCH_METHOD = 'searchTextModels';

export const modelField = modelLocator({
	searchListMethod: SEARCH_METHOD,
	exampleId: 'amazon.nova-lite-v1:0',
});

/** The model of an item; an empty field fails before anything is sent. */
export function requiredModelId(context: IExecuteFunctions, itemIndex: number): string {
	const modelId = getModelId(context, itemIndex);
	if (!modelId) {
		throw new InvalidParameterError(
			'Model',
			'Model is empty: pick a model from the list, or give a model ID, inference profile ID or ARN',
		);
	}
	return modelId;
}
