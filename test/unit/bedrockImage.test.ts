/**
 * Bedrock Image pieces that need no n8n run: price rules by model, size, quality and steps; alpha
 * detection from image headers; the seed loop; merging additional request fields; and the
 * node description itself, evaluated with n8n's own display rules (which fields the editor
 * shows for which model and Model Family) and checked for consistency across families.
 */
import { NodeHelpers, type INode, type INodeParameters, type INodeProperties } from 'n8n-workflow';

import { BedrockImage } from '../../nodes/BedrockImage/BedrockImage.node.ts';
import { OPERATION_KEYS } from '../../nodes/BedrockImage/actions/operations.ts';
import { mergeFields } from '../../nodes/BedrockImage/actions/options.ts';
import { searchMethodName } from '../../nodes/BedrockImage/methods/listSearch.ts';
import { seedSequence } from '../../nodes/BedrockImage/families/common.ts';
import { imageCost, requestCost } from '../../nodes/BedrockImage/actions/imageCost.ts';
import { FAMILIES, familiesFor, familyOfModelId } from '../../nodes/BedrockImage/families/index.ts';
import { hasAlphaChannel } from '../../nodes/BedrockImage/imageAlpha.ts';
import { makeTestImage } from '../../emulator/src/images/output.ts';

describe('price rules: what each family is billed on, priced by the price table', () => {
	const model = (baseModelId: string) => {
		const family = familyOfModelId(baseModelId) ?? FAMILIES[0];
		return { family, modelId: baseModelId, baseModelId };
	};
	const price = (baseModelId: string, body: Record<string, unknown>, width = 1024, height = 1024) =>
		imageCost(model(baseModelId), body, { width, height }).usd;

	test('SDXL: up to 50 steps (the default is 30) and above', () => {
		expect(price('stability.stable-diffusion-xl-v1', {})).toBe(0.04);
		expect(price('stability.stable-diffusion-xl-v1', { steps: 50 })).toBe(0.04);
		expect(price('stability.stable-diffusion-xl-v1', { steps: 51 })).toBe(0.08);
	});

	test('Titan: size tier (512x512) and quality', () => {
		const titan = 'amazon.titan-image-generator-v2:0';
		expect(price(titan, {}, 512, 512)).toBe(0.008);
		expect(price(titan, {}, 1024, 1024)).toBe(0.01);
		expect(price(titan, { imageGenerationConfig: { quality: 'premium' } }, 512, 512)).toBe(0.01);
		expect(price(titan, { imageGenerationConfig: { quality: 'premium' } }, 1408, 640)).toBe(0.012);
	});

	test('Nova Canvas: size tier (1024x1024) and quality', () => {
		const nova = 'amazon.nova-canvas-v1:0';
		expect(price(nova, {}, 1024, 1024)).toBe(0.04);
		expect(price(nova, {}, 1280, 1280)).toBe(0.06);
		expect(price(nova, { imageGenerationConfig: { quality: 'premium' } }, 512, 512)).toBe(0.06);
		expect(price(nova, { imageGenerationConfig: { quality: 'premium' } }, 2048, 1024)).toBe(0.08);
	});

	test('flat Stability prices, each with its source and date', () => {
		expect(price('stability.stable-image-ultra-v1:1', {})).toBe(0.14);
		expect(price('stability.stable-image-core-v1:0', {})).toBe(0.04);
		expect(price('stability.stable-creative-upscale-v1:0', {})).toBe(0.6);
		expect(price('stability.stable-image-erase-object-v1:0', {})).toBe(0.07);
		expect(imageCost(model('stability.sd3-5-large-v1:0'), {}, { width: 1, height: 1 })).toEqual({
			usd: 0.08,
			priceSource: expect.stringMatching(/^https:\/\/github\.com\/BerriAI\/litellm\/.* \(2026-12-06\)$/),
		});
	});

	test('before the call: every image a request asks for, at the size it asks for or its input has', () => {
		const titan = model('amazon.titan-image-generator-v1');
		const generate = {
			taskType: 'TEXT_IMAGE',
			textToImageParams: { text: 'a kite' },
			imageGenerationConfig: { numberOfImages: 3, quality: 'premium', width: 1024, height: 1024 },
		};
		expect(requestCost(titan, generate).usd).toBe(0.036);
		const input = makeTestImage({ width: 512, height: 512 }).toString('base64');
		const inpaint = {
			taskType: 'INPAINTING',
			inPaintingParams: { image: input, maskPrompt: 'sky' },
			imageGenerationConfig: { numberOfImages: 2 },
		};
		expect(requestCost(titan, inpaint).usd).toBe(0.016);
		const sdxl = model('stability.stable-diffusion-xl-v1');
		expect(requestCost(sdxl, { init_image: input, steps: 60 }).usd).toBe(0.08);
	});

	test('a model without a known price has no estimate, and says why', () => {
		expect(requestCost({ ...model('acme.painter-v1'), baseModelId: 'acme.painter-v1' }, {})).toEqual({
			usd: null,
			noPrice: true,
			priceSource: 'No price for acme.painter-v1 in the price table',
		});
		const arn = 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc';
		expect(requestCost({ family: FAMILIES[0], modelId: arn }, {}).priceSource).toBe(
			`The model behind ${arn} is unknown, so no price applies`,
		);
	});
});

describe('alpha channel from the header', () => {
	test.each([
		['PNG RGBA', makeTestImage({ width: 8, height: 8, alpha: true }), 'png', true],
		['PNG RGB', makeTestImage({ width: 8, height: 8 }), 'png', false],
		['JPEG', makeTestImage({ width: 8, height: 8, format: 'jpeg' }), 'jpeg', false],
		[
			'WebP lossless with alpha',
			makeTestImage({ width: 8, height: 8, format: 'webp', alpha: true }),
			'webp',
			true,
		],
		[
			'WebP lossless without alpha',
			makeTestImage({ width: 8, height: 8, format: 'webp' }),
			'webp',
			false,
		],
	] as const)('%s', (_, bytes, format, expected) => {
		expect(hasAlphaChannel(bytes, format)).toBe(expected);
	});

	test('a palette PNG with a tRNS chunk before its pixel data', () => {
		const chunk = (type: string, data: Buffer) => {
			const length = Buffer.alloc(4);
			length.writeUInt32BE(data.length);
			return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
		};
		const header = Buffer.alloc(13);
		header.writeUInt32BE(8, 0);
		header.writeUInt32BE(8, 4);
		header[8] = 8;
		header[9] = 3; // palette
		const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		const withTransparency = Buffer.concat([
			signature,
			chunk('IHDR', header),
			chunk('PLTE', Buffer.alloc(6)),
			chunk('tRNS', Buffer.from([0])),
			chunk('IDAT', Buffer.alloc(2)),
		]);
		const opaque = Buffer.concat([
			signature,
			chunk('IHDR', header),
			chunk('PLTE', Buffer.alloc(6)),
			chunk('IDAT', Buffer.alloc(2)),
		]);
		expect(hasAlphaChannel(withTransparency, 'png')).toBe(true);
		expect(hasAlphaChannel(opaque, 'png')).toBe(false);
	});
});

describe('seeds of looped calls', () => {
	test('a fixed seed counts up and wraps to 1 after the largest seed', () => {
		expect(seedSequence(3, 41, 100)).toEqual([41, 42, 43]);
		expect(seedSequence(3, 99, 100)).toEqual([99, 100, 1]);
	});

	test('seed 0 or none leaves each call to a random seed', () => {
		expect(seedSequence(2, 0, 100)).toEqual([undefined, undefined]);
		expect(seedSequence(1, undefined, 100)).toEqual([undefined]);
	});
});

test('additional request fields merge objects member by member and replace everything else', () => {
	expect(
		mergeFields(
			{ a: 1, config: { width: 512, seed: 1 }, list: [1, 2] },
			{ config: { seed: 9, quality: 'premium' }, list: [3], extra: { x: true } },
		),
	).toEqual({
		a: 1,
		config: { width: 512, seed: 9, quality: 'premium' },
		list: [3],
		extra: { x: true },
	});
});

describe('the node description', () => {
	const node = new BedrockImage();
	const properties = node.description.properties;
	const nodeOf = (parameters: INodeParameters): INode => ({
		id: '1',
		name: 'Image',
		type: 'n8n-nodes-bedrock.bedrockImage',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	});

	/** The top-level parameters n8n keeps (and shows) for these values, defaults filled in. */
	function shown(parameters: INodeParameters): string[] {
		const resolved = NodeHelpers.getNodeParameters(
			properties,
			parameters,
			true,
			false,
			nodeOf(parameters),
			node.description,
		);
		return Object.keys(resolved ?? {});
	}

	const generate = (modelId: string, modelFamily = 'auto') => ({
		resource: 'image',
		operation: 'generate',
		modelId: { __rl: true, mode: 'id', value: modelId },
		modelFamily,
	});

	test('a model ID shows its family’s fields and no other family’s', () => {
		expect(shown(generate('stability.stable-diffusion-xl-v1'))).toEqual(
			expect.arrayContaining([
				'prompt',
				'negativePrompt',
				'sdxlSize',
				'numberOfImages',
				'modelOptions',
			]),
		);
		expect(shown(generate('stability.stable-diffusion-xl-v1'))).not.toContain('titanSize');
		// SDXL makes the nine documented sizes, and 512x512, which Bedrock was seen to make.
		const sdxlSize = node.description.properties.find((property) => property.name === 'sdxlSize');
		expect(sdxlSize?.options?.map((option) => ('value' in option ? option.value : ''))).toEqual(
			expect.arrayContaining(['1024x1024', '640x1536', '512x512']),
		);
		expect(shown(generate('us.amazon.nova-canvas-v1:0'))).toEqual(
			expect.arrayContaining(['width', 'height']),
		);
		expect(
			shown(
				generate('arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-image-generator-v2:0'),
			),
		).toContain('titanSize');
	});

	test('an ARN that does not name its model shows the notice until the Model Family is chosen', () => {
		const arn = 'arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/abc123';
		expect(shown(generate(arn))).toContain('familyNotice');
		expect(shown(generate(arn))).not.toContain('prompt');
		expect(shown(generate(arn, 'titanV2'))).toEqual(
			expect.arrayContaining(['prompt', 'titanSize']),
		);
		expect(shown(generate(arn, 'titanV2'))).not.toContain('familyNotice');
	});

	test('every operation has a model picker, a listSearch method and at least one family', () => {
		for (const operation of OPERATION_KEYS) {
			expect(familiesFor(operation).length).toBeGreaterThan(0);
			expect(node.methods.listSearch[searchMethodName(operation)]).toEqual(expect.any(Function));
		}
	});

	test('fields of different families that share a name within an operation share a type', () => {
		const types = new Map<string, string>();
		for (const property of properties as INodeProperties[]) {
			const operation = property.displayOptions?.show?.operation?.[0];
			if (operation === undefined) continue;
			const key = `${String(operation)}/${property.name}`;
			const type = property.type === 'options' ? 'options' : property.type;
			expect(`${key}: ${types.get(key) ?? type}`).toBe(`${key}: ${type}`);
			types.set(key, type);
		}
	});

	test('every family is detected from its own example ID, and only its own', () => {
		for (const family of FAMILIES) {
			expect(familyOfModelId(family.exampleModelId)?.id).toBe(family.id);
			const others = FAMILIES.filter((other) => other !== family);
			for (const marker of family.modelIdMarkers) {
				expect(
					others.filter((other) =>
						other.modelIdMarkers.some((m) => m.includes(marker) || marker.includes(m)),
					),
				).toEqual([]);
			}
		}
	});
});
