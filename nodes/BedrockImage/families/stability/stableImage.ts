/**
 * Stability's 2024 text-to-image models: SD3 Large and SD3.5 Large (text to image and image to
 * image), and Stable Image Core and Ultra (text to image). One image per call.
 *
 * Sources:
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-3-text-image.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-3-5-large.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-stable-image-core-text-image-request-response.html and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-stable-ultra-text-image-request-response.html.
 * Core and Ultra take `negative_prompt`, v1:1 included: the pages list it, and real calls to v1:1
 * made images with one (docs/bedrock-image.md, "Negative prompt on Stable Image Core and Ultra
 * v1:1", lists the evidence).
 */
import { inputImageField } from '../../binary';
import { collectionProperty, defined, numberField, type ItemParams } from '../../../shared/fields';
import { loopedImageCount, oneImagePerCall, seedSequence } from '../common';
import {
	aspectRatio,
	negativePrompt,
	outputFormat,
	parseStabilityResponse,
	prompt,
	seedField,
	SERVICE_MAX_SEED,
	STANDARD_INPUT,
} from './common';
import type { FamilyTask, ImageFamily, TaskInput, TaskPlan } from '../types';

const MODEL_OPTIONS = 'modelOptions';

/** SD3.5 doc: 0–4,294,967,294 (the stricter of the two pages). */
const sd3Seed = seedField(SERVICE_MAX_SEED);
/** Core and Ultra pages: 0–4,294,967,295. */
const CORE_ULTRA_MAX_SEED = 4_294_967_295;
const coreUltraSeed = seedField(CORE_ULTRA_MAX_SEED);

const inputImage = inputImageField(
	'JPEG, PNG or WebP, at least 64 px per side (the output keeps its aspect)',
);

const strength = numberField({
	name: 'strength',
	displayName: 'Strength',
	description: 'How much the input image is changed: 0 keeps it, 1 ignores it',
	default: 0.35,
	min: 0,
	max: 1,
	precision: 2,
});

function perImage(
	params: ItemParams,
	seed: number | undefined,
	maxSeed: number,
	body: Record<string, unknown>,
): TaskPlan {
	const count = loopedImageCount.read(params) ?? 1;
	return {
		prompt: body.prompt as string,
		bodies: seedSequence(count, seed, maxSeed).map((value) => ({
			...body,
			...defined({ seed: value }),
		})),
	};
}

function promptFields(params: ItemParams) {
	return defined({
		prompt: prompt.read(params),
		negative_prompt: negativePrompt.read(params),
	});
}

const sd3TextToImage: FamilyTask = {
	properties: [
		prompt.property,
		negativePrompt.property,
		aspectRatio.property,
		outputFormat.property,
		loopedImageCount.property,
		collectionProperty(MODEL_OPTIONS, 'Model Options', [sd3Seed]),
	],
	async plan({ params }: TaskInput) {
		return perImage(params, sd3Seed.read(params.in(MODEL_OPTIONS)), SERVICE_MAX_SEED, {
			...promptFields(params),
			mode: 'text-to-image',
			...defined({
				aspect_ratio: aspectRatio.read(params),
				output_format: outputFormat.read(params),
			}),
		});
	},
};

const sd3ImageToImage: FamilyTask = {
	properties: [
		prompt.property,
		negativePrompt.property,
		inputImage.property,
		strength.property,
		outputFormat.property,
		loopedImageCount.property,
		collectionProperty(MODEL_OPTIONS, 'Model Options', [sd3Seed]),
	],
	async plan({ params }: TaskInput) {
		const fields = promptFields(params);
		const image = await inputImage.load(params, STANDARD_INPUT);
		// "aspect_ratio … is only valid for text-to-image requests": the output follows the input.
		return perImage(params, sd3Seed.read(params.in(MODEL_OPTIONS)), SERVICE_MAX_SEED, {
			...fields,
			mode: 'image-to-image',
			image: image.data.toString('base64'),
			strength: strength.read(params) ?? 0.35,
			...defined({ output_format: outputFormat.read(params) }),
		});
	},
};

const coreUltraTextToImage: FamilyTask = {
	properties: [
		prompt.property,
		negativePrompt.property,
		aspectRatio.property,
		outputFormat.property,
		loopedImageCount.property,
		collectionProperty(MODEL_OPTIONS, 'Model Options', [coreUltraSeed]),
	],
	async plan({ params }: TaskInput) {
		return perImage(params, coreUltraSeed.read(params.in(MODEL_OPTIONS)), CORE_ULTRA_MAX_SEED, {
			...promptFields(params),
			...defined({
				aspect_ratio: aspectRatio.read(params),
				output_format: outputFormat.read(params),
			}),
		});
	},
};

export const sd3: ImageFamily = {
	id: 'sd3',
	displayName: 'Stability SD3 / SD3.5 Large',
	modelIdMarkers: ['stability.sd3-'],
	exampleModelId: 'stability.sd3-5-large-v1:0',
	tasks: { generate: sd3TextToImage, transform: sd3ImageToImage },
	parseResponse: parseStabilityResponse,
	billing: oneImagePerCall,
};

export const stableImageCoreUltra: ImageFamily = {
	id: 'stableImage',
	displayName: 'Stability Stable Image Core / Ultra',
	modelIdMarkers: ['stability.stable-image-core-', 'stability.stable-image-ultra-'],
	exampleModelId: 'stability.stable-image-ultra-v1:1',
	tasks: { generate: coreUltraTextToImage },
	parseResponse: parseStabilityResponse,
	billing: oneImagePerCall,
};
