/**
 * Stability SDXL 1.0 (`stability.stable-diffusion-xl-v1`): text to image, image to image and
 * masking with the Stability v1 body (`text_prompts` with weights, `cfg_scale`, `steps`…).
 *
 * Sources:
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-1-0-text-image.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-1-0-image-image.html and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-1-0-image-image-mask.html.
 * Steps 10–150 as the text-to-image page documents them (AWS's own samples sent 60 and 70:
 * aws-samples/amazon-bedrock-workshop, `04_Image_and_Multimodal/bedrock-stable-diffusionXL.ipynb`);
 * Bedrock bills more than 50 steps at a higher rate (the price hook below).
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	checkSameSize,
	binaryImageField,
	inputImageField,
	type ImageRules,
	type InputImage,
} from '../../binary';
import {
	collectionProperty,
	defined,
	numberField,
	optionsField,
	stringField,
	valueOptions,
	type ItemParams,
} from '../../../shared/fields';
import {
	asRecord,
	base64ImageSize,
	decodeImage,
	loopedImageCount,
	seedSequence,
	sizeIn,
	sizeListField,
} from '../common';
import { seedField, stylePreset } from './common';
import type { FamilyTask, ImageFamily, ParsedResponse, TaskInput } from '../types';

/**
 * "The value must be one of 1024x1024, 1152x896, …" (the text-to-image page above). Input images
 * of image to image and masking must have one of these sizes.
 */
export const SDXL_SIZES = [
	'1024x1024',
	'1152x896',
	'1216x832',
	'1344x768',
	'1536x640',
	'640x1536',
	'768x1344',
	'832x1216',
	'896x1152',
] as const;

/**
 * What text to image may make: the nine sizes, and 512x512, which the page does not list but
 * Bedrock made (a course's committed 512x512 output of exactly such a request, us-west-2, March
 * 2024: https://github.com/alexhddev/Bedrock_course/blob/7041765/py/src/images/stability.py).
 */
const SDXL_OUTPUT_SIZES = [...SDXL_SIZES, '512x512'] as const;

const MAX_SEED = 4_294_967_295;
/** The most steps AWS documents for SDXL; above 50 is the dearer price tier. */
const MAX_STEPS = 150;
/** `steps` when the request leaves it out. */
const DEFAULT_STEPS = 30;
const PROMPT_MAX_LENGTH = 2000;

/**
 * The engine makes images of the nine sizes only, so an init image must have one of them (the
 * output keeps its size). PNG or JPEG.
 */
const INIT_IMAGE_RULES: ImageRules = { formats: ['png', 'jpeg'], sizes: SDXL_SIZES };
const MASK_RULES: ImageRules = { formats: ['png', 'jpeg'] };

const prompt = stringField({
	name: 'prompt',
	displayName: 'Prompt',
	description:
		'What you want to see (sent as a text prompt with weight 1, or the Prompt Weight option)',
	required: true,
	maxLength: PROMPT_MAX_LENGTH,
	rows: 4,
	placeholder: 'e.g. A natural rose with dew on the petals, leaf and stem',
});

const negativePrompt = stringField({
	name: 'negativePrompt',
	displayName: 'Negative Prompt',
	description: 'What you do not want to see (sent as a text prompt with weight -1)',
	maxLength: PROMPT_MAX_LENGTH,
	rows: 2,
});

const size = sizeListField('sdxlSize', 'SDXL', SDXL_OUTPUT_SIZES);

const inputImage = inputImageField(
	'PNG or JPEG of one of the nine SDXL sizes (the output keeps its size)',
);

const initImageMode = optionsField({
	name: 'initImageMode',
	displayName: 'Init Image Mode',
	description: 'How the input image guides the result',
	default: 'IMAGE_STRENGTH',
	options: [
		{ name: 'Image Strength', value: 'IMAGE_STRENGTH', description: 'One strength value' },
		{
			name: 'Step Schedule',
			value: 'STEP_SCHEDULE',
			description: 'Start and end of the diffusion schedule',
		},
	],
});

const imageStrength = numberField({
	name: 'imageStrength',
	displayName: 'Image Strength',
	description:
		'How much the result looks like the input: near 1 very similar, near 0 very different',
	default: 0.35,
	min: 0,
	max: 1,
	precision: 2,
});

const stepScheduleStart = numberField({
	name: 'stepScheduleStart',
	displayName: 'Step Schedule Start',
	description:
		'Where in the schedule diffusion starts (Stability default 0.65, i.e. 1 − image strength)',
	default: 0.65,
	min: 0,
	max: 1,
	precision: 2,
});

const stepScheduleEnd = numberField({
	name: 'stepScheduleEnd',
	displayName: 'Step Schedule End',
	description: 'Where in the schedule diffusion ends',
	default: 1,
	min: 0,
	max: 1,
	precision: 2,
});

const maskSource = optionsField({
	name: 'maskSource',
	displayName: 'Mask Source',
	description: 'Which pixels of the input image are replaced',
	default: 'MASK_IMAGE_WHITE',
	options: [
		{
			name: 'Mask Image, Black Pixels',
			value: 'MASK_IMAGE_BLACK',
			description: 'Black pixels of the mask image are replaced',
		},
		{
			name: 'Mask Image, White Pixels',
			value: 'MASK_IMAGE_WHITE',
			description: 'White pixels of the mask image are replaced',
		},
		{
			name: 'Transparent Pixels of the Input',
			value: 'INIT_IMAGE_ALPHA',
			description:
				'Fully transparent pixels of the input image are replaced (needs an alpha channel)',
		},
	],
});

const maskImage = binaryImageField({
	name: 'maskImage',
	displayName: 'Mask Image Field',
	description: 'PNG or JPEG mask of the same size as the input image',
	default: 'mask',
	required: true,
});

// Model Options ------------------------------------------------------------------------------

const cfgScale = numberField({
	name: 'cfgScale',
	displayName: 'CFG Scale',
	description: 'How closely the image follows the prompt; lower values allow more randomness',
	default: 7,
	min: 0,
	max: 35,
	precision: 1,
});

const clipGuidancePreset = optionsField({
	name: 'clipGuidancePreset',
	displayName: 'CLIP Guidance Preset',
	default: 'NONE',
	options: valueOptions(
		['FAST_BLUE', 'FAST_GREEN', 'NONE', 'SIMPLE', 'SLOW', 'SLOWER', 'SLOWEST'] as const,
		(value) => value.charAt(0) + value.slice(1).toLowerCase().replace('_', ' '),
	),
});

const sampler = optionsField({
	name: 'sampler',
	displayName: 'Sampler',
	description: 'Diffusion sampler; without it the model picks one',
	default: 'K_DPMPP_2M',
	options: valueOptions([
		'DDIM',
		'DDPM',
		'K_DPMPP_2M',
		'K_DPMPP_2S_ANCESTRAL',
		'K_DPM_2',
		'K_DPM_2_ANCESTRAL',
		'K_EULER',
		'K_EULER_ANCESTRAL',
		'K_HEUN',
		'K_LMS',
	] as const),
});

const seed = seedField(MAX_SEED);

const steps = numberField({
	name: 'steps',
	displayName: 'Steps',
	description:
		'How many times the image is sampled; more steps can be more accurate. Bedrock bills more than 50 steps at a higher rate.',
	default: DEFAULT_STEPS,
	min: 10,
	max: MAX_STEPS,
	integer: true,
});

const promptWeight = numberField({
	name: 'promptWeight',
	displayName: 'Prompt Weight',
	description: 'Weight of the prompt (default 1)',
	default: 1,
	min: -10,
	max: 10,
	precision: 2,
});

const negativePromptWeight = numberField({
	name: 'negativePromptWeight',
	displayName: 'Negative Prompt Weight',
	description: 'Weight of the negative prompt; must be below 0 (default -1)',
	default: -1,
	min: -10,
	max: -0.01,
	precision: 2,
});

/** More `text_prompts` entries: a positive weight asks for something, a negative one avoids it. */
const weightedPromptsProperty: INodeProperties = {
	displayName: 'Additional Weighted Prompts',
	name: 'weightedPrompts',
	type: 'fixedCollection',
	placeholder: 'Add Prompt',
	default: {},
	typeOptions: { multipleValues: true },
	description: 'More text prompts, each with its own weight (below 0 for things to avoid)',
	options: [
		{
			displayName: 'Prompt',
			name: 'prompts',
			values: [
				{ displayName: 'Text', name: 'text', type: 'string', default: '' },
				{
					displayName: 'Weight',
					name: 'weight',
					type: 'number',
					default: 1,
					typeOptions: { numberPrecision: 2 },
				},
			],
		},
	],
};

const MODEL_OPTIONS = 'modelOptions';

const modelOptions = collectionProperty(MODEL_OPTIONS, 'Model Options', [
	cfgScale,
	clipGuidancePreset,
	negativePromptWeight,
	promptWeight,
	sampler,
	seed,
	steps,
	stylePreset,
	weightedPromptsProperty,
]);

// Body ---------------------------------------------------------------------------------------

interface TextPrompt {
	text: string;
	weight: number;
}

function readWeightedPrompts(options: ItemParams): TextPrompt[] {
	const value = options.raw('weightedPrompts') as
		| { prompts?: Array<{ text?: unknown; weight?: unknown }> }
		| undefined;
	return (value?.prompts ?? []).map((entry, index) => {
		const label = `Additional Weighted Prompts, entry ${index + 1}`;
		const text = typeof entry.text === 'string' ? entry.text : '';
		if (text.trim() === '') return options.fail(`${label}: the text is empty`);
		if (text.length > PROMPT_MAX_LENGTH) {
			return options.fail(
				`${label}: the text is ${text.length} characters long; SDXL accepts at most ${PROMPT_MAX_LENGTH}`,
			);
		}
		const weight = Number(entry.weight ?? 1);
		if (!Number.isFinite(weight))
			return options.fail(`${label}: the weight must be a number (got ${String(entry.weight)})`);
		return { text, weight };
	});
}

/** Everything SDXL's three request kinds share: prompts and sampling settings. */
function commonBody(params: ItemParams): {
	body: Record<string, unknown>;
	prompt: string;
	seed?: number;
} {
	const options = params.in(MODEL_OPTIONS);
	const text = prompt.read(params) as string;
	const negative = negativePrompt.read(params);
	const textPrompts: TextPrompt[] = [
		{ text, weight: promptWeight.read(options) ?? 1 },
		...(negative ? [{ text: negative, weight: negativePromptWeight.read(options) ?? -1 }] : []),
		...readWeightedPrompts(options),
	];
	return {
		prompt: text,
		seed: seed.read(options),
		body: {
			text_prompts: textPrompts,
			...defined({
				cfg_scale: cfgScale.read(options),
				clip_guidance_preset: clipGuidancePreset.read(options),
				sampler: sampler.read(options),
				steps: steps.read(options),
				style_preset: stylePreset.read(options),
			}),
		},
	};
}

/** One body per requested image, each with its own seed. */
function perImage(
	params: ItemParams,
	base: ReturnType<typeof commonBody>,
	extra: Record<string, unknown>,
) {
	const count = loopedImageCount.read(params) ?? 1;
	return {
		prompt: base.prompt,
		bodies: seedSequence(count, base.seed, MAX_SEED).map((value) => ({
			...base.body,
			...extra,
			...defined({ seed: value }),
		})),
	};
}

const textToImage: FamilyTask = {
	properties: [prompt, negativePrompt, size.field, loopedImageCount]
		.map((f) => f.property)
		.concat(modelOptions),
	async plan({ params }: TaskInput) {
		return perImage(params, commonBody(params), size.read(params));
	},
};

const imageToImage: FamilyTask = {
	properties: [
		prompt.property,
		negativePrompt.property,
		inputImage.property,
		initImageMode.property,
		{ ...imageStrength.property, displayOptions: { show: { initImageMode: ['IMAGE_STRENGTH'] } } },
		{
			...stepScheduleStart.property,
			displayOptions: { show: { initImageMode: ['STEP_SCHEDULE'] } },
		},
		{ ...stepScheduleEnd.property, displayOptions: { show: { initImageMode: ['STEP_SCHEDULE'] } } },
		loopedImageCount.property,
		modelOptions,
	],
	async plan({ params }: TaskInput) {
		const base = commonBody(params);
		const image = await inputImage.load(params, INIT_IMAGE_RULES);
		const mode = initImageMode.read(params) ?? 'IMAGE_STRENGTH';
		// The step-schedule fields apply only in STEP_SCHEDULE mode, image_strength only in the other.
		const modeFields =
			mode === 'STEP_SCHEDULE'
				? defined({
						step_schedule_start: stepScheduleStart.read(params),
						step_schedule_end: stepScheduleEnd.read(params),
					})
				: defined({ image_strength: imageStrength.read(params) });
		return perImage(params, base, {
			init_image: image.data.toString('base64'),
			init_image_mode: mode,
			...modeFields,
		});
	},
};

const masking: FamilyTask = {
	properties: [
		prompt.property,
		negativePrompt.property,
		inputImage.property,
		maskSource.property,
		{ ...maskImage.property, displayOptions: { hide: { maskSource: ['INIT_IMAGE_ALPHA'] } } },
		loopedImageCount.property,
		modelOptions,
	],
	async plan({ params }: TaskInput) {
		const base = commonBody(params);
		const image = await inputImage.load(params, INIT_IMAGE_RULES);
		const source = maskSource.read(params) ?? 'MASK_IMAGE_WHITE';
		let mask: InputImage | undefined;
		if (source === 'INIT_IMAGE_ALPHA') {
			if (!image.hasAlpha) {
				params.fail(
					`Mask Source "Transparent Pixels of the Input" needs an input image with an alpha channel, and "${image.property}" has none`,
					'Use a PNG with transparency, or a mask image.',
				);
			}
		} else {
			mask = await maskImage.load(params, MASK_RULES);
			checkSameSize(params, maskImage.property.displayName, image, mask);
		}
		return perImage(params, base, {
			init_image: image.data.toString('base64'),
			mask_source: source,
			...(mask ? { mask_image: mask.data.toString('base64') } : {}),
		});
	},
};

/** `{"result": "success", "artifacts": [{"seed", "base64", "finishReason"}]}`. */
function parseResponse(body: unknown): ParsedResponse {
	const answer = asRecord(body);
	const artifacts = Array.isArray(answer.artifacts)
		? (answer.artifacts as Array<Record<string, unknown>>)
		: [];
	if (artifacts.length === 0) throw new Error('Bedrock answered without artifacts');
	const filtered = artifacts.find((artifact) => artifact.finishReason === 'CONTENT_FILTERED');
	if (filtered) {
		// The filtered artifact is a blurred image, useless as output.
		return { images: [], filtered: 'SDXL content filter (finishReason CONTENT_FILTERED)' };
	}
	const failed = artifacts.find((artifact) => artifact.finishReason === 'ERROR');
	if (failed) return { images: [], failure: 'The model reported finishReason ERROR' };
	return {
		images: artifacts.map((artifact, index) => ({
			data: decodeImage(artifact.base64, `artifacts[${index}].base64`),
			...(typeof artifact.seed === 'number' ? { seed: artifact.seed } : {}),
			finishReason: typeof artifact.finishReason === 'string' ? artifact.finishReason : 'SUCCESS',
		})),
	};
}

export const sdxl: ImageFamily = {
	id: 'sdxl',
	displayName: 'Stability SDXL 1.0',
	modelIdMarkers: ['stability.stable-diffusion-xl'],
	exampleModelId: 'stability.stable-diffusion-xl-v1',
	tasks: { generate: textToImage, transform: imageToImage, inpaint: masking },
	parseResponse,
	// Priced per image by size and by steps up to 50 or above. One image per call; its size is the
	// request's, or the input image's for image to image and masking.
	billing: (body) => ({
		images: 1,
		facts: {
			steps: typeof body.steps === 'number' ? body.steps : DEFAULT_STEPS,
			...(sizeIn(body) ?? base64ImageSize(body.init_image)),
		},
	}),
	// A filtered prompt can be refused with "invalid_prompts" ("One or more prompts contains
	// filtered words."), https://github.com/epam/ai-dial-adapter-bedrock/issues/128.
	contentFilterRefusal: /filtered words|invalid_prompts/i,
};
