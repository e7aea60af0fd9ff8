/**
 * Bedrock Image × the 13 Stability AI Image Services, through real n8n-core against the
 * emulator, each invoked through its `us.` inference profile: the body sent (fields named as
 * AWS documents them) and the image returned (decoded, size and format checked).
 */
import type { IDataObject } from 'n8n-workflow';

import { useEmulator } from './helpers.ts';
import {
	byId,
	expectImage,
	IMAGE,
	imageFile,
	markImages,
	itemWith,
	nodeError,
	onlyInvocationBody,
	runImageNode,
	type TestFile,
} from './imageHelpers.ts';

const emulator = useEmulator();

interface ServiceCase {
	title: string;
	resource: 'image' | 'edit';
	operation: string;
	model: string;
	parameters: IDataObject;
	files: Record<string, TestFile>;
	/** The body sent; `<image>` stands for any logged base64 image. */
	body: Record<string, unknown>;
	output: { width: number; height: number; format?: 'png' | 'jpeg' | 'webp' };
}

const photo = imageFile({ width: 320, height: 256 });
const transparent = imageFile({ width: 320, height: 256, alpha: true });
const mask = imageFile({ width: 320, height: 256, label: 'mask' });

const CASES: ServiceCase[] = [
	{
		title: 'fast upscale: image only, 4x',
		resource: 'edit',
		operation: 'upscale',
		model: 'stable-fast-upscale',
		parameters: {},
		files: { data: imageFile({ width: 128, height: 96, format: 'jpeg' }) },
		body: { image: IMAGE, output_format: 'png' },
		output: { width: 512, height: 384 },
	},
	{
		title: 'conservative upscale: prompt, negative prompt, creativity, seed',
		resource: 'edit',
		operation: 'upscale',
		model: 'stable-conservative-upscale',
		parameters: {
			prompt: 'A sharp photo',
			negativePrompt: 'blur',
			modelOptions: { creativity: 0.25, seed: 7 },
		},
		files: { data: imageFile({ width: 128, height: 128 }) },
		body: {
			image: IMAGE,
			prompt: 'A sharp photo',
			negative_prompt: 'blur',
			creativity: 0.25,
			seed: 7,
			output_format: 'png',
		},
		output: { width: 2048, height: 2048 },
	},
	{
		title: 'creative upscale: creativity and style preset, JPEG out',
		resource: 'edit',
		operation: 'upscale',
		model: 'stable-creative-upscale',
		parameters: {
			prompt: 'A watercolor city',
			outputFormat: 'jpeg',
			modelOptions: { creativity: 0.4, stylePreset: 'anime' },
		},
		files: { data: imageFile({ width: 128, height: 64 }) },
		body: {
			image: IMAGE,
			prompt: 'A watercolor city',
			creativity: 0.4,
			style_preset: 'anime',
			output_format: 'jpeg',
		},
		output: { width: 2896, height: 1448, format: 'jpeg' },
	},
	{
		title: 'inpaint: image, mask, prompt, grow mask',
		resource: 'edit',
		operation: 'inpaint',
		model: 'stable-image-inpaint',
		parameters: { prompt: 'A red balloon', modelOptions: { growMask: 10 } },
		files: { data: photo, mask },
		body: {
			image: IMAGE,
			mask: IMAGE,
			prompt: 'A red balloon',
			grow_mask: 10,
			output_format: 'png',
		},
		output: { width: 320, height: 256 },
	},
	{
		title: "inpaint without a mask uses the input's transparency",
		resource: 'edit',
		operation: 'inpaint',
		model: 'stable-image-inpaint',
		parameters: { prompt: 'Blue sky', maskImage: '' },
		files: { data: transparent },
		body: { image: IMAGE, prompt: 'Blue sky', output_format: 'png' },
		output: { width: 320, height: 256 },
	},
	{
		title: 'outpaint: directions, creativity; no zero directions sent',
		resource: 'edit',
		operation: 'outpaint',
		model: 'stable-outpaint',
		parameters: { prompt: 'More beach', left: 64, down: 32, modelOptions: { creativity: 0.6 } },
		files: { data: photo },
		body: {
			image: IMAGE,
			prompt: 'More beach',
			left: 64,
			down: 32,
			creativity: 0.6,
			output_format: 'png',
		},
		output: { width: 384, height: 288 },
	},
	{
		title: 'erase object with a mask, WebP out',
		resource: 'edit',
		operation: 'eraseObject',
		model: 'stable-image-erase-object',
		parameters: { outputFormat: 'webp', modelOptions: { growMask: 3 } },
		files: { data: photo, mask },
		body: { image: IMAGE, mask: IMAGE, grow_mask: 3, output_format: 'webp' },
		output: { width: 320, height: 256, format: 'webp' },
	},
	{
		title: 'remove background',
		resource: 'edit',
		operation: 'removeBackground',
		model: 'stable-image-remove-background',
		parameters: {},
		files: { data: photo },
		body: { image: IMAGE, output_format: 'png' },
		output: { width: 320, height: 256 },
	},
	{
		title: 'search and replace',
		resource: 'edit',
		operation: 'searchAndReplace',
		model: 'stable-image-search-replace',
		parameters: { searchPrompt: 'the dog', prompt: 'a cat', negativePrompt: 'blurry' },
		files: { data: photo },
		body: {
			image: IMAGE,
			search_prompt: 'the dog',
			prompt: 'a cat',
			negative_prompt: 'blurry',
			output_format: 'png',
		},
		output: { width: 320, height: 256 },
	},
	{
		title: 'search and recolor',
		resource: 'edit',
		operation: 'searchAndRecolor',
		model: 'stable-image-search-recolor',
		parameters: {
			selectPrompt: 'the jacket',
			prompt: 'bright yellow',
			modelOptions: { stylePreset: 'cinematic' },
		},
		files: { data: photo },
		body: {
			image: IMAGE,
			select_prompt: 'the jacket',
			prompt: 'bright yellow',
			style_preset: 'cinematic',
			output_format: 'png',
		},
		output: { width: 320, height: 256 },
	},
	{
		title: 'control sketch',
		resource: 'image',
		operation: 'control',
		model: 'stable-image-control-sketch',
		parameters: { prompt: 'A castle', modelOptions: { controlStrength: 0.5 } },
		files: { data: photo },
		body: { image: IMAGE, prompt: 'A castle', control_strength: 0.5, output_format: 'png' },
		output: { width: 320, height: 256 },
	},
	{
		title: 'control structure',
		resource: 'image',
		operation: 'control',
		model: 'stable-image-control-structure',
		parameters: { prompt: 'A glass house', modelOptions: { seed: 99 } },
		files: { data: photo },
		body: { image: IMAGE, prompt: 'A glass house', seed: 99, output_format: 'png' },
		output: { width: 320, height: 256 },
	},
	{
		title: 'style guide: aspect ratio and fidelity',
		resource: 'image',
		operation: 'applyStyle',
		model: 'stable-image-style-guide',
		parameters: { prompt: 'A harbour', aspectRatio: '16:9', modelOptions: { fidelity: 0.8 } },
		files: { data: photo },
		body: {
			image: IMAGE,
			prompt: 'A harbour',
			aspect_ratio: '16:9',
			fidelity: 0.8,
			output_format: 'png',
		},
		output: { width: 1344, height: 768 },
	},
	{
		title: 'style transfer: init and style images, three strengths',
		resource: 'image',
		operation: 'applyStyle',
		model: 'stable-style-transfer',
		parameters: {
			prompt: 'Oil painting',
			modelOptions: { compositionFidelity: 0.8, styleStrength: 0.7, changeStrength: 0.5 },
		},
		files: {
			data: photo,
			style: imageFile({ width: 256, height: 256, format: 'webp', label: 'style' }),
		},
		body: {
			init_image: IMAGE,
			style_image: IMAGE,
			prompt: 'Oil painting',
			composition_fidelity: 0.8,
			style_strength: 0.7,
			change_strength: 0.5,
			output_format: 'png',
		},
		output: { width: 320, height: 256 },
	},
];

test.each(CASES)('$title', async (service) => {
	const modelId = `us.stability.${service.model}-v1:0`;
	const result = await runImageNode(emulator.current, {
		parameters: {
			resource: service.resource,
			operation: service.operation,
			modelId: byId(modelId),
			...service.parameters,
		},
		input: [itemWith(service.files)],
	});
	expect(nodeError(result)).toBeUndefined();
	expect(markImages(onlyInvocationBody(emulator.current))).toEqual(service.body);
	const [item, ...rest] = result.output('Image');
	expect(rest).toHaveLength(0);
	await expectImage(result, item, service.output);
	expect(item.json).toMatchObject({
		modelId,
		baseModelId: `stability.${service.model}-v1:0`,
		task: service.operation,
		estimatedCostUsd: expect.any(Number),
	});
});

test('the three upscalers are the only models offered for Upscale, by family', async () => {
	const result = await runImageNode(emulator.current, {
		parameters: {
			resource: 'edit',
			operation: 'upscale',
			modelId: byId('stability.stable-image-core-v1:1'),
		},
		input: [itemWith({ data: photo })],
	});
	expect(nodeError(result)?.message).toMatch(
		/Stability Stable Image Core \/ Ultra models cannot do "Upscale"/,
	);
	expect(nodeError(result)?.description).toMatch(
		/Fast Upscale.*Conservative Upscale.*Creative Upscale|Conservative/,
	);
	expect(emulator.current.control.requests()).toHaveLength(0);
});
