/**
 * The registry: every model family the node knows, in the order the Model Family option lists
 * them. A new family is one file (its vendor's folder) and one line here.
 */
import type { OperationKey } from '../actions/operations';
import { novaCanvas } from './amazon/novaCanvas';
import { titanImageV1, titanImageV2 } from './amazon/titanImage';
import { sdxl } from './stability/sdxl';
import { STABILITY_SERVICES } from './stability/stabilityServices';
import { sd3, stableImageCoreUltra } from './stability/stableImage';
import type { FamilyTask, ImageFamily } from './types';

/** Current models first: the first family of an operation gives its "By ID" example. */
export const FAMILIES: readonly ImageFamily[] = [
	stableImageCoreUltra,
	sd3,
	...STABILITY_SERVICES,
	novaCanvas,
	titanImageV2,
	titanImageV1,
	sdxl,
];

export function familyById(id: string): ImageFamily | undefined {
	return FAMILIES.find((family) => family.id === id);
}

/** The families that can do an operation. */
export function familiesFor(operation: OperationKey): ImageFamily[] {
	return FAMILIES.filter((family) => family.tasks[operation] !== undefined);
}

/** The family one of whose markers the ID, profile ID or ARN contains, if any. */
export function familyOfModelId(modelId: string): ImageFamily | undefined {
	return FAMILIES.find((family) =>
		family.modelIdMarkers.some((marker) => modelId.includes(marker)),
	);
}

export function taskOf(family: ImageFamily, operation: OperationKey): FamilyTask | undefined {
	return family.tasks[operation];
}
