/**
 * When the editor shows a family's fields: for the family's models, and only them.
 *
 * n8n's `displayOptions` AND the keys of `show` and OR the keys of `hide`, so "the model ID
 * belongs to the family, or the user chose the family" cannot be one condition. Each family
 * field is therefore declared twice under the same name (n8n shows whichever copy applies and
 * both hold the same value):
 *
 * - Model Family "Detect From Model": shown unless the model ID lacks the family's pattern.
 *   Written as a `hide` on purpose: a `show` condition on a field holding an expression always
 *   passes, which would show every family's fields for a model given by expression.
 * - Model Family set to this family: shown whatever the model (ARNs that do not name their model).
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { AUTO_FAMILY } from '../detection';
import type { ImageFamily } from '../families/types';
import type { OperationKey, Resource } from './operations';

export interface Scope {
	resource: Resource;
	operation: OperationKey;
}

/** Matches values that do NOT contain `pattern` (an empty model too). */
export function lacking(pattern: string): string {
	return `^(?![\\s\\S]*(?:${pattern}))`;
}

function withDisplay(property: INodeProperties, display: IDisplayOptions): INodeProperties {
	const own = property.displayOptions;
	return {
		...property,
		displayOptions: {
			// Scope first: resource, operation, family, then the field's own conditions.
			show: { ...display.show, ...own?.show },
			...(display.hide || own?.hide ? { hide: { ...display.hide, ...own?.hide } } : {}),
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
	const detected: IDisplayOptions = {
		show: { ...scopeShow(scope), modelFamily: [AUTO_FAMILY] },
		hide: { modelId: [{ _cnd: { regex: lacking(family.modelIdPattern) } }] },
	};
	const chosen: IDisplayOptions = { show: { ...scopeShow(scope), modelFamily: [family.id] } };
	return properties.flatMap((property) => [
		withDisplay(property, detected),
		withDisplay(property, chosen),
	]);
}
