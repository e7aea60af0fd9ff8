/**
 * The "Model" field of the Bedrock nodes: a resource locator with three modes (from the
 * account's list, by ID, by ARN), and the search that fills the list from the model catalog.
 */
import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { fingerprint } from './credentials';
import type { ItemParams } from './fields';
import {
	type CatalogEntry,
	filterByOutput,
	isPastEndOfLife,
	lifecycleLabel,
	loadCatalog,
	type Catalog,
	type OutputModality,
} from './modelCatalog';
import { BedrockConnection } from './transport/connection';
import { BedrockCallError, toNodeApiError } from './transport/errors';

/** Base model IDs, system profile IDs (`us.…`), and provisioned/imported model IDs. */
const MODEL_ID_PATTERN = '^[a-zA-Z0-9][a-zA-Z0-9._:\\-/]{1,2047}$';
const BEDROCK_ARN_PATTERN = '^arn:aws(-[a-z-]+)?:bedrock:[a-z0-9-]+:\\d{0,12}:[a-z-]+/.+$';

export interface ModelLocatorOptions {
	/** The `methods.listSearch` function that lists the models. */
	searchListMethod: string;
	/** Example model ID for the "By ID" placeholder. */
	exampleId: string;
	name?: string;
	displayName?: string;
	description?: string;
	default?: string;
	displayOptions?: INodeProperties['displayOptions'];
}

export function modelLocator(options: ModelLocatorOptions): INodeProperties {
	return {
		displayName: options.displayName ?? 'Model',
		name: options.name ?? 'modelId',
		type: 'resourceLocator',
		default: { mode: options.default ? 'id' : 'list', value: options.default ?? '' },
		required: true,
		description:
			options.description ??
			'A foundation model, a cross-region inference profile (us., eu., apac., global.) or, by ARN, an application inference profile, provisioned throughput or custom model. An ARN sends the call to the ARN’s region.',
		...(options.displayOptions ? { displayOptions: options.displayOptions } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${options.exampleId}`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: MODEL_ID_PATTERN,
							errorMessage: 'Not a Bedrock model or inference profile ID',
						},
					},
				],
			},
			{
				displayName: 'By ARN',
				name: 'arn',
				type: 'string',
				placeholder:
					'e.g. arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6',
				validation: [
					{
						type: 'regex',
						properties: { regex: BEDROCK_ARN_PATTERN, errorMessage: 'Not a Bedrock ARN' },
					},
				],
			},
		],
	};
}

/** The model field's value for an item (expressions resolved), trimmed. */
export function getModelId(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'modelId',
): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return typeof value === 'string' ? value.trim() : String(value ?? '').trim();
}

/** The model of an item; an empty field stops the item before anything is sent. */
export function requiredModelId(params: ItemParams): string {
	const modelId = getModelId(params.context, params.itemIndex);
	if (!modelId) {
		params.fail(
			'Model is empty',
			'Pick a model from the list, or give a model ID, inference profile ID or ARN.',
		);
	}
	return modelId;
}

/** The pickers call the list on every keystroke; the catalog changes rarely. */
const CACHE_TTL_MS = 60_000;
const catalogCache = new Map<string, { at: number; catalog: Promise<Catalog> }>();

export async function cachedCatalog(connection: BedrockConnection): Promise<Catalog> {
	const key = `${fingerprint(connection.credentials)}|${connection.credentials.region}`;
	const hit = catalogCache.get(key);
	if (hit && Date.now() - hit.at < CACHE_TTL_MS) return await hit.catalog;
	const catalog = loadCatalog(connection);
	catalogCache.set(key, { at: Date.now(), catalog });
	catalog.catch(() => catalogCache.delete(key));
	return await catalog;
}

function matchesFilter(item: INodeListSearchItems, filter?: string): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return `${item.name} ${String(item.value)} ${item.description ?? ''}`
		.toLowerCase()
		.includes(needle);
}

/** Picker entries for the models and profiles whose output includes `modality`. */
export function toSearchItems(
	catalog: Catalog,
	modality?: OutputModality,
	accept: (entry: CatalogEntry) => boolean = () => true,
): INodeListSearchItems[] {
	const items: INodeListSearchItems[] = [];
	for (const entry of filterByOutput(catalog, modality)) {
		// A model past its end of life answers every call with an error: not worth offering.
		if (!accept(entry) || isPastEndOfLife(entry.lifecycle)) continue;
		if (entry.kind === 'foundationModel') {
			// Models without on-demand throughput appear through the profiles that serve them.
			if (!entry.onDemand) continue;
			const label = lifecycleLabel(entry.lifecycle);
			items.push({
				name: `${entry.name} (${entry.modelId})${label ? ` [${label}]` : ''}`,
				value: entry.modelId,
				description: `${entry.provider} foundation model`,
			});
		} else {
			const label = lifecycleLabel(entry.lifecycle);
			items.push({
				name: `${entry.name} (${entry.kind === 'applicationProfile' ? 'application profile' : entry.profileId})${label ? ` [${label}]` : ''}`,
				value: entry.invokeWith,
				description:
					entry.kind === 'applicationProfile'
						? `Application inference profile for ${entry.modelIds.join(', ')}`
						: `Inference profile across ${entry.regions.join(', ') || 'several regions'}`,
			});
		}
	}
	return items.sort((a, b) => a.name.localeCompare(b.name));
}

/** A `listSearch` method body: the catalog of the credential's region, filtered. */
export async function searchModels(
	context: ILoadOptionsFunctions,
	modality: OutputModality | undefined,
	filter?: string,
	/** Narrows the list further, e.g. to the models that can do a node's operation. */
	accept?: (entry: CatalogEntry) => boolean,
): Promise<INodeListSearchResult> {
	try {
		const catalog = await cachedCatalog(await BedrockConnection.fromContext(context));
		return {
			results: toSearchItems(catalog, modality, accept).filter((item) =>
				matchesFilter(item, filter),
			),
		};
	} catch (error) {
		if (BedrockCallError.is(error)) throw toNodeApiError(context.getNode(), error);
		throw new NodeApiError(context.getNode(), { message: String(error) });
	}
}

/** A `methods.listSearch` function: the models of `modality` (all without), narrowed by `accept`. */
export function modelSearchMethod(
	modality?: OutputModality,
	accept?: (entry: CatalogEntry) => boolean,
): (this: ILoadOptionsFunctions, filter?: string) => Promise<INodeListSearchResult> {
	return async function (this: ILoadOptionsFunctions, filter?: string) {
		return await searchModels(this, modality, filter, accept);
	};
}
