/**
 * What this account can invoke in a region: foundation models and inference profiles merged
 * into one list, each entry with the exact ID to invoke it with. The List Models node and the
 * model pickers of Bedrock Image and Bedrock Text all read it from here.
 *
 * The two list calls need two permissions (bedrock:ListFoundationModels,
 * bedrock:ListInferenceProfiles); when one is missing the other's result is still returned,
 * with a notice that names the missing permission.
 */
import type { FoundationModelSummary, InferenceProfileSummary } from '@aws-sdk/client-bedrock';

import { parseBedrockArn } from './aws/regions';
import type { CallOptions } from './transport/call';
import type { BedrockConnection, FoundationModelFilters } from './transport/connection';
import { BedrockCallError } from './transport/errors';

export type OutputModality = 'TEXT' | 'IMAGE' | 'EMBEDDING' | 'VIDEO';

export interface Lifecycle {
	status: string;
	startOfLifeTime?: string;
	legacyTime?: string;
	endOfLifeTime?: string;
	publicExtendedAccessTime?: string;
}

export interface FoundationModelEntry {
	kind: 'foundationModel';
	modelId: string;
	modelArn: string;
	name: string;
	provider: string;
	inputModalities: string[];
	outputModalities: string[];
	responseStreamingSupported?: boolean;
	inferenceTypes: string[];
	customizations: string[];
	lifecycle: Lifecycle;
	/** Whether the model ID itself can be invoked (ON_DEMAND). */
	onDemand: boolean;
	/** The IDs to invoke it with: the model ID when on demand works, else the profiles that serve it. */
	invokeWith: string[];
}

export interface InferenceProfileEntry {
	kind: 'systemProfile' | 'applicationProfile';
	/** Profile ID (`us.amazon.nova-pro-v1:0`) or, for application profiles, the ID part of the ARN. */
	profileId: string;
	profileArn: string;
	name: string;
	description?: string;
	status: string;
	/** Base model IDs the profile routes to. */
	modelIds: string[];
	/** Regions the profile routes to. */
	regions: string[];
	/** The value to put in a node's model field: the profile ID, or the ARN for application profiles. */
	invokeWith: string;
	/** Lifecycle of the model it serves (the worst of them), when known. */
	lifecycle?: Lifecycle;
	outputModalities: string[];
}

export type CatalogEntry = FoundationModelEntry | InferenceProfileEntry;

export interface Catalog {
	region: string;
	foundationModels: FoundationModelEntry[];
	profiles: InferenceProfileEntry[];
	/** Why part of the catalog is missing (a permission the identity lacks). */
	notices: string[];
	/** The failures behind the notices, for callers that cannot do without one half. */
	failures: { foundationModels?: unknown; profiles?: unknown };
}

function isoDate(value: Date | string | undefined): string | undefined {
	if (value === undefined) return undefined;
	const date = value instanceof Date ? value : new Date(value);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function toLifecycle(summary: FoundationModelSummary): Lifecycle {
	const lifecycle = summary.modelLifecycle as
		| (NonNullable<FoundationModelSummary['modelLifecycle']> &
				Record<string, Date | string | undefined>)
		| undefined;
	const result: Lifecycle = { status: String(lifecycle?.status ?? 'ACTIVE') };
	for (const key of [
		'startOfLifeTime',
		'legacyTime',
		'endOfLifeTime',
		'publicExtendedAccessTime',
	] as const) {
		const value = isoDate(lifecycle?.[key]);
		if (value) result[key] = value;
	}
	return result;
}

/**
 * `arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0` → `amazon.nova-pro-v1:0`.
 * Global profiles list their models with an empty region (`arn:aws:bedrock:::foundation-model/…`).
 */
export function modelIdFromArn(arn: string): string {
	const foundationModel = /:foundation-model\/(.+)$/.exec(arn);
	if (foundationModel) return foundationModel[1];
	return parseBedrockArn(arn)?.resourceId ?? arn;
}

function lifecycleRank(lifecycle?: Lifecycle): number {
	if (isPastEndOfLife(lifecycle)) return 2;
	return lifecycle?.status === 'LEGACY' ? 1 : 0;
}

function toProfileEntry(
	profile: InferenceProfileSummary,
	models: Map<string, FoundationModelEntry>,
): InferenceProfileEntry {
	const memberArns = (profile.models ?? []).map((model) => model.modelArn ?? '').filter(Boolean);
	const modelIds = [...new Set(memberArns.map(modelIdFromArn))];
	const regions = [
		...new Set(
			memberArns.map((arn) => parseBedrockArn(arn)?.region).filter((r): r is string => !!r),
		),
	];
	const members = modelIds
		.map((id) => models.get(id))
		.filter((m): m is FoundationModelEntry => !!m);
	const worst = members.sort((a, b) => lifecycleRank(b.lifecycle) - lifecycleRank(a.lifecycle))[0];
	const isApplication = profile.type === 'APPLICATION';
	const arn = profile.inferenceProfileArn ?? '';
	return {
		kind: isApplication ? 'applicationProfile' : 'systemProfile',
		profileId: profile.inferenceProfileId ?? modelIdFromArn(arn),
		profileArn: arn,
		name: profile.inferenceProfileName ?? profile.inferenceProfileId ?? arn,
		...(profile.description ? { description: profile.description } : {}),
		status: String(profile.status ?? 'ACTIVE'),
		modelIds,
		regions,
		invokeWith: isApplication ? arn : (profile.inferenceProfileId ?? arn),
		...(worst ? { lifecycle: worst.lifecycle } : {}),
		outputModalities: [...new Set(members.flatMap((m) => m.outputModalities))],
	};
}

function permissionNotice(error: unknown, permission: string): string {
	if (BedrockCallError.is(error) && error.code === 'AccessDeniedException') {
		return `The credential lacks ${permission}, so this list is incomplete (${error.message}).`;
	}
	const message = BedrockCallError.is(error) ? error.message : String(error);
	return `${permission.replace('bedrock:', '')} failed, so this list is incomplete: ${message}`;
}

export interface CatalogOptions {
	/** Server-side filters of ListFoundationModels. */
	filters?: FoundationModelFilters;
	region?: string;
	/** Timeout and attempts of each list call (default: the transport's). */
	call?: CallOptions;
}

/**
 * Lists foundation models and inference profiles of a region and joins them.
 * @throws {BedrockCallError} only when both lists fail
 */
export async function loadCatalog(
	connection: BedrockConnection,
	options: CatalogOptions = {},
): Promise<Catalog> {
	const region = options.region ?? connection.credentials.region;
	const [modelsResult, systemResult, applicationResult] = await Promise.allSettled([
		connection.listFoundationModels(options.filters ?? {}, options.call, region),
		connection.listInferenceProfiles('SYSTEM_DEFINED', options.call, region),
		connection.listInferenceProfiles('APPLICATION', options.call, region),
	]);
	const notices: string[] = [];
	if (modelsResult.status === 'rejected') {
		notices.push(permissionNotice(modelsResult.reason, 'bedrock:ListFoundationModels'));
	}
	const profilesFailed = [systemResult, applicationResult].find((r) => r.status === 'rejected');
	if (profilesFailed?.status === 'rejected') {
		notices.push(permissionNotice(profilesFailed.reason, 'bedrock:ListInferenceProfiles'));
	}
	if (modelsResult.status === 'rejected' && profilesFailed) throw modelsResult.reason;

	const summaries = modelsResult.status === 'fulfilled' ? modelsResult.value : [];
	const models = new Map<string, FoundationModelEntry>();
	for (const summary of summaries) {
		const inferenceTypes = (summary.inferenceTypesSupported ?? []).map(String);
		const modelId = summary.modelId ?? modelIdFromArn(summary.modelArn ?? '');
		models.set(modelId, {
			kind: 'foundationModel',
			modelId,
			modelArn: summary.modelArn ?? '',
			name: summary.modelName ?? modelId,
			provider: summary.providerName ?? '',
			inputModalities: (summary.inputModalities ?? []).map(String),
			outputModalities: (summary.outputModalities ?? []).map(String),
			...(summary.responseStreamingSupported !== undefined
				? { responseStreamingSupported: summary.responseStreamingSupported }
				: {}),
			inferenceTypes,
			customizations: (summary.customizationsSupported ?? []).map(String),
			lifecycle: toLifecycle(summary),
			onDemand: inferenceTypes.includes('ON_DEMAND'),
			invokeWith: [],
		});
	}

	const profileSummaries = [systemResult, applicationResult].flatMap((r) =>
		r.status === 'fulfilled' ? r.value : [],
	);
	const seen = new Set<string>();
	const profiles = profileSummaries
		.filter((p) => {
			const key = p.inferenceProfileArn ?? p.inferenceProfileId ?? '';
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		})
		.map((p) => toProfileEntry(p, models));

	for (const model of models.values()) {
		const servedBy = profiles.filter(
			(p) => p.kind === 'systemProfile' && p.modelIds.includes(model.modelId),
		);
		model.invokeWith = model.onDemand ? [model.modelId] : servedBy.map((p) => p.invokeWith);
	}
	const failures: Catalog['failures'] = {};
	if (modelsResult.status === 'rejected') failures.foundationModels = modelsResult.reason;
	if (profilesFailed?.status === 'rejected') failures.profiles = profilesFailed.reason;
	return { region, foundationModels: [...models.values()], profiles, notices, failures };
}

/** Entries whose output includes a modality; profiles whose models are unknown are kept. */
export function filterByOutput(catalog: Catalog, modality?: OutputModality): CatalogEntry[] {
	const matches = (outputs: string[]) =>
		!modality || outputs.length === 0 || outputs.includes(modality);
	return [
		...catalog.foundationModels.filter((m) => !modality || m.outputModalities.includes(modality)),
		...catalog.profiles.filter((p) => matches(p.outputModalities)),
	];
}

/**
 * Whether Bedrock no longer serves the model: its end of life has passed. Bedrock reports such
 * a model as LEGACY with a past `endOfLifeTime` (the API knows ACTIVE and LEGACY only,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_FoundationModelLifecycle.html);
 * any other status than those two is read as retired too.
 */
export function isPastEndOfLife(lifecycle: Lifecycle | undefined, now = Date.now()): boolean {
	if (!lifecycle) return false;
	if (lifecycle.status !== 'ACTIVE' && lifecycle.status !== 'LEGACY') return true;
	const eol = lifecycle.endOfLifeTime ? Date.parse(lifecycle.endOfLifeTime) : NaN;
	return !Number.isNaN(eol) && eol <= now;
}

/**
 * The lifecycle for display, undefined for active models: "Legacy, end of life 2026-09-30",
 * "End of life since 2025-05-20", "Legacy".
 */
export function lifecycleLabel(lifecycle?: Lifecycle, now = Date.now()): string | undefined {
	if (!lifecycle || lifecycle.status === 'ACTIVE') return undefined;
	const eol = lifecycle.endOfLifeTime?.slice(0, 10);
	if (isPastEndOfLife(lifecycle, now)) return eol ? `End of life since ${eol}` : 'End of life';
	return eol ? `Legacy, end of life ${eol}` : 'Legacy';
}
