/**
 * The List Models node through real n8n-core against the emulator: filters (sent to the API
 * where it has them, applied by the node where it does not), all pages of inference
 * profiles, the merged invocable view, a missing permission, an empty region, Get Model.
 */
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { packNodeType, runWorkflow } from '../../tooling/harness/n8n.ts';
import { emulatorCredentials, useEmulator } from './helpers.ts';

const emulator = useEmulator();

/**
 * A day several models were Legacy (catalog/lifecycle.ts): Titan Image Generator v2 (end of life
 * 2026-06-30), Nova Canvas (2026-09-30), Claude Sonnet 4 (2026-10-14).
 */
const LEGACY_DAY = '2026-06-01';

async function list(parameters: IDataObject, region = 'us-west-2') {
	const result = await runWorkflow({
		nodes: [{ name: 'List', type: 'bedrockListModels', parameters }],
		credentials: emulatorCredentials(emulator.current, { region }),
	});
	const error = result.error('List');
	if (error) throw error;
	return result.output('List').map((item) => item.json);
}

function queries(operation: string): URLSearchParams[] {
	return emulator.current.control
		.requests()
		.filter((r) => r.operation === operation)
		.map((r) => new URL(r.path, 'http://x').searchParams);
}

describe('List Foundation Models', () => {
	test('all models of the region, one item each, with the ID to invoke', async () => {
		const models = await list({ operation: 'listFoundationModels' });
		expect(models.length).toBeGreaterThan(20);
		const ultra = models.find((m) => m.modelId === 'stability.stable-image-ultra-v1:1');
		expect(ultra).toMatchObject({
			provider: 'Stability AI',
			onDemand: true,
			invokeWith: ['stability.stable-image-ultra-v1:1'],
		});
		// Image services are only served through the us. profiles.
		const upscale = models.find((m) => m.modelId === 'stability.stable-fast-upscale-v1:0');
		expect(upscale).toMatchObject({
			onDemand: false,
			invokeWith: ['us.stability.stable-fast-upscale-v1:0'],
		});
	});

	test.each([
		[
			'provider',
			{ provider: 'Stability AI' },
			'byProvider',
			'Stability AI',
			(m: IDataObject) => m.provider === 'Stability AI',
		],
		[
			'output modality',
			{ outputModality: 'IMAGE' },
			'byOutputModality',
			'IMAGE',
			(m: IDataObject) => (m.outputModalities as string[]).includes('IMAGE'),
		],
		[
			'inference type',
			{ inferenceType: 'PROVISIONED' },
			'byInferenceType',
			'PROVISIONED',
			(m: IDataObject) => (m.inferenceTypes as string[]).includes('PROVISIONED'),
		],
		[
			'customization type',
			{ customizationType: 'FINE_TUNING' },
			'byCustomizationType',
			'FINE_TUNING',
			(m: IDataObject) => (m.customizations as string[]).includes('FINE_TUNING'),
		],
	])('filter by %s is sent to the API', async (_name, filters, queryName, queryValue, holds) => {
		const models = await list(
			{ operation: 'listFoundationModels', filters, simplify: false },
			'us-east-1',
		);
		expect(models.length).toBeGreaterThan(0);
		expect(models.every(holds)).toBe(true);
		expect(queries('ListFoundationModels')[0].get(queryName)).toBe(queryValue);
	});

	test('filter by input modality, lifecycle and on-demand availability', async () => {
		const imageInput = await list({
			operation: 'listFoundationModels',
			filters: { inputModality: 'IMAGE' },
			simplify: false,
		});
		expect(imageInput.length).toBeGreaterThan(0);
		expect(imageInput.every((m) => (m.inputModalities as string[]).includes('IMAGE'))).toBe(true);

		emulator.current.control.configure({ now: LEGACY_DAY });
		const legacy = await list({
			operation: 'listFoundationModels',
			filters: { lifecycle: 'LEGACY' },
		});
		expect(legacy.find((m) => m.modelId === 'amazon.titan-image-generator-v2:0')).toMatchObject({
			lifecycleStatus: 'LEGACY',
			endOfLifeTime: '2026-06-30T00:00:00.000Z',
		});
		expect(
			legacy.every((m) => m.lifecycleStatus === 'LEGACY' && typeof m.endOfLifeTime === 'string'),
		).toBe(true);
		emulator.current.control.configure({ now: null });

		const onDemand = await list({
			operation: 'listFoundationModels',
			filters: { onDemandOnly: true, outputModality: 'IMAGE' },
		});
		expect(onDemand.every((m) => m.onDemand === true)).toBe(true);
		expect(onDemand.map((m) => m.modelId)).not.toContain('stability.stable-fast-upscale-v1:0');
	});

	test('limit and full output', async () => {
		const limited = await list({ operation: 'listFoundationModels', returnAll: false, limit: 3 });
		expect(limited).toHaveLength(3);
		const [full] = await list({
			operation: 'listFoundationModels',
			returnAll: false,
			limit: 1,
			simplify: false,
		});
		expect(full).toEqual(
			expect.objectContaining({
				modelArn: expect.stringMatching(/^arn:aws:bedrock:us-west-2::foundation-model\//),
				lifecycle: expect.any(Object),
				inferenceTypes: expect.any(Array),
			}),
		);
	});

	test('a region without models gives no items and no error', async () => {
		const models = await list({ operation: 'listFoundationModels' }, 'ap-southeast-7');
		expect(models).toEqual([]);
	});
});

describe('video models and the asynchronous flag', () => {
	test('List Foundation Models, Output Modality Video: filtered by the node (the API takes no VIDEO), flagged asynchronous', async () => {
		const models = await list({ operation: 'listFoundationModels', filters: { outputModality: 'VIDEO' } });
		expect(models.map((m) => m.modelId)).toEqual(['luma.ray-v2:0']);
		expect(models[0]).toMatchObject({ provider: 'Luma AI', outputModalities: ['VIDEO'], asyncInvoke: true, invokeOperation: 'StartAsyncInvoke', invokeWith: ['luma.ray-v2:0'] });
		// Sent without byOutputModality: ListFoundationModels rejects VIDEO.
		expect(queries('ListFoundationModels')[0].has('byOutputModality')).toBe(false);
	});

	test('Get Model of a video model says how it is invoked', async () => {
		const [model] = await list({ operation: 'getModel', modelId: { __rl: true, mode: 'id', value: 'luma.ray-v2:0' } });
		expect(model).toMatchObject({ kind: 'foundationModel', modelId: 'luma.ray-v2:0', asyncInvoke: true, invokeOperation: 'StartAsyncInvoke' });
	});

	test('List Invocable Models, Video: the video models; image and text models are synchronous', async () => {
		const video = await list({ operation: 'listInvocableModels', outputModality: 'VIDEO' });
		expect(video.map((m) => m.invokeWith)).toEqual(['luma.ray-v2:0']);
		expect(video[0]).toMatchObject({ kind: 'foundationModel', asyncInvoke: true, invokeOperation: 'StartAsyncInvoke' });
		const all = await list({ operation: 'listInvocableModels', outputModality: 'ANY', simplify: false });
		const synchronous = all.filter((m) => !(m.outputModalities as string[]).includes('VIDEO'));
		expect(synchronous.length).toBeGreaterThan(10);
		expect(synchronous.every((m) => m.asyncInvoke === false && m.invokeOperation === undefined)).toBe(true);
		// Nova 2 Omni (text and images through Converse) is offered through its us. profile, synchronous.
		expect(all.find((m) => m.invokeWith === 'us.amazon.nova-2-omni-v1:0')).toMatchObject({ kind: 'systemProfile', asyncInvoke: false, outputModalities: ['TEXT', 'IMAGE'] });
	});
});

describe('List Inference Profiles', () => {
	test('system and application profiles with their models and regions', async () => {
		const profiles = await list({ operation: 'listInferenceProfiles' }, 'us-east-1');
		const system = profiles.find(
			(p) => p.invokeWith === 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
		);
		expect(system).toMatchObject({
			kind: 'systemProfile',
			modelIds: ['anthropic.claude-haiku-4-5-20251001-v1:0'],
			regions: expect.arrayContaining(['us-east-1', 'us-west-2']),
		});
		const application = profiles.find(
			(p) => p.kind === 'applicationProfile' && String(p.invokeWith).endsWith('/emunovalite1'),
		);
		expect(application).toMatchObject({
			invokeWith:
				'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/emunovalite1',
			modelIds: ['amazon.nova-lite-v1:0'],
		});
		const types = queries('ListInferenceProfiles').map((q) => q.get('type'));
		expect(types.sort()).toEqual(['APPLICATION', 'SYSTEM_DEFINED']);
	});

	test('follows every page', async () => {
		emulator.current.control.configure({ maxPageSize: 4 });
		const profiles = await list(
			{ operation: 'listInferenceProfiles', profileType: 'SYSTEM_DEFINED' },
			'us-east-1',
		);
		const pages = queries('ListInferenceProfiles').filter(
			(q) => q.get('type') === 'SYSTEM_DEFINED',
		);
		expect(pages.length).toBeGreaterThan(3);
		expect(pages[0].get('nextToken')).toBeNull();
		expect(pages.slice(1).every((q) => q.get('nextToken'))).toBe(true);
		expect(profiles.length).toBeGreaterThan(12);
		expect(new Set(profiles.map((p) => p.invokeWith)).size).toBe(profiles.length);
	});
});

describe('List Invocable Models', () => {
	test('pairs models that need a profile with their profile IDs', async () => {
		const invocable = await list({ operation: 'listInvocableModels', outputModality: 'IMAGE' });
		const ids = invocable.map((m) => m.invokeWith);
		expect(ids).toContain('stability.stable-image-ultra-v1:1');
		expect(ids).not.toContain('stability.stable-fast-upscale-v1:0');
		const upscale = invocable.find((m) => m.invokeWith === 'us.stability.stable-fast-upscale-v1:0');
		expect(upscale).toMatchObject({
			kind: 'systemProfile',
			requiresProfile: true,
			modelIds: ['stability.stable-fast-upscale-v1:0'],
		});
		expect(invocable.every((m) => m.kind !== undefined)).toBe(true);
		// Text models are not offered for images.
		expect(ids.filter((id) => String(id).includes('claude'))).toEqual([]);
	});

	test('models past their end of life are never listed; Legacy ones say when they end and what follows', async () => {
		// Today the emulator no longer lists SDXL, Titan Image or Nova Canvas (past their end of life).
		const invocable = await list(
			{ operation: 'listInvocableModels', outputModality: 'IMAGE' },
			'us-east-1',
		);
		const ids = invocable.map((m) => String(m.invokeWith));
		expect(ids).toContain('us.stability.stable-fast-upscale-v1:0');
		expect(ids.filter((id) => /nova-canvas|titan-image|stable-diffusion-xl/.test(id))).toEqual([]);

		// A catalog may still list a model whose end-of-life date has passed (calls fail "on or
		// shortly after" it): the emulator on LEGACY_DAY lists Nova Canvas as Legacy until
		// 2026-09-30, a date the node's clock (today) has passed. It is labelled so, with its
		// successor, and never offered as invocable.
		emulator.current.control.configure({ now: LEGACY_DAY });
		const all = await list(
			{ operation: 'listFoundationModels', filters: { outputModality: 'IMAGE' } },
			'us-east-1',
		);
		expect(all.find((m) => m.modelId === 'amazon.nova-canvas-v1:0')).toMatchObject({
			lifecycleStatus: 'LEGACY',
			endOfLifeTime: '2026-09-30T00:00:00.000Z',
			lifecycleNotice: 'End of life since 2026-09-30',
			successor: expect.stringMatching(
				/^Stability’s current models: Stable Image Core or Ultra v1:1/,
			),
		});
		const lagging = await list(
			{ operation: 'listInvocableModels', outputModality: 'IMAGE' },
			'us-east-1',
		);
		expect(
			lagging.map((m) => String(m.invokeWith)).filter((id) => id.includes('nova-canvas')),
		).toEqual([]);

		// Legacy with its end of life ahead, today: Claude Opus 4.1 (Legacy since 2026-07-08, end of
		// life 2027-01-08, catalog/lifecycle.ts), through its us. profile.
		emulator.current.control.configure({ now: null });
		const text = await list(
			{ operation: 'listInvocableModels', outputModality: 'TEXT' },
			'us-west-2',
		);
		expect(
			text.find((m) => m.invokeWith === 'us.anthropic.claude-opus-4-1-20250805-v1:0'),
		).toMatchObject({
			lifecycleStatus: 'LEGACY',
			lifecycleNotice: 'Legacy, end of life 2027-01-08',
		});
		expect(
			text.find((m) => m.invokeWith === 'us.anthropic.claude-haiku-4-5-20251001-v1:0'),
		).not.toHaveProperty('lifecycleNotice');
	});

	test('without legacy models', async () => {
		// Today Claude Opus 4.1 is Legacy with its end of life ahead (2027-01-08). (The image models
		// Legacy on an earlier emulator date have passed their end of life by the node's clock, so
		// they are left out either way.)
		const opus = 'us.anthropic.claude-opus-4-1-20250805-v1:0';
		const all = await list({ operation: 'listInvocableModels', outputModality: 'TEXT' });
		expect(all.map((m) => m.invokeWith)).toContain(opus);
		const current = await list({
			operation: 'listInvocableModels',
			outputModality: 'TEXT',
			includeLegacy: false,
		});
		expect(current.map((m) => m.invokeWith)).not.toContain(opus);
		expect(current.length).toBeGreaterThan(5);
	});

	test('a missing bedrock:ListInferenceProfiles permission degrades to the model list, with a notice', async () => {
		emulator.current.control.configure({ deniedActions: ['bedrock:ListInferenceProfiles'] });
		const result = await runWorkflow({
			nodes: [
				{
					name: 'List',
					type: 'bedrockListModels',
					parameters: { operation: 'listInvocableModels', outputModality: 'TEXT' },
				},
			],
			credentials: emulatorCredentials(emulator.current, { region: 'us-east-1' }),
		});
		expect(result.error('List')).toBeUndefined();
		const items = result.output('List');
		expect(items.length).toBeGreaterThan(3);
		expect(items[0].json.notices).toEqual([
			expect.stringContaining('bedrock:ListInferenceProfiles'),
		]);
		expect(items.every((item) => item.json.kind === 'foundationModel')).toBe(true);
		expect(result.run.data.resultData.runData.List[0].hints).toEqual([
			expect.objectContaining({
				message: expect.stringContaining('bedrock:ListInferenceProfiles'),
			}),
		]);
	});
});

describe('Get Model', () => {
	test.each([
		[
			'a model ID',
			'amazon.nova-pro-v1:0',
			{ kind: 'foundationModel', modelId: 'amazon.nova-pro-v1:0', onDemand: true, asyncInvoke: false },
		],
		[
			'a profile ID',
			'us.anthropic.claude-haiku-4-5-20251001-v1:0',
			{
				kind: 'systemProfile',
				invokeWith: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
				modelIds: ['anthropic.claude-haiku-4-5-20251001-v1:0'],
			},
		],
		[
			'a model ARN',
			'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
			{ kind: 'foundationModel', modelId: 'amazon.nova-pro-v1:0' },
		],
		[
			'an application profile ARN',
			'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/emunovalite1',
			{ kind: 'applicationProfile', modelIds: ['amazon.nova-lite-v1:0'] },
		],
	])('by %s', async (_name, value, expected) => {
		const [model] = await list(
			{ operation: 'getModel', modelId: { __rl: true, mode: 'id', value } },
			'us-east-1',
		);
		expect(model).toMatchObject(expected);
	});

	test('an ARN of another region is asked in that region', async () => {
		emulator.current.control.configure({ now: LEGACY_DAY });
		const [model] = await list(
			{
				operation: 'getModel',
				modelId: {
					__rl: true,
					mode: 'arn',
					value: 'arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-canvas-v1:0',
				},
			},
			'us-east-1',
		);
		expect(model).toMatchObject({
			modelId: 'amazon.nova-canvas-v1:0',
			modelLifecycle: { status: 'LEGACY' },
		});
		expect(emulator.current.control.requests()[0].region).toBe('eu-west-1');
	});

	test('an unknown model fails with what to do', async () => {
		await expect(
			list({ operation: 'getModel', modelId: { __rl: true, mode: 'id', value: 'amazon.nope-v9' } }),
		).rejects.toMatchObject({
			message: 'Bedrock does not know the model "amazon.nope-v9" in us-west-2',
		});
	});
});

describe('the model pickers', () => {
	test('list search shows the same catalog, Legacy marked', async () => {
		const node = await packNodeType('bedrockListModels');
		const search = node.methods?.listSearch?.searchAllModels;
		if (!search) throw new Error('no listSearch');
		const credentials = emulatorCredentials(emulator.current, {
			region: 'us-west-2',
		}).awsBedrockApi;
		const context = {
			getCredentials: async () => credentials,
			getNode: () => ({
				name: 'List',
				type: 'n8n-nodes-bedrock.bedrockListModels',
				typeVersion: 1,
				parameters: {},
			}),
		} as unknown as ILoadOptionsFunctions;
		// Today Claude Opus 4.1 is Legacy until its end of life on 2027-01-08 (catalog/lifecycle.ts),
		// served in us-west-2 through its us. profile.
		const { results } = await search.call(context, 'opus');
		expect(results).toContainEqual(
			expect.objectContaining({
				value: 'us.anthropic.claude-opus-4-1-20250805-v1:0',
				name: expect.stringMatching(/\[Legacy, end of life 2027-01-08\]/),
			}),
		);
		expect(results.every((r) => /opus/i.test(`${r.name} ${r.value} ${r.description}`))).toBe(true);
		// Models past their end of life (SDXL 1.0 since 2025-05-20) are not offered.
		const diffusion = (await search.call(context, 'diffusion')).results;
		expect(diffusion.map((r) => r.value)).toContain('stability.sd3-5-large-v1:0');
		expect(diffusion.map((r) => r.value)).not.toContain('stability.stable-diffusion-xl-v1');
	});
});
