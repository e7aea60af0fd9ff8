/**
 * Bedrock Image refuses what the models' documented limits refuse before anything is sent:
 * for every family a set of wrong fields and wrong input images, each failing with a message
 * that names the field, the value and what is allowed, and not one request reaching the
 * emulator. Expressions are evaluated per item.
 */
import type { IDataObject } from 'n8n-workflow';

import { useEmulator } from './helpers.ts';
import {
	byArn,
	byId,
	imageFile,
	invocations,
	itemWith,
	nodeError,
	runImageNode,
	type TestFile,
} from './imageHelpers.ts';

const emulator = useEmulator();

const SDXL = 'stability.stable-diffusion-xl-v1';
const SD35 = 'stability.sd3-5-large-v1:0';
const CORE = 'stability.stable-image-core-v1:1';
const TITAN_V1 = 'amazon.titan-image-generator-v1';
const TITAN_V2 = 'amazon.titan-image-generator-v2:0';
const NOVA = 'amazon.nova-canvas-v1:0';
const service = (name: string) => `us.stability.${name}-v1:0`;

const sdxlImage = imageFile({ width: 1024, height: 1024 });
const photo = imageFile({ width: 512, height: 384 });
const pdf: TestFile = {
	data: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n'),
	fileName: 'invoice.pdf',
	mimeType: 'application/pdf',
};

interface InvalidCase {
	title: string;
	model: string;
	operation: string;
	resource?: 'image' | 'edit';
	parameters: IDataObject;
	files?: Record<string, TestFile>;
	message: RegExp;
	description?: RegExp;
}

const CASES: InvalidCase[] = [
	// SDXL
	{
		title: 'SDXL: a whitespace-only prompt',
		model: SDXL,
		operation: 'generate',
		parameters: { prompt: '   ' },
		message: /^Prompt is empty/,
	},
	{
		title: 'SDXL: CFG scale above 35',
		model: SDXL,
		operation: 'generate',
		parameters: { prompt: 'A rose', modelOptions: { cfgScale: 40 } },
		message: /CFG Scale must be between 0 and 35 \(got 40\)/,
	},
	{
		title: 'SDXL: 151 steps (the Bedrock doc allows 10–150)',
		model: SDXL,
		operation: 'generate',
		parameters: { prompt: 'A rose', modelOptions: { steps: 151 } },
		message: /Steps must be between 10 and 150 \(got 151\)/,
	},
	{
		title: 'SDXL: a prompt of 2001 characters',
		model: SDXL,
		operation: 'generate',
		parameters: { prompt: 'a'.repeat(2001) },
		message: /Prompt is 2001 characters long; this model accepts at most 2000/,
	},
	{
		title: 'SDXL: a size given by expression that SDXL cannot make',
		model: SDXL,
		operation: 'generate',
		parameters: { prompt: 'A rose', sdxlSize: '={{ "1280x720" }}' },
		message: /^Size must be 1024x1024, .* \(got "1280x720"\)$/,
	},
	{
		title: 'SDXL: an init image that is not one of the nine sizes',
		model: SDXL,
		operation: 'transform',
		parameters: { prompt: 'Autumn' },
		files: { data: imageFile({ width: 800, height: 600 }) },
		message: /Input Image Field: the image in "data" is 800x600, not one of the allowed sizes/,
	},
	{
		title: 'SDXL: a mask of another size than the image',
		model: SDXL,
		operation: 'inpaint',
		resource: 'edit',
		parameters: { prompt: 'A cat' },
		files: { data: sdxlImage, mask: imageFile({ width: 512, height: 512 }) },
		message: /the mask is 512x512 but the image is 1024x1024/,
	},
	{
		title: 'SDXL: transparent-pixel masking of a JPEG',
		model: SDXL,
		operation: 'inpaint',
		resource: 'edit',
		parameters: { prompt: 'A cat', maskSource: 'INIT_IMAGE_ALPHA' },
		files: { data: imageFile({ width: 1024, height: 1024, format: 'jpeg' }) },
		message: /needs an input image with an alpha channel/,
	},
	{
		title: 'SDXL: an empty additional weighted prompt',
		model: SDXL,
		operation: 'generate',
		parameters: {
			prompt: 'A rose',
			modelOptions: { weightedPrompts: { prompts: [{ text: '', weight: 0.5 }] } },
		},
		message: /Additional Weighted Prompts, entry 1: the text is empty/,
	},
	// SD3 / SD3.5
	{
		title: 'SD3.5: a PDF given as the input image',
		model: SD35,
		operation: 'transform',
		parameters: { prompt: 'Autumn' },
		files: { data: pdf },
		message: /"data" \(invoice.pdf\) is a PDF document, not an image the model accepts/,
	},
	{
		title: 'SD3.5: the named binary field is missing',
		model: SD35,
		operation: 'transform',
		parameters: { prompt: 'Autumn', inputImage: 'photo' },
		files: { data: photo },
		message: /Input Image Field: the input item has no binary field "photo"/,
		description: /Binary fields on this item: data/,
	},
	{
		title: 'SD3.5: strength above 1',
		model: SD35,
		operation: 'transform',
		parameters: { prompt: 'Autumn', strength: 1.5 },
		files: { data: photo },
		message: /Strength must be between 0 and 1 \(got 1.5\)/,
	},
	{
		title: 'SD3.5: an input image below 64 px',
		model: SD35,
		operation: 'transform',
		parameters: { prompt: 'Autumn' },
		files: { data: imageFile({ width: 48, height: 200 }) },
		message: /is 48x200: each side must be at least 64 px/,
	},
	// Core / Ultra
	{
		title: 'Core: a seed above 4,294,967,295',
		model: CORE,
		operation: 'generate',
		parameters: { prompt: 'A car', modelOptions: { seed: 4_294_967_296 } },
		message: /Seed must be between 0 and 4294967295 \(got 4294967296\)/,
	},
	{
		title: 'Core: a prompt of 10,001 characters',
		model: CORE,
		operation: 'generate',
		parameters: { prompt: 'x'.repeat(10_001) },
		message: /Prompt is 10001 characters long; this model accepts at most 10000/,
	},
	{
		title: 'Core: eleven images',
		model: CORE,
		operation: 'generate',
		parameters: { prompt: 'A car', numberOfImages: 11 },
		message: /Number of Images must be between 1 and 10 \(got 11\)/,
	},
	// Image services
	{
		title: 'Outpaint: no direction to extend',
		model: service('stable-outpaint'),
		operation: 'outpaint',
		resource: 'edit',
		parameters: { prompt: 'More' },
		files: { data: photo },
		message: /Outpaint needs at least one direction/,
	},
	{
		title: 'Fast upscale: an input wider than 1,536 px',
		model: service('stable-fast-upscale'),
		operation: 'upscale',
		resource: 'edit',
		parameters: {},
		files: { data: imageFile({ width: 1600, height: 400 }) },
		message: /is 1600x400: each side must be at most 1536 px/,
	},
	{
		title: 'Creative upscale: creativity 0.8 (0.1–0.5)',
		model: service('stable-creative-upscale'),
		operation: 'upscale',
		resource: 'edit',
		parameters: { prompt: 'Sharp', modelOptions: { creativity: 0.8 } },
		files: { data: photo },
		message: /Creativity must be between 0.1 and 0.5 \(got 0.8\)/,
	},
	{
		// n8n itself refuses an empty required field; an expression can still evaluate to nothing.
		title: 'Search and replace: a search prompt expression that evaluates to nothing',
		model: service('stable-image-search-replace'),
		operation: 'searchAndReplace',
		resource: 'edit',
		parameters: { prompt: 'A cat', searchPrompt: '={{ $json.missing }}' },
		files: { data: photo },
		message: /^Search Prompt is empty/,
	},
	{
		title: 'Erase object: no mask and no transparency',
		model: service('stable-image-erase-object'),
		operation: 'eraseObject',
		resource: 'edit',
		parameters: { maskImage: '' },
		files: { data: photo },
		message: /no transparency to take the mask from/,
	},
	{
		title: 'Style transfer: the style image is missing',
		model: service('stable-style-transfer'),
		operation: 'applyStyle',
		parameters: {},
		files: { data: photo },
		message: /Style Image Field: the input item has no binary field "style"/,
	},
	{
		title: 'Remove background: an image with an aspect ratio beyond 2.5:1',
		model: service('stable-image-remove-background'),
		operation: 'removeBackground',
		resource: 'edit',
		parameters: {},
		files: { data: imageFile({ width: 900, height: 300 }) },
		message: /aspect ratio must be between 1:2.5 and 2.5:1/,
	},
	// Titan
	{
		title: 'Titan: a prompt of 513 characters',
		model: TITAN_V2,
		operation: 'generate',
		parameters: { prompt: 'p'.repeat(513) },
		message: /Prompt is 513 characters long; this model accepts at most 512/,
	},
	{
		title: 'Titan: six images per call',
		model: TITAN_V2,
		operation: 'generate',
		parameters: { prompt: 'A boat', numberOfImages: 6 },
		message: /Number of Images must be between 1 and 5 \(got 6\)/,
	},
	{
		title: 'Titan: a color that is not a hex code',
		model: TITAN_V2,
		operation: 'colorPalette',
		parameters: { prompt: 'A poster', colors: '#FF9900, orange' },
		message: /Colors must be hex color codes like #FF9900 \(entry 2 is "orange"\)/,
	},
	{
		title: 'Titan: eleven colors',
		model: TITAN_V2,
		operation: 'colorPalette',
		parameters: {
			prompt: 'A poster',
			colors: Array.from({ length: 11 }, () => '#123456').join(','),
		},
		message: /Colors takes at most 10 colors \(got 11\)/,
	},
	{
		title: 'Titan: six images to vary',
		model: TITAN_V2,
		operation: 'vary',
		parameters: { inputImages: 'a, b, c, d, e, f' },
		files: { data: photo },
		message: /Input Image Fields takes at most 5 binary fields \(got 6\)/,
	},
	{
		title: 'Titan: an input image longer than 1,408 px',
		model: TITAN_V2,
		operation: 'inpaint',
		resource: 'edit',
		parameters: { maskPrompt: 'the sky' },
		files: { data: imageFile({ width: 1500, height: 700 }) },
		message: /the longer side must be at most 1408 px/,
	},
	{
		title: 'Titan: a WebP input image',
		model: TITAN_V2,
		operation: 'removeBackground',
		resource: 'edit',
		parameters: {},
		files: { data: imageFile({ width: 256, height: 256, format: 'webp' }) },
		message: /"data" is a WebP image, which this model does not accept/,
	},
	{
		title: 'Titan v1: color-guided generation is a v2 task',
		model: TITAN_V1,
		operation: 'colorPalette',
		parameters: { prompt: 'A poster', colors: '#000000' },
		message: /Amazon Titan Image Generator G1 v1 models cannot do "Generate With Color Palette"/,
		description: /Amazon Nova Canvas.*Titan Image Generator G1 v2/,
	},
	{
		title: 'Titan: a mask prompt expression that evaluates to nothing',
		model: TITAN_V1,
		operation: 'inpaint',
		resource: 'edit',
		parameters: { maskPrompt: '={{ "" }}' },
		files: { data: photo },
		message: /^Mask Prompt is empty/,
	},
	// Nova
	{
		title: 'Nova: a width that is not a multiple of 16',
		model: NOVA,
		operation: 'generate',
		parameters: { prompt: 'A fox', width: 1000 },
		message: /Size 1000x1024: Width and Height must be multiples of 16/,
	},
	{
		title: 'Nova: 2048x2048 reaches the pixel limit',
		model: NOVA,
		operation: 'generate',
		parameters: { prompt: 'A fox', width: 2048, height: 2048 },
		message: /Size 2048x2048 has 4194304 pixels; Nova Canvas needs fewer than 4194304/,
	},
	{
		title: 'Nova: an aspect ratio of 8:1',
		model: NOVA,
		operation: 'generate',
		parameters: { prompt: 'A fox', width: 4096, height: 512 },
		message: /aspect ratio must be between 1:4 and 4:1/,
	},
	{
		title: 'Nova: a seed above 858,993,459',
		model: NOVA,
		operation: 'generate',
		parameters: { prompt: 'A fox', modelOptions: { seed: 900_000_000 } },
		message: /Seed must be between 0 and 858993459 \(got 900000000\)/,
	},
	{
		title: 'Nova: a try-on mask of another size than the person image',
		model: NOVA,
		operation: 'virtualTryOn',
		resource: 'edit',
		parameters: { maskType: 'IMAGE' },
		files: {
			data: imageFile({ width: 384, height: 640 }),
			garment: imageFile({ width: 384, height: 384 }),
			mask: imageFile({ width: 384, height: 384 }),
		},
		message: /the mask is 384x384 but the image is 384x640/,
	},
	{
		title: 'Nova: an input image below 320 px',
		model: NOVA,
		operation: 'removeBackground',
		resource: 'edit',
		parameters: {},
		files: { data: imageFile({ width: 256, height: 256 }) },
		message: /each side must be at least 320 px/,
	},
	// Options, for any family
	{
		title: 'Additional Request Fields that are not JSON',
		model: CORE,
		operation: 'generate',
		parameters: { prompt: 'A car', options: { additionalRequestFields: '{"style_preset": ' } },
		message: /Additional Request Fields \(JSON\) is not valid JSON/,
	},
	{
		title: 'A guardrail version that is neither DRAFT nor a number',
		model: CORE,
		operation: 'generate',
		parameters: {
			prompt: 'A car',
			options: { guardrail: { settings: { identifier: 'abc123', version: 'latest' } } },
		},
		message:
			/Guardrail Version must be DRAFT or a version number from 1 to 99999999 \(got "latest"\)/,
	},
	{
		title: 'A Model Family that contradicts the model ID',
		model: TITAN_V2,
		operation: 'generate',
		parameters: { prompt: 'A car', modelFamily: 'novaCanvas' },
		message:
			/Model Family is Amazon Nova Canvas, but amazon.titan-image-generator-v2:0 is a Amazon Titan Image Generator G1 v2 model/,
	},
];

test.each(CASES)('$title', async (invalid) => {
	const result = await runImageNode(emulator.current, {
		parameters: {
			resource: invalid.resource ?? 'image',
			operation: invalid.operation,
			modelId: byId(invalid.model),
			...invalid.parameters,
		},
		input: [itemWith(invalid.files ?? {})],
	});
	const error = nodeError(result);
	expect(error?.message).toMatch(invalid.message);
	if (invalid.description) expect(error?.description).toMatch(invalid.description);
	expect(emulator.current.control.requests()).toEqual([]);
});

test('a provisioned-throughput ARN without a Model Family asks for the family', async () => {
	const arn = 'arn:aws:bedrock:us-west-2:123456789012:provisioned-model/abcdef123456';
	const result = await runImageNode(emulator.current, {
		parameters: { operation: 'generate', modelId: byArn(arn), prompt: 'A car' },
	});
	expect(nodeError(result)?.message).toBe(`Cannot tell which model family ${arn} belongs to`);
	expect(nodeError(result)?.description).toMatch(
		/^Choose the Model Family. Model Family options for Generate: Stability Stable Image Core/,
	);
	expect(emulator.current.control.requests()).toEqual([]);
});

test('expressions are evaluated per item: one item fails validation, the others are sent', async () => {
	const result = await runImageNode(emulator.current, {
		continueOnFail: true,
		parameters: { operation: 'generate', modelId: byId(CORE), prompt: '={{ $json.prompt }}' },
		input: [
			{ json: { prompt: 'A red car' } },
			{ json: { prompt: ' ' } },
			{ json: { prompt: 'A blue car' } },
		],
	});
	const items = result.output('Image');
	expect(items.map((item) => item.json.prompt ?? item.json.error)).toEqual([
		'A red car',
		'Prompt is empty',
		'A blue car',
	]);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(invocations(emulator.current).map((call) => (call.body as IDataObject).prompt)).toEqual([
		'A red car',
		'A blue car',
	]);
});
