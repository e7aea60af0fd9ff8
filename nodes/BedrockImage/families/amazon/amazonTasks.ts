/**
 * The tasks Titan Image Generator and Nova Canvas share: text to image, image conditioning,
 * color-guided generation, image variation, inpainting, outpainting and background removal,
 * each with its fields and params object. Which of them a model has is in its spec.
 *
 * Source: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-image.html.
 */
import {
	checkSameSize,
	binaryImageField,
	inputImageField,
	loadImage,
	type ImageRules,
	type InputImage,
} from '../../binary';
import {
	defined,
	listField,
	numberField,
	optionsField,
	type Field,
	type ItemParams,
} from '../../../shared/fields';
import type { OperationKey } from '../../actions/operations';
import {
	amazonTask,
	base64,
	imageCount,
	modelFields,
	returnMask,
	showFor,
	type AmazonModelSpec,
} from './amazonBody';
import type { FamilyTask } from '../types';

/** "images: 1–5 base64 images" (image variation). */
const MAX_VARIATION_INPUTS = 5;
/** "colors: 1–10 hex codes". */
const MAX_COLORS = 10;
const HEX_COLOR = /^#[0-9A-Fa-f]{6}$/;

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

const maskImage = binaryImageField({
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

const controlImage = binaryImageField({
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

const colors = listField({
	name: 'colors',
	displayName: 'Colors',
	description: `One to ${MAX_COLORS} colors as hex codes #RRGGBB, separated by commas`,
	input: 'separated',
	separator: /[\s,;]+/,
	entry: { valid: (color) => HEX_COLOR.test(color), allowed: 'hex color codes like #FF9900' },
	entries: 'colors',
	maxEntries: MAX_COLORS,
	required: true,
	placeholder: 'e.g. #FF9900, #232F3E',
});

const referenceImage = binaryImageField({
	name: 'referenceImage',
	displayName: 'Reference Image Field',
	description: 'Optional image whose style guides the result; leave empty for none',
	default: '',
});

const variationImages = listField({
	name: 'inputImages',
	displayName: 'Input Image Fields',
	description: `The binary fields holding the images to vary (1 to ${MAX_VARIATION_INPUTS}), separated by commas`,
	input: 'separated',
	entries: 'binary fields',
	maxEntries: MAX_VARIATION_INPUTS,
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

async function readVariationInputs(params: ItemParams, rules: ImageRules): Promise<InputImage[]> {
	const images: InputImage[] = [];
	for (const name of variationImages.read(params) as string[])
		images.push(await loadImage(params, variationImages.displayName, name, rules));
	return images;
}

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

export function amazonTasks(spec: AmazonModelSpec): Partial<Record<OperationKey, FamilyTask>> {
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
		generate: amazonTask(
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
		control: amazonTask(
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
		colorPalette: amazonTask(
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
				const palette = colors.read(params) as string[];
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
		vary: amazonTask(
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
		inpaint: amazonTask(
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
		outpaint: amazonTask(
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
	};
	return Object.fromEntries(spec.operations.map((operation) => [operation, all[operation]]));
}
