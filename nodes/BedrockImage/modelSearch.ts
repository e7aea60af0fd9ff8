/**
 * The model pickers: the image models and inference profiles of the credential's region,
 * narrowed to those whose family can do the operation. Profiles whose model is unknown are
 * kept: the family is then detected (or chosen) at run time.
 */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { CatalogEntry } from '../shared/modelCatalog';
import { searchModels } from '../shared/modelLocator';
import type { OperationKey } from './actions/operations';
import { familyOfModelId } from './families';

function modelIdsOf(entry: CatalogEntry): string[] {
	return entry.kind === 'foundationModel' ? [entry.modelId] : entry.modelIds;
}

export function canDo(entry: CatalogEntry, operation: OperationKey): boolean {
	const ids = modelIdsOf(entry);
	if (ids.length === 0) return true;
	return ids.some((id) => familyOfModelId(id)?.tasks[operation] !== undefined);
}

export async function searchImageModels(
	context: ILoadOptionsFunctions,
	operation: OperationKey,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchModels(context, 'IMAGE', filter, (entry) => canDo(entry, operation));
}
