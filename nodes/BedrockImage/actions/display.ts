/**
 * When the editor shows a family's fields: for the family's models, and only them.
 *
 * n8n's `displayOptions` AND the keys of `show`, so "the model ID belongs to the family, or
 * the user chose the family" cannot be one condition. Each family field is therefore declared
 * twice under the same name (n8n shows whichever copy applies; both hold the same value):
 *
 * - Model Family "Detect From Model" and a model ID that contains one of the family's markers;
 * - Model Family set to this family, whatever the model (ARNs that do not name their model).
 *
 * A `show` condition on a field holding an expression always passes in n8n, so a model given
 * by an expression shows every family's fields until the Model Family is chosen (the notice
 * and the run-time check ask for it).
 */
import type { DisplayCondition, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { AUTO_FAMILY } from '../detection';
import type { ImageFamily } from '../families/types';
import type { OperationKey, Resource } from './operations';

export interface Scope {
	resource: Resource;
	operation: OperationKey;
}

/** Conditions that match a model ID containing one of the family's markers. */
export function containsMarker(family: ImageFamily): DisplayCondition[] {
	return family.modelIdMarkers.map((marker) => ({ _cnd: { includes: marker } }));
}

function withDisplay(property: INodeProperties, show: IDisplayOptions['show']): INodeProperties {
	const own = property.displayOptions;
	return {
		...property,
		displayOptions: {
			// Scope first (resource, operation, family, model), then the field's own conditions.
			show: { ...show, ...own?.show },
			...(own?.hide ? { hide: own.hide } : {}),
		},
	};
}

export function scopeShow(scope: Scope): NonNullable<IDisplayOptions['show']> {
	return { resource: [scope.resource], operation: [scope.operation] };
}

/** The two copies of each of `properties`, shown for `family` in the operation. */
export function familyProperties(
	scope: Scope,
	family: ImageFamily,
	properties: INodeProperties[],
): INodeProperties[] {
	const detected = {
		...scopeShow(scope),
		modelFamily: [AUTO_FAMILY],
		modelId: containsMarker(family),
	};
	const chosen = { ...scopeShow(scope), modelFamily: [family.id] };
	return properties.flatMap((property) => [
		withDisplay(property, detected),
		withDisplay(property, chosen),
	]);
}
