/**
 * What Amazon Titan Image Generator (v1, v2) and Nova Canvas share: the
 * `{taskType, <task>Params, imageGenerationConfig}` body, the fields of each task, and the
 * `{images, error?, maskImage?}` answer. `titanImage.ts` and `novaCanvas.ts` give each model's
 * limits (text length, seeds, sizes, input images) and which tasks it has.
 *
 * Source: AWS docs `model-parameters-titan-image.html` and Nova's
 * `image-gen-req-resp-structure.html`, `image-gen-vto.html` (bedrock-api.md A.4, A.5).
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	checkSameSize,
	imageInputField,
	inputImageField,
	loadImage,
	type ImageRules,
	type InputImage,
} from '../binary';
import {
	booleanField,
	collectionProperty,
	defined,
	numberField,
	optionsField,
	stringField,
	valueOptions,
	type Field,
	type ItemParams,
} from '../fields';
import type { OperationKey } from '../actions/operations';
import { asRecord, decodeImage } from './common';
import type { FamilyTask, ImageFamily, ParsedResponse, TaskPlan } from './types';

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
/** "images: 1–5 base64 images" (image variation). */
const MAX_VARIATION_INPUTS = 5;
/** "colors: 1–10 hex codes". */
const MAX_COLORS = 10;
const HEX_COLOR = /^#[0-9A-Fa-f]{6}$/;

const PARAMS_KEYS: Record<string, string> = {
	TEXT_IMAGE: 'textToImageParams',
	COLOR_GUIDED_GENERATION: 'colorGuidedGenerationParams',
	IMAGE_VARIATION: 'imageVariationParams',
	INPAINTING: 'inPaintingParams',
	OUTPAINTING: 'outPaintingParams',
	BACKGROUND_REMOVAL: 'backgroundRemovalParams',
	VIRTUAL_TRY_ON: 'virtualTryOnParams',
};

const imageCount = numberField({
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

const maskInput = optionsField({
	name: 'maskInput',
	displayName: 'Mask',
	description: 'How the area to change is given',
	default: 'prompt',
	options: [
		{
			name: 'Mask Image',
			value: 'image',
			description: 'A black-and-white image: black is the area',
		},
		{
			name: 'Mask Prompt',
			value: 'prompt',
			description: 'A description of the area, e.g. "the sky"',
		},
	],
});

const maskImage = imageInputField({
	name: 'maskImage',
	displayName: 'Mask Image Field',
	description:
		'PNG or JPEG of the size of the input image: black (0,0,0) is inside the mask, white outside',
	default: 'mask',
	required: true,
});

const outPaintingMode = optionsField({
	name: 'outPaintingMode',
	displayName: 'Outpainting Mode',
	default: 'DEFAULT',
	options: [
		{
			name: 'Default',
			value: 'DEFAULT',
			description: 'Pixels inside the mask may change a little',
		},
		{
			name: 'Precise',
			value: 'PRECISE',
			description: 'Pixels inside the mask stay exactly as they are',
		},
	],
});

const controlImage = imageInputField({
	name: 'controlImage',
	displayName: 'Control Image Field',
	description: 'The image whose edges or segmentation the result follows (PNG or JPEG)',
	default: 'data',
	required: true,
});

const controlMode = optionsField({
	name: 'controlMode',
	displayName: 'Control Mode',
	default: 'CANNY_EDGE',
	options: [
		{ name: 'Canny Edge', value: 'CANNY_EDGE', description: "Follow the control image's edges" },
		{
			name: 'Segmentation',
			value: 'SEGMENTATION',
			description: "Follow the control image's regions",
		},
	],
});

const controlStrength = numberField({
	name: 'controlStrength',
	displayName: 'Control Strength',
	description: 'How closely the layout follows the control image',
	default: 0.7,
	min: 0,
	max: 1,
	precision: 2,
});

const colors = stringField({
	name: 'colors',
	displayName: 'Colors',
	description: `One to ${MAX_COLORS} colors as hex codes #RRGGBB, separated by commas`,
	required: true,
	placeholder: 'e.g. #FF9900, #232F3E',
});

const referenceImage = imageInputField({
	name: 'referenceImage',
	displayName: 'Reference Image Field',
	description: 'Optional image whose style guides the result; leave empty for none',
	default: '',
});

const variationImages = stringField({
	name: 'inputImages',
	displayName: 'Input Image Fields',
	description: `The binary fields holding the images to vary (1 to ${MAX_VARIATION_INPUTS}), separated by commas`,
	required: true,
	default: 'data',
	placeholder: 'e.g. data, data2',
});

const similarityStrength = numberField({
	name: 'similarityStrength',
	displayName: 'Similarity Strength',
	description: 'How similar the variations are to the input images',
	default: 0.7,
	min: 0.2,
	max: 1,
	precision: 2,
});

const returnMask = booleanField({
	name: 'returnMask',
	displayName: 'Return Mask',
	description:
		'Whether to also output the mask the model used (in the Put Returned Mask in Field binary field)',
	default: false,
});

// Virtual try-on (Nova) ----------------------------------------------------------------------

const garmentImage = imageInputField({
	name: 'garmentImage',
	displayName: 'Garment Image Field',
	description: 'The image of the garment (or outfit) to put on the person',
	default: 'garment',
	required: true,
});

const tryOnMaskType = optionsField({
	name: 'maskType',
	displayName: 'Mask Type',
	description: 'How the area the garment goes to is found',
	default: 'GARMENT',
	options: [
		{ name: 'Garment Class', value: 'GARMENT', description: 'Found from the kind of garment' },
		{ name: 'Mask Image', value: 'IMAGE', description: 'Given as a black-and-white image' },
		{ name: 'Mask Prompt', value: 'PROMPT', description: 'Described in words' },
	],
});

const GARMENT_CLASSES = [
	'UPPER_BODY',
	'LOWER_BODY',
	'FULL_BODY',
	'FOOTWEAR',
	'LONG_SLEEVE_SHIRT',
	'SHORT_SLEEVE_SHIRT',
	'NO_SLEEVE_SHIRT',
	'OTHER_UPPER_BODY',
	'LONG_PANTS',
	'SHORT_PANTS',
	'OTHER_LOWER_BODY',
	'LONG_DRESS',
	'SHORT_DRESS',
	'FULL_BODY_OUTFIT',
	'OTHER_FULL_BODY',
	'SHOES',
	'BOOTS',
	'OTHER_FOOTWEAR',
] as const;

const enumLabel = (value: string) =>
	value
		.split('_')
		.map((word) => word.charAt(0) + word.slice(1).toLowerCase())
		.join(' ');

const garmentClass = optionsField({
	name: 'garmentClass',
	displayName: 'Garment Class',
	default: 'UPPER_BODY',
	options: valueOptions(GARMENT_CLASSES, enumLabel),
});

const maskShape = optionsField({
	name: 'maskShape',
	displayName: 'Mask Shape',
	default: 'DEFAULT',
	options: valueOptions(['BOUNDING_BOX', 'CONTOUR', 'DEFAULT'] as const, enumLabel),
});

const styling = (name: string, displayName: string, values: readonly string[]) =>
	optionsField({ name, displayName, default: values[0], options: valueOptions(values, enumLabel) });

const longSleeveStyle = styling('longSleeveStyle', 'Long Sleeve Style', [
	'SLEEVE_DOWN',
	'SLEEVE_UP',
]);
const tuckingStyle = styling('tuckingStyle', 'Tucking Style', ['UNTUCKED', 'TUCKED']);
const outerLayerStyle = styling('outerLayerStyle', 'Outer Layer Style', ['CLOSED', 'OPEN']);
const preserve = (name: string, displayName: string) =>
	optionsField({
		name,
		displayName,
		default: 'DEFAULT',
		options: valueOptions(['DEFAULT', 'OFF', 'ON'] as const, enumLabel),
	});
const preserveBodyPose = preserve('preserveBodyPose', 'Preserve Body Pose');
const preserveHands = preserve('preserveHands', 'Preserve Hands');
const preserveFace = preserve('preserveFace', 'Preserve Face');
const mergeStyle = optionsField({
	name: 'mergeStyle',
	displayName: 'Merge Style',
	default: 'BALANCED',
	options: valueOptions(['BALANCED', 'DETAILED', 'SEAMLESS'] as const, enumLabel),
});

// --------------------------------------------------------------------------------------------

const showFor = (field: string, values: string[]) => ({ show: { [field]: values } });

/** Every field and body piece of one model, built from its spec. */
function modelFields(spec: AmazonModelSpec) {
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

interface BodyParts {
	taskType: string;
	params: Record<string, unknown>;
	/** imageGenerationConfig members besides count, quality, cfg and seed (width, height). */
	config?: Record<string, unknown>;
	/** Background removal takes no imageGenerationConfig at all. */
	noConfig?: boolean;
}

function readColors(params: ItemParams): string[] {
	const value = colors.read(params) ?? '';
	const list = value.split(/[\s,;]+/).filter(Boolean);
	const wrong = list.find((color) => !HEX_COLOR.test(color));
	if (wrong) return params.fail(`Colors: "${wrong}" is not a hex color code like #FF9900`);
	if (list.length > MAX_COLORS) {
		return params.fail(`Colors: ${list.length} colors given; at most ${MAX_COLORS} are allowed`);
	}
	return list;
}

async function readVariationInputs(params: ItemParams, rules: ImageRules): Promise<InputImage[]> {
	const names = (variationImages.read(params) ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	if (names.length === 0)
		return params.fail('Input Image Fields is empty: name 1 to 5 binary fields');
	if (names.length > MAX_VARIATION_INPUTS) {
		return params.fail(
			`Input Image Fields names ${names.length} images; image variation takes at most ${MAX_VARIATION_INPUTS}`,
		);
	}
	const images: InputImage[] = [];
	for (const name of names)
		images.push(await loadImage(params, variationImages.property.displayName, name, rules));
	return images;
}

const base64 = (image: InputImage) => image.data.toString('base64');

/** The mask of inpainting and outpainting: a prompt or an image of the input's size. */
async function readMask(
	params: ItemParams,
	image: InputImage,
	rules: ImageRules,
	maskPrompt: Field<string>,
): Promise<Record<string, string>> {
	if ((maskInput.read(params) ?? 'prompt') === 'prompt')
		return { maskPrompt: maskPrompt.read(params) as string };
	const mask = await maskImage.load(params, rules);
	checkSameSize(params, maskImage.property.displayName, image, mask);
	return { maskImage: base64(mask) };
}

type ModelFields = ReturnType<typeof modelFields>;

/** The task of one operation for one model: its fields and its body. */
function task(
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
			if (!built.noConfig) {
				body.imageGenerationConfig = defined({
					numberOfImages: imageCount.read(params),
					quality: quality.read(modelOptions),
					cfgScale: cfgScale.read(modelOptions),
					seed: seed.read(modelOptions),
					...built.config,
				});
			}
			return { ...prompt, bodies: [body] };
		},
	};
}

function tasksOf(spec: AmazonModelSpec): Partial<Record<OperationKey, FamilyTask>> {
	const fields = modelFields(spec);
	const { text, negativeText, maskPrompt, style } = fields;
	const rules = spec.inputImages;
	const requiredText = text(true, 'What you want to see in the image');
	const optionalText = text(false, 'What you want to see (optional)');
	const texts = (params: ItemParams, prompt: Field<string>) =>
		defined({ text: prompt.read(params), negativeText: negativeText.read(params) });
	const sized = (params: ItemParams) => spec.size.read(params);
	const editInput = inputImageField('The image to edit (PNG or JPEG)');
	const maskFields = [
		maskInput.property,
		{ ...maskPrompt.property, displayOptions: showFor('maskInput', ['prompt']) },
		{ ...maskImage.property, displayOptions: showFor('maskInput', ['image']) },
	];
	const maskReturn = spec.editsReturnMask ? [returnMask] : [];
	const count = [imageCount.property];

	const all: Partial<Record<OperationKey, FamilyTask>> = {
		generate: task(
			fields,
			[requiredText.property, negativeText.property, ...spec.size.properties, ...count],
			style ? [style] : [],
			async (params, options) => ({
				taskType: 'TEXT_IMAGE',
				params: {
					...texts(params, requiredText),
					...(style ? defined({ style: style.read(options) }) : {}),
				},
				config: sized(params),
			}),
		),
		control: task(
			fields,
			[
				requiredText.property,
				negativeText.property,
				controlImage.property,
				controlMode.property,
				controlStrength.property,
				...spec.size.properties,
				...count,
			],
			[],
			async (params) => ({
				taskType: 'TEXT_IMAGE',
				params: {
					...texts(params, requiredText),
					conditionImage: base64(await controlImage.load(params, rules)),
					...defined({
						controlMode: controlMode.read(params),
						controlStrength: controlStrength.read(params),
					}),
				},
				config: sized(params),
			}),
		),
		colorPalette: task(
			fields,
			[
				requiredText.property,
				negativeText.property,
				colors.property,
				referenceImage.property,
				...spec.size.properties,
				...count,
			],
			[],
			async (params) => {
				const palette = readColors(params);
				const reference = await referenceImage.loadOptional(params, rules);
				return {
					taskType: 'COLOR_GUIDED_GENERATION',
					params: {
						...texts(params, requiredText),
						colors: palette,
						...(reference ? { referenceImage: base64(reference) } : {}),
					},
					config: sized(params),
				};
			},
		),
		vary: task(
			fields,
			[
				variationImages.property,
				optionalText.property,
				negativeText.property,
				similarityStrength.property,
				...spec.size.properties,
				...count,
			],
			[],
			async (params) => ({
				taskType: 'IMAGE_VARIATION',
				params: {
					images: (await readVariationInputs(params, rules)).map(base64),
					...texts(params, optionalText),
					...defined({ similarityStrength: similarityStrength.read(params) }),
				},
				config: sized(params),
			}),
		),
		inpaint: task(
			fields,
			[editInput.property, ...maskFields, optionalText.property, negativeText.property, ...count],
			maskReturn,
			async (params, options) => {
				const image = await editInput.load(params, rules);
				return {
					taskType: 'INPAINTING',
					params: {
						image: base64(image),
						...(await readMask(params, image, rules, maskPrompt)),
						...texts(params, optionalText),
						...(spec.editsReturnMask ? defined({ returnMask: returnMask.read(options) }) : {}),
					},
				};
			},
		),
		outpaint: task(
			fields,
			[
				editInput.property,
				...maskFields,
				requiredText.property,
				negativeText.property,
				outPaintingMode.property,
				...count,
			],
			maskReturn,
			async (params, options) => {
				const image = await editInput.load(params, rules);
				return {
					taskType: 'OUTPAINTING',
					params: {
						image: base64(image),
						...(await readMask(params, image, rules, maskPrompt)),
						...texts(params, requiredText),
						...defined({ outPaintingMode: outPaintingMode.read(params) }),
						...(spec.editsReturnMask ? defined({ returnMask: returnMask.read(options) }) : {}),
					},
				};
			},
		),
		removeBackground: {
			properties: [editInput.property],
			async plan({ params }) {
				const image = await editInput.load(params, rules);
				// "Do not send an imageGenerationConfig."
				return {
					bodies: [
						{ taskType: 'BACKGROUND_REMOVAL', backgroundRemovalParams: { image: base64(image) } },
					],
				};
			},
		},
		virtualTryOn: tryOnTask(spec, fields),
	};
	return Object.fromEntries(spec.operations.map((operation) => [operation, all[operation]]));
}

function tryOnTask(spec: AmazonModelSpec, fields: ModelFields): FamilyTask {
	const { maskPrompt } = fields;
	const sourceImage = imageInputField({
		name: 'inputImage',
		displayName: 'Source Image Field',
		description: 'The image of the person (PNG or JPEG)',
		default: 'data',
		required: true,
	});
	const tryOnMaskImage = imageInputField({
		name: 'maskImage',
		displayName: 'Mask Image Field',
		description:
			'Black-and-white mask of the source image’s size: black marks where the garment goes',
		default: 'mask',
		required: true,
	});
	return task(
		fields,
		[
			sourceImage.property,
			garmentImage.property,
			tryOnMaskType.property,
			{ ...garmentClass.property, displayOptions: showFor('maskType', ['GARMENT']) },
			{ ...maskPrompt.property, displayOptions: showFor('maskType', ['PROMPT']) },
			{ ...maskShape.property, displayOptions: showFor('maskType', ['GARMENT', 'PROMPT']) },
			{ ...tryOnMaskImage.property, displayOptions: showFor('maskType', ['IMAGE']) },
			imageCount.property,
		],
		[
			{
				...longSleeveStyle,
				property: {
					...longSleeveStyle.property,
					displayOptions: showFor('/maskType', ['GARMENT']),
				},
			},
			{
				...tuckingStyle,
				property: { ...tuckingStyle.property, displayOptions: showFor('/maskType', ['GARMENT']) },
			},
			{
				...outerLayerStyle,
				property: {
					...outerLayerStyle.property,
					displayOptions: showFor('/maskType', ['GARMENT']),
				},
			},
			preserveBodyPose,
			preserveHands,
			preserveFace,
			mergeStyle,
			returnMask,
		],
		async (params, options) => {
			const rules = spec.inputImages;
			const source = await sourceImage.load(params, rules);
			const garment = await garmentImage.load(params, rules);
			const type = tryOnMaskType.read(params) ?? 'GARMENT';
			const masks: Record<string, unknown> = {};
			if (type === 'GARMENT') {
				const styles = defined({
					longSleeveStyle: longSleeveStyle.read(options),
					tuckingStyle: tuckingStyle.read(options),
					outerLayerStyle: outerLayerStyle.read(options),
				});
				masks.garmentBasedMask = {
					garmentClass: garmentClass.read(params) ?? 'UPPER_BODY',
					...defined({ maskShape: maskShape.read(params) }),
					...(Object.keys(styles).length > 0 ? { garmentStyling: styles } : {}),
				};
			} else if (type === 'PROMPT') {
				masks.promptBasedMask = {
					maskPrompt: maskPrompt.read(params),
					...defined({ maskShape: maskShape.read(params) }),
				};
			} else {
				const mask = await tryOnMaskImage.load(params, rules);
				checkSameSize(params, tryOnMaskImage.property.displayName, source, mask);
				masks.imageBasedMask = { maskImage: base64(mask) };
			}
			const exclusions = defined({
				preserveBodyPose: preserveBodyPose.read(options),
				preserveHands: preserveHands.read(options),
				preserveFace: preserveFace.read(options),
			});
			return {
				taskType: 'VIRTUAL_TRY_ON',
				params: {
					sourceImage: base64(source),
					referenceImage: base64(garment),
					maskType: type,
					...masks,
					...(Object.keys(exclusions).length > 0 ? { maskExclusions: exclusions } : {}),
					...defined({
						mergeStyle: mergeStyle.read(options),
						returnMask: returnMask.read(options),
					}),
				},
			};
		},
	);
}

/** `{"images": [...], "error"?: "...", "maskImage"?: "..."}`; `error` means images were filtered. */
function parserFor(spec: AmazonModelSpec) {
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

export function amazonImageFamily(spec: AmazonModelSpec): ImageFamily {
	return {
		id: spec.id,
		displayName: spec.displayName,
		modelIdMarkers: spec.modelIdMarkers,
		exampleModelId: spec.exampleModelId,
		tasks: tasksOf(spec),
		parseResponse: parserFor(spec),
	};
}
