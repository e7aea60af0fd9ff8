/**
 * Bedrock Image through real n8n-core against the emulator: Stability SDXL 1.0 (text to image,
 * image to image, masking), SD3/SD3.5 Large (text and image to image), Stable Image Core and
 * Ultra, including the seeds' own examples (000: the rose with SDXL; 004: Ultra's car).
 */
import { SDXL_DATE, STABILITY_V1_0_DATE } from '../../emulator/test/lifecycleDates.ts';
import { atDate, useEmulator } from './helpers.ts';
import {
	byId,
	expectImage,
	IMAGE,
	imageFile,
	invocations,
	itemWith,
	markImages,
	nodeError,
	onlyInvocationBody,
	runImageNode,
} from './imageHelpers.ts';

const emulator = useEmulator();

const ROSE = 'Create a picture of a natural rose flower with dews on the pettles, leaf and stem';
const ROSE_NEGATIVE = 'paining, drawing, blury';

describe('SDXL 1.0', () => {
	// SDXL 1.0 reached its end of life on 2025-05-20.
	atDate(emulator, SDXL_DATE.date);

	test('the Bedrock SDXL sample: the rose, prompt weights 1 and -1, 1024x1024, cfg 7, seed 5, steps 30', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: {
				resource: 'image',
				operation: 'generate',
				modelId: byId('stability.stable-diffusion-xl-v1'),
				prompt: ROSE,
				negativePrompt: ROSE_NEGATIVE,
				sdxlSize: '1024x1024',
				modelOptions: { cfgScale: 7, seed: 5, steps: 30 },
			},
		});
		expect(nodeError(result)).toBeUndefined();
		expect(onlyInvocationBody(emulator.current)).toEqual({
			text_prompts: [
				{ text: ROSE, weight: 1 },
				{ text: ROSE_NEGATIVE, weight: -1 },
			],
			width: 1024,
			height: 1024,
			cfg_scale: 7,
			seed: 5,
			steps: 30,
		});
		const [item, ...rest] = result.output('Image');
		expect(rest).toHaveLength(0);
		await expectImage(result, item, { width: 1024, height: 1024 });
		expect(item.json).toMatchObject({
			modelId: 'stability.stable-diffusion-xl-v1',
			family: 'sdxl',
			task: 'generate',
			prompt: ROSE,
			seed: 5,
			finishReason: 'SUCCESS',
			fileName: 'stable-diffusion-xl-v1-5.png',
			region: 'us-west-2',
			estimatedCostUsd: 0.04,
		});
		expect(item.json.requestId).toEqual(expect.any(String));
		expect(item.json.latencyMs).toEqual(expect.any(Number));
		// Active on that date (Legacy from 2024-11-21): no lifecycle notice.
		expect(item.json).not.toHaveProperty('lifecycleNotice');
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(JSON.stringify(item.json)).not.toMatch(/[A-Za-z0-9+/]{200}/);
	});
	test('all sampling options and additional weighted prompts', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: {
				operation: 'generate',
				modelId: byId('stability.stable-diffusion-xl-v1'),
				prompt: 'A tea plantation',
				sdxlSize: '1344x768',
				numberOfImages: 2,
				modelOptions: {
					clipGuidancePreset: 'FAST_BLUE',
					sampler: 'K_EULER_ANCESTRAL',
					stylePreset: 'photographic',
					promptWeight: 1.5,
					weightedPrompts: {
						prompts: [
							{ text: 'mist', weight: 0.4 },
							{ text: 'people', weight: -0.8 },
						],
					},
					seed: 4_294_967_295,
				},
			},
		});
		expect(nodeError(result)).toBeUndefined();
		const bodies = invocations(emulator.current).map(
			(call) => call.body as Record<string, unknown>,
		);
		expect(bodies[0]).toEqual({
			text_prompts: [
				{ text: 'A tea plantation', weight: 1.5 },
				{ text: 'mist', weight: 0.4 },
				{ text: 'people', weight: -0.8 },
			],
			width: 1344,
			height: 768,
			clip_guidance_preset: 'FAST_BLUE',
			sampler: 'K_EULER_ANCESTRAL',
			style_preset: 'photographic',
			seed: 4_294_967_295,
		});
		// The second image's seed wraps around past the largest seed.
		expect(bodies.map((body) => body.seed)).toEqual([4_294_967_295, 1]);
		for (const item of result.output('Image'))
			await expectImage(result, item, { width: 1344, height: 768 });
	});

	test('150 steps, AWS’s documented maximum, are sent and priced at the over-50 rate', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: {
				operation: 'generate',
				modelId: byId('stability.stable-diffusion-xl-v1'),
				prompt: 'A beautiful mountain landscape',
				modelOptions: { steps: 150 },
			},
		});
		expect(nodeError(result)).toBeUndefined();
		expect(onlyInvocationBody(emulator.current)).toMatchObject({ steps: 150 });
		expect(result.output('Image')[0].json).toMatchObject({ estimatedCostUsd: 0.08 });
	});

	test('image to image with image strength (the default mode)', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: {
				operation: 'transform',
				modelId: byId('stability.stable-diffusion-xl-v1'),
				prompt: 'In winter',
				imageStrength: 0.5,
			},
			input: [itemWith({ data: imageFile({ width: 896, height: 1152, format: 'jpeg' }) })],
		});
		expect(nodeError(result)).toBeUndefined();
		expect(markImages(onlyInvocationBody(emulator.current))).toEqual({
			text_prompts: [{ text: 'In winter', weight: 1 }],
			init_image: IMAGE,
			init_image_mode: 'IMAGE_STRENGTH',
			image_strength: 0.5,
		});
		await expectImage(result, result.output('Image')[0], { width: 896, height: 1152 });
	});

	test('image to image with a step schedule', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: {
				operation: 'transform',
				modelId: byId('stability.stable-diffusion-xl-v1'),
				prompt: 'In winter',
				initImageMode: 'STEP_SCHEDULE',
				stepScheduleStart: 0.4,
				stepScheduleEnd: 0.9,
			},
			input: [itemWith({ data: imageFile({ width: 1024, height: 1024 }) })],
		});
		expect(nodeError(result)).toBeUndefined();
		expect(markImages(onlyInvocationBody(emulator.current))).toEqual({
			text_prompts: [{ text: 'In winter', weight: 1 }],
			init_image: IMAGE,
			init_image_mode: 'STEP_SCHEDULE',
			step_schedule_start: 0.4,
			step_schedule_end: 0.9,
		});
	});

	test('masking with the black pixels of a mask image', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: {
				resource: 'edit',
				operation: 'inpaint',
				modelId: byId('stability.stable-diffusion-xl-v1'),
				prompt: 'A vase of tulips',
				negativePrompt: 'blur',
				maskSource: 'MASK_IMAGE_BLACK',
			},
			input: [
				itemWith({
					data: imageFile({ width: 1152, height: 896 }),
					mask: imageFile({ width: 1152, height: 896, label: 'mask' }),
				}),
			],
		});
		expect(nodeError(result)).toBeUndefined();
		expect(markImages(onlyInvocationBody(emulator.current))).toEqual({
			text_prompts: [
				{ text: 'A vase of tulips', weight: 1 },
				{ text: 'blur', weight: -1 },
			],
			init_image: IMAGE,
			mask_source: 'MASK_IMAGE_BLACK',
			mask_image: IMAGE,
		});
		await expectImage(result, result.output('Image')[0], { width: 1152, height: 896 });
	});

	test("masking with the input's transparent pixels sends no mask image", async () => {
		const result = await runImageNode(emulator.current, {
			parameters: {
				resource: 'edit',
				operation: 'inpaint',
				modelId: byId('stability.stable-diffusion-xl-v1'),
				prompt: 'A garden',
				maskSource: 'INIT_IMAGE_ALPHA',
			},
			input: [itemWith({ data: imageFile({ width: 1024, height: 1024, alpha: true }) })],
		});
		expect(nodeError(result)).toBeUndefined();
		expect(markImages(onlyInvocationBody(emulator.current))).toEqual({
			text_prompts: [{ text: 'A garden', weight: 1 }],
			init_image: IMAGE,
			mask_source: 'INIT_IMAGE_ALPHA',
		});
	});
});

describe('Stable Image Core and Ultra', () => {
	test('the Bedrock Stable Image Ultra sample: "A car made out of vegetables"', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: {
				operation: 'generate',
				modelId: byId('stability.stable-image-ultra-v1:1'),
				prompt: 'A car made out of vegetables.',
			},
		});
		expect(nodeError(result)).toBeUndefined();
		expect(onlyInvocationBody(emulator.current)).toEqual({
			prompt: 'A car made out of vegetables.',
			aspect_ratio: '1:1',
			output_format: 'png',
		});
		const [item] = result.output('Image');
		await expectImage(result, item, { width: 1024, height: 1024 });
		expect(item.json).toMatchObject({ family: 'stableImage', estimatedCostUsd: 0.14 });
		expect(item.json.seed).toEqual(expect.any(Number));
	});

	test('three images of Core loop with seeds 41, 42, 43 as JPEG 16:9', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: {
				operation: 'generate',
				modelId: byId('stability.stable-image-core-v1:1'),
				prompt: 'A lighthouse at dusk',
				aspectRatio: '16:9',
				outputFormat: 'jpeg',
				numberOfImages: 3,
				modelOptions: { seed: 41 },
			},
		});
		expect(nodeError(result)).toBeUndefined();
		expect(
			invocations(emulator.current).map((call) => (call.body as { seed: number }).seed),
		).toEqual([41, 42, 43]);
		const items = result.output('Image');
		expect(items.map((item) => item.json.seed)).toEqual([41, 42, 43]);
		for (const item of items)
			await expectImage(result, item, { width: 1344, height: 768, format: 'jpeg' });
		expect(items.map((item) => item.json.fileName)).toEqual([
			'stable-image-core-v1-1-41.jpg',
			'stable-image-core-v1-1-42.jpg',
			'stable-image-core-v1-1-43.jpg',
		]);
	});

	test('v1:1 takes a negative prompt, picked from the list or given by an expression', async () => {
		// Evidence that real Bedrock accepts it: docs/bedrock-image.md.
		const picked = await runImageNode(emulator.current, {
			parameters: {
				operation: 'generate',
				modelId: byId('stability.stable-image-ultra-v1:1'),
				prompt: 'retro anime, akira',
				negativePrompt: 'bad quality, blurry',
			},
		});
		expect(nodeError(picked)).toBeUndefined();
		expect(onlyInvocationBody(emulator.current)).toEqual({
			prompt: 'retro anime, akira',
			negative_prompt: 'bad quality, blurry',
			aspect_ratio: '1:1',
			output_format: 'png',
		});
		await expectImage(picked, picked.output('Image')[0], { width: 1024, height: 1024 });

		emulator.current.control.clearRequests();
		const byExpression = await runImageNode(emulator.current, {
			parameters: {
				operation: 'generate',
				modelId: byId('={{ $json.model }}'),
				modelFamily: 'stableImage',
				prompt: 'A charcoal sketch of a city skyline.',
				negativePrompt: 'blurry, low quality',
			},
			input: [{ json: { model: 'stability.stable-image-core-v1:1' } }],
		});
		expect(nodeError(byExpression)).toBeUndefined();
		expect(onlyInvocationBody(emulator.current)).toMatchObject({
			negative_prompt: 'blurry, low quality',
		});
	});
});

describe('SD3 and SD3.5 Large', () => {
	test('SD3 Large text to image: negative prompt, aspect ratio, seed', async () => {
		// SD3 Large was retired in 2025.
		emulator.current.control.configure({ now: STABILITY_V1_0_DATE.date });
		const result = await runImageNode(emulator.current, {
			parameters: {
				operation: 'generate',
				modelId: byId('stability.sd3-large-v1:0'),
				prompt: 'A koi pond',
				negativePrompt: 'people',
				aspectRatio: '9:21',
				modelOptions: { seed: 12345 },
			},
		});
		expect(nodeError(result)).toBeUndefined();
		expect(onlyInvocationBody(emulator.current)).toEqual({
			prompt: 'A koi pond',
			negative_prompt: 'people',
			mode: 'text-to-image',
			aspect_ratio: '9:21',
			output_format: 'png',
			seed: 12345,
		});
		const [item] = result.output('Image');
		await expectImage(result, item, { width: 640, height: 1536 });
		expect(item.json).toMatchObject({
			family: 'sd3',
			seed: 12345,
			fileName: 'sd3-large-v1-0-12345.png',
			estimatedCostUsd: 0.08,
		});
	});

	test('image to image: mode, image, strength; the output keeps the input size', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: {
				operation: 'transform',
				modelId: byId('stability.sd3-5-large-v1:0'),
				prompt: 'Make it autumn',
				strength: 0.6,
			},
			input: [itemWith({ data: imageFile({ width: 640, height: 480 }) })],
		});
		expect(nodeError(result)).toBeUndefined();
		const body = onlyInvocationBody(emulator.current);
		expect(body).toMatchObject({ prompt: 'Make it autumn', mode: 'image-to-image', strength: 0.6 });
		expect(body.image).toMatch(/^<\d+ chars sha256:/);
		expect(body).not.toHaveProperty('aspect_ratio');
		await expectImage(result, result.output('Image')[0], { width: 640, height: 480 });
	});
});
