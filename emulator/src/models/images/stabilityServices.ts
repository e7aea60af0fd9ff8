/**
 * The 13 Stability AI Image Services (upscale, edit, control). Every field, range and input
 * limit below comes from the AWS doc `stable-image-services.html`; where it and Stability's own
 * API reference (v2beta OpenAPI) differ, the stricter value is used and noted.
 */
import { int, num, str, type Schema } from '../../schema.ts';
import { cachedBase64 } from '../../images/output.ts';
import {
	inputRaster,
	paintEdited,
	paintGenerated,
	paintWithoutBackground,
	resizeNearest,
} from '../../images/render.ts';
import type { ImageRules, InputImage } from '../../images/inspect.ts';
import type { Raster } from '../../images/raster.ts';
import type { InvokeHandler, InvokeHandlerMap } from '../types.ts';
import { asObject, randomSeed } from './common.ts';
import {
	ASPECT_RATIOS,
	ASPECT_RATIO_SIZES,
	STABILITY_MAX_IMAGE_BYTES,
	STANDARD_INPUT,
	STYLE_PRESETS,
	checkStabilityBody,
	readStabilityImage,
	sizeForPixelCount,
	stabilityDetail,
	stabilityFilterResponse,
	stabilitySuccess,
} from './stability.ts';

const MAX_SEED = 4_294_967_294;
const FOUR_MEGAPIXELS = 4_194_304;

const prompt = str({ minLength: 1, maxLength: 10_000 });
const optionalPrompt = str({ maxLength: 10_000 });
const negativePrompt = str({ maxLength: 10_000 });
const seed = int(0, MAX_SEED);
const outputFormat = str({ enum: ['jpeg', 'png', 'webp'] });
const stylePreset = str({ enum: STYLE_PRESETS });
const growMask = int(0, 20);
const image = str();

type Body = Record<string, unknown>;
type Inputs = Record<string, InputImage>;

interface Service {
	/** Name in Stability's "Available fields for <service>" message. */
	name: string;
	fields: Record<string, Schema>;
	required: string[];
	/** Image fields and their limits. */
	images: Record<string, ImageRules>;
	/** Text fields scanned for the content-filter triggers. */
	texts: string[];
	/** Extra cross-field rule; throws a Stability detail error. */
	check?: (body: Body, inputs: Inputs) => void;
	render: (
		key: { model: string; prompt: string; seed: number },
		body: Body,
		inputs: Inputs,
	) => Raster;
}

const edited =
	(field: string) =>
	(key: { model: string; prompt: string; seed: number }, _: Body, inputs: Inputs) =>
		paintEdited(key, inputRaster(inputs[field]));

/** "4 megapixel output" (Stability API: conservative and creative upscalers); AWS says "to 4K resolution". */
function upscaledTo4Mp(
	key: { model: string; prompt: string; seed: number },
	_: Body,
	inputs: Inputs,
): Raster {
	const { width, height } = sizeForPixelCount(
		inputs.image.info.width,
		inputs.image.info.height,
		FOUR_MEGAPIXELS,
	);
	return resizeNearest(paintEdited(key, inputRaster(inputs.image)), width, height);
}

/** Inpaint and erase: "If you don't provide an explicit mask, one will be derived from the alpha channel". */
function maskOrAlpha(body: Body, inputs: Inputs): void {
	if (!('mask' in body) && !inputs.image.info.hasAlpha) {
		throw stabilityDetail('mask: required when image has no alpha channel to derive a mask from');
	}
}

const DIRECTIONS = ['left', 'right', 'up', 'down'];

const SERVICES: Record<string, Service> = {
	'stability.stable-creative-upscale-v1:0': {
		name: 'creative-upscale',
		fields: {
			image,
			prompt,
			creativity: num(0.1, 0.5),
			negative_prompt: negativePrompt,
			seed,
			output_format: outputFormat,
			style_preset: stylePreset,
		},
		required: ['image', 'prompt'],
		// "Every side of the image must be at least 64 pixels. Total pixel count must be between 4,096 and 1,048,576 pixels."
		images: {
			image: {
				formats: ['jpeg', 'png', 'webp'],
				minSide: 64,
				minPixels: 4096,
				maxPixels: 1_048_576,
				maxBytes: STABILITY_MAX_IMAGE_BYTES,
			},
		},
		texts: ['prompt', 'negative_prompt'],
		render: upscaledTo4Mp,
	},
	'stability.stable-conservative-upscale-v1:0': {
		name: 'conservative-upscale',
		// creativity: AWS doc 0.1-0.5, Stability API 0.2-0.5 (default 0.35): the backend's 0.2 wins.
		fields: {
			image,
			prompt,
			creativity: num(0.2, 0.5),
			negative_prompt: negativePrompt,
			seed,
			output_format: outputFormat,
		},
		required: ['image', 'prompt'],
		images: { image: STANDARD_INPUT },
		texts: ['prompt', 'negative_prompt'],
		render: upscaledTo4Mp,
	},
	'stability.stable-fast-upscale-v1:0': {
		name: 'fast-upscale',
		fields: { image, output_format: outputFormat },
		required: ['image'],
		// "Width must be between 32 and 1,536 pixels. Height … Total pixel count must be between 1,024 and 1,048,576 pixels."
		images: {
			image: {
				formats: ['jpeg', 'png', 'webp'],
				minSide: 32,
				maxSide: 1536,
				minPixels: 1024,
				maxPixels: 1_048_576,
				maxBytes: STABILITY_MAX_IMAGE_BYTES,
			},
		},
		texts: [],
		// "enhances image resolution by 4 times"
		render: (key, _, inputs) =>
			resizeNearest(
				paintEdited(key, inputRaster(inputs.image)),
				inputs.image.info.width * 4,
				inputs.image.info.height * 4,
			),
	},
	'stability.stable-image-inpaint-v1:0': {
		name: 'inpaint',
		fields: {
			image,
			prompt,
			mask: image,
			style_preset: stylePreset,
			negative_prompt: negativePrompt,
			seed,
			output_format: outputFormat,
			grow_mask: growMask,
		},
		required: ['image', 'prompt'],
		// The mask "will be automatically resized" when its size differs, so only its format is checked.
		images: {
			image: STANDARD_INPUT,
			mask: { formats: ['jpeg', 'png', 'webp'], maxBytes: STABILITY_MAX_IMAGE_BYTES },
		},
		texts: ['prompt', 'negative_prompt'],
		check: maskOrAlpha,
		render: edited('image'),
	},
	'stability.stable-outpaint-v1:0': {
		name: 'outpaint',
		// AWS doc lists no negative_prompt for outpaint; creativity 0.1-1.0.
		fields: {
			image,
			prompt: optionalPrompt,
			style_preset: stylePreset,
			seed,
			output_format: outputFormat,
			creativity: num(0.1, 1),
			left: int(0, 2000),
			right: int(0, 2000),
			up: int(0, 2000),
			down: int(0, 2000),
		},
		required: ['image'],
		images: { image: STANDARD_INPUT },
		texts: ['prompt'],
		check: (body) => {
			// "At least one outpaint direction: (left, right, up, or down) must be supplied with a non-zero value."
			if (!DIRECTIONS.some((d) => ((body[d] as number | undefined) ?? 0) > 0)) {
				throw stabilityDetail(
					'at least one outpaint direction (left, right, up, down) must be supplied with a non-zero value',
				);
			}
		},
		render: (key, body, inputs) => {
			const [left, right, up, down] = DIRECTIONS.map((d) => (body[d] as number | undefined) ?? 0);
			const source = inputRaster(inputs.image);
			return paintEdited(key, source, {
				width: source.width + left + right,
				height: source.height + up + down,
				offsetX: left,
				offsetY: up,
			});
		},
	},
	'stability.stable-image-search-recolor-v1:0': {
		name: 'search-recolor',
		fields: {
			image,
			prompt,
			select_prompt: prompt,
			style_preset: stylePreset,
			negative_prompt: negativePrompt,
			seed,
			output_format: outputFormat,
			grow_mask: growMask,
		},
		required: ['image', 'prompt', 'select_prompt'],
		images: { image: STANDARD_INPUT },
		texts: ['prompt', 'select_prompt', 'negative_prompt'],
		render: edited('image'),
	},
	'stability.stable-image-search-replace-v1:0': {
		name: 'search-replace',
		fields: {
			image,
			prompt,
			search_prompt: prompt,
			style_preset: stylePreset,
			negative_prompt: negativePrompt,
			seed,
			output_format: outputFormat,
			grow_mask: growMask,
		},
		required: ['image', 'prompt', 'search_prompt'],
		images: { image: STANDARD_INPUT },
		texts: ['prompt', 'search_prompt', 'negative_prompt'],
		render: edited('image'),
	},
	'stability.stable-image-erase-object-v1:0': {
		name: 'erase-object',
		fields: { image, mask: image, seed, output_format: outputFormat, grow_mask: growMask },
		required: ['image'],
		images: {
			image: STANDARD_INPUT,
			mask: { formats: ['jpeg', 'png', 'webp'], maxBytes: STABILITY_MAX_IMAGE_BYTES },
		},
		texts: [],
		check: maskOrAlpha,
		render: edited('image'),
	},
	'stability.stable-image-remove-background-v1:0': {
		name: 'remove-background',
		fields: { image, output_format: outputFormat },
		required: ['image'],
		// AWS doc: up to 9,437,184 pixels, aspect 1:2.5-2.5:1; Stability API: 4,096-4,194,304 pixels. Both apply.
		images: { image: { ...STANDARD_INPUT, minPixels: 4096, maxPixels: 4_194_304 } },
		texts: [],
		render: (_, __, inputs) => paintWithoutBackground(inputRaster(inputs.image)),
	},
	'stability.stable-image-control-sketch-v1:0': {
		name: 'control-sketch',
		fields: {
			image,
			prompt,
			control_strength: num(0, 1),
			negative_prompt: negativePrompt,
			seed,
			output_format: outputFormat,
			style_preset: stylePreset,
		},
		required: ['image', 'prompt'],
		images: { image: STANDARD_INPUT },
		texts: ['prompt', 'negative_prompt'],
		render: edited('image'),
	},
	'stability.stable-image-control-structure-v1:0': {
		name: 'control-structure',
		fields: {
			image,
			prompt,
			control_strength: num(0, 1),
			negative_prompt: negativePrompt,
			seed,
			output_format: outputFormat,
			style_preset: stylePreset,
		},
		required: ['image', 'prompt'],
		images: { image: STANDARD_INPUT },
		texts: ['prompt', 'negative_prompt'],
		render: edited('image'),
	},
	'stability.stable-image-style-guide-v1:0': {
		name: 'style-guide',
		fields: {
			image,
			prompt,
			aspect_ratio: str({ enum: ASPECT_RATIOS }),
			negative_prompt: negativePrompt,
			seed,
			output_format: outputFormat,
			fidelity: num(0, 1),
			style_preset: stylePreset,
		},
		required: ['image', 'prompt'],
		images: { image: STANDARD_INPUT },
		texts: ['prompt', 'negative_prompt'],
		// A new image in the reference's style, sized by aspect_ratio ("1MP. The default resolution is 1024x1024").
		render: (key, body) => {
			const { width, height } =
				ASPECT_RATIO_SIZES[(body.aspect_ratio as string | undefined) ?? '1:1'];
			return paintGenerated(key, width, height);
		},
	},
	'stability.stable-style-transfer-v1:0': {
		name: 'style-transfer',
		fields: {
			init_image: image,
			style_image: image,
			prompt: optionalPrompt,
			negative_prompt: negativePrompt,
			seed,
			output_format: outputFormat,
			composition_fidelity: num(0, 1),
			style_strength: num(0, 1),
			change_strength: num(0.1, 1),
		},
		required: ['init_image', 'style_image'],
		images: { init_image: STANDARD_INPUT, style_image: STANDARD_INPUT },
		texts: ['prompt', 'negative_prompt'],
		render: edited('init_image'),
	},
};

export const STABILITY_SERVICE_IDS = Object.keys(SERVICES);

function handlerFor(service: Service): InvokeHandler {
	const schema = {
		type: 'object' as const,
		properties: service.fields,
		required: service.required,
	};
	return (rawBody, ctx) => {
		const body = asObject(rawBody);
		checkStabilityBody(
			body,
			schema,
			(field, available) =>
				`Invalid field '${field}' in request. Available fields for ${service.name} are: ${available.join(', ')}`,
			'unknownFieldFirst',
		);
		const inputs: Inputs = {};
		for (const [field, rules] of Object.entries(service.images)) {
			if (field in body) inputs[field] = readStabilityImage(body[field] as string, field, rules);
		}
		service.check?.(body, inputs);
		const texts = service.texts.map((field) => body[field]);
		const filtered = stabilityFilterResponse(texts);
		if (filtered) return { body: filtered };
		const usesSeed = 'seed' in service.fields;
		const seedValue = usesSeed ? (body.seed as number | undefined) || randomSeed(MAX_SEED) : 0;
		const format = (body.output_format as 'jpeg' | 'png' | 'webp' | undefined) ?? 'png';
		const key = {
			model: ctx.modelId,
			prompt: texts.filter((t) => typeof t === 'string').join(' | '),
			seed: seedValue,
		};
		const inputHashes = Object.entries(inputs).map(([field, input]) => `${field}:${input.hash}`);
		const otherFields = Object.entries(body).filter(([field]) => !(field in service.images));
		const imageBase64 = cachedBase64(
			JSON.stringify([key, format, inputHashes, otherFields]),
			() => service.render(key, body, inputs),
			format,
		);
		return { body: stabilitySuccess(seedValue, imageBase64) };
	};
}

export const stabilityServiceHandlers: InvokeHandlerMap = Object.fromEntries(
	Object.entries(SERVICES).map(([id, service]) => [id, handlerFor(service)]),
);
