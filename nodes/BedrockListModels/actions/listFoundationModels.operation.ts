import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { loadCatalog } from '../../shared/modelCatalog';
import type { BedrockConnection, FoundationModelFilters } from '../../shared/transport/connection';
import { listingFields, modelJson, readListingSettings, toItems } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Customization Type',
				name: 'customizationType',
				type: 'options',
				default: 'FINE_TUNING',
				options: [
					{ name: 'Continued Pre-Training', value: 'CONTINUED_PRE_TRAINING' },
					{ name: 'Distillation', value: 'DISTILLATION' },
					{ name: 'Fine-Tuning', value: 'FINE_TUNING' },
				],
			},
			{
				displayName: 'Inference Type',
				name: 'inferenceType',
				type: 'options',
				default: 'ON_DEMAND',
				options: [
					{ name: 'On-Demand', value: 'ON_DEMAND' },
					{ name: 'Provisioned Throughput', value: 'PROVISIONED' },
				],
			},
			{
				displayName: 'Input Modality',
				name: 'inputModality',
				type: 'options',
				default: 'TEXT',
				options: [
					{ name: 'Embedding', value: 'EMBEDDING' },
					{ name: 'Image', value: 'IMAGE' },
					{ name: 'Speech', value: 'SPEECH' },
					{ name: 'Text', value: 'TEXT' },
					{ name: 'Video', value: 'VIDEO' },
				],
			},
			{
				displayName: 'Invocable On Demand',
				name: 'onDemandOnly',
				type: 'boolean',
				default: true,
				description:
					'Whether to keep only models that can be called by their model ID (models that need an inference profile are left out)',
			},
			{
				displayName: 'Lifecycle',
				name: 'lifecycle',
				type: 'options',
				default: 'ACTIVE',
				options: [
					{ name: 'Active', value: 'ACTIVE' },
					{ name: 'Legacy', value: 'LEGACY' },
				],
			},
			{
				displayName: 'Output Modality',
				name: 'outputModality',
				type: 'options',
				default: 'IMAGE',
				options: [
					{ name: 'Embedding', value: 'EMBEDDING' },
					{ name: 'Image', value: 'IMAGE' },
					{ name: 'Text', value: 'TEXT' },
				],
			},
			{
				displayName: 'Provider',
				name: 'provider',
				type: 'string',
				default: '',
				placeholder: 'e.g. Stability AI',
				description:
					'Provider name as Bedrock spells it, e.g. Amazon, Anthropic, Meta, Stability AI',
			},
		],
	},
	...listingFields,
];

const displayOptions = { show: { operation: ['listFoundationModels'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface Filters {
	customizationType?: string;
	inferenceType?: string;
	inputModality?: string;
	onDemandOnly?: boolean;
	lifecycle?: string;
	outputModality?: string;
	provider?: string;
}

export async function execute(
	this: IExecuteFunctions,
	connection: BedrockConnection,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as Filters;
	const settings = readListingSettings(this, itemIndex);
	// The API filters by provider, output modality, inference and customization type itself.
	const serverFilters: FoundationModelFilters = {
		...(filters.provider?.trim() ? { byProvider: filters.provider.trim() } : {}),
		...(filters.outputModality ? { byOutputModality: filters.outputModality as never } : {}),
		...(filters.inferenceType ? { byInferenceType: filters.inferenceType as never } : {}),
		...(filters.customizationType
			? { byCustomizationType: filters.customizationType as never }
			: {}),
	};
	const catalog = await loadCatalog(connection, { filters: serverFilters });
	// Without the model list there is nothing to show; without profiles only `invokeWith` suffers.
	if (catalog.failures.foundationModels) throw catalog.failures.foundationModels;
	const rows: IDataObject[] = catalog.foundationModels
		.filter((m) => !filters.inputModality || m.inputModalities.includes(filters.inputModality))
		.filter((m) => !filters.lifecycle || m.lifecycle.status === filters.lifecycle)
		.filter((m) => !filters.onDemandOnly || m.onDemand)
		.sort((a, b) => a.provider.localeCompare(b.provider) || a.modelId.localeCompare(b.modelId))
		.map((m) => modelJson(m, settings.simplify));
	return toItems(this, itemIndex, rows, settings, catalog.notices);
}
