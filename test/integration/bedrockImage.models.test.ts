/**
 * How Bedrock Image finds and addresses models, through real n8n-core against the emulator:
 * the per-operation pickers, ARNs that send the call to their own region, family detection of
 * an application inference profile (and the explicit Model Family when it cannot be read),
 * lifecycle notices, additional request fields and guardrail headers.
 */
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { packNodeType } from '../../tooling/harness/n8n.ts';
import { AMAZON_IMAGE_DATE, STABILITY_V1_0_DATE } from '../../emulator/test/lifecycleDates.ts';
import { emulatorCredentials, useEmulator } from './helpers.ts';
import {
	byArn,
	byId,
	expectImage,
	imageFile,
	invocations,
	itemWith,
	nodeError,
	onlyInvocationBody,
	runImageNode,
} from './imageHelpers.ts';

const emulator = useEmulator();

const SD35_PROFILE =
	'arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/emusd35large';

/**
 * The picker's values in `region`; with a `date`, the emulator runs at that date and the
 * credential differs in a field these calls do not use (the STS endpoint), so the node's
 * 60-second picker cache does not answer with another date's catalog.
 */
async function pickerValues(
	method: string,
	region: string,
	filter?: string,
	date?: string,
): Promise<string[]> {
	const node = await packNodeType('bedrockImage');
	const search = node.methods?.listSearch?.[method];
	if (!search) throw new Error(`bedrockImage has no listSearch ${method}`);
	if (date) emulator.current.control.configure({ now: date });
	const credentials = emulatorCredentials(emulator.current, {
		region,
		...(date ? { stsEndpoint: `${emulator.current.url}/sts-${date}` } : {}),
	}).awsBedrockApi;
	const context = {
		getCredentials: async () => credentials,
		getNode: () => ({
			name: 'Image',
			type: 'n8n-nodes-bedrock.bedrockImage',
			typeVersion: 1,
			parameters: {},
		}),
	} as unknown as ILoadOptionsFunctions;
	const { results } = await search.call(context, filter);
	return results.map((result) => String(result.value));
}

describe('model pickers list only the models that can do the operation', () => {
	test('Upscale: the three upscalers, through their us. profiles', async () => {
		expect((await pickerValues('searchUpscaleModels', 'us-west-2')).sort()).toEqual([
			'us.stability.stable-conservative-upscale-v1:0',
			'us.stability.stable-creative-upscale-v1:0',
			'us.stability.stable-fast-upscale-v1:0',
		]);
	});

	test('Generate: text-to-image models and the SD3.5 application profile, no image services', async () => {
		const values = await pickerValues('searchGenerateModels', 'us-west-2');
		expect(values).toEqual(
			expect.arrayContaining([
				'stability.stable-image-core-v1:1',
				'stability.stable-image-ultra-v1:1',
				'stability.sd3-5-large-v1:0',
				SD35_PROFILE,
			]),
		);
		expect(values.filter((value) => /upscale|inpaint|remove-background/.test(value))).toEqual([]);
		// Past their end of life today: no longer listed (AWS's lifecycle dates, emulator/src/catalog/lifecycle.ts).
		expect(
			values.filter(
				(value) =>
					/stable-diffusion-xl|titan-image|-v1:0$/.test(value) && !/sd3-5|nova-2-omni/.test(value),
			),
		).toEqual([]);
	});

	test('Generate before their end of life: SDXL and Titan Image too', async () => {
		expect(
			await pickerValues('searchGenerateModels', 'us-west-2', undefined, AMAZON_IMAGE_DATE.date),
		).toEqual(
			expect.arrayContaining([
				'amazon.titan-image-generator-v1',
				'amazon.titan-image-generator-v2:0',
				'stability.sd3-5-large-v1:0',
			]),
		);
	});

	test('Virtual Try-On: Nova Canvas only, while it was offered', async () => {
		expect(await pickerValues('searchVirtualTryOnModels', 'eu-west-1')).toEqual([]);
		expect(
			await pickerValues(
				'searchVirtualTryOnModels',
				'eu-west-1',
				undefined,
				AMAZON_IMAGE_DATE.date,
			),
		).toEqual(['amazon.nova-canvas-v1:0']);
	});

	test('the filter narrows the list', async () => {
		expect(
			await pickerValues('searchTransformModels', 'us-west-2', 'sd3', STABILITY_V1_0_DATE.date),
		).toEqual(expect.arrayContaining(['stability.sd3-large-v1:0', 'stability.sd3-5-large-v1:0']));
	});
});

describe('addressing models', () => {
	test("a foundation-model ARN sends the call to the ARN's region, not the credential's", async () => {
		const arn = 'arn:aws:bedrock:us-west-2::foundation-model/stability.stable-image-core-v1:1';
		const result = await runImageNode(emulator.current, {
			region: 'us-east-1',
			parameters: { operation: 'generate', modelId: byArn(arn), prompt: 'A kite' },
		});
		expect(nodeError(result)).toBeUndefined();
		const [call] = invocations(emulator.current);
		expect(call).toMatchObject({ region: 'us-west-2', modelId: arn });
		const [item] = result.output('Image');
		expect(item.json).toMatchObject({
			modelId: arn,
			baseModelId: 'stability.stable-image-core-v1:1',
			region: 'us-west-2',
			fileName: expect.stringMatching(/^stable-image-core-v1-1-\d+\.png$/),
		});
	});

	test('an application inference profile: the region’s catalog names the family to choose', async () => {
		const detect = await runImageNode(emulator.current, {
			continueOnFail: true,
			parameters: { operation: 'generate', modelId: byArn(SD35_PROFILE), prompt: 'A kite' },
			input: [{ json: {} }, { json: {} }],
		});
		expect(detect.output('Image').map((item) => item.json.error)).toEqual(
			Array(2).fill(`Choose Model Family "Stability SD3 / SD3.5 Large" for ${SD35_PROFILE}`),
		);
		expect(detect.output('Image')[0].json.description).toMatch(
			/routes to stability.sd3-5-large-v1:0 but does not name it/,
		);
		// ListInferenceProfiles (read for lifecycles too) already says which model it routes to.
		const lookups = () =>
			emulator.current.control
				.requests()
				.filter((request) => request.operation === 'GetInferenceProfile');
		expect(lookups()).toHaveLength(0);
		expect(invocations(emulator.current)).toHaveLength(0);

		emulator.current.control.clearRequests();
		const result = await runImageNode(emulator.current, {
			parameters: {
				operation: 'generate',
				modelId: byArn(SD35_PROFILE),
				modelFamily: 'sd3',
				prompt: '={{ $json.prompt }}',
				options: { concurrency: 3 },
			},
			input: [
				{ json: { prompt: 'One' } },
				{ json: { prompt: 'Two' } },
				{ json: { prompt: 'Three' } },
			],
		});
		expect(nodeError(result)).toBeUndefined();
		expect(lookups()).toHaveLength(0);
		const calls = invocations(emulator.current);
		expect(calls.map((call) => call.resolvedModelId)).toEqual(
			Array(3).fill('stability.sd3-5-large-v1:0'),
		);
		expect(calls.map((call) => (call.body as IDataObject).mode)).toEqual(
			Array(3).fill('text-to-image'),
		);
		const items = result.output('Image');
		expect(items.map((item) => item.json.prompt)).toEqual(['One', 'Two', 'Three']);
		expect(items[0].json).toMatchObject({
			modelId: SD35_PROFILE,
			baseModelId: 'stability.sd3-5-large-v1:0',
			family: 'sd3',
			estimatedCostUsd: 0.08,
			fileName: expect.stringMatching(/^sd3-5-large-v1-0-\d+\.png$/),
		});
	});

	test('a Model Family that contradicts the application profile’s model is refused', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: {
				operation: 'generate',
				modelId: byArn(SD35_PROFILE),
				modelFamily: 'stableImage',
				prompt: 'A kite',
			},
		});
		expect(nodeError(result)?.message).toMatch(
			/Model Family is Stability Stable Image Core \/ Ultra, but .* is a Stability SD3 \/ SD3.5 Large model/,
		);
		expect(invocations(emulator.current)).toHaveLength(0);
	});

	test('a model given by an expression needs the Model Family', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: { operation: 'generate', modelId: byId('={{ $json.model }}'), prompt: 'A kite' },
			input: [{ json: { model: 'stability.stable-image-core-v1:1' } }],
		});
		expect(nodeError(result)?.message).toBe(
			'Choose Model Family "Stability Stable Image Core / Ultra" for stability.stable-image-core-v1:1',
		);
		const chosen = await runImageNode(emulator.current, {
			parameters: {
				operation: 'generate',
				modelId: byId('={{ $json.model }}'),
				modelFamily: 'stableImage',
				prompt: 'A kite',
			},
			input: [{ json: { model: 'stability.stable-image-core-v1:1' } }],
		});
		expect(nodeError(chosen)).toBeUndefined();
		expect(chosen.output('Image')[0].json.modelId).toBe('stability.stable-image-core-v1:1');
	});

	test('without bedrock:ListInferenceProfiles, GetInferenceProfile names the model (once per process)', async () => {
		emulator.current.control.configure({ deniedActions: ['bedrock:ListInferenceProfiles'] });
		// A credential of its own (its region differs), so no earlier test's catalog is cached.
		const run = async () =>
			await runImageNode(emulator.current, {
				region: 'ap-northeast-1',
				continueOnFail: true,
				parameters: { operation: 'generate', modelId: byArn(SD35_PROFILE), prompt: 'A kite' },
				input: [{ json: {} }, { json: {} }],
			});
		for (const result of [await run(), await run()]) {
			expect(result.output('Image').map((item) => item.json.error)).toEqual(
				Array(2).fill(`Choose Model Family "Stability SD3 / SD3.5 Large" for ${SD35_PROFILE}`),
			);
		}
		const lookups = emulator.current.control
			.requests()
			.filter((request) => request.operation === 'GetInferenceProfile');
		expect(lookups).toHaveLength(1);
		expect(invocations(emulator.current)).toHaveLength(0);
	});

	test('without either profile permission the node asks for the Model Family; choosing it works', async () => {
		emulator.current.control.configure({
			deniedActions: ['bedrock:ListInferenceProfiles', 'bedrock:GetInferenceProfile'],
		});
		const detect = await runImageNode(emulator.current, {
			region: 'ca-central-1',
			parameters: { operation: 'generate', modelId: byArn(SD35_PROFILE), prompt: 'A kite' },
		});
		expect(nodeError(detect)?.message).toMatch(
			/^Cannot tell which model family .*emusd35large belongs to: The AWS identity is not allowed to call bedrock:GetInferenceProfile$/,
		);
		expect(nodeError(detect)?.description).toMatch(/Choose the Model Family/);
		expect(invocations(emulator.current)).toHaveLength(0);

		const chosen = await runImageNode(emulator.current, {
			region: 'ca-central-1',
			parameters: {
				operation: 'transform',
				modelId: byArn(SD35_PROFILE),
				modelFamily: 'sd3',
				prompt: 'A kite at night',
				strength: 0.5,
			},
			input: [itemWith({ data: imageFile({ width: 256, height: 256 }) })],
		});
		expect(nodeError(chosen)).toBeUndefined();
		expect(onlyInvocationBody(emulator.current)).toMatchObject({
			mode: 'image-to-image',
			strength: 0.5,
		});
		// The base model is unknown, so no price is claimed.
		expect(chosen.output('Image')[0].json).toMatchObject({
			family: 'sd3',
			estimatedCostUsd: null,
			priceSource: `The model behind ${SD35_PROFILE} is unknown, so no price applies`,
		});
	});
});

describe('lifecycle', () => {
	test('a Legacy model that still answers past its end-of-life date adds its notice to every item', async () => {
		// The emulator on 2026-06-01 serves Nova Canvas as Legacy (2026-03-30 to its end of life on
		// 2026-09-30); by the node's clock (today) that date has passed, as when Bedrock keeps a
		// model answering "shortly after" its end of life.
		emulator.current.control.configure({ now: '2026-06-01' });
		const result = await runImageNode(emulator.current, {
			region: 'eu-west-1',
			parameters: {
				operation: 'generate',
				modelId: byId('amazon.nova-canvas-v1:0'),
				prompt: 'A fox',
				numberOfImages: 2,
			},
		});
		const items = result.output('Image');
		expect(items).toHaveLength(2);
		for (const item of items) {
			expect(item.json.lifecycleNotice).toBe(
				// eu-west-1 offers none of its successors (Stability's models): List Models is the advice.
				'amazon.nova-canvas-v1:0 is past its end of life in eu-west-1 (2026-09-30): Bedrock still answered, but can stop serving it at any time. Move to an active model: Bedrock List Models (List Invocable Models, Include Legacy Models off) shows those of eu-west-1.',
			);
		}
	});

	test('an Active model has no notice', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: {
				operation: 'generate',
				modelId: byId('stability.stable-image-ultra-v1:1'),
				prompt: 'A fox',
			},
		});
		expect(result.output('Image')[0].json).not.toHaveProperty('lifecycleNotice');
	});
});

describe('request options', () => {
	test('Additional Request Fields are merged into the body, objects member by member', async () => {
		emulator.current.control.configure({ now: AMAZON_IMAGE_DATE.date });
		const result = await runImageNode(emulator.current, {
			parameters: {
				operation: 'generate',
				modelId: byId('amazon.titan-image-generator-v2:0'),
				prompt: 'A boat',
				options: {
					additionalRequestFields: JSON.stringify({
						imageGenerationConfig: { quality: 'premium' },
						textToImageParams: { negativeText: 'fog' },
					}),
				},
			},
		});
		expect(nodeError(result)).toBeUndefined();
		expect(onlyInvocationBody(emulator.current)).toEqual({
			taskType: 'TEXT_IMAGE',
			textToImageParams: { text: 'A boat', negativeText: 'fog' },
			imageGenerationConfig: { numberOfImages: 1, width: 1024, height: 1024, quality: 'premium' },
		});
		expect(result.output('Image')[0].json.estimatedCostUsd).toBe(0.012);
	});

	test('guardrail and trace go out as InvokeModel headers', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: {
				operation: 'generate',
				modelId: byId('stability.stable-image-core-v1:1'),
				prompt: 'A boat',
				options: {
					guardrailIdentifier: 'emulatorguardrail',
					guardrailVersion: '1',
					trace: 'ENABLED',
				},
			},
		});
		expect(nodeError(result)).toBeUndefined();
		expect(invocations(emulator.current)[0].headers).toMatchObject({
			'x-amzn-bedrock-guardrailidentifier': 'emulatorguardrail',
			'x-amzn-bedrock-guardrailversion': '1',
			'x-amzn-bedrock-trace': 'ENABLED',
			'content-type': 'application/json',
		});
		await expectImage(result, result.output('Image')[0], { width: 1024, height: 1024 });
	});
});
