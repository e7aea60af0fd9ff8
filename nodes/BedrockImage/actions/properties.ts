/**
 * The Bedrock Image node's fields: resource and operation, then per operation the model picker
 * (only models that can do it), the Model Family choice, each family's own fields, and the
 * shared Options.
 */
import type { INodeProperties } from 'n8n-workflow';

import { compareLabels } from '../../shared/labels';
import { modelLocator } from '../../shared/modelLocator';
import { AUTO_FAMILY } from '../detection';
import { familiesFor } from '../families';
import { containsMarker, familyProperties, scopeShow, type Scope } from './display';
import { OPERATION_KEYS, OPERATIONS, type OperationKey, type Resource } from './operations';
import { optionsProperty } from './options';

/** The `methods.listSearch` function of an operation's model picker. */
export function searchMethodName(operation: OperationKey): string {
	return `search${operation.charAt(0).toUpperCase()}${operation.slice(1)}Models`;
}

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
export const imageProperties: INodeProperties[] = [
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
