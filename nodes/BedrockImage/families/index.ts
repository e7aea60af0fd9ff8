/**
 * Every model family the node knows, in the order the Model Family option lists them. A new
 * family is one file and one line here.
 */
import type { OperationKey } from '../actions/operations';
import { sdxl } from './sdxl';
import { sd3, stableImageCoreUltra } from './stableImage';
import type { FamilyTask, ImageFamily } from './types';

export const FAMILIES: readonly ImageFamily[] = [sdxl, sd3, stableImageCoreUltra];

export function familyById(id: string): ImageFamily | undefined {
	return FAMILIES.find((family) => family.id === id);
}

/** The families that can do an operation. */
export function familiesFor(operation: OperationKey): ImageFamily[] {
	return FAMILIES.filter((family) => family.tasks[operation] !== undefined);
}

/** The family whose pattern the ID, profile ID or ARN contains, if any. */
export function familyOfModelId(modelId: string): ImageFamily | undefined {
	return FAMILIES.find((family) => new RegExp(family.modelIdPattern).test(modelId));
}

export function taskOf(family: ImageFamily, operation: OperationKey): FamilyTask | undefined {
	return family.tasks[operation];
}
