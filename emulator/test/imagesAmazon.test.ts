/**
 * Conformance, through the raw AWS SDK against the running emulator, of Amazon Titan Image Generator v1/v2 and Nova Canvas: every task type, the
 * size and range rules, mask and input-image rules, content filters and seeds.
 */
import { makeTestImageBase64 } from '../src/images/output.ts';
import {
	decodeOutput,
	invokeExpectingError,
	invokeImageModel,
	malformedMessage,
	useImageEmulator,
} from './imageHarness.ts';
import { AMAZON_IMAGE_DATE } from './lifecycleDates.ts';

// Titan Image and Nova Canvas have reached their end of life: the file runs at a date when they were Active.
useImageEmulator(AMAZON_IMAGE_DATE.date);

const TITAN_V1 = 'amazon.titan-image-generator-v1';
const TITAN_V2 = 'amazon.titan-image-generator-v2:0';
const NOVA = 'amazon.nova-canvas-v1:0';
const png = (width: number, height: number, label?: string) =>
	makeTestImageBase64({ width, height, label });
const jpeg = (width: number, height: number) =>
	makeTestImageBase64({ width, height, format: 'jpeg' });
const bare = {
	name: 'ValidationException',
	status: 400,
	message: 'Malformed input request, please reformat your input and try again.',
};

function images(body: Record<string, unknown>) {
	return (body.images as string[]).map(decodeOutput);
}

describe.each([
	['Titan v1', TITAN_V1],
	['Titan v2', TITAN_V2],
	['Nova Canvas', NOVA],
])('%s tasks shared by all three', (_, model) => {
	it('TEXT_IMAGE returns numberOfImages distinct PNGs of the requested size', async () => {
		const { body } = await invokeImageModel(model, {
			taskType: 'TEXT_IMAGE',
			textToImageParams: { text: 'a cup of coffee', negativeText: 'mirrors' },
			imageGenerationConfig: {
				numberOfImages: 3,
				quality: 'premium',
				width: 1152,
				height: 768,
				cfgScale: 8,
				seed: 7,
			},
		});
		const outputs = images(body);
		expect(outputs).toHaveLength(3);
		for (const info of outputs)
			expect(info).toMatchObject({ format: 'png', width: 1152, height: 768 });
		expect(new Set(body.images as string[]).size).toBe(3);
		expect(body).not.toHaveProperty('error');
		expect(body).not.toHaveProperty('maskImage');
	});

	it('defaults to one 1024x1024 image with the documented default seed (deterministic)', async () => {
		const request = { taskType: 'TEXT_IMAGE', textToImageParams: { text: 'lighthouse' } };
		const first = await invokeImageModel(model, request);
		expect(images(first.body)).toEqual([expect.objectContaining({ width: 1024, height: 1024 })]);
		expect((await invokeImageModel(model, request)).body).toEqual(first.body);
		const defaultSeed = model === NOVA ? 12 : 42;
		const explicit = await invokeImageModel(model, {
			...request,
			imageGenerationConfig: { seed: defaultSeed },
		});
		expect(explicit.body).toEqual(first.body);
		const other = await invokeImageModel(model, {
			...request,
			imageGenerationConfig: { seed: defaultSeed + 1 },
		});
		expect(other.body.images).not.toEqual(first.body.images);
	});

	it('INPAINTING with a mask prompt keeps the input size', async () => {
		const { body } = await invokeImageModel(model, {
			taskType: 'INPAINTING',
			inPaintingParams: { image: png(512, 384), maskPrompt: 'windows', text: 'modern windows' },
			imageGenerationConfig: { numberOfImages: 2 },
		});
		expect(images(body)).toEqual([
			expect.objectContaining({ format: 'png', width: 512, height: 384 }),
			expect.objectContaining({ format: 'png', width: 512, height: 384 }),
		]);
	});

	it('OUTPAINTING with a mask image of the same size keeps the input size', async () => {
		const { body } = await invokeImageModel(model, {
			taskType: 'OUTPAINTING',
			outPaintingParams: {
				image: jpeg(640, 480),
				maskImage: png(640, 480),
				text: 'a beach',
				outPaintingMode: 'PRECISE',
			},
		});
		expect(images(body)).toEqual([
			expect.objectContaining({ format: 'png', width: 640, height: 480 }),
		]);
	});

	it('IMAGE_VARIATION returns the requested size', async () => {
		const { body } = await invokeImageModel(model, {
			taskType: 'IMAGE_VARIATION',
			imageVariationParams: {
				images: [png(512, 512), png(512, 512, 'second')],
				similarityStrength: 0.7,
				text: 'in autumn',
			},
			imageGenerationConfig: { width: 768, height: 768 },
		});
		expect(images(body)).toEqual([expect.objectContaining({ width: 768, height: 768 })]);
	});

	it('edits depend on the input image', async () => {
		const request = (image: string) => ({
			taskType: 'INPAINTING',
			inPaintingParams: { image, maskPrompt: 'sky' },
		});
		const a = await invokeImageModel(model, request(png(512, 512)));
		const b = await invokeImageModel(model, request(png(512, 512, 'different')));
		expect(b.body.images).not.toEqual(a.body.images);
	});

	it.each([
		[
			'both maskPrompt and maskImage',
			{
				taskType: 'INPAINTING',
				inPaintingParams: { image: png(512, 512), maskPrompt: 'x', maskImage: png(512, 512) },
			},
		],
		[
			'neither maskPrompt nor maskImage',
			{ taskType: 'OUTPAINTING', outPaintingParams: { image: png(512, 512), text: 'x' } },
		],
		[
			'a mask of another size',
			{
				taskType: 'INPAINTING',
				inPaintingParams: { image: png(512, 512), maskImage: png(512, 384) },
			},
		],
		[
			'a WebP input',
			{
				taskType: 'INPAINTING',
				inPaintingParams: {
					image: makeTestImageBase64({ width: 512, height: 512, format: 'webp' }),
					maskPrompt: 'x',
				},
			},
		],
		['bad base64', { taskType: 'IMAGE_VARIATION', imageVariationParams: { images: ['%%%'] } }],
	])('rejects %s', async (_, body) => {
		expect(await invokeExpectingError(model, body)).toMatchObject({
			name: 'ValidationException',
			status: 400,
		});
	});

	it('blocks a prompt containing BEDROCK_FILTER with the content-filter ValidationException', async () => {
		const error = await invokeExpectingError(model, {
			taskType: 'TEXT_IMAGE',
			textToImageParams: { text: 'a bedrock_filter cat' },
		});
		expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
		expect(error.message).toMatch(/^This request has been blocked by our content filters\./);
	});

	it('answers BEDROCK_FILTER_OUTPUT with 200, an error and one image fewer', async () => {
		const { status, body } = await invokeImageModel(model, {
			taskType: 'TEXT_IMAGE',
			textToImageParams: { text: 'BEDROCK_FILTER_OUTPUT' },
			imageGenerationConfig: { numberOfImages: 2 },
		});
		expect(status).toBe(200);
		expect(body.images).toHaveLength(1);
		expect(body.error).toMatch(/blocked by our content filters/);
	});
});

describe('Titan Image Generator', () => {
	it.each([TITAN_V1, TITAN_V2])(
		'%s: returnMask adds the mask (input size) to INPAINTING and OUTPAINTING',
		async (model) => {
			for (const [taskType, key, extra] of [
				['INPAINTING', 'inPaintingParams', {}],
				['OUTPAINTING', 'outPaintingParams', { text: 'garden' }],
			] as const) {
				const { body } = await invokeImageModel(model, {
					taskType,
					[key]: { image: png(448, 576), maskPrompt: 'door', returnMask: true, ...extra },
				});
				expect(decodeOutput(body.maskImage)).toMatchObject({
					format: 'png',
					width: 448,
					height: 576,
				});
			}
		},
	);

	it('v2 BACKGROUND_REMOVAL returns one transparent PNG of the input size', async () => {
		const { body } = await invokeImageModel(TITAN_V2, {
			taskType: 'BACKGROUND_REMOVAL',
			backgroundRemovalParams: { image: png(704, 384) },
		});
		expect(images(body)).toEqual([
			expect.objectContaining({ format: 'png', width: 704, height: 384, hasAlpha: true }),
		]);
	});

	it('v2 COLOR_GUIDED_GENERATION and conditioned TEXT_IMAGE return the requested size', async () => {
		const colors = await invokeImageModel(TITAN_V2, {
			taskType: 'COLOR_GUIDED_GENERATION',
			colorGuidedGenerationParams: {
				text: 'a sofa',
				colors: ['#ff8800', '#00AA11'],
				referenceImage: png(512, 512),
			},
			imageGenerationConfig: { width: 1280, height: 768 },
		});
		expect(images(colors.body)).toEqual([expect.objectContaining({ width: 1280, height: 768 })]);
		const conditioned = await invokeImageModel(TITAN_V2, {
			taskType: 'TEXT_IMAGE',
			textToImageParams: {
				text: 'a house',
				conditionImage: png(512, 512),
				controlMode: 'SEGMENTATION',
				controlStrength: 0.5,
			},
			imageGenerationConfig: { width: 512, height: 512 },
		});
		expect(images(conditioned.body)).toEqual([
			expect.objectContaining({ width: 512, height: 512 }),
		]);
	});

	it.each(['1024x1024', '1173x640', '320x704', '1408x768'])(
		'accepts the documented size %s',
		async (size) => {
			const [width, height] = size.split('x').map(Number);
			const { body } = await invokeImageModel(TITAN_V2, {
				taskType: 'TEXT_IMAGE',
				textToImageParams: { text: 'x' },
				imageGenerationConfig: { width, height },
			});
			expect(images(body)).toEqual([expect.objectContaining({ width, height })]);
		},
	);

	it.each([
		[1280, 720],
		[1408, 1408],
		[765, 765],
	])('rejects %ix%i like AWS', async (width, height) => {
		expect(
			await invokeExpectingError(TITAN_V2, {
				taskType: 'TEXT_IMAGE',
				textToImageParams: { text: 'x' },
				imageGenerationConfig: { width, height },
			}),
		).toEqual({
			name: 'ValidationException',
			status: 400,
			message: `400 Bad Request: Value of (width, height) is not valid. Given: (${width}, ${height}).`,
		});
	});

	it.each([
		[
			'a v2-only task',
			{ taskType: 'BACKGROUND_REMOVAL', backgroundRemovalParams: { image: png(64, 64) } },
		],
		// A Titan Text body (aws-samples/amazon-bedrock-client-for-mac#12).
		[
			'no task type',
			{ inputText: 'User: hello\n\nBot:', textGenerationConfig: { maxTokenCount: 4086 } },
		],
	])('v1 answers %s with the bare malformed message', async (_, body) => {
		expect(await invokeExpectingError(TITAN_V1, body)).toEqual(bare);
	});

	it.each([
		[
			'conditioning fields',
			{ taskType: 'TEXT_IMAGE', textToImageParams: { text: 'x', conditionImage: png(64, 64) } },
			'#/textToImageParams: extraneous key [conditionImage] is not permitted',
		],
		[
			'an unknown key',
			{ taskType: 'TEXT_IMAGE', textToImageParams: { text: 'x' }, foo: 1 },
			'#: extraneous key [foo] is not permitted',
		],
		// ktrnka/branded-image-gen-service (v1, us-west-2): "#/textToImageParams/text: expected maxLength: 512, actual: 536".
		[
			'text over 512',
			{ taskType: 'TEXT_IMAGE', textToImageParams: { text: 'x'.repeat(536) } },
			'#/textToImageParams/text: expected maxLength: 512, actual: 536',
		],
		[
			'a missing params object',
			{ taskType: 'TEXT_IMAGE' },
			'#: required key [textToImageParams] not found',
		],
	])('v1 answers %s with the JSON pointer', async (_, body, details) => {
		expect(await invokeExpectingError(TITAN_V1, body)).toEqual({
			...bare,
			message: malformedMessage(details),
		});
	});

	it.each([
		[
			{ taskType: 'TEXT_IMAGE', textToImageParams: { text: 'x'.repeat(600) } },
			'#/textToImageParams/text: expected maxLength: 512, actual: 600',
		],
		[
			{ taskType: 'TEXT_IMAGE', textToImageParams: {} },
			'#/textToImageParams: required key [text] not found',
		],
		[
			{ taskType: 'TEXT_IMAGE', textToImageParams: { text: 'x', style: 'PHOTOREALISM' } },
			'#/textToImageParams: extraneous key [style] is not permitted',
		],
		[
			{ taskType: 'TEXT_TO_IMAGE', textToImageParams: { text: 'x' } },
			'#/taskType: TEXT_TO_IMAGE is not a valid enum value',
		],
		[{ textToImageParams: { text: 'x' } }, '#: required key [taskType] not found'],
		[
			{
				taskType: 'TEXT_IMAGE',
				textToImageParams: { text: 'x' },
				imageGenerationConfig: { numberOfImages: 6 },
			},
			'#/imageGenerationConfig/numberOfImages: 6 is not less or equal to 5',
		],
		[
			{
				taskType: 'TEXT_IMAGE',
				textToImageParams: { text: 'x' },
				imageGenerationConfig: { cfgScale: 1 },
			},
			'#/imageGenerationConfig/cfgScale: 1 is not greater or equal to 1.1',
		],
		[
			{
				taskType: 'TEXT_IMAGE',
				textToImageParams: { text: 'x' },
				imageGenerationConfig: { cfgScale: 10.5 },
			},
			'#/imageGenerationConfig/cfgScale: 10.5 is not less or equal to 10',
		],
		[
			{
				taskType: 'TEXT_IMAGE',
				textToImageParams: { text: 'x' },
				imageGenerationConfig: { seed: 2_147_483_647 },
			},
			'#/imageGenerationConfig/seed: 2147483647 is not less or equal to 2147483646',
		],
		[
			{
				taskType: 'TEXT_IMAGE',
				textToImageParams: { text: 'x' },
				imageGenerationConfig: { quality: 'hd' },
			},
			'#/imageGenerationConfig/quality: hd is not a valid enum value',
		],
		[
			{ taskType: 'TEXT_IMAGE', textToImageParams: { text: 'x', controlMode: 'CANNY_EDIT' } },
			'#/textToImageParams/controlMode: CANNY_EDIT is not a valid enum value',
		],
		[
			{
				taskType: 'COLOR_GUIDED_GENERATION',
				colorGuidedGenerationParams: { text: 'x', colors: [] },
			},
			'#/colorGuidedGenerationParams/colors: expected minimum item count: 1, found: 0',
		],
		[
			{
				taskType: 'COLOR_GUIDED_GENERATION',
				colorGuidedGenerationParams: { text: 'x', colors: Array(11).fill('#000000') },
			},
			'#/colorGuidedGenerationParams/colors: expected maximum item count: 10, found: 11',
		],
		[
			{
				taskType: 'COLOR_GUIDED_GENERATION',
				colorGuidedGenerationParams: { text: 'x', colors: ['red'] },
			},
			'#/colorGuidedGenerationParams/colors/0: string [red] does not match pattern ^#[0-9A-Fa-f]{6}$',
		],
		[
			{
				taskType: 'IMAGE_VARIATION',
				imageVariationParams: { images: [], similarityStrength: 0.1 },
			},
			'#/imageVariationParams/images: expected minimum item count: 1, found: 0#/imageVariationParams/similarityStrength: 0.1 is not greater or equal to 0.2',
		],
		[
			{ taskType: 'IMAGE_VARIATION', imageVariationParams: { images: Array(6).fill('x') } },
			'#/imageVariationParams/images: expected maximum item count: 5, found: 6',
		],
		[
			{ taskType: 'OUTPAINTING', outPaintingParams: { image: 'x', maskPrompt: 'y' } },
			'#/outPaintingParams: required key [text] not found',
		],
		[
			{
				taskType: 'OUTPAINTING',
				outPaintingParams: { image: 'x', text: 'y', maskPrompt: 'z', outPaintingMode: 'FAST' },
			},
			'#/outPaintingParams/outPaintingMode: FAST is not a valid enum value',
		],
		[
			{
				taskType: 'BACKGROUND_REMOVAL',
				backgroundRemovalParams: { image: 'x' },
				imageGenerationConfig: {},
			},
			'#: extraneous key [imageGenerationConfig] is not permitted',
		],
		[
			{ taskType: 'TEXT_IMAGE', textToImageParams: { text: 'x' }, inPaintingParams: {} },
			'#: extraneous key [inPaintingParams] is not permitted',
		],
		[
			{
				taskType: 'TEXT_IMAGE',
				textToImageParams: { text: 'x' },
				imageGenerationConfig: { width: '1024' },
			},
			'#/imageGenerationConfig/width: expected type: Integer, found: String',
		],
	])('v2 rejects %j with JSON-schema messages', async (body, details) => {
		expect(await invokeExpectingError(TITAN_V2, body)).toEqual({
			name: 'ValidationException',
			status: 400,
			message: malformedMessage(details),
		});
	});

	it.each([
		[
			'controlStrength without conditionImage',
			{ taskType: 'TEXT_IMAGE', textToImageParams: { text: 'x', controlStrength: 0.5 } },
			'conditionImage is required',
		],
		[
			'an input longer than 1,408 px',
			{ taskType: 'INPAINTING', inPaintingParams: { image: png(1409, 100), maskPrompt: 'x' } },
			'the longer side must be at most 1408 pixels',
		],
		[
			'a variation image of an unknown format',
			{
				taskType: 'IMAGE_VARIATION',
				imageVariationParams: { images: [Buffer.from('GIF89a....').toString('base64')] },
			},
			'unsupported image format gif',
		],
	])('v2 rejects %s with a 400 Bad Request message', async (_, body, fragment) => {
		const error = await invokeExpectingError(TITAN_V2, body);
		expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
		expect(error.message).toMatch(/^400 Bad Request: /);
		expect(error.message).toContain(fragment);
	});

	it('accepts width and height on editing tasks but answers with the input size', async () => {
		const { body } = await invokeImageModel(TITAN_V1, {
			taskType: 'INPAINTING',
			inPaintingParams: { image: png(384, 576), maskPrompt: 'x' },
			imageGenerationConfig: { width: 512, height: 512, cfgScale: 8 },
		});
		expect(images(body)).toEqual([expect.objectContaining({ width: 384, height: 576 })]);
	});
});

describe('Nova Canvas', () => {
	it('TEXT_IMAGE takes a style and the size rules allow 3840x960', async () => {
		const { body } = await invokeImageModel(NOVA, {
			taskType: 'TEXT_IMAGE',
			textToImageParams: { text: 'x'.repeat(1024), style: 'FLAT_VECTOR_ILLUSTRATION' },
			imageGenerationConfig: { width: 3840, height: 960, seed: 858_993_459 },
		});
		expect(images(body)).toEqual([expect.objectContaining({ width: 3840, height: 960 })]);
	});

	it('BACKGROUND_REMOVAL returns a transparent PNG of the input size', async () => {
		const { body } = await invokeImageModel(NOVA, {
			taskType: 'BACKGROUND_REMOVAL',
			backgroundRemovalParams: { image: png(640, 480) },
		});
		expect(images(body)).toEqual([
			expect.objectContaining({ width: 640, height: 480, hasAlpha: true }),
		]);
	});

	it('OUTPAINTING takes a 2048x2048 input (exactly 4,194,304 pixels), as AWS’s workshop sends', async () => {
		const { body } = await invokeImageModel(NOVA, {
			taskType: 'OUTPAINTING',
			outPaintingParams: {
				image: png(2048, 2048),
				text: 'Dog food packet on a kitchen countertop',
				maskPrompt: 'Dog food packet',
				outPaintingMode: 'PRECISE',
			},
			imageGenerationConfig: { numberOfImages: 1, seed: 100 },
		});
		expect(images(body)).toEqual([expect.objectContaining({ width: 2048, height: 2048 })]);
	});

	it('COLOR_GUIDED_GENERATION returns the requested size', async () => {
		const { body } = await invokeImageModel(NOVA, {
			taskType: 'COLOR_GUIDED_GENERATION',
			colorGuidedGenerationParams: { text: 'a room', colors: ['#112233'] },
			imageGenerationConfig: { width: 1280, height: 720 },
		});
		expect(images(body)).toEqual([expect.objectContaining({ width: 1280, height: 720 })]);
	});

	describe('VIRTUAL_TRY_ON', () => {
		const source = png(512, 768);
		const reference = png(400, 400, 'garment');
		it.each([
			['IMAGE', { imageBasedMask: { maskImage: png(512, 768, 'mask') } }],
			[
				'GARMENT',
				{
					garmentBasedMask: {
						garmentClass: 'UPPER_BODY',
						maskShape: 'CONTOUR',
						garmentStyling: {
							longSleeveStyle: 'SLEEVE_UP',
							tuckingStyle: 'TUCKED',
							outerLayerStyle: 'OPEN',
						},
					},
				},
			],
			['PROMPT', { promptBasedMask: { maskPrompt: 'the jacket', maskShape: 'BOUNDING_BOX' } }],
		])('maskType %s returns the source size and the mask when asked', async (maskType, mask) => {
			const { body } = await invokeImageModel(NOVA, {
				taskType: 'VIRTUAL_TRY_ON',
				virtualTryOnParams: {
					sourceImage: source,
					referenceImage: reference,
					maskType,
					...mask,
					maskExclusions: { preserveBodyPose: 'ON', preserveHands: 'OFF', preserveFace: 'DEFAULT' },
					mergeStyle: 'SEAMLESS',
					returnMask: true,
				},
				imageGenerationConfig: { numberOfImages: 2, quality: 'premium', cfgScale: 6.5, seed: 1 },
			});
			expect(images(body)).toEqual([
				expect.objectContaining({ width: 512, height: 768 }),
				expect.objectContaining({ width: 512, height: 768 }),
			]);
			expect(decodeOutput(body.maskImage)).toMatchObject({ width: 512, height: 768 });
		});

		it.each([
			[
				'a missing mask object',
				{ maskType: 'GARMENT' },
				'garmentBasedMask is required when maskType is GARMENT',
			],
			[
				'a mask object of another type',
				{
					maskType: 'PROMPT',
					promptBasedMask: { maskPrompt: 'x' },
					garmentBasedMask: { garmentClass: 'SHOES' },
				},
				'garmentBasedMask cannot be used when maskType is PROMPT',
			],
			[
				'a mask image of another size',
				{ maskType: 'IMAGE', imageBasedMask: { maskImage: png(512, 512) } },
				'must have the same dimensions',
			],
		])('rejects %s', async (_, params, fragment) => {
			const error = await invokeExpectingError(NOVA, {
				taskType: 'VIRTUAL_TRY_ON',
				virtualTryOnParams: { sourceImage: source, referenceImage: reference, ...params },
			});
			expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
			expect(error.message).toContain(fragment);
		});

		it.each([
			[{ maskType: 'SHAPE' }, '#/virtualTryOnParams/maskType: SHAPE is not a valid enum value'],
			[
				{ maskType: 'GARMENT', garmentBasedMask: { garmentClass: 'HAT' } },
				'#/virtualTryOnParams/garmentBasedMask/garmentClass: HAT is not a valid enum value',
			],
			[
				{ maskType: 'GARMENT', garmentBasedMask: {} },
				'#/virtualTryOnParams/garmentBasedMask: required key [garmentClass] not found',
			],
			[
				{ maskType: 'PROMPT', promptBasedMask: { maskPrompt: 'x' }, text: 'y' },
				'#/virtualTryOnParams: extraneous key [text] is not permitted',
			],
			[
				{ maskType: 'PROMPT', promptBasedMask: { maskPrompt: 'x' }, mergeStyle: 'FAST' },
				'#/virtualTryOnParams/mergeStyle: FAST is not a valid enum value',
			],
			[
				{
					maskType: 'PROMPT',
					promptBasedMask: { maskPrompt: 'x' },
					maskExclusions: { preserveFace: 'YES' },
				},
				'#/virtualTryOnParams/maskExclusions/preserveFace: YES is not a valid enum value',
			],
		])('rejects %j with JSON-schema messages', async (params, details) => {
			expect(
				await invokeExpectingError(NOVA, {
					taskType: 'VIRTUAL_TRY_ON',
					virtualTryOnParams: { sourceImage: source, referenceImage: reference, ...params },
				}),
			).toEqual({
				name: 'ValidationException',
				status: 400,
				message: malformedMessage(details),
			});
		});

		it('rejects width and height (try-on keeps the source size)', async () => {
			expect(
				await invokeExpectingError(NOVA, {
					taskType: 'VIRTUAL_TRY_ON',
					virtualTryOnParams: {
						sourceImage: source,
						referenceImage: reference,
						maskType: 'PROMPT',
						promptBasedMask: { maskPrompt: 'x' },
					},
					imageGenerationConfig: { width: 512 },
				}),
			).toEqual({
				name: 'ValidationException',
				status: 400,
				message: malformedMessage(
					'#/imageGenerationConfig: extraneous key [width] is not permitted',
				),
			});
		});

		it('blocks a try-on mask prompt containing BEDROCK_FILTER', async () => {
			const error = await invokeExpectingError(NOVA, {
				taskType: 'VIRTUAL_TRY_ON',
				virtualTryOnParams: {
					sourceImage: source,
					referenceImage: reference,
					maskType: 'PROMPT',
					promptBasedMask: { maskPrompt: 'BEDROCK_FILTER' },
				},
			});
			expect(error.message).toMatch(/^This request has been blocked by our content filters\./);
		});
	});

	it.each([
		[[2048, 2048], 'the total pixel count must be less than 4194304'],
		[[1000, 1024], 'must be divisible by 16'],
		[[304, 1024], 'between 320 and 4096'],
		[[4112, 1024], 'between 320 and 4096'],
		[[4096, 1008], 'aspect ratio must be between 1:4 and 4:1'],
	])('rejects the size %j', async ([width, height], fragment) => {
		const error = await invokeExpectingError(NOVA, {
			taskType: 'TEXT_IMAGE',
			textToImageParams: { text: 'x' },
			imageGenerationConfig: { width, height },
		});
		expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
		expect(error.message).toContain(fragment);
	});

	it.each([
		[
			{ taskType: 'TEXT_IMAGE', textToImageParams: { text: 'x'.repeat(1025) } },
			'#/textToImageParams/text: expected maxLength: 1024, actual: 1025',
		],
		[
			{ taskType: 'TEXT_IMAGE', textToImageParams: { text: '' } },
			'#/textToImageParams/text: expected minLength: 1, actual: 0',
		],
		[
			{ taskType: 'TEXT_IMAGE', textToImageParams: { text: 'x', negativeText: '' } },
			'#/textToImageParams/negativeText: expected minLength: 1, actual: 0',
		],
		[
			{ taskType: 'TEXT_IMAGE', textToImageParams: { text: 'x', style: 'ANIME' } },
			'#/textToImageParams/style: ANIME is not a valid enum value',
		],
		[
			{
				taskType: 'TEXT_IMAGE',
				textToImageParams: { text: 'x' },
				imageGenerationConfig: { seed: 858_993_460 },
			},
			'#/imageGenerationConfig/seed: 858993460 is not less or equal to 858993459',
		],
		[
			{
				taskType: 'TEXT_IMAGE',
				textToImageParams: { text: 'x' },
				imageGenerationConfig: { numberOfImages: 0 },
			},
			'#/imageGenerationConfig/numberOfImages: 0 is not greater or equal to 1',
		],
		[
			{
				taskType: 'INPAINTING',
				inPaintingParams: { image: 'x', maskPrompt: 'y' },
				imageGenerationConfig: { height: 512 },
			},
			'#/imageGenerationConfig: extraneous key [height] is not permitted',
		],
		[
			{
				taskType: 'INPAINTING',
				inPaintingParams: { image: 'x', maskPrompt: 'y', returnMask: true },
			},
			'#/inPaintingParams: extraneous key [returnMask] is not permitted',
		],
		[
			{ taskType: 'OUTPAINTING', outPaintingParams: { image: 'x', maskPrompt: 'y' } },
			'#/outPaintingParams: required key [text] not found',
		],
	])('rejects %j with JSON-schema messages', async (body, details) => {
		expect(await invokeExpectingError(NOVA, body)).toEqual({
			name: 'ValidationException',
			status: 400,
			message: malformedMessage(details),
		});
	});

	it.each([
		[
			'an input image below 320 px',
			{ taskType: 'BACKGROUND_REMOVAL', backgroundRemovalParams: { image: png(319, 400) } },
			'every side must be at least 320 pixels',
		],
		[
			'an input image wider than 4:1',
			{ taskType: 'IMAGE_VARIATION', imageVariationParams: { images: [png(1700, 400)] } },
			'aspect ratio must be between 1:4 and 4:1',
		],
	])('rejects %s', async (_, body, fragment) => {
		const error = await invokeExpectingError(NOVA, body);
		expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
		expect(error.message).toContain(fragment);
	});
});
