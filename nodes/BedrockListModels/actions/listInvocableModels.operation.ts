import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { booleanField, optionsField } from '../../shared/fields';
import { filterByOutput, isPastEndOfLife, loadCatalog } from '../../shared/modelCatalog';
import type { ItemOperation } from '../../shared/runItems';
import { listingFields, modelJson, profileJson, readListingSettings, toItems } from './common';

const outputModality = optionsField({
	name: 'outputModality',
	displayName: 'Output Modality',
	default: 'IMAGE',
	options: [
		{ name: 'Any', value: 'ANY' },
		{ name: 'Embedding', value: 'EMBEDDING' },
		{ name: 'Image', value: 'IMAGE', description: 'Models for the Bedrock Image node' },
		{ name: 'Text', value: 'TEXT', description: 'Models for the Bedrock Text node' },
	],
});

const includeLegacy = booleanField({
	name: 'includeLegacy',
	displayName: 'Include Legacy Models',
	description:
		'Whether to include models in Legacy lifecycle (still callable until their end of life). Models past their end of life are never listed: Bedrock refuses every call to them.',
	default: true,
});

const properties: INodeProperties[] = [
	outputModality.property,
	includeLegacy.property,
	...listingFields,
];

const displayOptions = { show: { operation: ['listInvocableModels'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * One item per thing that can be invoked: on-demand foundation models by model ID, system
 * profiles by profile ID, application profiles by ARN. Models that need a profile appear
 * through their profiles, each carrying the model ID it serves.
 */
export const execute: ItemOperation = async function (connection, params) {
	const { itemIndex } = params;
	const modality = outputModality.read(params) ?? 'IMAGE';
	const withLegacy = includeLegacy.read(params) ?? true;
	const settings = readListingSettings(params);
	const catalog = await loadCatalog(connection);

	const rows: IDataObject[] = [];
	for (const entry of filterByOutput(catalog, modality === 'ANY' ? undefined : modality)) {
		if (isPastEndOfLife(entry.lifecycle)) continue;
		if (!withLegacy && entry.lifecycle?.status === 'LEGACY') continue;
		if (entry.kind === 'foundationModel') {
			if (!entry.onDemand) continue;
			rows.push({
				...modelJson(entry, settings.simplify),
				kind: 'foundationModel',
				invokeWith: entry.modelId,
			});
		} else {
			const served = entry.modelIds
				.map((id) => catalog.foundationModels.find((m) => m.modelId === id))
				.filter((m) => m !== undefined);
			rows.push({
				...profileJson(entry, settings.simplify, catalog),
				...(served[0] ? { modelName: served[0].name, provider: served[0].provider } : {}),
				requiresProfile: served.length > 0 && served.every((m) => !m.onDemand),
			});
		}
	}
	rows.sort(
		(a, b) =>
			String(a.provider ?? '').localeCompare(String(b.provider ?? '')) ||
			String(a.invokeWith).localeCompare(String(b.invokeWith)),
	);
	return toItems(this, itemIndex, rows, settings, catalog.notices);
};
