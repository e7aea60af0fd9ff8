/**
 * The 13 Stability AI Image Services on Bedrock: upscale (fast, conservative, creative),
 * inpaint, outpaint, erase object, remove background, search and replace, search and
 * recolor, control sketch, control structure, style guide, style transfer. Each service is its
 * own model with its own fields, so each is a family of one operation. They are invoked
 * through the `us.` inference profiles (no on-demand throughput).
 *
 * Source: https://docs.aws.amazon.com/bedrock/latest/userguide/stable-image-services.html.
 * Where it and Stability's API reference (https://platform.stability.ai/docs/api-reference)
 * differ, the stricter range is used: conservative upscale creativity 0.2–0.5, outpaint
 * creativity 0.1–1; outpaint takes no negative prompt.
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	binaryImageField,
	inputImageField,
	type BinaryImageField,
	type ImageRules,
} from '../../binary';
import {
	collectionProperty,
	defined,
	numberField,
	stringField,
	type Field,
	type ItemParams,
} from '../../../shared/fields';
import type { OperationKey } from '../../actions/operations';
import { loopedImageCount, oneImagePerCall, seedSequence } from '../common';
import {
	aspectRatio,
	negativePrompt,
	optionalPrompt,
	parseStabilityResponse,
	prompt,
	seedField,
	SERVICE_MAX_SEED,
	serviceOutputFormat,
	STABILITY_MAX_IMAGE_BYTES,
	STANDARD_INPUT,
	stylePreset,
} from './common';
import type { FamilyTask, ImageFamily, TaskPlan } from '../types';

const MODEL_OPTIONS = 'modelOptions';
const seed = seedField(SERVICE_MAX_SEED);

const inputImage = inputImageField('JPEG, PNG or WebP');

/** Inpaint and erase: "If you don't provide an explicit mask, one will be derived from the alpha channel". */
const optionalMask = binaryImageField({
	name: 'maskImage',
	displayName: 'Mask Image Field',
	description:
		"White marks what to change. Leave empty to use the input image's transparency as the mask. The mask is resized to the image.",
	default: 'mask',
});

const MASK_RULES: ImageRules = {
	formats: ['jpeg', 'png', 'webp'],
	maxBytes: STABILITY_MAX_IMAGE_BYTES,
};

const growMask = numberField({
	name: 'growMask',
	displayName: 'Grow Mask',
	description: 'Pixels by which the mask grows on every side, smoothing its edges',
	default: 5,
	min: 0,
	max: 20,
	integer: true,
});

function fraction(
	name: string,
	displayName: string,
	description: string,
	value: number,
	min = 0,
	max = 1,
) {
	return numberField({ name, displayName, description, default: value, min, max, precision: 2 });
}

const controlStrength = fraction(
	'controlStrength',
	'Control Strength',
	'How much the control image shapes the result',
	0.7,
);

const searchPrompt = stringField({
	name: 'searchPrompt',
	displayName: 'Search Prompt',
	description: 'The object to find and replace, in a few words',
	required: true,
	maxLength: 10_000,
	placeholder: 'e.g. the red car',
});

const selectPrompt = stringField({
	name: 'selectPrompt',
	displayName: 'Select Prompt',
	description: 'The object to find and recolor, in a few words',
	required: true,
	maxLength: 10_000,
	placeholder: 'e.g. the jacket',
});

const DIRECTIONS = ['left', 'right', 'up', 'down'] as const;

const outpaintDirections = DIRECTIONS.map((direction) =>
	numberField({
		name: direction,
		displayName: `Extend ${direction.charAt(0).toUpperCase()}${direction.slice(1)}`,
		description: `Pixels to add on the ${direction === 'up' ? 'top' : direction === 'down' ? 'bottom' : direction}`,
		default: 0,
		min: 0,
		max: 2000,
		integer: true,
	}),
);

const styleImage = binaryImageField({
	name: 'styleImage',
	displayName: 'Style Image Field',
	description: 'JPEG, PNG or WebP whose style is transferred',
	default: 'style',
	required: true,
});

/** A service: its model, operation, fields, and how an item's fields become the body. */
interface ServiceSpec {
	id: string;
	displayName: string;
	/** `stable-fast-upscale` for `stability.stable-fast-upscale-v1:0`. */
	model: string;
	operation: OperationKey;
	/** Top-level fields after the input image. */
	fields: Array<Field<unknown>>;
	/** Optional fields under Model Options (Seed is added for seeded services). */
	options?: Array<Field<unknown>>;
	/** Whether the service takes a seed (then Number of Images loops over seeds). */
	seeded: boolean;
	images?: BinaryImageField[];
	body(params: ItemParams, options: ItemParams): Promise<Record<string, unknown>>;
}

function service(spec: ServiceSpec): ImageFamily {
	const options = [...(spec.options ?? []), ...(spec.seeded ? [seed] : [])];
	const properties: INodeProperties[] = [
		...(spec.images ?? [inputImage]).map((field) => field.property),
		...spec.fields.map((field) => field.property),
		serviceOutputFormat.property,
		...(spec.seeded ? [loopedImageCount.property] : []),
		...(options.length > 0 ? [collectionProperty(MODEL_OPTIONS, 'Model Options', options)] : []),
	];
	const task: FamilyTask = {
		properties,
		async plan({ params }): Promise<TaskPlan> {
			const modelOptions = params.in(MODEL_OPTIONS);
			const body: Record<string, unknown> = {
				...(await spec.body(params, modelOptions)),
				...defined({ output_format: serviceOutputFormat.read(params) }),
			};
			const prompted = typeof body.prompt === 'string' ? { prompt: body.prompt } : {};
			if (!spec.seeded) return { ...prompted, bodies: [body] };
			const count = loopedImageCount.read(params) ?? 1;
			const seeds = seedSequence(count, seed.read(modelOptions), SERVICE_MAX_SEED);
			return {
				...prompted,
				bodies: seeds.map((value) => ({ ...body, ...defined({ seed: value }) })),
			};
		},
	};
	return {
		id: spec.id,
		displayName: spec.displayName,
		modelIdMarkers: [`stability.${spec.model}-`],
		exampleModelId: `us.stability.${spec.model}-v1:0`,
		tasks: { [spec.operation]: task },
		parseResponse: parseStabilityResponse,
		billing: oneImagePerCall,
	};
}

const base64 = (image: { data: Buffer }) => image.data.toString('base64');

async function imageWithPrompts(params: ItemParams, rules: ImageRules = STANDARD_INPUT) {
	const image = await inputImage.load(params, rules);
	return {
		image: base64(image),
		...defined({ prompt: prompt.read(params), negative_prompt: negativePrompt.read(params) }),
	};
}

async function imageWithOptionalMask(params: ItemParams) {
	const image = await inputImage.load(params, STANDARD_INPUT);
	const mask = await optionalMask.loadOptional(params, MASK_RULES);
	if (!mask && !image.hasAlpha) {
		params.fail(
			`Mask Image Field is empty and the image in "${image.property}" has no transparency to take the mask from`,
			'Name the binary field with the mask, or use an input PNG/WebP whose transparent pixels mark the area.',
		);
	}
	return { image: base64(image), ...(mask ? { mask: base64(mask) } : {}) };
}

const creativeCreativity = fraction(
	'creativity',
	'Creativity',
	'How much detail the upscaler may invent',
	0.3,
	0.1,
	0.5,
);
const conservativeCreativity = fraction(
	'creativity',
	'Creativity',
	'How much detail the upscaler may invent',
	0.35,
	0.2,
	0.5,
);
const outpaintCreativity = fraction(
	'creativity',
	'Creativity',
	'How much the new areas may differ from the original',
	0.5,
	0.1,
	1,
);
const fidelity = fraction(
	'fidelity',
	'Fidelity',
	"How closely the result follows the reference image's style",
	0.5,
);
const compositionFidelity = fraction(
	'compositionFidelity',
	'Composition Fidelity',
	"How closely the result keeps the input image's composition",
	0.9,
);
const styleStrength = fraction(
	'styleStrength',
	'Style Strength',
	'How strongly the style is applied',
	1,
);
const changeStrength = fraction(
	'changeStrength',
	'Change Strength',
	'How much the input image may change',
	0.9,
	0.1,
	1,
);

const controlFields = {
	fields: [prompt, negativePrompt],
	options: [controlStrength, stylePreset],
	seeded: true,
};

async function controlBody(params: ItemParams, options: ItemParams) {
	return {
		...(await imageWithPrompts(params)),
		...defined({
			control_strength: controlStrength.read(options),
			style_preset: stylePreset.read(options),
		}),
	};
}

export const STABILITY_SERVICES: ImageFamily[] = [
	service({
		id: 'stabilityFastUpscale',
		displayName: 'Stability Fast Upscale',
		model: 'stable-fast-upscale',
		operation: 'upscale',
		fields: [],
		seeded: false,
		// "Width must be between 32 and 1,536 pixels … Total pixel count must be between 1,024 and 1,048,576."
		body: async (params) => ({
			image: base64(
				await inputImage.load(params, {
					formats: ['jpeg', 'png', 'webp'],
					minSide: 32,
					maxSide: 1536,
					minPixels: 1024,
					maxPixels: 1_048_576,
					maxBytes: STABILITY_MAX_IMAGE_BYTES,
				}),
			),
		}),
	}),
	service({
		id: 'stabilityConservativeUpscale',
		displayName: 'Stability Conservative Upscale',
		model: 'stable-conservative-upscale',
		operation: 'upscale',
		fields: [prompt, negativePrompt],
		options: [conservativeCreativity],
		seeded: true,
		body: async (params, options) => ({
			...(await imageWithPrompts(params)),
			...defined({ creativity: conservativeCreativity.read(options) }),
		}),
	}),
	service({
		id: 'stabilityCreativeUpscale',
		displayName: 'Stability Creative Upscale',
		model: 'stable-creative-upscale',
		operation: 'upscale',
		fields: [prompt, negativePrompt],
		options: [creativeCreativity, stylePreset],
		seeded: true,
		// "Every side … at least 64 pixels. Total pixel count must be between 4,096 and 1,048,576 pixels."
		body: async (params, options) => ({
			...(await imageWithPrompts(params, {
				formats: ['jpeg', 'png', 'webp'],
				minSide: 64,
				minPixels: 4096,
				maxPixels: 1_048_576,
				maxBytes: STABILITY_MAX_IMAGE_BYTES,
			})),
			...defined({
				creativity: creativeCreativity.read(options),
				style_preset: stylePreset.read(options),
			}),
		}),
	}),
	service({
		id: 'stabilityInpaint',
		displayName: 'Stability Inpaint',
		model: 'stable-image-inpaint',
		operation: 'inpaint',
		images: [inputImage, optionalMask],
		fields: [prompt, negativePrompt],
		options: [growMask, stylePreset],
		seeded: true,
		body: async (params, options) => ({
			...(await imageWithOptionalMask(params)),
			...defined({
				prompt: prompt.read(params),
				negative_prompt: negativePrompt.read(params),
				grow_mask: growMask.read(options),
				style_preset: stylePreset.read(options),
			}),
		}),
	}),
	service({
		id: 'stabilityOutpaint',
		displayName: 'Stability Outpaint',
		model: 'stable-outpaint',
		operation: 'outpaint',
		fields: [optionalPrompt, ...outpaintDirections],
		options: [outpaintCreativity, stylePreset],
		seeded: true,
		body: async (params, options) => {
			const image = await inputImage.load(params, STANDARD_INPUT);
			const directions = Object.fromEntries(
				outpaintDirections.map((field) => [field.name, field.read(params) ?? 0]),
			);
			// "At least one outpaint direction … must be supplied with a non-zero value."
			if (Object.values(directions).every((pixels) => pixels === 0)) {
				params.fail(
					'Outpaint needs at least one direction: Extend Left, Right, Up and Down are all 0',
					'Set the pixels to add on at least one side (up to 2000 each).',
				);
			}
			return {
				image: base64(image),
				...Object.fromEntries(Object.entries(directions).filter(([, pixels]) => pixels > 0)),
				...defined({
					prompt: optionalPrompt.read(params),
					creativity: outpaintCreativity.read(options),
					style_preset: stylePreset.read(options),
				}),
			};
		},
	}),
	service({
		id: 'stabilityEraseObject',
		displayName: 'Stability Erase Object',
		model: 'stable-image-erase-object',
		operation: 'eraseObject',
		images: [inputImage, optionalMask],
		fields: [],
		options: [growMask],
		seeded: true,
		body: async (params, options) => ({
			...(await imageWithOptionalMask(params)),
			...defined({ grow_mask: growMask.read(options) }),
		}),
	}),
	service({
		id: 'stabilityRemoveBackground',
		displayName: 'Stability Remove Background',
		model: 'stable-image-remove-background',
		operation: 'removeBackground',
		fields: [],
		seeded: false,
		// The AWS page's standard rule and Stability's 4,096–4,194,304 pixels both apply.
		body: async (params) => ({
			image: base64(
				await inputImage.load(params, { ...STANDARD_INPUT, minPixels: 4096, maxPixels: 4_194_304 }),
			),
		}),
	}),
	service({
		id: 'stabilitySearchReplace',
		displayName: 'Stability Search and Replace',
		model: 'stable-image-search-replace',
		operation: 'searchAndReplace',
		fields: [searchPrompt, prompt, negativePrompt],
		options: [growMask, stylePreset],
		seeded: true,
		body: async (params, options) => ({
			...(await imageWithPrompts(params)),
			search_prompt: searchPrompt.read(params),
			...defined({ grow_mask: growMask.read(options), style_preset: stylePreset.read(options) }),
		}),
	}),
	service({
		id: 'stabilitySearchRecolor',
		displayName: 'Stability Search and Recolor',
		model: 'stable-image-search-recolor',
		operation: 'searchAndRecolor',
		fields: [selectPrompt, prompt, negativePrompt],
		options: [growMask, stylePreset],
		seeded: true,
		body: async (params, options) => ({
			...(await imageWithPrompts(params)),
			select_prompt: selectPrompt.read(params),
			...defined({ grow_mask: growMask.read(options), style_preset: stylePreset.read(options) }),
		}),
	}),
	service({
		id: 'stabilityControlSketch',
		displayName: 'Stability Control Sketch',
		model: 'stable-image-control-sketch',
		operation: 'control',
		...controlFields,
		body: controlBody,
	}),
	service({
		id: 'stabilityControlStructure',
		displayName: 'Stability Control Structure',
		model: 'stable-image-control-structure',
		operation: 'control',
		...controlFields,
		body: controlBody,
	}),
	service({
		id: 'stabilityStyleGuide',
		displayName: 'Stability Style Guide',
		model: 'stable-image-style-guide',
		operation: 'applyStyle',
		fields: [prompt, negativePrompt, aspectRatio],
		options: [fidelity, stylePreset],
		seeded: true,
		body: async (params, options) => ({
			...(await imageWithPrompts(params)),
			...defined({
				aspect_ratio: aspectRatio.read(params),
				fidelity: fidelity.read(options),
				style_preset: stylePreset.read(options),
			}),
		}),
	}),
	service({
		id: 'stabilityStyleTransfer',
		displayName: 'Stability Style Transfer',
		model: 'stable-style-transfer',
		operation: 'applyStyle',
		images: [inputImage, styleImage],
		fields: [optionalPrompt, negativePrompt],
		options: [compositionFidelity, styleStrength, changeStrength],
		seeded: true,
		body: async (params, options) => ({
			init_image: base64(await inputImage.load(params, STANDARD_INPUT)),
			style_image: base64(await styleImage.load(params, STANDARD_INPUT)),
			...defined({
				prompt: optionalPrompt.read(params),
				negative_prompt: negativePrompt.read(params),
				composition_fidelity: compositionFidelity.read(options),
				style_strength: styleStrength.read(options),
				change_strength: changeStrength.read(options),
			}),
		}),
	}),
];
