/**
 * Fields and output shaping shared by the List Models operations.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { successorOf } from '../../shared/aws/successors';
import { booleanField, resultLimitFields, type ItemParams } from '../../shared/fields';
import {
	ASYNC_INVOKE_OPERATION,
	lifecycleLabel,
	type Catalog,
	type FoundationModelEntry,
	type InferenceProfileEntry,
	type Lifecycle,
} from '../../shared/modelCatalog';

/**
 * `asyncInvoke` on every entry, so a workflow can branch on it; the operation to start a call
 * with beside it when the model is invoked asynchronously (video: StartAsyncInvoke).
 */
export function invocationJson(asyncInvoke: boolean): IDataObject {
	return asyncInvoke ? { asyncInvoke, invokeOperation: ASYNC_INVOKE_OPERATION } : { asyncInvoke };
}

const resultLimit = resultLimitFields(true);
const limitOf = (max: number) => (Number.isFinite(max) ? { limit: max } : {});

const simplify = booleanField({
	name: 'simplify',
	displayName: 'Simplify',
	description:
		'Whether to return a few fields per model (ID to invoke with, name, provider, lifecycle) instead of everything Bedrock returns',
	default: true,
});

export const listingFields: INodeProperties[] = [...resultLimit.properties, simplify.property];

export interface ListingSettings {
	limit?: number;
	simplify: boolean;
}

export function readListingSettings(params: ItemParams): ListingSettings {
	return {
		...limitOf(resultLimit.read(params)),
		simplify: simplify.read(params) ?? true,
	};
}

/**
 * A model's lifecycle as the catalog reports it, and for a model that is not Active a notice in
 * words ("Legacy, end of life 2026-09-30", "End of life since 2025-05-20") and AWS's successor.
 */
function lifecycleFields(
	lifecycle: Lifecycle | undefined,
	modelId: string | undefined,
): IDataObject {
	if (!lifecycle) return {};
	const notice = lifecycleLabel(lifecycle);
	const successor = notice ? successorOf(modelId) : undefined;
	return {
		lifecycleStatus: lifecycle.status,
		...(lifecycle.endOfLifeTime ? { endOfLifeTime: lifecycle.endOfLifeTime } : {}),
		...(notice ? { lifecycleNotice: notice } : {}),
		...(successor ? { successor: successor.text } : {}),
	};
}

export function modelJson(model: FoundationModelEntry, simplify: boolean): IDataObject {
	const simple: IDataObject = {
		modelId: model.modelId,
		name: model.name,
		provider: model.provider,
		outputModalities: model.outputModalities,
		...lifecycleFields(model.lifecycle, model.modelId),
		onDemand: model.onDemand,
		invokeWith: model.invokeWith,
		...invocationJson(model.asyncInvoke),
	};
	if (simplify) return simple;
	return {
		...simple,
		kind: model.kind,
		modelArn: model.modelArn,
		inputModalities: model.inputModalities,
		responseStreamingSupported: model.responseStreamingSupported ?? null,
		inferenceTypes: model.inferenceTypes,
		customizations: model.customizations,
		lifecycle: { ...model.lifecycle },
	};
}

export function profileJson(
	profile: InferenceProfileEntry,
	simplify: boolean,
	catalog?: Catalog,
): IDataObject {
	const models = profile.modelIds.map((id) =>
		catalog?.foundationModels.find((m) => m.modelId === id),
	);
	const simple: IDataObject = {
		invokeWith: profile.invokeWith,
		name: profile.name,
		kind: profile.kind,
		modelIds: profile.modelIds,
		regions: profile.regions,
		...lifecycleFields(profile.lifecycle, profile.modelIds[0]),
		...invocationJson(profile.asyncInvoke),
	};
	if (simplify) return simple;
	return {
		...simple,
		profileId: profile.profileId,
		profileArn: profile.profileArn,
		status: profile.status,
		...(profile.description ? { description: profile.description } : {}),
		outputModalities: profile.outputModalities,
		providers: [...new Set(models.map((m) => m?.provider).filter((p): p is string => !!p))],
		...(profile.lifecycle ? { lifecycle: { ...profile.lifecycle } } : {}),
	};
}

/** Items out, limited, paired, with the catalog's notices shown as hints and on each item. */
export function toItems(
	context: IExecuteFunctions,
	itemIndex: number,
	rows: IDataObject[],
	settings: ListingSettings,
	notices: string[] = [],
): INodeExecutionData[] {
	if (notices.length > 0) {
		context.addExecutionHints(
			...notices.map((message) => ({
				message,
				type: 'warning' as const,
				location: 'outputPane' as const,
			})),
		);
	}
	const limited = settings.limit === undefined ? rows : rows.slice(0, settings.limit);
	return limited.map((json) => ({
		json: notices.length > 0 ? { ...json, notices } : json,
		pairedItem: { item: itemIndex },
	}));
}
