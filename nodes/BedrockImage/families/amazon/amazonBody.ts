/**
 * What Amazon Titan Image Generator (v1, v2) and Nova Canvas share: the
 * `{taskType, <task>Params, imageGenerationConfig}` body, the fields every task has (number of
 * images, quality, CFG scale, seed), and the `{images, error?, maskImage?}` answer. Each model
 * gives its limits in an `AmazonModelSpec` (`titanImage.ts`, `novaCanvas.ts`).
 *
 * Sources:
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-image.html and
 * https://docs.aws.amazon.com/nova/latest/userguide/image-gen-req-resp-structure.html.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { ImageRules, InputImage } from '../../binary';
import {
	booleanField,
	collectionProperty,
	defined,
	numberField,
	optionsField,
	stringField,
	enumLabel,
	valueOptions,
	type Field,
	type ItemParams,
} from '../../../shared/fields';
import type { OperationKey } from '../../actions/operations';
import { asRecord, base64ImageSize, decodeImage, sizeIn } from '../common';
import type { FamilyTask, ImageFamily, ParsedResponse, TaskPlan } from '../types';

/** The size fields of a model: Titan's fixed list, or Nova's free width and height. */
export interface SizeSpec {
	properties: INodeProperties[];
	/** `{width, height}` of the item, checked. */
	read(params: ItemParams): { width: number; height: number };
}

export interface AmazonModelSpec {
	id: string;
	displayName: string;
	modelIdMarkers: readonly string[];
	exampleModelId: string;
	/** The shared tasks (`amazonTasks.ts`) this model has; its own come in `amazonImageFamily`. */
	operations: readonly OperationKey[];
	/** `text` and `negativeText`: 1 to this many characters. */
	textMaxLength: number;
	seed: { max: number; default: number };
	cfgScaleDefault: number;
	size: SizeSpec;
	/** Every input image (to edit, vary, condition on, try on). */
	inputImages: ImageRules;
	/** Inpainting and outpainting can return the mask they used (Titan: yes; Nova: try-on only). */
	editsReturnMask: boolean;
	/** `textToImageParams.style` presets (Nova). */
	styles?: readonly string[];
}

const MODEL_OPTIONS = 'modelOptions';
/** "numberOfImages: 1–5". */
const MAX_IMAGES_PER_CALL = 5;

const PARAMS_KEYS: Record<string, string> = {
	TEXT_IMAGE: 'textToImageParams',
	COLOR_GUIDED_GENERATION: 'colorGuidedGenerationParams',
	IMAGE_VARIATION: 'imageVariationParams',
	INPAINTING: 'inPaintingParams',
	OUTPAINTING: 'outPaintingParams',
	BACKGROUND_REMOVAL: 'backgroundRemovalParams',
	VIRTUAL_TRY_ON: 'virtualTryOnParams',
};

export const imageCount = numberField({
	name: 'numberOfImages',
	displayName: 'Number of Images',
	description: 'Images made in one call (each distinct; all share the seed)',
	default: 1,
	min: 1,
	max: MAX_IMAGES_PER_CALL,
	integer: true,
});

const quality = optionsField({
	name: 'quality',
	displayName: 'Quality',
	description: 'Premium takes longer and is priced higher',
	default: 'standard',
	options: [
		{ name: 'Premium', value: 'premium' },
		{ name: 'Standard', value: 'standard' },
	],
});

export const returnMask = booleanField({
	name: 'returnMask',
	displayName: 'Return Mask',
	description:
		'Whether to also output the mask the model used (in the Put Returned Mask in Field binary field)',
	default: false,
});

export const showFor = (field: string, values: string[]) => ({ show: { [field]: values } });

export const base64 = (image: InputImage) => image.data.toString('base64');

/** Every field and body piece of one model, built from its spec. */
export function modelFields(spec: AmazonModelSpec) {
	const text = (required: boolean, description: string) =>
		stringField({
			name: 'prompt',
			displayName: 'Prompt',
			description,
			required,
			maxLength: spec.textMaxLength,
			rows: 4,
		});
	const negativeText = stringField({
		name: 'negativePrompt',
		displayName: 'Negative Prompt',
		description: 'What you do not want to see',
		maxLength: spec.textMaxLength,
		rows: 2,
	});
	const maskPrompt = stringField({
		name: 'maskPrompt',
		displayName: 'Mask Prompt',
		description: 'The area to change, in words',
		required: true,
		maxLength: spec.textMaxLength,
		placeholder: 'e.g. the sky',
	});
	const cfgScale = numberField({
		name: 'cfgScale',
		displayName: 'CFG Scale',
		description: `How closely the image follows the prompt (default ${spec.cfgScaleDefault})`,
		default: spec.cfgScaleDefault,
		min: 1.1,
		max: 10,
		precision: 1,
	});
	const seed = numberField({
		name: 'seed',
		displayName: 'Seed',
		description: `Starting noise: the same seed and settings give the same images (the model's default is ${spec.seed.default})`,
		default: spec.seed.default,
		min: 0,
		max: spec.seed.max,
		integer: true,
	});
	const style = spec.styles
		? optionsField({
				name: 'style',
				displayName: 'Style',
				description: 'A visual style preset',
				default: spec.styles[0],
				options: valueOptions(spec.styles, enumLabel),
			})
		: undefined;
	return { text, negativeText, maskPrompt, cfgScale, seed, style };
}

export interface BodyParts {
	taskType: string;
	params: Record<string, unknown>;
	/** imageGenerationConfig members besides count, quality, cfg and seed (width, height). */
	config?: Record<string, unknown>;
}

export type ModelFields = ReturnType<typeof modelFields>;

/** The task of one operation for one model: its fields and its body. */
export function amazonTask(
	{ cfgScale, seed }: ModelFields,
	properties: INodeProperties[],
	options: Array<Field<unknown>>,
	parts: (params: ItemParams, modelOptions: ItemParams) => Promise<BodyParts>,
): FamilyTask {
	const configOptions = [quality, cfgScale, seed];
	return {
		properties: [
			...properties,
			collectionProperty(MODEL_OPTIONS, 'Model Options', [...configOptions, ...options]),
		],
		async plan({ params }): Promise<TaskPlan> {
			const modelOptions = params.in(MODEL_OPTIONS);
			const built = await parts(params, modelOptions);
			const prompt = typeof built.params.text === 'string' ? { prompt: built.params.text } : {};
			const body: Record<string, unknown> = {
				taskType: built.taskType,
				[PARAMS_KEYS[built.taskType]]: built.params,
			};
			body.imageGenerationConfig = defined({
				numberOfImages: imageCount.read(params),
				quality: quality.read(modelOptions),
				cfgScale: cfgScale.read(modelOptions),
				seed: seed.read(modelOptions),
				...built.config,
			});
			return { ...prompt, bodies: [body] };
		},
	};
}

/** `{"images": [...], "error"?: "...", "maskImage"?: "..."}`; `error` means images were filtered. */
export function amazonResponseParser(spec: AmazonModelSpec) {
	return (body: unknown, request: Record<string, unknown>): ParsedResponse => {
		const answer = asRecord(body);
		const config = request.imageGenerationConfig as Record<string, unknown> | undefined;
		const seed =
			request.taskType === 'BACKGROUND_REMOVAL'
				? undefined
				: ((config?.seed as number | undefined) ?? spec.seed.default);
		const images = Array.isArray(answer.images) ? answer.images : [];
		return {
			images: images.map((image, index) => ({
				data: decodeImage(image, `images[${index}]`),
				...(seed !== undefined ? { seed } : {}),
				finishReason: 'SUCCESS',
			})),
			...(typeof answer.maskImage === 'string'
				? { mask: decodeImage(answer.maskImage, 'maskImage') }
				: {}),
			...(typeof answer.error === 'string' && answer.error
				? { filtered: `${spec.displayName} content filter (${answer.error})` }
				: {}),
		};
	};
}

/**
 * What an Amazon request is billed on: `numberOfImages` images of its quality (standard by
 * default) and size. The size is the request's, or for an edit the input image's, which the
 * result keeps.
 */
export const amazonBilling: ImageFamily['billing'] = (body) => {
	const config = body.imageGenerationConfig as Record<string, unknown> | undefined;
	const params = body[PARAMS_KEYS[String(body.taskType)] ?? ''] as
		| Record<string, unknown>
		| undefined;
	const input =
		params?.image ?? params?.sourceImage ?? (params?.images as unknown[] | undefined)?.[0];
	return {
		images: typeof config?.numberOfImages === 'number' ? config.numberOfImages : 1,
		facts: {
			quality: typeof config?.quality === 'string' ? config.quality : 'standard',
			...(sizeIn(config) ?? base64ImageSize(input)),
		},
	};
};
