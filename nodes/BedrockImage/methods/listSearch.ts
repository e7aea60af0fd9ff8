/**
 * The model pickers, one per operation: the image models and inference profiles of the
 * credential's region, narrowed to those whose family can do the operation. Profiles whose
 * model is unknown are kept: the family is then detected (or chosen) at run time.
 */
import type { CatalogEntry } from '../../shared/modelCatalog';
import { modelSearchMethod } from '../../shared/modelLocator';
import { OPERATION_KEYS, type OperationKey } from '../actions/operations';
import { familyOfModelId } from '../families';

/** The `methods.listSearch` function of an operation's model picker. */
export function searchMethodName(operation: OperationKey): string {
	return `search${operation.charAt(0).toUpperCase()}${operation.slice(1)}Models`;
}

function modelIdsOf(entry: CatalogEntry): string[] {
	return entry.kind === 'foundationModel' ? [entry.modelId] : entry.modelIds;
}

function canDo(entry: CatalogEntry, operation: OperationKey): boolean {
	const ids = modelIdsOf(entry);
	if (ids.length === 0) return true;
	return ids.some((id) => familyOfModelId(id)?.tasks[operation] !== undefined);
}

export const listSearch = Object.fromEntries(
	OPERATION_KEYS.map((operation) => [
		searchMethodName(operation),
		modelSearchMethod('IMAGE', (entry) => canDo(entry, operation)),
	]),
);
