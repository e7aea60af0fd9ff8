/**
 * Stability SD3 Large, SD3.5 Large, Stable Image Core and Stable Image Ultra.
 * Sources: AWS docs `model-parameters-diffusion-3-text-image.html`, `model-parameters-diffusion-3-5-large.html`,
 * `model-parameters-diffusion-stable-image-core-text-image-request-response.html`,
 * `model-parameters-diffusion-stable-ultra-text-image-request-response.html`; swift-bedrock-library
 * `StabilityBedrockModels.swift` / `StabilityImageRequestBody.swift` (AWS-authored, 2025-26) for what the
 * current v1:1 Core/Ultra reject.
 */
import { int, num, obj, str, type ObjectSchema, type Schema } from '../../schema.ts';
import { cachedBase64 } from '../../images/output.ts';
import { inputRaster, paintEdited, paintGenerated } from '../../images/render.ts';
import type { InputImage } from '../../images/inspect.ts';
import type { InvokeHandler, InvokeHandlerMap } from '../types.ts';
import { asObject, randomSeed } from './common.ts';
import {
	ASPECT_RATIOS,
	ASPECT_RATIO_SIZES,
	STABILITY_MAX_IMAGE_BYTES,
	checkStabilityBody,
	readStabilityImage,
	stabilityDetail,
	stabilityFilterResponse,
	stabilitySuccess,
} from './stability.ts';

interface TextToImageModel {
	negativePrompt: boolean;
	/**
	 * 'mode': `mode: "image-to-image"` with `image` and `strength` (SD3, SD3.5 docs).
	 * 'implicit': `image` (+ optional `strength`, default 0.35) without a mode (Ultra v1:0 doc, "Image to image" tab).
	 * false: text-to-image only.
	 */
	imageToImage: 'mode' | 'implicit' | false;
	/** SD3.5 doc: 0-4294967294; Core/Ultra docs: 0-4294967295. */
	maxSeed: number;
}

/**
 * Per-model capabilities. Core/Ultra v1:1 ACCEPT `negative_prompt`: an AWS sample recorded an Ultra
 * v1:1 image for a request with `negative_prompt: "bad quality, blurry"` (aws-samples/comfyui-llm-node-for-amazon-bedrock,
 * 2025-02), stdapi.ai's tests against real Bedrock send it to Core v1:1, AWS's parameter
 * pages list it; the only claim against (a swift-bedrock-library requirements file) shows no
 * rejection and is contradicted by these calls.
 */
export const TEXT_TO_IMAGE_MODELS: Record<string, TextToImageModel> = {
	'stability.sd3-large-v1:0': {
		negativePrompt: true,
		imageToImage: 'mode',
		maxSeed: 4_294_967_294,
	},
	'stability.sd3-5-large-v1:0': {
		negativePrompt: true,
		imageToImage: 'mode',
		maxSeed: 4_294_967_294,
	},
	'stability.stable-image-core-v1:0': {
		negativePrompt: true,
		imageToImage: false,
		maxSeed: 4_294_967_295,
	},
	'stability.stable-image-core-v1:1': {
		negativePrompt: true,
		imageToImage: false,
		maxSeed: 4_294_967_295,
	},
	'stability.stable-image-ultra-v1:0': {
		negativePrompt: true,
		imageToImage: 'implicit',
		maxSeed: 4_294_967_295,
	},
	'stability.stable-image-ultra-v1:1': {
		negativePrompt: true,
		imageToImage: false,
		maxSeed: 4_294_967_295,
	},
};

/**
 * "Supported formats: JPEG, PNG" (all four AWS pages); the wire values are Stability's lowercase enum
 * (`jpeg`, `png`). Core v1:1 was seen rejecting `webp` with a "… not a valid …" message
 * (aws-samples/sample-voice-of-customer-datalake, 2026-08), although the image services accept it.
 */
const OUTPUT_FORMATS = ['jpeg', 'png'] as const;

/** SD3 image-to-image input: "at least 64 px per side", JPEG/PNG/WebP; the services' pixel cap is assumed. */
const IMAGE_TO_IMAGE_INPUT = {
	formats: ['jpeg', 'png', 'webp'] as const,
	minSide: 64,
	maxPixels: 9_437_184,
	maxBytes: STABILITY_MAX_IMAGE_BYTES,
};

function schemaFor(model: TextToImageModel): ObjectSchema {
	const properties: Record<string, Schema> = {
		prompt: str({ maxLength: 10_000 }),
		aspect_ratio: str({ enum: ASPECT_RATIOS }),
		mode: str({
			enum: model.imageToImage === 'mode' ? ['text-to-image', 'image-to-image'] : ['text-to-image'],
		}),
		seed: int(0, model.maxSeed),
		output_format: str({ enum: OUTPUT_FORMATS }),
	};
	if (model.negativePrompt) properties.negative_prompt = str({ maxLength: 10_000 });
	if (model.imageToImage) {
		properties.image = str();
		properties.strength = num(0, 1);
	}
	return obj(properties, ['prompt']);
}

type Body = Record<string, unknown>;

/** The image-to-image input, after the cross-field rules; undefined for text-to-image. */
function imageToImageSource(body: Body, model: TextToImageModel): InputImage | undefined {
	const wantsImage =
		model.imageToImage === 'mode' ? body.mode === 'image-to-image' : 'image' in body;
	if (!wantsImage) {
		// `strength` with mode text-to-image is ignored: AWS's Stability sample sends `strength: 1`
		// to SD3.5 Large in text-to-image mode (aws-samples/stabilityai-sample-notebooks, 2025-10).
		const stray = (model.imageToImage === 'mode' ? ['image'] : ['image', 'strength']).filter(
			(key) => key in body,
		);
		if (stray.length > 0)
			throw stabilityDetail(`${stray.join(', ')}: only valid when mode is image-to-image`);
		return undefined;
	}
	if (!('image' in body)) throw stabilityDetail('image: required when mode is image-to-image');
	if (model.imageToImage === 'mode' && !('strength' in body)) {
		throw stabilityDetail('strength: required when mode is image-to-image');
	}
	// "aspect_ratio … This parameter is only valid for text-to-image requests." (AWS docs)
	if ('aspect_ratio' in body)
		throw stabilityDetail('aspect_ratio: only valid for text-to-image requests');
	return readStabilityImage(body.image as string, 'image', IMAGE_TO_IMAGE_INPUT);
}

function handlerFor(model: TextToImageModel): InvokeHandler {
	const schema = schemaFor(model);
	return (rawBody, ctx) => {
		const body = asObject(rawBody);
		checkStabilityBody(
			body,
			schema,
			(_, available) => `Invalid field in request. Available fields: [${available.join(', ')}]`,
		);
		const prompt = body.prompt as string;
		if (prompt.trim().length === 0) throw stabilityDetail('prompt: cannot be empty');
		const source = imageToImageSource(body, model);
		const filtered = stabilityFilterResponse([prompt, body.negative_prompt]);
		if (filtered) return { body: filtered };
		const seed = (body.seed as number | undefined) || randomSeed(model.maxSeed);
		const format = (body.output_format as 'jpeg' | 'png' | undefined) ?? 'png';
		const { width, height } = source
			? source.info
			: ASPECT_RATIO_SIZES[(body.aspect_ratio as string) ?? '1:1'];
		const key = { model: ctx.modelId, prompt, seed };
		const image = cachedBase64(
			JSON.stringify([key, width, height, format, source?.hash]),
			() => (source ? paintEdited(key, inputRaster(source)) : paintGenerated(key, width, height)),
			format,
		);
		return { body: stabilitySuccess(seed, image) };
	};
}

export const stabilityTextToImageHandlers: InvokeHandlerMap = Object.fromEntries(
	Object.entries(TEXT_TO_IMAGE_MODELS).map(([id, model]) => [id, handlerFor(model)]),
);
