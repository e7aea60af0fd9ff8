/**
 * What Amazon Titan Image Generator (v1, v2) and Nova Canvas share: the `taskType` +
 * `<task>Params` + `imageGenerationConfig` body, the `{"images": [...], "error"?, "maskImage"?}`
 * response, mask and input-image rules. Each family file (titanImage.ts, novaCanvas.ts)
 * supplies its tables: task list, text limits, size rule, defaults and error wording.
 */
import type { AwsError } from '../../errors.ts';
import {
	checkImage,
	readInputImage,
	type ImageRules,
	type InputImage,
} from '../../images/inspect.ts';
import { cachedBase64 } from '../../images/output.ts';
import type { Raster } from '../../images/raster.ts';
import {
	inputRaster,
	paintEdited,
	paintGenerated,
	paintMask,
	paintWithoutBackground,
	resizeNearest,
} from '../../images/render.ts';
import {
	arr,
	bool,
	int,
	num,
	obj,
	str,
	validate,
	type ObjectSchema,
	type Schema,
} from '../../schema.ts';
import type { InvokeHandler } from '../types.ts';
import { asObject, contentFilterVerdict } from './common.ts';

export type TaskType =
	| 'TEXT_IMAGE'
	| 'INPAINTING'
	| 'OUTPAINTING'
	| 'IMAGE_VARIATION'
	| 'COLOR_GUIDED_GENERATION'
	| 'BACKGROUND_REMOVAL'
	| 'VIRTUAL_TRY_ON';

export const PARAMS_KEY: Record<TaskType, string> = {
	TEXT_IMAGE: 'textToImageParams',
	INPAINTING: 'inPaintingParams',
	OUTPAINTING: 'outPaintingParams',
	IMAGE_VARIATION: 'imageVariationParams',
	COLOR_GUIDED_GENERATION: 'colorGuidedGenerationParams',
	BACKGROUND_REMOVAL: 'backgroundRemovalParams',
	VIRTUAL_TRY_ON: 'virtualTryOnParams',
};

export interface AmazonImageFamily {
	/** Task types this model accepts, each with its params-object schema. */
	tasks: Partial<Record<TaskType, ObjectSchema>>;
	/** Text and negativeText length limits. */
	text: { min: number; max: number };
	defaults: { width: number; height: number; cfgScale: number; seed: number };
	limits: { maxSeed: number; minCfgScale: number; maxCfgScale: number; maxImages: number };
	/** Tasks whose output has the input's size and whose imageGenerationConfig has no width/height. */
	sizelessEditTasks: readonly TaskType[];
	inputImage: ImageRules;
	/** The error for a size the model cannot produce, or undefined when (width, height) is valid. */
	checkSize: (width: number, height: number) => AwsError | undefined;
	errors: {
		/** JSON-schema violations (already formatted as `#/<pointer>: <detail>`). */
		malformed: (violations: string[]) => AwsError;
		/** A missing or unknown `taskType`, before any other check. */
		taskType: (violations: string[]) => AwsError;
		/** A rule the schema cannot express (mask exclusivity, image limits, …). */
		invalid: (reason: string) => AwsError;
		/** A prompt the content filter blocked. */
		blockedInput: () => AwsError;
	};
	/** The `error` text of a 200 answer whose output images were filtered. */
	blockedOutputMessage: string;
}

/** The text fields of each params object, for the content-filter triggers and the paint key. */
const TEXT_FIELDS = ['text', 'negativeText', 'maskPrompt'];

type Json = Record<string, unknown>;

export function configSchema(family: AmazonImageFamily, withSize: boolean): ObjectSchema {
	const properties: Record<string, Schema> = {
		numberOfImages: int(1, family.limits.maxImages),
		quality: str({ enum: ['standard', 'premium'] }),
		cfgScale: num(family.limits.minCfgScale, family.limits.maxCfgScale),
		seed: int(0, family.limits.maxSeed),
	};
	if (withSize) {
		properties.width = int();
		properties.height = int();
	}
	return obj(properties);
}

function bodySchema(family: AmazonImageFamily, taskType: TaskType): ObjectSchema {
	const properties: Record<string, Schema> = {
		taskType: str({ enum: Object.keys(family.tasks) }),
		[PARAMS_KEY[taskType]]: family.tasks[taskType]!,
	};
	// Background removal takes no imageGenerationConfig (AWS docs: "Do not send an imageGenerationConfig").
	if (taskType !== 'BACKGROUND_REMOVAL') {
		properties.imageGenerationConfig = configSchema(
			family,
			!family.sizelessEditTasks.includes(taskType),
		);
	}
	return obj(properties, ['taskType', PARAMS_KEY[taskType]]);
}

/** Shared params-object pieces, parameterised by the family's text limit. */
export function paramSchemas(text: { min: number; max: number }) {
	const textField = str({ minLength: text.min, maxLength: text.max });
	return {
		text: textField,
		image: str(),
		textToImage: (extra: Record<string, Schema> = {}) =>
			obj({ text: textField, negativeText: textField, ...extra }, ['text']),
		conditioning: {
			conditionImage: str(),
			controlMode: str({ enum: ['CANNY_EDGE', 'SEGMENTATION'] }),
			controlStrength: num(0, 1),
		},
		inPainting: (extra: Record<string, Schema> = {}) =>
			obj(
				{
					image: str(),
					text: textField,
					negativeText: textField,
					maskPrompt: textField,
					maskImage: str(),
					...extra,
				},
				['image'],
			),
		outPainting: (extra: Record<string, Schema> = {}) =>
			obj(
				{
					image: str(),
					text: textField,
					negativeText: textField,
					maskPrompt: textField,
					maskImage: str(),
					outPaintingMode: str({ enum: ['DEFAULT', 'PRECISE'] }),
					...extra,
				},
				['image', 'text'],
			),
		imageVariation: obj(
			{
				images: arr(str(), 1, 5),
				text: textField,
				negativeText: textField,
				similarityStrength: num(0.2, 1),
			},
			['images'],
		),
		colorGuided: obj(
			{
				text: textField,
				negativeText: textField,
				colors: arr(str({ pattern: /^#[0-9A-Fa-f]{6}$/ }), 1, 10),
				referenceImage: str(),
			},
			['text', 'colors'],
		),
		backgroundRemoval: obj({ image: str() }, ['image']),
		returnMask: bool(),
	};
}

interface Inputs {
	/** The image edits start from (inpaint, outpaint, variation, background removal, try-on source). */
	main?: InputImage;
	/** A mask image that must match `main`'s size. */
	mask?: InputImage;
}

function readImage(family: AmazonImageFamily, value: string, path: string): InputImage {
	const image = readInputImage(value);
	if (!image)
		throw family.errors.invalid(`${path}: the value is not a valid base64-encoded image.`);
	const violation = checkImage(image.info, family.inputImage);
	if (violation?.kind === 'format') {
		throw family.errors.invalid(
			`${path}: unsupported image format ${violation.format}; use PNG or JPEG.`,
		);
	}
	if (violation) throw family.errors.invalid(`${path}: ${violation.detail}.`);
	return image;
}

/** Exactly one of maskPrompt / maskImage ("You must define one of the following fields (but not both)"). */
function checkMaskChoice(family: AmazonImageFamily, params: Json, paramsKey: string): void {
	const given = ['maskPrompt', 'maskImage'].filter((key) => key in params);
	if (given.length !== 1) {
		throw family.errors.invalid(
			`${paramsKey}: exactly one of maskPrompt or maskImage must be provided.`,
		);
	}
}

const TRY_ON_MASKS: Record<string, string> = {
	IMAGE: 'imageBasedMask',
	GARMENT: 'garmentBasedMask',
	PROMPT: 'promptBasedMask',
};

/** Decodes every image of the task and applies the cross-field rules. */
function readInputs(family: AmazonImageFamily, taskType: TaskType, params: Json): Inputs {
	const key = PARAMS_KEY[taskType];
	const at = (field: string) => readImage(family, params[field] as string, `${key}.${field}`);
	switch (taskType) {
		case 'TEXT_IMAGE': {
			const conditioned = 'conditionImage' in params;
			if (!conditioned && ('controlMode' in params || 'controlStrength' in params)) {
				// "If controlMode or controlStrength are provided, then conditionImage must also be provided."
				throw family.errors.invalid(
					`${key}: conditionImage is required when controlMode or controlStrength is provided.`,
				);
			}
			if (conditioned) at('conditionImage');
			return {};
		}
		case 'COLOR_GUIDED_GENERATION':
			if ('referenceImage' in params) at('referenceImage');
			return {};
		case 'IMAGE_VARIATION': {
			const images = (params.images as string[]).map((value, i) =>
				readImage(family, value, `${key}.images[${i}]`),
			);
			return { main: images[0] };
		}
		case 'INPAINTING':
		case 'OUTPAINTING': {
			checkMaskChoice(family, params, key);
			return { main: at('image'), mask: 'maskImage' in params ? at('maskImage') : undefined };
		}
		case 'BACKGROUND_REMOVAL':
			return { main: at('image') };
		case 'VIRTUAL_TRY_ON': {
			const chosen = TRY_ON_MASKS[params.maskType as string];
			if (!(chosen in params))
				throw family.errors.invalid(
					`${key}: ${chosen} is required when maskType is ${params.maskType}.`,
				);
			const others = Object.values(TRY_ON_MASKS).filter((k) => k !== chosen && k in params);
			if (others.length > 0)
				throw family.errors.invalid(
					`${key}: ${others.join(', ')} cannot be used when maskType is ${params.maskType}.`,
				);
			const main = at('sourceImage');
			at('referenceImage');
			const imageMask = params.imageBasedMask as Json | undefined;
			const mask = imageMask
				? readImage(family, imageMask.maskImage as string, `${key}.imageBasedMask.maskImage`)
				: undefined;
			return { main, mask };
		}
	}
}

function checkMaskSize(family: AmazonImageFamily, inputs: Inputs): void {
	const { main, mask } = inputs;
	if (!main || !mask) return;
	if (main.info.width !== mask.info.width || main.info.height !== mask.info.height) {
		throw family.errors.invalid(
			`The mask image (${mask.info.width}x${mask.info.height}) must have the same dimensions as the input image (${main.info.width}x${main.info.height}).`,
		);
	}
}

function paintOne(
	taskType: TaskType,
	key: { model: string; prompt: string; seed: number; variant: number },
	inputs: Inputs,
	width: number,
	height: number,
): Raster {
	switch (taskType) {
		case 'TEXT_IMAGE':
		case 'COLOR_GUIDED_GENERATION':
			return paintGenerated(key, width, height);
		case 'IMAGE_VARIATION':
			return resizeNearest(paintEdited(key, inputRaster(inputs.main!)), width, height);
		case 'BACKGROUND_REMOVAL':
			return paintWithoutBackground(inputRaster(inputs.main!));
		default:
			return paintEdited(key, inputRaster(inputs.main!));
	}
}

/** Output size: the input's for edits, else the requested (validated) size. */
function outputSize(
	family: AmazonImageFamily,
	taskType: TaskType,
	config: Json,
	inputs: Inputs,
): { width: number; height: number } {
	const editKeepsSize = [
		'INPAINTING',
		'OUTPAINTING',
		'BACKGROUND_REMOVAL',
		'VIRTUAL_TRY_ON',
	].includes(taskType);
	const width = (config.width as number | undefined) ?? family.defaults.width;
	const height = (config.height as number | undefined) ?? family.defaults.height;
	if ('width' in config || 'height' in config || !editKeepsSize) {
		const error = family.checkSize(width, height);
		if (error) throw error;
	}
	return editKeepsSize
		? { width: inputs.main!.info.width, height: inputs.main!.info.height }
		: { width, height };
}

export function amazonImageHandler(family: AmazonImageFamily): InvokeHandler {
	return (rawBody, ctx) => {
		const body = asObject(rawBody);
		// The taskType picks the schema, so it is checked first, on its own.
		const taskViolations = validate(body, {
			...obj({ taskType: str({ enum: Object.keys(family.tasks) }) }, ['taskType']),
			additionalProperties: true,
		});
		if (taskViolations.length > 0) throw family.errors.taskType(taskViolations);
		const taskType = body.taskType as TaskType;
		const violations = validate(body, bodySchema(family, taskType));
		if (violations.length > 0) throw family.errors.malformed(violations);
		const params = body[PARAMS_KEY[taskType]] as Json;
		const config = (body.imageGenerationConfig as Json | undefined) ?? {};
		const inputs = readInputs(family, taskType, params);
		checkMaskSize(family, inputs);
		const { width, height } = outputSize(family, taskType, config, inputs);

		const promptBasedMask = params.promptBasedMask as Json | undefined;
		const texts = [...TEXT_FIELDS.map((field) => params[field]), promptBasedMask?.maskPrompt];
		const verdict = contentFilterVerdict(texts);
		if (verdict === 'input') throw family.errors.blockedInput();

		const count =
			taskType === 'BACKGROUND_REMOVAL' ? 1 : ((config.numberOfImages as number | undefined) ?? 1);
		const seed = (config.seed as number | undefined) ?? family.defaults.seed;
		const prompt = texts.filter((t) => typeof t === 'string').join(' | ');
		const inputHash = [inputs.main?.hash, inputs.mask?.hash];
		const images = Array.from({ length: count }, (_, variant) => {
			const key = { model: ctx.modelId, prompt, seed, variant };
			return cachedBase64(
				JSON.stringify([key, taskType, width, height, inputHash, config.cfgScale, config.quality]),
				() => paintOne(taskType, key, inputs, width, height),
				'png',
			);
		});
		const response: Json = { images: verdict === 'output' ? images.slice(0, -1) : images };
		if (verdict === 'output') response.error = family.blockedOutputMessage;
		if (params.returnMask === true && inputs.main) {
			const { width: maskWidth, height: maskHeight } = inputs.main.info;
			response.maskImage = cachedBase64(
				`mask:${maskWidth}x${maskHeight}`,
				() => paintMask(maskWidth, maskHeight),
				'png',
			);
		}
		return { body: response };
	};
}
