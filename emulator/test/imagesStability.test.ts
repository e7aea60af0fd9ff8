/**
 * Conformance, through the raw AWS SDK against the running emulator, of the Stability image models: SDXL 1.0, SD3/SD3.5/Core/Ultra and the 13 image
 * services. Valid requests are decoded and measured; invalid ones must fail as AWS fails.
 */
import { makeTestImageBase64 } from '../src/images/output.ts';
import {
	atDate,
	decodeOutput,
	invokeExpectingError,
	invokeImageModel,
	malformedMessage,
	useImageEmulator,
} from './imageHarness.ts';
import { SDXL_DATE, STABILITY_V1_0_DATE } from './lifecycleDates.ts';

useImageEmulator();

const SDXL = 'stability.stable-diffusion-xl-v1';
const png = (width: number, height: number, alpha = false) =>
	makeTestImageBase64({ width, height, alpha });
const detail = (text: string) => JSON.stringify({ detail: text });

describe('SDXL 1.0', () => {
	atDate(SDXL_DATE.date);
	const prompt = { text_prompts: [{ text: 'a rose with dew' }, { text: 'blurry', weight: -1 }] };

	it.each([
		[1024, 1024],
		[1536, 640],
		[640, 1536],
	])('text-to-image %ix%i returns one PNG artifact of that size', async (width, height) => {
		const { body } = await invokeImageModel(SDXL, {
			...prompt,
			width,
			height,
			cfg_scale: 7,
			steps: 30,
			seed: 5,
			samples: 1,
			style_preset: 'photographic',
		});
		expect(body.result).toBe('success');
		const [artifact] = body.artifacts as Array<Record<string, unknown>>;
		expect(artifact).toMatchObject({ seed: 5, finishReason: 'SUCCESS' });
		expect(decodeOutput(artifact.base64)).toMatchObject({ format: 'png', width, height });
	});

	it('is deterministic for a non-zero seed and picks a reported random seed for 0', async () => {
		const first = await invokeImageModel(SDXL, { ...prompt, seed: 42 });
		const again = await invokeImageModel(SDXL, { ...prompt, seed: 42 });
		expect(again.body).toEqual(first.body);
		const random = await invokeImageModel(SDXL, { ...prompt, seed: 0 });
		const [artifact] = random.body.artifacts as Array<{ seed: number }>;
		expect(artifact.seed).toBeGreaterThan(0);
		expect(artifact.seed).toBeLessThanOrEqual(4_294_967_295);
	});

	it('image-to-image and masking return the init_image size', async () => {
		const init_image = png(1152, 896);
		const strength = await invokeImageModel(SDXL, { ...prompt, init_image, image_strength: 0.35 });
		const schedule = await invokeImageModel(SDXL, {
			...prompt,
			init_image,
			init_image_mode: 'STEP_SCHEDULE',
			step_schedule_start: 0.65,
			step_schedule_end: 1,
		});
		const masked = await invokeImageModel(SDXL, {
			...prompt,
			init_image,
			mask_source: 'MASK_IMAGE_WHITE',
			mask_image: png(1152, 896),
		});
		const alpha = await invokeImageModel(SDXL, {
			...prompt,
			init_image: png(1152, 896, true),
			mask_source: 'INIT_IMAGE_ALPHA',
		});
		for (const { body } of [strength, schedule, masked, alpha]) {
			const [artifact] = body.artifacts as Array<Record<string, unknown>>;
			expect(decodeOutput(artifact.base64)).toMatchObject({
				format: 'png',
				width: 1152,
				height: 896,
			});
		}
	});

	it.each(['BEDROCK_FILTER', 'bedrock_filter_output'])(
		'filters a prompt containing %s with CONTENT_FILTERED and a blurred image',
		async (trigger) => {
			const { body } = await invokeImageModel(SDXL, {
				text_prompts: [{ text: `a ${trigger} scene` }],
				seed: 9,
			});
			const [artifact] = body.artifacts as Array<Record<string, unknown>>;
			expect(artifact.finishReason).toBe('CONTENT_FILTERED');
			expect(decodeOutput(artifact.base64)).toMatchObject({ width: 1024, height: 1024 });
		},
	);

	// Accepted by real Bedrock although outside the nine documented sizes or fields (emulator/test/corpus).
	it.each([
		['512x512 (a course’s committed output)', { ...prompt, width: 512, height: 512 }, 512, 512],
		['a width without height (AWS workshop)', { ...prompt, width: 768 }, 768, 1024],
		[
			'60 steps and an unknown key (AWS workshop)',
			{ ...prompt, steps: 60, start_schedule: 0.6 },
			1024,
			1024,
		],
	])('accepts %s', async (_, request, width, height) => {
		const { body } = await invokeImageModel(SDXL, request);
		const [artifact] = body.artifacts as Array<Record<string, unknown>>;
		expect(decodeOutput(artifact.base64)).toMatchObject({ width, height });
	});

	it.each([
		['missing text_prompts', {}, malformedMessage('#: required key [text_prompts] not found')],
		[
			'empty text_prompts',
			{ text_prompts: [] },
			malformedMessage('#/text_prompts: expected minimum item count: 1, found: 0'),
		],
		[
			'text over 2000',
			{ text_prompts: [{ text: 'x'.repeat(2001) }] },
			malformedMessage('#/text_prompts/0/text: expected maxLength: 2000, actual: 2001'),
		],
		[
			'cfg_scale 36',
			{ ...prompt, cfg_scale: 36 },
			malformedMessage('#/cfg_scale: 36 is not less or equal to 35'),
		],
		[
			'steps 9',
			{ ...prompt, steps: 9 },
			malformedMessage('#/steps: 9 is not greater or equal to 10'),
		],
		[
			'steps 151',
			{ ...prompt, steps: 151 },
			malformedMessage('#/steps: 151 is not less or equal to 150'),
		],
		[
			'samples 2',
			{ ...prompt, samples: 2 },
			malformedMessage('#/samples: 2 is not less or equal to 1'),
		],
		[
			'seed too large',
			{ ...prompt, seed: 4_294_967_296 },
			malformedMessage('#/seed: 4294967296 is not less or equal to 4294967295'),
		],
		[
			'sampler typo',
			{ ...prompt, sampler: 'K_HEUN K_LMS' },
			malformedMessage('#/sampler: K_HEUN K_LMS is not a valid enum value'),
		],
		[
			'style preset',
			{ ...prompt, style_preset: 'watercolor' },
			malformedMessage('#/style_preset: watercolor is not a valid enum value'),
		],
		[
			'string height',
			{ ...prompt, height: '1024' },
			malformedMessage('#/height: expected type: Integer, found: String'),
		],
		[
			'two violations',
			{ ...prompt, cfg_scale: -1, clip_guidance_preset: 'FAST' },
			malformedMessage(
				'#/cfg_scale: -1 is not greater or equal to 0#/clip_guidance_preset: FAST is not a valid enum value',
			),
		],
	])('rejects %s with the schema message', async (_, body, message) => {
		expect(await invokeExpectingError(SDXL, body)).toEqual({
			name: 'ValidationException',
			status: 400,
			message,
		});
	});

	it.each([
		[
			'a side that is not a multiple of 64',
			{ ...prompt, width: 500, height: 512 },
			/Invalid output dimensions 500x512/,
		],
		[
			'more than 1024x1024 pixels',
			{ ...prompt, width: 1152 },
			/Invalid output dimensions 1152x1024/,
		],
		[
			'a side above 1536',
			{ ...prompt, width: 1600, height: 512 },
			/Invalid output dimensions 1600x512/,
		],
		[
			'image-to-image fields without init_image',
			{ ...prompt, image_strength: 0.5 },
			/image_strength require init_image/,
		],
		[
			'height with init_image',
			{ ...prompt, init_image: png(1024, 1024), height: 1024 },
			/height cannot be used with init_image/,
		],
		[
			'an init_image the size rule refuses',
			{ ...prompt, init_image: png(500, 500) },
			/Invalid init_image dimensions 500x500/,
		],
		[
			'step schedule fields in IMAGE_STRENGTH mode',
			{ ...prompt, init_image: png(1024, 1024), step_schedule_start: 0.5 },
			/cannot be used with init_image_mode IMAGE_STRENGTH/,
		],
		[
			'image_strength in STEP_SCHEDULE mode',
			{
				...prompt,
				init_image: png(1024, 1024),
				init_image_mode: 'STEP_SCHEDULE',
				image_strength: 0.3,
			},
			/cannot be used with init_image_mode STEP_SCHEDULE/,
		],
		[
			'mask_image without mask_source',
			{ ...prompt, init_image: png(1024, 1024), mask_image: png(1024, 1024) },
			/mask_image requires mask_source/,
		],
		[
			'MASK_IMAGE_BLACK without mask_image',
			{ ...prompt, init_image: png(1024, 1024), mask_source: 'MASK_IMAGE_BLACK' },
			/mask_image is required/,
		],
		[
			'INIT_IMAGE_ALPHA with a mask_image',
			{
				...prompt,
				init_image: png(1024, 1024, true),
				mask_source: 'INIT_IMAGE_ALPHA',
				mask_image: png(1024, 1024),
			},
			/cannot be used when mask_source is INIT_IMAGE_ALPHA/,
		],
		[
			'INIT_IMAGE_ALPHA on an opaque image',
			{ ...prompt, init_image: png(1024, 1024), mask_source: 'INIT_IMAGE_ALPHA' },
			/requires an init_image with an alpha channel/,
		],
		[
			'image_strength with masking',
			{
				...prompt,
				init_image: png(1024, 1024),
				mask_source: 'MASK_IMAGE_WHITE',
				mask_image: png(1024, 1024),
				image_strength: 0.3,
			},
			/cannot be used with mask_source/,
		],
		[
			'a mask of another size',
			{
				...prompt,
				init_image: png(1024, 1024),
				mask_source: 'MASK_IMAGE_WHITE',
				mask_image: png(1152, 896),
			},
			/same dimensions as init_image/,
		],
		[
			'bad base64',
			{ ...prompt, init_image: 'data:image/png;base64,AAAA' },
			/init_image: invalid base64/,
		],
		[
			'a WebP init_image',
			{ ...prompt, init_image: makeTestImageBase64({ width: 1024, height: 1024, format: 'webp' }) },
			/unsupported image format webp/,
		],
	])('rejects %s', async (_, body, message) => {
		const error = await invokeExpectingError(SDXL, body);
		expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
		expect(error.message).toMatch(message);
	});
});

describe('SD3, SD3.5, Stable Image Core and Ultra', () => {
	// SD3 Large and Core/Ultra v1:0 are retired; their successors are tested at the same date.
	atDate(STABILITY_V1_0_DATE.date);
	const ALL = [
		'stability.sd3-large-v1:0',
		'stability.sd3-5-large-v1:0',
		'stability.stable-image-core-v1:0',
		'stability.stable-image-core-v1:1',
		'stability.stable-image-ultra-v1:0',
		'stability.stable-image-ultra-v1:1',
	];

	it.each(ALL)(
		'%s: text-to-image returns seeds, null finish reason and a 1024x1024 PNG',
		async (model) => {
			const { body } = await invokeImageModel(model, {
				prompt: 'a car made of vegetables',
				seed: 77,
			});
			expect(body.seeds).toEqual([77]);
			expect(body.finish_reasons).toEqual([null]);
			expect(decodeOutput((body.images as string[])[0])).toMatchObject({
				format: 'png',
				width: 1024,
				height: 1024,
			});
		},
	);

	it.each([
		['16:9', 1344, 768],
		['21:9', 1536, 640],
		['2:3', 832, 1216],
		['3:2', 1216, 832],
		['4:5', 896, 1088],
		['5:4', 1088, 896],
		['9:16', 768, 1344],
		['9:21', 640, 1536],
	])('aspect_ratio %s gives %ix%i', async (aspect_ratio, width, height) => {
		const { body } = await invokeImageModel('stability.sd3-5-large-v1:0', {
			prompt: 'panorama',
			aspect_ratio,
		});
		expect(decodeOutput((body.images as string[])[0])).toMatchObject({ width, height });
	});

	it('output_format jpeg gives a JPEG', async () => {
		const { body } = await invokeImageModel('stability.stable-image-ultra-v1:1', {
			prompt: 'x',
			output_format: 'jpeg',
		});
		expect(decodeOutput((body.images as string[])[0])).toMatchObject({
			format: 'jpeg',
			width: 1024,
			height: 1024,
		});
	});

	it('is deterministic for a seed and random (reported) for seed 0', async () => {
		const model = 'stability.stable-image-core-v1:1';
		const first = await invokeImageModel(model, { prompt: 'lighthouse', seed: 3 });
		expect((await invokeImageModel(model, { prompt: 'lighthouse', seed: 3 })).body).toEqual(
			first.body,
		);
		expect((await invokeImageModel(model, { prompt: 'harbour', seed: 3 })).body.images).not.toEqual(
			first.body.images,
		);
		const random = await invokeImageModel(model, { prompt: 'lighthouse' });
		expect((random.body.seeds as number[])[0]).toBeGreaterThan(0);
	});

	it.each(['stability.sd3-large-v1:0', 'stability.sd3-5-large-v1:0'])(
		'%s: image-to-image returns the input size',
		async (model) => {
			const { body } = await invokeImageModel(model, {
				prompt: 'watercolour',
				mode: 'image-to-image',
				image: png(640, 480),
				strength: 0.6,
			});
			expect(decodeOutput((body.images as string[])[0])).toMatchObject({
				format: 'png',
				width: 640,
				height: 480,
			});
		},
	);

	it('Ultra v1:0 takes image and strength without a mode', async () => {
		const { body } = await invokeImageModel('stability.stable-image-ultra-v1:0', {
			prompt: 'x',
			image: png(512, 512),
		});
		expect(decodeOutput((body.images as string[])[0])).toMatchObject({ width: 512, height: 512 });
	});

	it.each([
		['BEDROCK_FILTER', 'Filter reason: prompt'],
		['Bedrock_Filter_Output', 'Filter reason: output image'],
	])('a prompt with %s answers 200 with only finish_reasons [%s]', async (trigger, reason) => {
		const { status, body } = await invokeImageModel('stability.sd3-5-large-v1:0', {
			prompt: `${trigger} please`,
		});
		expect(status).toBe(200);
		expect(body).toEqual({ finish_reasons: [reason] });
	});

	const availableSd3 =
		'Invalid field in request. Available fields: [prompt, aspect_ratio, mode, seed, output_format, negative_prompt, image, strength]';
	it.each([
		[
			'sd3-5',
			'stability.sd3-5-large-v1:0',
			{},
			malformedMessage('#: required key [prompt] not found'),
		],
		[
			'sd3-5',
			'stability.sd3-5-large-v1:0',
			{ prompt: 'x'.repeat(10_001) },
			malformedMessage('#/prompt: expected maxLength: 10000, actual: 10001'),
		],
		[
			'sd3-5',
			'stability.sd3-5-large-v1:0',
			{ prompt: 'x', aspect_ratio: '4:3' },
			malformedMessage('#/aspect_ratio: 4:3 is not a valid enum value'),
		],
		[
			'sd3-5',
			'stability.sd3-5-large-v1:0',
			{ prompt: 'x', output_format: 'PNG' },
			malformedMessage('#/output_format: PNG is not a valid enum value'),
		],
		[
			'sd3-5',
			'stability.sd3-5-large-v1:0',
			{ prompt: 'x', output_format: 'webp' },
			malformedMessage('#/output_format: webp is not a valid enum value'),
		],
		[
			'sd3-5',
			'stability.sd3-5-large-v1:0',
			{ prompt: 'x', seed: 4_294_967_295 },
			malformedMessage('#/seed: 4294967295 is not less or equal to 4294967294'),
		],
		[
			'sd3-5',
			'stability.sd3-5-large-v1:0',
			{ prompt: 'x', strength: 1.5, mode: 'image-to-image', image: 'x' },
			malformedMessage('#/strength: 1.5 is not less or equal to 1'),
		],
		['sd3-5', 'stability.sd3-5-large-v1:0', { prompt: 'x', cfg_scale: 7 }, detail(availableSd3)],
		[
			'core v1:0',
			'stability.stable-image-core-v1:0',
			{ prompt: 'x', mode: 'image-to-image' },
			malformedMessage('#/mode: image-to-image is not a valid enum value'),
		],
		[
			'core v1:1',
			'stability.stable-image-core-v1:1',
			{ prompt: 'x', output_format: 'webp' },
			malformedMessage('#/output_format: webp is not a valid enum value'),
		],
		[
			'core v1:1',
			'stability.stable-image-core-v1:1',
			{ prompt: 'x', cfg_scale: 7 },
			detail(
				'Invalid field in request. Available fields: [prompt, aspect_ratio, mode, seed, output_format, negative_prompt]',
			),
		],
		[
			'ultra v1:1',
			'stability.stable-image-ultra-v1:1',
			{ prompt: 'x', image: png(64, 64) },
			detail(
				'Invalid field in request. Available fields: [prompt, aspect_ratio, mode, seed, output_format, negative_prompt]',
			),
		],
		['sd3-5', 'stability.sd3-5-large-v1:0', { prompt: '   ' }, detail('prompt: cannot be empty')],
		[
			'sd3-5',
			'stability.sd3-5-large-v1:0',
			{ prompt: 'x', mode: 'image-to-image', strength: 0.5 },
			detail('image: required when mode is image-to-image'),
		],
		[
			'sd3',
			'stability.sd3-large-v1:0',
			{ prompt: 'x', mode: 'image-to-image', image: png(64, 64) },
			detail('strength: required when mode is image-to-image'),
		],
		[
			'sd3',
			'stability.sd3-large-v1:0',
			{ prompt: 'x', image: png(64, 64), strength: 0.5 },
			detail('image: only valid when mode is image-to-image'),
		],
		[
			'sd3',
			'stability.sd3-large-v1:0',
			{
				prompt: 'x',
				mode: 'image-to-image',
				image: png(64, 64),
				strength: 0.5,
				aspect_ratio: '1:1',
			},
			detail('aspect_ratio: only valid for text-to-image requests'),
		],
		[
			'sd3',
			'stability.sd3-large-v1:0',
			{ prompt: 'x', mode: 'image-to-image', image: png(63, 64), strength: 0.5 },
			detail('image: image 63x64: every side must be at least 64 pixels'),
		],
		[
			'sd3',
			'stability.sd3-large-v1:0',
			{ prompt: 'x', mode: 'image-to-image', image: 'not base64!', strength: 0.5 },
			detail('image: the value is not valid base64-encoded image data'),
		],
		[
			'sd3',
			'stability.sd3-large-v1:0',
			{
				prompt: 'x',
				mode: 'image-to-image',
				image: Buffer.from('GIF89a-not-supported').toString('base64'),
				strength: 0.5,
			},
			detail('image: unsupported image format (gif); supported formats: jpeg, png, webp'),
		],
	])('%s rejects invalid request #%#', async (_, model, body, message) => {
		expect(await invokeExpectingError(model, body)).toEqual({
			name: 'ValidationException',
			status: 400,
			message,
		});
	});
});

describe('Stability Image Services', () => {
	const p = (id: string) => `us.stability.${id}-v1:0`;
	const image = png(512, 384);

	it.each([
		['stable-fast-upscale', { image: png(200, 100) }, 'png', 800, 400],
		['stable-fast-upscale', { image: png(200, 100), output_format: 'webp' }, 'webp', 800, 400],
		[
			'stable-conservative-upscale',
			{ image, prompt: 'sharp photo', creativity: 0.35 },
			'png',
			2365,
			1774,
		],
		[
			'stable-creative-upscale',
			{
				image,
				prompt: 'sharp photo',
				creativity: 0.3,
				style_preset: 'enhance',
				output_format: 'jpeg',
			},
			'jpeg',
			2365,
			1774,
		],
		[
			'stable-image-inpaint',
			{ image, mask: png(100, 100), prompt: 'a hat', grow_mask: 5 },
			'png',
			512,
			384,
		],
		['stable-image-inpaint', { image: png(512, 384, true), prompt: 'a hat' }, 'png', 512, 384],
		[
			'stable-outpaint',
			{ image, left: 100, right: 28, up: 16, down: 0, creativity: 0.5 },
			'png',
			640,
			400,
		],
		[
			'stable-image-search-recolor',
			{ image, prompt: 'pink jacket', select_prompt: 'jacket' },
			'png',
			512,
			384,
		],
		[
			'stable-image-search-replace',
			{ image, prompt: 'jacket', search_prompt: 'sweater' },
			'webp',
			512,
			384,
		],
		['stable-image-erase-object', { image, mask: png(512, 384) }, 'png', 512, 384],
		['stable-image-remove-background', { image }, 'png', 512, 384],
		[
			'stable-image-control-sketch',
			{ image, prompt: 'a house', control_strength: 0.7 },
			'png',
			512,
			384,
		],
		['stable-image-control-structure', { image, prompt: 'a tunnel' }, 'png', 512, 384],
		[
			'stable-image-style-guide',
			{ image, prompt: 'a city', aspect_ratio: '16:9', fidelity: 0.5 },
			'png',
			1344,
			768,
		],
		[
			'stable-style-transfer',
			{ init_image: image, style_image: png(256, 256), prompt: 'statue', change_strength: 0.9 },
			'png',
			512,
			384,
		],
	])('%s returns the documented output (#%#)', async (service, body, format, width, height) => {
		const request =
			format === 'webp' && !('output_format' in body) ? { ...body, output_format: 'webp' } : body;
		const response = await invokeImageModel(p(service), request);
		expect(response.body.finish_reasons).toEqual([null]);
		expect((response.body.seeds as number[]).length).toBe(1);
		expect(decodeOutput((response.body.images as string[])[0])).toMatchObject({
			format,
			width,
			height,
		});
	});

	it('remove-background returns a transparent PNG', async () => {
		const { body } = await invokeImageModel(p('stable-image-remove-background'), { image });
		expect(decodeOutput((body.images as string[])[0]).hasAlpha).toBe(true);
	});

	it('edits depend on the input image and the seed', async () => {
		const model = p('stable-image-control-sketch');
		const a = await invokeImageModel(model, { image, prompt: 'house', seed: 1 });
		const other = makeTestImageBase64({ width: 512, height: 384, label: 'another input' });
		const b = await invokeImageModel(model, { image: other, prompt: 'house', seed: 1 });
		const c = await invokeImageModel(model, { image, prompt: 'house', seed: 2 });
		expect(b.body.images).not.toEqual(a.body.images);
		expect(c.body.images).not.toEqual(a.body.images);
		expect((await invokeImageModel(model, { image, prompt: 'house', seed: 1 })).body).toEqual(
			a.body,
		);
	});

	it.each([
		['BEDROCK_FILTER', 'Filter reason: prompt'],
		['BEDROCK_FILTER_OUTPUT', 'Filter reason: output image'],
	])('%s in search_prompt answers 200 with finish_reasons only', async (trigger, reason) => {
		const { body } = await invokeImageModel(p('stable-image-search-replace'), {
			image,
			prompt: 'jacket',
			search_prompt: trigger,
		});
		expect(body).toEqual({ finish_reasons: [reason] });
	});

	const standardLimits = [
		['is too small', png(63, 200), 'image 63x200: every side must be at least 64 pixels'],
		[
			'exceeds 9,437,184 pixels',
			png(3073, 3072),
			'image 3073x3072: total pixel count must be at most 9437184',
		],
		[
			'is wider than 2.5:1',
			png(651, 260),
			'image 651x260: aspect ratio must be between 1:2.5 and 2.5:1',
		],
	] as const;

	it.each(standardLimits)('inpaint rejects an image that %s', async (_, input, text) => {
		const error = await invokeExpectingError(p('stable-image-inpaint'), {
			image: input,
			mask: image,
			prompt: 'x',
		});
		expect(error).toEqual({
			name: 'ValidationException',
			status: 400,
			message: detail(`image: ${text}`),
		});
	});

	it.each([
		[
			'stable-fast-upscale',
			{ image: png(1537, 100) },
			detail('image: image 1537x100: every side must be at most 1536 pixels'),
		],
		[
			'stable-fast-upscale',
			{ image: png(1025, 1024) },
			detail('image: image 1025x1024: total pixel count must be at most 1048576'),
		],
		[
			'stable-fast-upscale',
			{ image: png(32, 31) },
			detail('image: image 32x31: every side must be at least 32 pixels'),
		],
		[
			'stable-creative-upscale',
			{ image: png(1025, 1024), prompt: 'x' },
			detail('image: image 1025x1024: total pixel count must be at most 1048576'),
		],
		[
			'stable-image-remove-background',
			{ image: png(2049, 2048) },
			detail('image: image 2049x2048: total pixel count must be at most 4194304'),
		],
		[
			'stable-style-transfer',
			{ init_image: image, style_image: png(40, 40) },
			detail('style_image: image 40x40: every side must be at least 64 pixels'),
		],
		[
			'stable-image-inpaint',
			{ image, prompt: 'x' },
			detail('mask: required when image has no alpha channel to derive a mask from'),
		],
		[
			'stable-image-erase-object',
			{ image },
			detail('mask: required when image has no alpha channel to derive a mask from'),
		],
		[
			'stable-outpaint',
			{ image, left: 0 },
			detail(
				'at least one outpaint direction (left, right, up, down) must be supplied with a non-zero value',
			),
		],
		[
			'stable-image-inpaint',
			{ image, mask: image, prompt: 'x', strength: 1 },
			detail(
				"Invalid field 'strength' in request. Available fields for inpaint are: image, prompt, mask, style_preset, negative_prompt, seed, output_format, grow_mask",
			),
		],
		[
			'stable-outpaint',
			{ image, left: 10, negative_prompt: 'x' },
			detail(
				"Invalid field 'negative_prompt' in request. Available fields for outpaint are: image, prompt, style_preset, seed, output_format, creativity, left, right, up, down",
			),
		],
		[
			'stable-fast-upscale',
			{ image, prompt: 'x' },
			detail(
				"Invalid field 'prompt' in request. Available fields for fast-upscale are: image, output_format",
			),
		],
		['stable-creative-upscale', { image }, malformedMessage('#: required key [prompt] not found')],
		[
			'stable-creative-upscale',
			{ image, prompt: '' },
			malformedMessage('#/prompt: expected minLength: 1, actual: 0'),
		],
		[
			'stable-creative-upscale',
			{ image, prompt: 'x', creativity: 0.6 },
			malformedMessage('#/creativity: 0.6 is not less or equal to 0.5'),
		],
		[
			'stable-conservative-upscale',
			{ image, prompt: 'x', creativity: 0.1 },
			malformedMessage('#/creativity: 0.1 is not greater or equal to 0.2'),
		],
		[
			'stable-image-search-recolor',
			{ image, prompt: 'x' },
			malformedMessage('#: required key [select_prompt] not found'),
		],
		[
			'stable-image-search-replace',
			{ image, prompt: 'x', search_prompt: 'y', grow_mask: 21 },
			malformedMessage('#/grow_mask: 21 is not less or equal to 20'),
		],
		[
			'stable-outpaint',
			{ image, left: 2001 },
			malformedMessage('#/left: 2001 is not less or equal to 2000'),
		],
		[
			'stable-outpaint',
			{ image, up: 10, creativity: 0 },
			malformedMessage('#/creativity: 0 is not greater or equal to 0.1'),
		],
		[
			'stable-image-control-sketch',
			{ image, prompt: 'x', control_strength: 1.1 },
			malformedMessage('#/control_strength: 1.1 is not less or equal to 1'),
		],
		[
			'stable-image-style-guide',
			{ image, prompt: 'x', aspect_ratio: '3:4' },
			malformedMessage('#/aspect_ratio: 3:4 is not a valid enum value'),
		],
		[
			'stable-style-transfer',
			{ init_image: image, style_image: image, change_strength: 0 },
			malformedMessage('#/change_strength: 0 is not greater or equal to 0.1'),
		],
		[
			'stable-image-control-structure',
			{ image, prompt: 'x', output_format: 'gif' },
			malformedMessage('#/output_format: gif is not a valid enum value'),
		],
		[
			'stable-image-control-structure',
			{ image, prompt: 'x', seed: 4_294_967_295 },
			malformedMessage('#/seed: 4294967295 is not less or equal to 4294967294'),
		],
		[
			'stable-image-control-structure',
			{ image, prompt: 'x', style_preset: 'sketch' },
			malformedMessage('#/style_preset: sketch is not a valid enum value'),
		],
		['stable-image-remove-background', {}, malformedMessage('#: required key [image] not found')],
		// An SDXL body: the first unknown field is named before the missing ones
		// (aws-samples/amazon-bedrock-client-for-mac#121).
		[
			'stable-image-control-sketch',
			{ text_prompts: [{ text: 'big dog' }], cfg_scale: 10, seed: 0, steps: 50 },
			detail(
				"Invalid field 'text_prompts' in request. Available fields for control-sketch are: image, prompt, control_strength, negative_prompt, seed, output_format, style_preset",
			),
		],
	])('%s rejects invalid request #%#', async (service, body, message) => {
		expect(await invokeExpectingError(p(service), body)).toEqual({
			name: 'ValidationException',
			status: 400,
			message,
		});
	});
});
