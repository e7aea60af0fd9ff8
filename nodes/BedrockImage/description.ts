/**
 * The Bedrock Image node's fields: resource and operation, then per operation the model picker
 * (only models that can do it), the Model Family choice, each family's own fields, and the
 * shared Options.
 *
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

import { compareLabels } from '../shared/labels';
import { modelLocator } from '../shared/modelLocator';
import { OPERATION_KEYS, OPERATIONS, type OperationKey, type Resource } from './actions/operations';
import { optionsProperty } from './actions/options';
import { AUTO_FAMILY } from './actions/resolveModel';
import { familiesFor } from './families';
import type { ImageFamily } from './families/types';
import { searchMethodName } from './methods/listSearch';

// When a family's fields show ------------------------------------------------------------------

interface Scope {
	resource: Resource;
	operation: OperationKey;
}

/** Conditions that match a model ID containing one of the family's markers. */
function containsMarker(family: ImageFamily): DisplayCondition[] {
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

function scopeShow(scope: Scope): NonNullable<IDisplayOptions['show']> {
	return { resource: [scope.resource], operation: [scope.operation] };
}

/** The two copies of each of `fields`, shown for `family` in the operation. */
function familyProperties(
	scope: Scope,
	family: ImageFamily,
	fields: INodeProperties[],
): INodeProperties[] {
	const detected = {
		...scopeShow(scope),
		modelFamily: [AUTO_FAMILY],
		modelId: containsMarker(family),
	};
	const chosen = { ...scopeShow(scope), modelFamily: [family.id] };
	return fields.flatMap((property) => [
		withDisplay(property, detected),
		withDisplay(property, chosen),
	]);
}

// The fields ---------------------------------------------------------------------------------

function operationProperty(resource: Resource, defaultOperation: OperationKey): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		default: defaultOperation,
		options: OPERATION_KEYS.filter((key) => OPERATIONS[key].resource === resource)
			.map((key) => ({
				name: OPERATIONS[key].name,
				value: key,
				action: OPERATIONS[key].action,
				description: OPERATIONS[key].description,
			}))
			.sort((a, b) => compareLabels(a.name, b.name)),
	};
}

function operationProperties(operation: OperationKey): INodeProperties[] {
	const scope: Scope = { resource: OPERATIONS[operation].resource, operation };
	const families = familiesFor(operation);
	return [
		modelLocator({
			searchListMethod: searchMethodName(operation),
			exampleId: families[0].exampleModelId,
			description: `The model to ${OPERATIONS[operation].name.toLowerCase()} with. The list shows the models and inference profiles of the credential's region that can do it. By ARN: application inference profiles, provisioned throughput, custom models (the call goes to the ARN's region).`,
			displayOptions: { show: scopeShow(scope) },
		}),
		{
			displayName: 'Model Family',
			name: 'modelFamily',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: scopeShow(scope) },
			default: AUTO_FAMILY,
			description:
				'Which request format the model takes. Detected from model and profile IDs; choose it for ARNs that do not name their model (provisioned throughput, custom models, and application profiles when neither bedrock:ListInferenceProfiles nor bedrock:GetInferenceProfile is allowed).',
			options: [
				{ name: 'Detect From Model', value: AUTO_FAMILY },
				...families
					.map((family) => ({ name: family.displayName, value: family.id }))
					.sort((a, b) => compareLabels(a.name, b.name)),
			],
		},
		{
			displayName:
				'Pick a model to see its fields. For an ARN that does not name its model, or a model given by an expression, choose the Model Family: the editor cannot tell which fields apply until then.',
			name: 'familyNotice',
			type: 'notice',
			default: '',
			displayOptions: {
				show: { ...scopeShow(scope), modelFamily: [AUTO_FAMILY] },
				hide: { modelId: families.flatMap(containsMarker) },
			},
		},
		...families.flatMap((family) =>
			familyProperties(scope, family, family.tasks[operation]?.properties ?? []),
		),
	];
}

/** Every field of the node: resource, operations, and per operation its model, family and fields. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'image',
		options: [
			{ name: 'Edit', value: 'edit', description: 'Change an existing image' },
			{ name: 'Image', value: 'image', description: 'Create new images' },
		],
	},
	operationProperty('image', 'generate'),
	operationProperty('edit', 'inpaint'),
	...OPERATION_KEYS.filter((operation) => familiesFor(operation).length > 0).flatMap(
		operationProperties,
	),
	optionsProperty,
];
