/**
 * Resolves the `{modelId}` of a runtime path (already URL-decoded) to the base foundation
 * model, in the order Bedrock checks: identifier, access, lifecycle, throughput, all before
 * the body is looked at (public error reports, e.g. aws-samples/amazon-bedrock-workshop#340,
 * aws-samples/amazon-bedrock-aistylist-lab#8, and the others in emulator/test/corpus/).
 *
 * Accepted forms: base model ID, system profile ID (`us.`/`eu.`/`apac.`/`global.`), and the
 * ARNs of a foundation model, a system inference profile and an application inference
 * profile. An ARN of another region is an invalid identifier (earendil-works/pi#5527).
 */
import {
	type RegionalModel,
	findRegionalModel,
	foundationModelArn,
	isLegacy,
	isPastEndOfLife,
} from './catalog.ts';
import { AwsError, validation } from './errors.ts';
import {
	type ApplicationProfileConfig,
	type InferenceProfile,
	SYSTEM_PROFILE_PREFIX,
	applicationProfiles,
	findSystemProfile,
	profileBaseModelId,
} from './inferenceProfiles.ts';

export interface ResolvedModel {
	/** What the caller put in the path, URL-decoded. */
	requested: string;
	model: RegionalModel;
	profile?: InferenceProfile;
	/** The ARN IAM evaluates: the foundation model's or the profile's. */
	resourceArn: string;
}

export interface ResolveOptions {
	region: string;
	accountId: string;
	applicationProfiles: ApplicationProfileConfig[];
	accessDeniedModels: readonly string[];
	/** Legacy models the account has not used recently. */
	inactiveLegacyModels: readonly string[];
	/** The lifecycle date (epoch ms). */
	now: number;
}

export const INVALID_MODEL_IDENTIFIER = 'The provided model identifier is invalid.';
/** Same text for InvokeModel and Converse, 404 (real 2026-09 captures: noteflowai/ai-chat-for-amazon-bedrock tests/bedrock-errors.php). */
export const END_OF_LIFE_MESSAGE =
	'This model version has reached the end of its life. Please refer to the AWS documentation for more details.';
/**
 * A Legacy model the account has not used recently: ResourceNotFoundException 404 although the
 * text starts "Access denied", no final period. The day count was 15 in 2026-03
 * (aws-samples/amazon-bedrock-workshop#386) and 30 in 2026-09 (noteflow capture): the newest is used.
 */
export const LEGACY_INACTIVE_MESSAGE =
	'Access denied. This Model is marked by provider as Legacy and you have not been actively using the model in the last 30 days. Please upgrade to an active model on Amazon Bedrock';

/** Identifies the model without access/lifecycle checks (IAM resource, fault matching, logging). */
export function identifyModel(
	requested: string,
	options: ResolveOptions,
): ResolvedModel | undefined {
	const arn = /^arn:aws:bedrock:([^:]*):([^:]*):([a-z-]+)\/(.+)$/.exec(requested);
	if (arn) {
		const [, region, , resourceType, resourceId] = arn;
		if (region !== options.region) return undefined;
		if (resourceType === 'foundation-model') return direct(requested, resourceId, options);
		if (resourceType === 'inference-profile') {
			const resolved = throughSystemProfile(requested, resourceId, options);
			return resolved?.profile?.inferenceProfileArn === requested ? resolved : undefined;
		}
		if (resourceType === 'application-inference-profile') {
			const profile = applicationProfiles(
				options.region,
				options.accountId,
				options.applicationProfiles,
			).find((candidate) => candidate.inferenceProfileArn === requested);
			return profile ? throughProfile(requested, profile, options) : undefined;
		}
		return undefined;
	}
	if (SYSTEM_PROFILE_PREFIX.test(requested))
		return throughSystemProfile(requested, requested, options);
	return direct(requested, requested, options);
}

/** Resolves and checks, throwing the error Bedrock answers. */
export function resolveModel(requested: string, options: ResolveOptions): ResolvedModel {
	const resolved = identifyModel(requested, options);
	if (!resolved) throw validation(INVALID_MODEL_IDENTIFIER);
	const { model, profile } = resolved;
	if (options.accessDeniedModels.includes(model.modelId)) {
		throw new AwsError(
			'AccessDeniedException',
			"You don't have access to the model with the specified model ID.",
		);
	}
	if (isPastEndOfLife(model.modelId, options.now))
		throw new AwsError('ResourceNotFoundException', END_OF_LIFE_MESSAGE);
	if (isLegacy(model.modelId, options.now) && options.inactiveLegacyModels.includes(model.modelId))
		throw new AwsError('ResourceNotFoundException', LEGACY_INACTIVE_MESSAGE);
	if (!profile && !model.inferenceTypesSupported.includes('ON_DEMAND')) {
		if (model.inferenceTypesSupported.includes('INFERENCE_PROFILE')) {
			// The apostrophe is U+2019 in the real message (anthropics/anthropic-sdk-python#894).
			throw validation(
				`Invocation of model ID ${model.modelId} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
			);
		}
		throw validation("The provided model doesn't support on-demand throughput.");
	}
	return resolved;
}

function direct(
	requested: string,
	modelId: string,
	options: ResolveOptions,
): ResolvedModel | undefined {
	const model = findRegionalModel(options.region, modelId);
	return model
		? { requested, model, resourceArn: foundationModelArn(options.region, modelId) }
		: undefined;
}

function throughSystemProfile(
	requested: string,
	profileId: string,
	options: ResolveOptions,
): ResolvedModel | undefined {
	const profile = findSystemProfile(options.region, options.accountId, profileId);
	return profile ? throughProfile(requested, profile, options) : undefined;
}

function throughProfile(
	requested: string,
	profile: InferenceProfile,
	options: ResolveOptions,
): ResolvedModel | undefined {
	const baseModelId = profileBaseModelId(profile);
	// A profile routes to the model in several regions; its lifecycle and capabilities are read
	// from the request region, or from the first member region when the request region is only a source.
	const memberRegion = profile.models
		.map((member) => member.modelArn.split(':')[3])
		.find((region) => findRegionalModel(region, baseModelId));
	const model =
		findRegionalModel(options.region, baseModelId) ??
		(memberRegion ? findRegionalModel(memberRegion, baseModelId) : undefined);
	return model
		? { requested, model, profile, resourceArn: profile.inferenceProfileArn }
		: undefined;
}
