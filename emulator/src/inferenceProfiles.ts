/**
 * Inference profiles (ListInferenceProfiles / GetInferenceProfile, and model IDs such as
 * `us.anthropic.claude-3-7-sonnet-20250219-v1:0` or application-inference-profile ARNs).
 *
 * System-defined profiles are derived from the catalog: a geography's profile for a model
 * exists in each of the geography's regions that offer the model with the
 * `INFERENCE_PROFILE` inference type, and routes to the model in every such region of the
 * geography. Application profiles are configured (defaults below).
 */
import { describeModel, foundationModelArn, regionModels } from './catalog.ts';

export interface InferenceProfile {
	inferenceProfileName: string;
	description?: string;
	createdAt: string;
	updatedAt: string;
	inferenceProfileArn: string;
	models: Array<{ modelArn: string }>;
	inferenceProfileId: string;
	status: 'ACTIVE';
	type: 'SYSTEM_DEFINED' | 'APPLICATION';
}

/** An application inference profile: `arn:aws:bedrock:{region}:{account}:application-inference-profile/{id}`. */
export interface ApplicationProfileConfig {
	region: string;
	/** 12 lower-case letters/digits, like the IDs Bedrock generates. */
	id: string;
	name: string;
	description?: string;
	/** A base model ID or system profile ID offered in `region` ("copyFrom" of CreateInferenceProfile). */
	copyFrom: string;
}

export const DEFAULT_APPLICATION_PROFILES: ApplicationProfileConfig[] = [
	{
		region: 'us-east-1',
		id: 'emunovalite1',
		name: 'team-a-nova-lite',
		copyFrom: 'amazon.nova-lite-v1:0',
	},
	{
		region: 'us-east-1',
		id: 'emuclaude371',
		name: 'team-a-claude-3-7',
		description: 'Cost tracking for team A',
		copyFrom: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
	},
	{
		region: 'us-west-2',
		id: 'emusd35large',
		name: 'marketing-sd35',
		copyFrom: 'stability.sd3-5-large-v1:0',
	},
	{
		region: 'us-west-2',
		id: 'emutitanexp1',
		name: 'support-titan-express',
		copyFrom: 'amazon.titan-text-express-v1',
	},
];

export const GEOGRAPHY_REGIONS: Record<string, string[]> = {
	us: ['us-east-1', 'us-east-2', 'us-west-2'],
	eu: ['eu-west-1', 'eu-central-1', 'eu-west-3'],
	apac: ['ap-northeast-1', 'ap-southeast-2', 'ap-south-1'],
};
const GEOGRAPHY_LABELS: Record<string, string> = {
	us: 'US',
	eu: 'EU',
	apac: 'APAC',
	global: 'GLOBAL',
};
/** Models with a `global.` profile (routes to any commercial region). */
const GLOBAL_PROFILE_MODELS = new Set([
	'anthropic.claude-sonnet-4-20250514-v1:0',
	'anthropic.claude-sonnet-4-5-20250929-v1:0',
	'anthropic.claude-haiku-4-5-20251001-v1:0',
	'anthropic.claude-opus-4-8',
	'anthropic.claude-sonnet-5',
	'amazon.nova-2-lite-v1:0',
]);
const PROFILE_TIMESTAMP = '2025-06-01T00:00:00Z';

export const SYSTEM_PROFILE_PREFIX = /^(us|eu|apac|global)\.(.+)$/;

export function inferenceProfileArn(region: string, accountId: string, profileId: string): string {
	return `arn:aws:bedrock:${region}:${accountId}:inference-profile/${profileId}`;
}

export function applicationProfileArn(region: string, accountId: string, id: string): string {
	return `arn:aws:bedrock:${region}:${accountId}:application-inference-profile/${id}`;
}

const systemProfileCache = new Map<string, InferenceProfile[]>();

/** The system-defined profiles listed in `region`, in catalog order. */
export function systemProfiles(region: string, accountId: string): InferenceProfile[] {
	const key = `${region}|${accountId}`;
	let profiles = systemProfileCache.get(key);
	if (!profiles) {
		profiles = buildSystemProfiles(region, accountId);
		systemProfileCache.set(key, profiles);
	}
	return profiles;
}

function buildSystemProfiles(region: string, accountId: string): InferenceProfile[] {
	const profiles: InferenceProfile[] = [];
	const geographies = Object.keys(GEOGRAPHY_REGIONS).filter((geo) =>
		GEOGRAPHY_REGIONS[geo].includes(region),
	);
	for (const model of regionModels(region)) {
		if (!model.inferenceTypesSupported.includes('INFERENCE_PROFILE')) continue;
		for (const geo of geographies) {
			const memberRegions = GEOGRAPHY_REGIONS[geo].filter((member) =>
				offersThroughProfile(member, model.modelId),
			);
			profiles.push(
				systemProfile(
					region,
					accountId,
					geo,
					model.modelId,
					memberRegions.map((member) => foundationModelArn(member, model.modelId)),
				),
			);
		}
		if (GLOBAL_PROFILE_MODELS.has(model.modelId)) {
			// The global profile lists one region-less model ARN: it may route to any commercial region.
			profiles.push(
				systemProfile(region, accountId, 'global', model.modelId, [
					`arn:aws:bedrock:::foundation-model/${model.modelId}`,
				]),
			);
		}
	}
	return profiles;
}

export function findSystemProfile(
	region: string,
	accountId: string,
	profileId: string,
): InferenceProfile | undefined {
	return systemProfiles(region, accountId).find(
		(profile) => profile.inferenceProfileId === profileId,
	);
}

/** The application profiles of `region`; a profile whose source is not offered there is skipped. */
export function applicationProfiles(
	region: string,
	accountId: string,
	configs: ApplicationProfileConfig[],
): InferenceProfile[] {
	const profiles: InferenceProfile[] = [];
	for (const config of configs) {
		if (config.region !== region) continue;
		const models = sourceModelArns(region, accountId, config.copyFrom);
		if (!models) continue;
		profiles.push({
			inferenceProfileName: config.name,
			...(config.description ? { description: config.description } : {}),
			createdAt: PROFILE_TIMESTAMP,
			updatedAt: PROFILE_TIMESTAMP,
			inferenceProfileArn: applicationProfileArn(region, accountId, config.id),
			models: models.map((modelArn) => ({ modelArn })),
			inferenceProfileId: config.id,
			status: 'ACTIVE',
			type: 'APPLICATION',
		});
	}
	return profiles;
}

/** The base model an inference profile routes to (all its model ARNs name the same model). */
export function profileBaseModelId(profile: InferenceProfile): string {
	const arn = profile.models[0].modelArn;
	return arn.slice(arn.indexOf('foundation-model/') + 'foundation-model/'.length);
}

function offersThroughProfile(region: string, modelId: string): boolean {
	return regionModels(region).some(
		(model) =>
			model.modelId === modelId && model.inferenceTypesSupported.includes('INFERENCE_PROFILE'),
	);
}

function systemProfile(
	region: string,
	accountId: string,
	geo: string,
	modelId: string,
	modelArns: string[],
): InferenceProfile {
	const description = describeModel(modelId);
	const modelName = description
		? `${description.providerName === 'Anthropic' ? 'Anthropic ' : ''}${description.modelName}`
		: modelId;
	const where =
		geo === 'global'
			? 'any commercial AWS Region'
			: modelArns.map((arn) => arn.split(':')[3]).join(', ');
	const profileId = `${geo}.${modelId}`;
	return {
		inferenceProfileName: `${GEOGRAPHY_LABELS[geo]} ${modelName}`,
		description: `Routes requests to ${modelName} in ${where}.`,
		createdAt: PROFILE_TIMESTAMP,
		updatedAt: PROFILE_TIMESTAMP,
		inferenceProfileArn: inferenceProfileArn(region, accountId, profileId),
		models: modelArns.map((modelArn) => ({ modelArn })),
		inferenceProfileId: profileId,
		status: 'ACTIVE',
		type: 'SYSTEM_DEFINED',
	};
}

function sourceModelArns(
	region: string,
	accountId: string,
	copyFrom: string,
): string[] | undefined {
	if (SYSTEM_PROFILE_PREFIX.test(copyFrom)) {
		return findSystemProfile(region, accountId, copyFrom)?.models.map((model) => model.modelArn);
	}
	return regionModels(region).some((model) => model.modelId === copyFrom)
		? [foundationModelArn(region, copyFrom)]
		: undefined;
}
