/**
 * Bedrock Image × Amazon Titan Image Generator v1/v2 (us-west-2) and Nova Canvas (eu-west-1),
 * through real n8n-core against the emulator: every task type's body (taskType, params object,
 * imageGenerationConfig) and the images returned (several per call, returned masks).
 */
import type { IDataObject } from 'n8n-workflow';

import { AMAZON_IMAGE_DATE } from '../../emulator/test/lifecycleDates.ts';
import { useEmulator } from './helpers.ts';
import {
	byId,
	expectImage,
	IMAGE,
	imageFile,
	itemWith,
	markImages,
	nodeError,
	onlyInvocationBody,
	runImageNode,
	type TestFile,
} from './imageHelpers.ts';

// Titan Image and Nova Canvas have reached their end of life: the file runs at a date when they were Active.
const emulator = useEmulator({ now: AMAZON_IMAGE_DATE.date });

const TITAN_V1 = 'amazon.titan-image-generator-v1';
const TITAN_V2 = 'amazon.titan-image-generator-v2:0';
const NOVA = 'amazon.nova-canvas-v1:0';

interface AmazonCase {
	title: string;
	model: string;
	resource: 'image' | 'edit';
	operation: string;
	parameters: IDataObject;
	files?: Record<string, TestFile>;
	body: Record<string, unknown>;
	/** Each output image (all the same size). */
	output: { count: number; width: number; height: number };
}

const photo = imageFile({ width: 512, height: 384 });
const photoMask = imageFile({ width: 512, height: 384, label: 'mask' });
const person = imageFile({ width: 384, height: 640, format: 'jpeg', label: 'person' });
const garment = imageFile({ width: 384, height: 384, label: 'garment' });
const personMask = imageFile({ width: 384, height: 640, label: 'person-mask' });

const CASES: AmazonCase[] = [
	{
		title: 'Titan v1: text to image with negative text and the config defaults sent as set',
		model: TITAN_V1,
		resource: 'image',
		operation: 'generate',
		parameters: { prompt: 'A red bicycle', negativePrompt: 'people', titanSize: '512x512' },
		body: {
			taskType: 'TEXT_IMAGE',
			textToImageParams: { text: 'A red bicycle', negativeText: 'people' },
			imageGenerationConfig: { numberOfImages: 1, width: 512, height: 512 },
		},
		output: { count: 1, width: 512, height: 512 },
	},
	{
		title: 'Titan v1: image variation',
		model: TITAN_V1,
		resource: 'image',
		operation: 'vary',
		parameters: { prompt: 'Spring colors', titanSize: '768x768' },
		files: { data: photo },
		body: {
			taskType: 'IMAGE_VARIATION',
			imageVariationParams: { images: [IMAGE], text: 'Spring colors', similarityStrength: 0.7 },
			imageGenerationConfig: { numberOfImages: 1, width: 768, height: 768 },
		},
		output: { count: 1, width: 768, height: 768 },
	},
	{
		title: 'Titan v1: inpainting with a mask prompt',
		model: TITAN_V1,
		resource: 'edit',
		operation: 'inpaint',
		parameters: { maskPrompt: 'the window', prompt: 'A stained glass window' },
		files: { data: photo },
		body: {
			taskType: 'INPAINTING',
			inPaintingParams: { image: IMAGE, maskPrompt: 'the window', text: 'A stained glass window' },
			imageGenerationConfig: { numberOfImages: 1 },
		},
		output: { count: 1, width: 512, height: 384 },
	},
	{
		title: 'Titan v1: outpainting',
		model: TITAN_V1,
		resource: 'edit',
		operation: 'outpaint',
		parameters: { maskPrompt: 'the house', prompt: 'A garden around it' },
		files: { data: photo },
		body: {
			taskType: 'OUTPAINTING',
			outPaintingParams: {
				image: IMAGE,
				maskPrompt: 'the house',
				text: 'A garden around it',
				outPaintingMode: 'DEFAULT',
			},
			imageGenerationConfig: { numberOfImages: 1 },
		},
		output: { count: 1, width: 512, height: 384 },
	},
	{
		title: 'Titan v2: three premium images in one call, cfg and seed',
		model: TITAN_V2,
		resource: 'image',
		operation: 'generate',
		parameters: {
			prompt: 'A lighthouse',
			titanSize: '768x1152',
			numberOfImages: 3,
			modelOptions: { quality: 'premium', cfgScale: 9, seed: 7 },
		},
		body: {
			taskType: 'TEXT_IMAGE',
			textToImageParams: { text: 'A lighthouse' },
			imageGenerationConfig: {
				numberOfImages: 3,
				quality: 'premium',
				cfgScale: 9,
				seed: 7,
				width: 768,
				height: 1152,
			},
		},
		output: { count: 3, width: 768, height: 1152 },
	},
	{
		title: 'Titan v2: image conditioning (segmentation)',
		model: TITAN_V2,
		resource: 'image',
		operation: 'control',
		parameters: { prompt: 'A modern kitchen', controlMode: 'SEGMENTATION', controlStrength: 0.4 },
		files: { data: photo },
		body: {
			taskType: 'TEXT_IMAGE',
			textToImageParams: {
				text: 'A modern kitchen',
				conditionImage: IMAGE,
				controlMode: 'SEGMENTATION',
				controlStrength: 0.4,
			},
			imageGenerationConfig: { numberOfImages: 1, width: 1024, height: 1024 },
		},
		output: { count: 1, width: 1024, height: 1024 },
	},
	{
		title: 'Titan v2: color-guided generation with a reference image',
		model: TITAN_V2,
		resource: 'image',
		operation: 'colorPalette',
		parameters: { prompt: 'A poster', colors: '#FF9900, #232f3e;#FFFFFF', referenceImage: 'ref' },
		files: { ref: photo },
		body: {
			taskType: 'COLOR_GUIDED_GENERATION',
			colorGuidedGenerationParams: {
				text: 'A poster',
				colors: ['#FF9900', '#232f3e', '#FFFFFF'],
				referenceImage: IMAGE,
			},
			imageGenerationConfig: { numberOfImages: 1, width: 1024, height: 1024 },
		},
		output: { count: 1, width: 1024, height: 1024 },
	},
	{
		title: 'Titan v2: background removal sends no imageGenerationConfig',
		model: TITAN_V2,
		resource: 'edit',
		operation: 'removeBackground',
		parameters: {},
		files: { data: photo },
		body: { taskType: 'BACKGROUND_REMOVAL', backgroundRemovalParams: { image: IMAGE } },
		output: { count: 1, width: 512, height: 384 },
	},
	{
		title: 'Titan v2: outpainting with a mask image, precise',
		model: TITAN_V2,
		resource: 'edit',
		operation: 'outpaint',
		parameters: { maskInput: 'image', prompt: 'A wider view', outPaintingMode: 'PRECISE' },
		files: { data: photo, mask: photoMask },
		body: {
			taskType: 'OUTPAINTING',
			outPaintingParams: {
				image: IMAGE,
				maskImage: IMAGE,
				text: 'A wider view',
				outPaintingMode: 'PRECISE',
			},
			imageGenerationConfig: { numberOfImages: 1 },
		},
		output: { count: 1, width: 512, height: 384 },
	},
	{
		title: 'Titan v2: variation of two images',
		model: TITAN_V2,
		resource: 'image',
		operation: 'vary',
		parameters: { inputImages: 'data, second', similarityStrength: 0.5, titanSize: '512x512' },
		files: { data: photo, second: imageFile({ width: 640, height: 640, format: 'jpeg' }) },
		body: {
			taskType: 'IMAGE_VARIATION',
			imageVariationParams: { images: [IMAGE, IMAGE], similarityStrength: 0.5 },
			imageGenerationConfig: { numberOfImages: 1, width: 512, height: 512 },
		},
		output: { count: 1, width: 512, height: 512 },
	},
	{
		title: 'Nova: text to image with a style, free size, two images',
		model: NOVA,
		resource: 'image',
		operation: 'generate',
		parameters: {
			prompt: 'A fox in the snow',
			width: 1280,
			height: 720,
			numberOfImages: 2,
			modelOptions: { style: 'FLAT_VECTOR_ILLUSTRATION', seed: 3 },
		},
		body: {
			taskType: 'TEXT_IMAGE',
			textToImageParams: { text: 'A fox in the snow', style: 'FLAT_VECTOR_ILLUSTRATION' },
			imageGenerationConfig: { numberOfImages: 2, seed: 3, width: 1280, height: 720 },
		},
		output: { count: 2, width: 1280, height: 720 },
	},
	{
		title: 'Nova: image conditioning (canny edge)',
		model: NOVA,
		resource: 'image',
		operation: 'control',
		parameters: { prompt: 'A sketch come alive', width: 512, height: 512 },
		files: { data: photo },
		body: {
			taskType: 'TEXT_IMAGE',
			textToImageParams: {
				text: 'A sketch come alive',
				conditionImage: IMAGE,
				controlMode: 'CANNY_EDGE',
				controlStrength: 0.7,
			},
			imageGenerationConfig: { numberOfImages: 1, width: 512, height: 512 },
		},
		output: { count: 1, width: 512, height: 512 },
	},
	{
		title: 'Nova: color-guided generation',
		model: NOVA,
		resource: 'image',
		operation: 'colorPalette',
		parameters: { prompt: 'A logo', colors: '#000000', width: 640, height: 640 },
		body: {
			taskType: 'COLOR_GUIDED_GENERATION',
			colorGuidedGenerationParams: { text: 'A logo', colors: ['#000000'] },
			imageGenerationConfig: { numberOfImages: 1, width: 640, height: 640 },
		},
		output: { count: 1, width: 640, height: 640 },
	},
	{
		title: 'Nova: image variation',
		model: NOVA,
		resource: 'image',
		operation: 'vary',
		parameters: { negativePrompt: 'text', width: 512, height: 512 },
		files: { data: photo },
		body: {
			taskType: 'IMAGE_VARIATION',
			imageVariationParams: { images: [IMAGE], negativeText: 'text', similarityStrength: 0.7 },
			imageGenerationConfig: { numberOfImages: 1, width: 512, height: 512 },
		},
		output: { count: 1, width: 512, height: 512 },
	},
	{
		title: 'Nova: inpainting with a mask image takes no size and no returnMask',
		model: NOVA,
		resource: 'edit',
		operation: 'inpaint',
		parameters: { maskInput: 'image', prompt: 'A cat' },
		files: { data: photo, mask: photoMask },
		body: {
			taskType: 'INPAINTING',
			inPaintingParams: { image: IMAGE, maskImage: IMAGE, text: 'A cat' },
			imageGenerationConfig: { numberOfImages: 1 },
		},
		output: { count: 1, width: 512, height: 384 },
	},
	{
		title: 'Nova: outpainting',
		model: NOVA,
		resource: 'edit',
		operation: 'outpaint',
		parameters: { maskPrompt: 'the car', prompt: 'A city street' },
		files: { data: photo },
		body: {
			taskType: 'OUTPAINTING',
			outPaintingParams: {
				image: IMAGE,
				maskPrompt: 'the car',
				text: 'A city street',
				outPaintingMode: 'DEFAULT',
			},
			imageGenerationConfig: { numberOfImages: 1 },
		},
		output: { count: 1, width: 512, height: 384 },
	},
	{
		title: 'Nova: background removal',
		model: NOVA,
		resource: 'edit',
		operation: 'removeBackground',
		parameters: {},
		files: { data: photo },
		body: { taskType: 'BACKGROUND_REMOVAL', backgroundRemovalParams: { image: IMAGE } },
		output: { count: 1, width: 512, height: 384 },
	},
	{
		title: 'Nova: virtual try-on by garment class, with styling, exclusions and merge style',
		model: NOVA,
		resource: 'edit',
		operation: 'virtualTryOn',
		parameters: {
			garmentClass: 'LONG_SLEEVE_SHIRT',
			maskShape: 'CONTOUR',
			modelOptions: {
				longSleeveStyle: 'SLEEVE_UP',
				outerLayerStyle: 'OPEN',
				preserveFace: 'ON',
				preserveHands: 'OFF',
				mergeStyle: 'SEAMLESS',
			},
		},
		files: { data: person, garment },
		body: {
			taskType: 'VIRTUAL_TRY_ON',
			virtualTryOnParams: {
				sourceImage: IMAGE,
				referenceImage: IMAGE,
				maskType: 'GARMENT',
				garmentBasedMask: {
					garmentClass: 'LONG_SLEEVE_SHIRT',
					maskShape: 'CONTOUR',
					garmentStyling: { longSleeveStyle: 'SLEEVE_UP', outerLayerStyle: 'OPEN' },
				},
				maskExclusions: { preserveHands: 'OFF', preserveFace: 'ON' },
				mergeStyle: 'SEAMLESS',
			},
			imageGenerationConfig: { numberOfImages: 1 },
		},
		output: { count: 1, width: 384, height: 640 },
	},
	{
		title: 'Nova: virtual try-on by mask prompt',
		model: NOVA,
		resource: 'edit',
		operation: 'virtualTryOn',
		parameters: { maskType: 'PROMPT', maskPrompt: 'the coat', maskShape: 'BOUNDING_BOX' },
		files: { data: person, garment },
		body: {
			taskType: 'VIRTUAL_TRY_ON',
			virtualTryOnParams: {
				sourceImage: IMAGE,
				referenceImage: IMAGE,
				maskType: 'PROMPT',
				promptBasedMask: { maskPrompt: 'the coat', maskShape: 'BOUNDING_BOX' },
			},
			imageGenerationConfig: { numberOfImages: 1 },
		},
		output: { count: 1, width: 384, height: 640 },
	},
	{
		title: 'Nova: virtual try-on by mask image, from custom binary fields',
		model: NOVA,
		resource: 'edit',
		operation: 'virtualTryOn',
		parameters: {
			maskType: 'IMAGE',
			inputImage: 'person',
			garmentImage: 'shirt',
			maskImage: 'area',
		},
		files: { person, shirt: garment, area: personMask },
		body: {
			taskType: 'VIRTUAL_TRY_ON',
			virtualTryOnParams: {
				sourceImage: IMAGE,
				referenceImage: IMAGE,
				maskType: 'IMAGE',
				imageBasedMask: { maskImage: IMAGE },
			},
			imageGenerationConfig: { numberOfImages: 1 },
		},
		output: { count: 1, width: 384, height: 640 },
	},
];

test.each(CASES)('$title', async (amazon) => {
	const result = await runImageNode(emulator.current, {
		region: amazon.model === NOVA ? 'eu-west-1' : 'us-west-2',
		parameters: {
			resource: amazon.resource,
			operation: amazon.operation,
			modelId: byId(amazon.model),
			...amazon.parameters,
		},
		input: [itemWith(amazon.files ?? {})],
	});
	expect(nodeError(result)).toBeUndefined();
	expect(markImages(onlyInvocationBody(emulator.current))).toEqual(amazon.body);
	const items = result.output('Image');
	expect(items).toHaveLength(amazon.output.count);
	for (const item of items) {
		await expectImage(result, item, { width: amazon.output.width, height: amazon.output.height });
		expect(item.pairedItem).toEqual({ item: 0 });
	}
});

test('Titan v2 premium 768x1152: three files named by seed, priced by size and quality', async () => {
	const result = await runImageNode(emulator.current, {
		parameters: {
			operation: 'generate',
			modelId: byId(TITAN_V2),
			prompt: 'A lighthouse',
			titanSize: '768x1152',
			numberOfImages: 3,
			modelOptions: { quality: 'premium', seed: 7 },
		},
	});
	const items = result.output('Image');
	expect(items.map((item) => item.json.fileName)).toEqual([
		'titan-image-generator-v2-0-7-1.png',
		'titan-image-generator-v2-0-7-2.png',
		'titan-image-generator-v2-0-7-3.png',
	]);
	expect(items.map((item) => item.json.seed)).toEqual([7, 7, 7]);
	expect(items[0].json).toMatchObject({ family: 'titanV2', estimatedCostUsd: 0.012 });
	const files = await Promise.all(items.map(async (item) => await result.binary(item)));
	expect(new Set(files.map((file) => file.toString('base64'))).size).toBe(3);
});

test("Titan inpainting with Return Mask outputs the model's mask as a second binary field", async () => {
	const result = await runImageNode(emulator.current, {
		parameters: {
			resource: 'edit',
			operation: 'inpaint',
			modelId: byId(TITAN_V2),
			maskPrompt: 'the door',
			modelOptions: { returnMask: true },
			options: { binaryPropertyOutput: 'edited', maskPropertyOutput: 'usedMask' },
		},
		input: [itemWith({ data: photo })],
	});
	expect(nodeError(result)).toBeUndefined();
	expect(onlyInvocationBody(emulator.current)).toMatchObject({
		inPaintingParams: { maskPrompt: 'the door', returnMask: true },
	});
	const [item] = result.output('Image');
	await expectImage(result, item, { width: 512, height: 384, property: 'edited' });
	await expectImage(result, item, { width: 512, height: 384, property: 'usedMask' });
	expect(item.json.seed).toBe(42);
});

test('Nova virtual try-on returns the mask when asked', async () => {
	const result = await runImageNode(emulator.current, {
		region: 'eu-west-1',
		parameters: {
			resource: 'edit',
			operation: 'virtualTryOn',
			modelId: byId(NOVA),
			modelOptions: { returnMask: true },
		},
		input: [itemWith({ data: person, garment })],
	});
	expect(nodeError(result)).toBeUndefined();
	const [item] = result.output('Image');
	await expectImage(result, item, { width: 384, height: 640, property: 'mask' });
	expect(item.json).toMatchObject({ seed: 12, family: 'novaCanvas', estimatedCostUsd: 0.04 });
});
