/**
 * The emulator's per-region model catalog: which foundation models each region offers and with
 * which inference types. Lifecycle status and dates are not stored here: they come from the
 * lifecycle table (`catalog/lifecycle.ts`, AWS's published dates) and the emulator's clock, so
 * a model past its end of life leaves the listings and answers the end-of-life error.
 *
 * The model descriptions come from a ListFoundationModels capture (us-east-1, May 2025,
 * `catalog/seedModels.ts`) plus the models that appeared since (current Stability models, the
 * 13 Stability image services, Claude 4.x and 5, Nova 2 Lite). The region plan below is
 * ILLUSTRATIVE: plausible and stable so that tests are predictable, documented in
 * docs/emulator.md, not a copy of AWS's current availability tables.
 */
import { lifecycleAt, statusAt, type ModelLifecycle } from './catalog/lifecycle.ts';
import { SEED_MODELS } from './catalog/seedModels.ts';
import type { ModelDescription, RegionalModel } from './catalog/types.ts';

export type { ModelDescription, ModelLifecycle, RegionalModel } from './catalog/types.ts';

const ON_DEMAND = ['ON_DEMAND'];
const PROFILE_ONLY = ['INFERENCE_PROFILE'];
const ON_DEMAND_AND_PROFILE = ['ON_DEMAND', 'INFERENCE_PROFILE'];

function imageService(id: string, name: string, inputs: string[]): ModelDescription {
	return {
		modelId: `stability.${id}-v1:0`,
		modelName: name,
		providerName: 'Stability AI',
		inputModalities: inputs,
		outputModalities: ['IMAGE'],
		customizationsSupported: [],
		inferenceTypesSupported: PROFILE_ONLY,
	};
}

function stabilityTextToImage(modelId: string, name: string, inputs: string[]): ModelDescription {
	return {
		modelId,
		modelName: name,
		providerName: 'Stability AI',
		inputModalities: inputs,
		outputModalities: ['IMAGE'],
		customizationsSupported: [],
		inferenceTypesSupported: ON_DEMAND,
	};
}

function claude(modelId: string, name: string): ModelDescription {
	return {
		modelId,
		modelName: name,
		providerName: 'Anthropic',
		inputModalities: ['TEXT', 'IMAGE'],
		outputModalities: ['TEXT'],
		responseStreamingSupported: true,
		customizationsSupported: [],
		inferenceTypesSupported: PROFILE_ONLY,
	};
}

/**
 * Models released after the seed capture (IDs: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-3-5-large.html
 * and the other Stability parameter pages, https://docs.aws.amazon.com/bedrock/latest/userguide/stable-image-services.html;
 * Claude 4.x model IDs from AWS's model-ids page).
 */
const ADDED_MODELS: ModelDescription[] = [
	stabilityTextToImage('stability.sd3-large-v1:0', 'SD3 Large 1.0', ['TEXT', 'IMAGE']),
	stabilityTextToImage('stability.sd3-5-large-v1:0', 'Stable Diffusion 3.5 Large', [
		'TEXT',
		'IMAGE',
	]),
	stabilityTextToImage('stability.stable-image-core-v1:0', 'Stable Image Core 1.0', ['TEXT']),
	stabilityTextToImage('stability.stable-image-core-v1:1', 'Stable Image Core 1.1', ['TEXT']),
	stabilityTextToImage('stability.stable-image-ultra-v1:0', 'Stable Image Ultra 1.0', ['TEXT']),
	stabilityTextToImage('stability.stable-image-ultra-v1:1', 'Stable Image Ultra 1.1', ['TEXT']),
	imageService('stable-conservative-upscale', 'Stable Image Conservative Upscale', [
		'TEXT',
		'IMAGE',
	]),
	imageService('stable-creative-upscale', 'Stable Image Creative Upscale', ['TEXT', 'IMAGE']),
	imageService('stable-fast-upscale', 'Stable Image Fast Upscale', ['IMAGE']),
	imageService('stable-outpaint', 'Stable Image Outpaint', ['TEXT', 'IMAGE']),
	imageService('stable-image-inpaint', 'Stable Image Inpaint', ['TEXT', 'IMAGE']),
	imageService('stable-image-erase-object', 'Stable Image Erase Object', ['IMAGE']),
	imageService('stable-image-remove-background', 'Stable Image Remove Background', ['IMAGE']),
	imageService('stable-image-search-recolor', 'Stable Image Search and Recolor', ['TEXT', 'IMAGE']),
	imageService('stable-image-search-replace', 'Stable Image Search and Replace', ['TEXT', 'IMAGE']),
	imageService('stable-image-control-sketch', 'Stable Image Control Sketch', ['TEXT', 'IMAGE']),
	imageService('stable-image-control-structure', 'Stable Image Control Structure', [
		'TEXT',
		'IMAGE',
	]),
	imageService('stable-image-style-guide', 'Stable Image Style Guide', ['TEXT', 'IMAGE']),
	imageService('stable-style-transfer', 'Stable Image Style Transfer', ['TEXT', 'IMAGE']),
	claude('anthropic.claude-sonnet-4-20250514-v1:0', 'Claude Sonnet 4'),
	claude('anthropic.claude-sonnet-4-5-20250929-v1:0', 'Claude Sonnet 4.5'),
	claude('anthropic.claude-haiku-4-5-20251001-v1:0', 'Claude Haiku 4.5'),
	// The IDs real calls used: a dated ID for Opus 4.1 (llmgateway PR#3229), short IDs for the 2026
	// models (langchain-aws test cassettes of 2026-07, awslabs/startups PR#131).
	claude('anthropic.claude-opus-4-1-20250805-v1:0', 'Claude Opus 4.1'),
	claude('anthropic.claude-opus-4-8', 'Claude Opus 4.8'),
	claude('anthropic.claude-sonnet-5', 'Claude Sonnet 5'),
	{
		modelId: 'amazon.nova-2-lite-v1:0',
		modelName: 'Nova 2 Lite',
		providerName: 'Amazon',
		inputModalities: ['TEXT', 'IMAGE', 'VIDEO'],
		outputModalities: ['TEXT'],
		responseStreamingSupported: true,
		customizationsSupported: [],
		inferenceTypesSupported: PROFILE_ONLY,
	},
	// SDXL 0.8 and its unversioned alias (a saved 2024-02 ListFoundationModels output lists both, ON_DEMAND).
	sdxlPreview('stability.stable-diffusion-xl-v0'),
	sdxlPreview('stability.stable-diffusion-xl'),
	// Preview since 2025-12-02; text and images out, through Converse
	// (https://aws.amazon.com/about-aws/whats-new/2025/12/amazon-nova-2-omni-preview/). Called
	// through the `us.` inference profile in public code; the base ID follows Nova 2's scheme.
	{
		modelId: 'amazon.nova-2-omni-v1:0',
		modelName: 'Nova 2 Omni',
		providerName: 'Amazon',
		inputModalities: ['TEXT', 'IMAGE', 'VIDEO', 'SPEECH'],
		outputModalities: ['TEXT', 'IMAGE'],
		responseStreamingSupported: true,
		customizationsSupported: [],
		inferenceTypesSupported: PROFILE_ONLY,
	},
	// StartAsyncInvoke only, in us-west-2 only
	// (https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-luma-ai-ray2.html).
	{
		modelId: 'luma.ray-v2:0',
		modelName: 'Ray v2',
		providerName: 'Luma AI',
		inputModalities: ['TEXT', 'IMAGE'],
		outputModalities: ['VIDEO'],
		responseStreamingSupported: false,
		customizationsSupported: [],
		inferenceTypesSupported: ON_DEMAND,
	},
];

function sdxlPreview(modelId: string): ModelDescription {
	return {
		modelId,
		modelName: 'SDXL 0.8',
		providerName: 'Stability AI',
		inputModalities: ['TEXT', 'IMAGE'],
		outputModalities: ['IMAGE'],
		customizationsSupported: [],
		inferenceTypesSupported: ON_DEMAND,
	};
}

const DESCRIPTIONS = new Map<string, ModelDescription>(
	[...SEED_MODELS, ...ADDED_MODELS].map((model) => [model.modelId, model]),
);

export const STABILITY_TEXT_TO_IMAGE = [
	'stability.sd3-large-v1:0',
	'stability.sd3-5-large-v1:0',
	'stability.stable-image-core-v1:0',
	'stability.stable-image-core-v1:1',
	'stability.stable-image-ultra-v1:0',
	'stability.stable-image-ultra-v1:1',
];
export const STABILITY_IMAGE_SERVICES = ADDED_MODELS.filter(
	(model) =>
		model.inferenceTypesSupported.includes('INFERENCE_PROFILE') &&
		model.providerName === 'Stability AI',
).map((model) => model.modelId);
const SDXL = ['stability.stable-diffusion-xl-v1'];
const SDXL_PREVIEW = ['stability.stable-diffusion-xl-v0', 'stability.stable-diffusion-xl'];
const TITAN_IMAGE = ['amazon.titan-image-generator-v1', 'amazon.titan-image-generator-v2:0'];
const NOVA_CANVAS = ['amazon.nova-canvas-v1:0'];
/**
 * Nova Reel v1:1 (multi-shot) only in us-east-1 (with v1:0, from the seed list); v1:0 also in
 * eu-west-1 and ap-northeast-1 (https://docs.aws.amazon.com/nova/latest/userguide/video-generation.html).
 */
const NOVA_REEL_V1_0 = ['amazon.nova-reel-v1:0'];
/** Seen working from us-east-1 and us-west-2 through `us.amazon.nova-2-omni-v1:0`. */
const NOVA_2_OMNI = ['amazon.nova-2-omni-v1:0'];
const NOVA_TEXT = ['amazon.nova-micro-v1:0', 'amazon.nova-lite-v1:0', 'amazon.nova-pro-v1:0'];
const TITAN_TEXT = [
	'amazon.titan-text-express-v1',
	'amazon.titan-text-lite-v1',
	'amazon.titan-text-premier-v1:0',
];
const CLAUDE_PROFILE_ONLY = [
	'anthropic.claude-3-7-sonnet-20250219-v1:0',
	'anthropic.claude-sonnet-4-20250514-v1:0',
	'anthropic.claude-sonnet-4-5-20250929-v1:0',
	'anthropic.claude-haiku-4-5-20251001-v1:0',
];
/** Text models of 2025-26 offered in the US regions through `us.` and `global.` profiles. */
const RECENT_US_PROFILE_ONLY = [
	'anthropic.claude-opus-4-1-20250805-v1:0',
	'anthropic.claude-opus-4-8',
	'anthropic.claude-sonnet-5',
	'amazon.nova-2-lite-v1:0',
];
const US_PROFILE_ONLY_TEXT = [
	'anthropic.claude-3-5-haiku-20241022-v1:0',
	'anthropic.claude-3-5-sonnet-20241022-v2:0',
	'deepseek.r1-v1:0',
	'amazon.nova-premier-v1:0',
	'meta.llama3-1-8b-instruct-v1:0',
	'meta.llama3-1-70b-instruct-v1:0',
	'meta.llama3-2-1b-instruct-v1:0',
	'meta.llama3-2-3b-instruct-v1:0',
	'meta.llama3-2-11b-instruct-v1:0',
	'meta.llama3-2-90b-instruct-v1:0',
	'meta.llama3-3-70b-instruct-v1:0',
	'meta.llama4-scout-17b-instruct-v1:0',
	'meta.llama4-maverick-17b-instruct-v1:0',
	'mistral.pixtral-large-2502-v1:0',
];
const US_WEST_2_ON_DEMAND_TEXT = [
	'meta.llama3-8b-instruct-v1:0',
	'meta.llama3-70b-instruct-v1:0',
	'mistral.mistral-7b-instruct-v0:2',
	'mistral.mixtral-8x7b-instruct-v0:1',
	'mistral.mistral-large-2402-v1:0',
	'cohere.command-r-v1:0',
	'cohere.command-r-plus-v1:0',
	'amazon.titan-embed-text-v2:0',
	'amazon.titan-embed-image-v1',
];

interface Offer {
	ids: string[];
	/** Overrides the description's inference types in this region. */
	inferenceTypes?: string[];
}

/** Later offers override earlier ones for the same model ID. */
const REGION_PLAN: Record<string, Offer[]> = {
	'us-east-1': [
		{ ids: SEED_MODELS.map((model) => model.modelId) },
		{ ids: CLAUDE_PROFILE_ONLY, inferenceTypes: PROFILE_ONLY },
		{ ids: RECENT_US_PROFILE_ONLY, inferenceTypes: PROFILE_ONLY },
		// Reached through `us.anthropic.claude-3-haiku-20240307-v1:0` too (vercel/ai fixture, 2026-07).
		{ ids: ['anthropic.claude-3-haiku-20240307-v1:0'], inferenceTypes: ON_DEMAND_AND_PROFILE },
		{ ids: STABILITY_IMAGE_SERVICES, inferenceTypes: PROFILE_ONLY },
		{ ids: SDXL_PREVIEW },
		{ ids: NOVA_2_OMNI, inferenceTypes: PROFILE_ONLY },
	],
	'us-east-2': [
		{
			ids: [
				...NOVA_TEXT,
				...CLAUDE_PROFILE_ONLY,
				...US_PROFILE_ONLY_TEXT,
				...RECENT_US_PROFILE_ONLY,
			],
			inferenceTypes: PROFILE_ONLY,
		},
		{ ids: STABILITY_IMAGE_SERVICES, inferenceTypes: PROFILE_ONLY },
		{ ids: NOVA_2_OMNI, inferenceTypes: PROFILE_ONLY },
	],
	'us-west-2': [
		{ ids: NOVA_TEXT, inferenceTypes: ON_DEMAND_AND_PROFILE },
		{ ids: [...TITAN_TEXT, ...US_WEST_2_ON_DEMAND_TEXT], inferenceTypes: ON_DEMAND },
		{
			ids: [...CLAUDE_PROFILE_ONLY, ...US_PROFILE_ONLY_TEXT, ...RECENT_US_PROFILE_ONLY],
			inferenceTypes: PROFILE_ONLY,
		},
		{ ids: STABILITY_TEXT_TO_IMAGE, inferenceTypes: ON_DEMAND },
		{ ids: [...SDXL, ...SDXL_PREVIEW, ...TITAN_IMAGE], inferenceTypes: ON_DEMAND },
		{ ids: STABILITY_IMAGE_SERVICES, inferenceTypes: PROFILE_ONLY },
		{ ids: ['luma.ray-v2:0'], inferenceTypes: ON_DEMAND },
		{ ids: NOVA_2_OMNI, inferenceTypes: PROFILE_ONLY },
	],
	'eu-west-1': [
		{ ids: [...NOVA_TEXT], inferenceTypes: ON_DEMAND_AND_PROFILE },
		{ ids: [...TITAN_TEXT, 'amazon.titan-embed-text-v2:0'], inferenceTypes: ON_DEMAND },
		{ ids: CLAUDE_PROFILE_ONLY, inferenceTypes: PROFILE_ONLY },
		{ ids: NOVA_CANVAS, inferenceTypes: ON_DEMAND },
		{ ids: NOVA_REEL_V1_0, inferenceTypes: ON_DEMAND },
	],
	'eu-central-1': [
		{ ids: [...NOVA_TEXT, ...CLAUDE_PROFILE_ONLY], inferenceTypes: PROFILE_ONLY },
		{
			ids: ['amazon.titan-text-express-v1', 'amazon.titan-embed-text-v2:0'],
			inferenceTypes: ON_DEMAND,
		},
	],
	'eu-west-3': [{ ids: [...NOVA_TEXT, ...CLAUDE_PROFILE_ONLY], inferenceTypes: PROFILE_ONLY }],
	'ap-northeast-1': [
		{ ids: [...NOVA_TEXT, ...CLAUDE_PROFILE_ONLY], inferenceTypes: PROFILE_ONLY },
		{ ids: NOVA_REEL_V1_0, inferenceTypes: ON_DEMAND },
	],
	'ap-southeast-2': [{ ids: [...NOVA_TEXT, ...CLAUDE_PROFILE_ONLY], inferenceTypes: PROFILE_ONLY }],
	'ap-south-1': [{ ids: [...NOVA_TEXT, ...CLAUDE_PROFILE_ONLY], inferenceTypes: PROFILE_ONLY }],
	/** Regions where Bedrock offers no model at all. */
	'ap-southeast-7': [],
	'il-central-1': [],
};

const regionCache = new Map<string, RegionalModel[]>();

/** Every model the region offers, in catalog order. Unknown regions offer nothing. */
export function regionModels(region: string): RegionalModel[] {
	let models = regionCache.get(region);
	if (!models) {
		models = buildRegion(region);
		regionCache.set(region, models);
	}
	return models;
}

export function findRegionalModel(region: string, modelId: string): RegionalModel | undefined {
	return regionModels(region).find((model) => model.modelId === modelId);
}

export function describeModel(modelId: string): ModelDescription | undefined {
	return DESCRIPTIONS.get(modelId);
}

/** `arn:aws:bedrock:{region}::foundation-model/{modelId}` (no account: foundation models are AWS-owned). */
export function foundationModelArn(region: string, modelId: string): string {
	return `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

/**
 * The models a listing shows at `now`, each with its lifecycle: past the end of life a model is
 * no longer listed (the API's status enum has only ACTIVE and LEGACY).
 */
export function listedModels(
	region: string,
	now: number,
): Array<RegionalModel & { modelLifecycle: ModelLifecycle }> {
	return regionModels(region).flatMap((model) => {
		const modelLifecycle = lifecycleAt(model.modelId, now);
		return modelLifecycle ? [{ ...model, modelLifecycle }] : [];
	});
}

export function isPastEndOfLife(modelId: string, now: number): boolean {
	return statusAt(modelId, now) === 'EOL';
}

export function isLegacy(modelId: string, now: number): boolean {
	return statusAt(modelId, now) === 'LEGACY';
}

function buildRegion(region: string): RegionalModel[] {
	const byId = new Map<string, RegionalModel>();
	for (const offer of REGION_PLAN[region] ?? []) {
		for (const modelId of offer.ids) {
			const description = DESCRIPTIONS.get(modelId);
			if (!description) throw new Error(`catalog: region plan names unknown model ${modelId}`);
			byId.set(modelId, {
				...description,
				region,
				modelArn: foundationModelArn(region, modelId),
				inferenceTypesSupported: offer.inferenceTypes ?? description.inferenceTypesSupported,
			});
		}
	}
	return [...byId.values()];
}
