/**
 * The Bedrock control plane (service `bedrock`, its Smithy service model;
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_Operations_Amazon_Bedrock.html): ListFoundationModels with
 * its four filters, GetFoundationModel, ListInferenceProfiles (paginated with `maxResults`
 * and `nextToken`, filtered by `type`) and GetInferenceProfile.
 */
import {
	type ModelLifecycle,
	type RegionalModel,
	isPastEndOfLife,
	listedModels,
} from './catalog.ts';
import { AwsError, validation } from './errors.ts';
import {
	type InferenceProfile,
	applicationProfiles,
	profileBaseModelId,
	systemProfiles,
} from './inferenceProfiles.ts';
import { INVALID_MODEL_IDENTIFIER } from './modelResolution.ts';
import { Violations } from './runtime/coralValidation.ts';

export interface ControlPlaneContext {
	region: string;
	accountId: string;
	applicationProfiles: Parameters<typeof applicationProfiles>[2];
	/** Page size cap of ListInferenceProfiles (the control API's `maxPageSize`). */
	maxPageSize: number;
	/** The lifecycle date (epoch ms): models past their end of life are not listed. */
	now: number;
}

const CUSTOMIZATION_TYPES = ['FINE_TUNING', 'CONTINUED_PRE_TRAINING', 'DISTILLATION'];
const OUTPUT_MODALITIES = ['TEXT', 'IMAGE', 'EMBEDDING'];
const INFERENCE_TYPES = ['ON_DEMAND', 'PROVISIONED'];
const PROFILE_TYPES = ['SYSTEM_DEFINED', 'APPLICATION'];
const DEFAULT_PAGE_SIZE = 1000;

export function listFoundationModels(
	query: URLSearchParams,
	context: ControlPlaneContext,
): unknown {
	const byProvider = query.get('byProvider') ?? undefined;
	const byCustomizationType = query.get('byCustomizationType') ?? undefined;
	const byOutputModality = query.get('byOutputModality') ?? undefined;
	const byInferenceType = query.get('byInferenceType') ?? undefined;
	const violations = new Violations();
	violations.pattern(byProvider, 'byProvider', '[A-Za-z0-9- ]{1,63}');
	violations.enumValue(byCustomizationType, 'byCustomizationType', CUSTOMIZATION_TYPES);
	violations.enumValue(byOutputModality, 'byOutputModality', OUTPUT_MODALITIES);
	violations.enumValue(byInferenceType, 'byInferenceType', INFERENCE_TYPES);
	violations.throwIfAny();

	const models = listedModels(context.region, context.now).filter(
		(model) =>
			(byProvider === undefined || model.providerName.toLowerCase() === byProvider.toLowerCase()) &&
			(byCustomizationType === undefined ||
				model.customizationsSupported.includes(byCustomizationType)) &&
			(byOutputModality === undefined || model.outputModalities.includes(byOutputModality)) &&
			(byInferenceType === undefined || model.inferenceTypesSupported.includes(byInferenceType)),
	);
	return { modelSummaries: models.map(modelSummary) };
}

/**
 * By model ID or foundation-model ARN of the request region. A model past its end of life is no
 * longer offered: it is answered like an unknown model (no public capture shows otherwise).
 */
export function getFoundationModel(identifier: string, context: ControlPlaneContext): unknown {
	const arn = /^arn:aws:bedrock:([^:]*)::foundation-model\/(.+)$/.exec(identifier);
	const modelId = arn ? (arn[1] === context.region ? arn[2] : undefined) : identifier;
	const model =
		modelId === undefined
			? undefined
			: listedModels(context.region, context.now).find((listed) => listed.modelId === modelId);
	if (!model) throw validation(INVALID_MODEL_IDENTIFIER);
	return { modelDetails: modelSummary(model) };
}

export function listInferenceProfiles(
	query: URLSearchParams,
	context: ControlPlaneContext,
): unknown {
	const maxResultsText = query.get('maxResults');
	const nextToken = query.get('nextToken') ?? undefined;
	const type = query.get('type') ?? undefined;
	const maxResults = maxResultsText === null ? DEFAULT_PAGE_SIZE : Number(maxResultsText);
	const violations = new Violations();
	if (maxResultsText !== null && !Number.isInteger(maxResults))
		violations.add(maxResultsText, 'maxResults', 'Member must be an integer');
	else violations.range(maxResults, 'maxResults', 1, 1000);
	violations.length(nextToken, 'nextToken', 1, 2048);
	violations.enumValue(type, 'typeEquals', PROFILE_TYPES);
	violations.throwIfAny();

	// Without `typeEquals` only the system-defined profiles are listed: application profiles
	// need `typeEquals=APPLICATION` (aws/aws-cli#9728, "service-api" behaviour).
	const profiles = allProfiles(context).filter(
		(profile) => profile.type === (type ?? 'SYSTEM_DEFINED'),
	);
	const offset = nextToken === undefined ? 0 : decodePageToken(nextToken, context.region, type);
	const pageSize = Math.min(maxResults, context.maxPageSize);
	const page = profiles.slice(offset, offset + pageSize);
	const next =
		offset + pageSize < profiles.length
			? encodePageToken(offset + pageSize, context.region, type)
			: undefined;
	return { inferenceProfileSummaries: page, ...(next ? { nextToken: next } : {}) };
}

/** By profile ID or ARN (system or application). */
export function getInferenceProfile(identifier: string, context: ControlPlaneContext): unknown {
	const profile = allProfiles(context).find(
		(candidate) =>
			candidate.inferenceProfileId === identifier || candidate.inferenceProfileArn === identifier,
	);
	if (!profile)
		throw new AwsError('ResourceNotFoundException', `Inference profile ${identifier} not found.`);
	return profile;
}

/**
 * The profiles of the region whose model has not reached its end of life: like their models,
 * they leave the listings (invoking one still answers the end-of-life error, as real calls
 * through `us.` profiles of retired models do).
 */
function allProfiles(context: ControlPlaneContext): InferenceProfile[] {
	return [
		...systemProfiles(context.region, context.accountId),
		...applicationProfiles(context.region, context.accountId, context.applicationProfiles),
	].filter((profile) => !isPastEndOfLife(profileBaseModelId(profile), context.now));
}

/** FoundationModelSummary, members in the service's order. */
function modelSummary(
	model: RegionalModel & { modelLifecycle: ModelLifecycle },
): Record<string, unknown> {
	return {
		modelArn: model.modelArn,
		modelId: model.modelId,
		modelName: model.modelName,
		providerName: model.providerName,
		inputModalities: model.inputModalities,
		outputModalities: model.outputModalities,
		...(model.responseStreamingSupported === undefined
			? {}
			: { responseStreamingSupported: model.responseStreamingSupported }),
		customizationsSupported: model.customizationsSupported,
		inferenceTypesSupported: model.inferenceTypesSupported,
		modelLifecycle: model.modelLifecycle,
	};
}

/**
 * Opaque tokens, as the service's: base64 of the next offset and the listing they belong to.
 * A token from another listing (other region or type filter) is rejected.
 */
function encodePageToken(offset: number, region: string, type: string | undefined): string {
	return Buffer.from(JSON.stringify({ o: offset, r: region, t: type ?? '' }), 'utf8').toString(
		'base64',
	);
}

function decodePageToken(token: string, region: string, type: string | undefined): number {
	try {
		const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as {
			o: unknown;
			r: unknown;
			t: unknown;
		};
		if (typeof parsed.o === 'number' && parsed.r === region && parsed.t === (type ?? ''))
			return parsed.o;
	} catch {
		// Falls through to the error below.
	}
	throw validation('The pagination token in the request is invalid.');
}
