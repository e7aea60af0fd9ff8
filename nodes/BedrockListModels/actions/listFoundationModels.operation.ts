import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	booleanField,
	collectionProperty,
	enumLabel,
	optionsField,
	stringField,
	valueOptions,
} from '../../shared/fields';
import { isServerOutputModality, loadCatalog } from '../../shared/modelCatalog';
import type { ItemOperation } from '../../shared/runItems';
import type { FoundationModelFilters } from '../../shared/transport/connection';
import { listingFields, modelJson, readListingSettings, toItems } from './common';

/**
 * Filters of ListFoundationModels (the API applies provider, output modality, inference and
 * customization type; the node the others, and the VIDEO output modality, which the API's
 * `byOutputModality` does not take), values as the Bedrock API reference lists them:
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListFoundationModels.html
 */
const customizationType = optionsField({
	name: 'customizationType',
	displayName: 'Customization Type',
	default: 'FINE_TUNING',
	options: [
		{ name: 'Continued Pre-Training', value: 'CONTINUED_PRE_TRAINING' },
		{ name: 'Distillation', value: 'DISTILLATION' },
		{ name: 'Fine-Tuning', value: 'FINE_TUNING' },
	],
});

const inferenceType = optionsField({
	name: 'inferenceType',
	displayName: 'Inference Type',
	default: 'ON_DEMAND',
	options: [
		{ name: 'On-Demand', value: 'ON_DEMAND' },
		{ name: 'Provisioned Throughput', value: 'PROVISIONED' },
	],
});

const inputModality = optionsField({
	name: 'inputModality',
	displayName: 'Input Modality',
	default: 'TEXT',
	options: valueOptions(['EMBEDDING', 'IMAGE', 'SPEECH', 'TEXT', 'VIDEO'] as const, enumLabel),
});

const onDemandOnly = booleanField({
	name: 'onDemandOnly',
	displayName: 'Invocable On Demand',
	description:
		'Whether to keep only models that can be called by their model ID (models that need an inference profile are left out)',
	default: true,
});

const lifecycle = optionsField({
	name: 'lifecycle',
	displayName: 'Lifecycle',
	default: 'ACTIVE',
	options: valueOptions(['ACTIVE', 'LEGACY'] as const, enumLabel),
});

const outputModality = optionsField({
	name: 'outputModality',
	displayName: 'Output Modality',
	default: 'IMAGE',
	options: valueOptions(['EMBEDDING', 'IMAGE', 'TEXT', 'VIDEO'] as const, enumLabel),
});

const provider = stringField({
	name: 'provider',
	displayName: 'Provider',
	description: 'Provider name as Bedrock spells it, e.g. Amazon, Anthropic, Meta, Stability AI',
	placeholder: 'e.g. Stability AI',
	pattern: {
		regex: /^[A-Za-z0-9- ]{1,63}$/,
		allowed: 'a provider name of letters, digits, spaces and hyphens (at most 63)',
	},
});

const FILTERS = 'filters';

const properties: INodeProperties[] = [
	collectionProperty(
		FILTERS,
		'Filters',
		[
			customizationType,
			inferenceType,
			inputModality,
			onDemandOnly,
			lifecycle,
			outputModality,
			provider,
		],
		'Add Filter',
	),
	...listingFields,
];

const displayOptions = { show: { operation: ['listFoundationModels'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute: ItemOperation = async function (connection, params) {
	const { itemIndex } = params;
	const filters = params.in(FILTERS);
	const byProvider = provider.read(filters)?.trim();
	const output = outputModality.read(filters);
	const byOutputModality = output && isServerOutputModality(output) ? output : undefined;
	const byInferenceType = inferenceType.read(filters);
	const byCustomizationType = customizationType.read(filters);
	const input = inputModality.read(filters);
	const status = lifecycle.read(filters);
	const onDemand = onDemandOnly.read(filters);
	const settings = readListingSettings(params);
	const serverFilters: FoundationModelFilters = {
		...(byProvider ? { byProvider } : {}),
		...(byOutputModality ? { byOutputModality } : {}),
		...(byInferenceType ? { byInferenceType } : {}),
		...(byCustomizationType ? { byCustomizationType } : {}),
	};
	const catalog = await loadCatalog(connection, { filters: serverFilters });
	// Without the model list there is nothing to show; without profiles only `invokeWith` suffers.
	if (catalog.failures.foundationModels) throw catalog.failures.foundationModels;
	const rows: IDataObject[] = catalog.foundationModels
		.filter((m) => !output || m.outputModalities.includes(output))
		.filter((m) => !input || m.inputModalities.includes(input))
		.filter((m) => !status || m.lifecycle.status === status)
		.filter((m) => !onDemand || m.onDemand)
		.sort((a, b) => a.provider.localeCompare(b.provider) || a.modelId.localeCompare(b.modelId))
		.map((m) => modelJson(m, settings.simplify));
	return toItems(this, itemIndex, rows, settings, catalog.notices);
};
