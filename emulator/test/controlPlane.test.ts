/**
 * The control plane through `@aws-sdk/client-bedrock`: ListFoundationModels and its filters,
 * GetFoundationModel, ListInferenceProfiles with real pagination, GetInferenceProfile.
 */
import {
	GetFoundationModelCommand,
	GetInferenceProfileCommand,
	ListFoundationModelsCommand,
	ListInferenceProfilesCommand,
	paginateListInferenceProfiles,
} from '@aws-sdk/client-bedrock';

import { type RunningEmulator, startEmulator } from '../src/index.ts';
import { RETIRED_CHAT_DATE } from './lifecycleDates.ts';
import { captureError, controlPlaneClient } from './sdkHarness.ts';

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.control.reset());

const client = (region = 'us-east-1') => controlPlaneClient(emulator.url, { region });

describe('ListFoundationModels', () => {
	it('lists the seed capture in us-east-1 with its shape', async () => {
		const { modelSummaries = [] } = await client().send(new ListFoundationModelsCommand({}));
		expect(modelSummaries.length).toBeGreaterThan(50);
		const micro = modelSummaries.find((model) => model.modelId === 'amazon.nova-micro-v1:0');
		// The seed's get_foundation_model output for this model, with its launch date.
		expect(micro).toEqual({
			modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0',
			modelId: 'amazon.nova-micro-v1:0',
			modelName: 'Nova Micro',
			providerName: 'Amazon',
			inputModalities: ['TEXT'],
			outputModalities: ['TEXT'],
			responseStreamingSupported: true,
			customizationsSupported: [],
			inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'],
			modelLifecycle: { status: 'ACTIVE', startOfLifeTime: new Date('2024-12-03T00:00:00Z') },
		});
		// Past their end of life (lifecycle.test.ts covers the dates): no longer listed.
		const ids = modelSummaries.map((model) => model.modelId);
		expect(ids).not.toContain('amazon.titan-text-express-v1');
		expect(ids).not.toContain('amazon.nova-canvas-v1:0');
	});

	it('filters by provider, output modality, inference type and customization', async () => {
		const stability = await client('us-west-2').send(
			new ListFoundationModelsCommand({
				byProvider: 'Stability AI',
				byInferenceType: 'ON_DEMAND',
				byOutputModality: 'IMAGE',
			}),
		);
		expect(stability.modelSummaries?.map((model) => model.modelId)).toEqual([
			'stability.sd3-5-large-v1:0',
			'stability.stable-image-core-v1:1',
			'stability.stable-image-ultra-v1:1',
		]);
		const fineTuning = await client().send(
			new ListFoundationModelsCommand({ byCustomizationType: 'DISTILLATION' }),
		);
		expect(fineTuning.modelSummaries?.map((model) => model.modelId)).toEqual([
			'amazon.nova-pro-v1:0:300k',
			'amazon.nova-lite-v1:0:300k',
			'amazon.nova-micro-v1:0:128k',
		]);
		const embeddings = await client().send(
			new ListFoundationModelsCommand({ byOutputModality: 'EMBEDDING', byProvider: 'cohere' }),
		);
		expect(
			embeddings.modelSummaries?.every(
				(model) => model.providerName === 'Cohere' && model.outputModalities?.includes('EMBEDDING'),
			),
		).toBe(true);
		expect(embeddings.modelSummaries).toHaveLength(4);
		const provisioned = await client().send(
			new ListFoundationModelsCommand({ byInferenceType: 'PROVISIONED' }),
		);
		expect(
			provisioned.modelSummaries?.every((model) =>
				model.inferenceTypesSupported?.includes('PROVISIONED'),
			),
		).toBe(true);
	});

	it('rejects filter values outside the service model', async () => {
		const error = await captureError(
			client().send(
				new ListFoundationModelsCommand({
					byOutputModality: 'VIDEO' as 'TEXT',
					byProvider: 'bad_provider!',
				}),
			),
		);
		expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
		expect(error.message).toBe(
			"2 validation errors detected: Value 'bad_provider!' at 'byProvider' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9- ]{1,63}; Value 'VIDEO' at 'byOutputModality' failed to satisfy constraint: Member must satisfy enum value set: [TEXT, IMAGE, EMBEDDING]",
		);
	});

	it('lists nothing in a region without models', async () => {
		const { modelSummaries } = await client('ap-southeast-7').send(
			new ListFoundationModelsCommand({}),
		);
		expect(modelSummaries).toEqual([]);
		const { inferenceProfileSummaries } = await client('ap-southeast-7').send(
			new ListInferenceProfilesCommand({}),
		);
		expect(inferenceProfileSummaries).toEqual([]);
	});
});

describe('GetFoundationModel', () => {
	it('finds a model by ID and by foundation-model ARN', async () => {
		const byId = await client('eu-west-1').send(
			new GetFoundationModelCommand({ modelIdentifier: 'amazon.nova-lite-v1:0' }),
		);
		expect(byId.modelDetails).toMatchObject({
			modelArn: 'arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0',
			modelLifecycle: { status: 'ACTIVE', startOfLifeTime: new Date('2024-12-03T00:00:00Z') },
			inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'],
		});
		const byArn = await client('eu-west-1').send(
			new GetFoundationModelCommand({
				modelIdentifier: 'arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0',
			}),
		);
		expect(byArn.modelDetails).toEqual(byId.modelDetails);
	});

	it.each([
		['us-west-2', 'amazon.nova-canvas-v1:0'],
		['eu-west-1', 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0'],
		['us-east-1', 'no.such-model-v1:0'],
	])('rejects %s %s as an invalid identifier', async (region, modelIdentifier) => {
		const error = await captureError(
			client(region).send(new GetFoundationModelCommand({ modelIdentifier })),
		);
		expect(error).toMatchObject({
			name: 'ValidationException',
			status: 400,
			message: 'The provided model identifier is invalid.',
		});
	});
});

describe('ListInferenceProfiles', () => {
	it.each(['us-east-1', 'us-west-2'])(
		'pages through every profile of %s with maxResults 10',
		async (region) => {
			const pages = [];
			for await (const page of paginateListInferenceProfiles(
				{ client: client(region), pageSize: 10 },
				{},
			))
				pages.push(page);
			expect(pages.length).toBeGreaterThanOrEqual(3);
			expect(
				pages
					.slice(0, -1)
					.every((page) => page.inferenceProfileSummaries?.length === 10 && page.nextToken),
			).toBe(true);
			expect(pages[pages.length - 1].nextToken).toBeUndefined();
			const ids = pages
				.flatMap((page) => page.inferenceProfileSummaries ?? [])
				.map((profile) => profile.inferenceProfileId);
			expect(new Set(ids).size).toBe(ids.length);
			const all = await client(region).send(new ListInferenceProfilesCommand({ maxResults: 1000 }));
			expect(ids).toEqual(
				all.inferenceProfileSummaries?.map((profile) => profile.inferenceProfileId),
			);
		},
	);

	it('describes system profiles with the models of their geography', async () => {
		const { inferenceProfileSummaries = [] } = await client('us-east-2').send(
			new ListInferenceProfilesCommand({ typeEquals: 'SYSTEM_DEFINED' }),
		);
		const claude = inferenceProfileSummaries.find(
			(profile) => profile.inferenceProfileId === 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
		);
		expect(claude).toEqual({
			inferenceProfileName: 'US Anthropic Claude Haiku 4.5',
			description:
				'Routes requests to Anthropic Claude Haiku 4.5 in us-east-1, us-east-2, us-west-2.',
			createdAt: new Date('2025-06-01T00:00:00Z'),
			updatedAt: new Date('2025-06-01T00:00:00Z'),
			inferenceProfileArn:
				'arn:aws:bedrock:us-east-2:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0',
			models: [
				{
					modelArn:
						'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0',
				},
				{
					modelArn:
						'arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0',
				},
				{
					modelArn:
						'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0',
				},
			],
			inferenceProfileId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
			status: 'ACTIVE',
			type: 'SYSTEM_DEFINED',
		});
		expect(inferenceProfileSummaries.map((profile) => profile.inferenceProfileId)).toContain(
			'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
		);
		expect(inferenceProfileSummaries.map((profile) => profile.inferenceProfileId)).toContain(
			'us.stability.stable-image-inpaint-v1:0',
		);
		expect(inferenceProfileSummaries.every((profile) => profile.type === 'SYSTEM_DEFINED')).toBe(
			true,
		);
	});

	it('lists only system-defined profiles without typeEquals (aws/aws-cli#9728)', async () => {
		const { inferenceProfileSummaries = [] } = await client().send(
			new ListInferenceProfilesCommand({}),
		);
		expect(inferenceProfileSummaries.length).toBeGreaterThan(10);
		expect(inferenceProfileSummaries.every((profile) => profile.type === 'SYSTEM_DEFINED')).toBe(
			true,
		);
		const application = await client().send(
			new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }),
		);
		// emuclaude371 copies Claude 3.7 Sonnet, past its end of life today: not listed.
		expect(application.inferenceProfileSummaries?.map((p) => p.inferenceProfileId)).toEqual([
			'emunovalite1',
		]);
		expect(inferenceProfileSummaries.map((profile) => profile.inferenceProfileId)).not.toContain(
			'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
		);
	});

	it('filters application profiles and pages them separately', async () => {
		// Both default us-east-1 application profiles are listed while Claude 3.7 Sonnet is Active.
		emulator.control.configure({ now: RETIRED_CHAT_DATE.date });
		const { inferenceProfileSummaries, nextToken } = await client().send(
			new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION', maxResults: 1 }),
		);
		expect(inferenceProfileSummaries).toEqual([
			expect.objectContaining({
				inferenceProfileId: 'emunovalite1',
				inferenceProfileArn:
					'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/emunovalite1',
				models: [{ modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0' }],
				type: 'APPLICATION',
			}),
		]);
		const second = await client().send(
			new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION', maxResults: 1, nextToken }),
		);
		expect(second.inferenceProfileSummaries?.[0].inferenceProfileId).toBe('emuclaude371');
		expect(second.nextToken).toBeUndefined();
		const crossed = await captureError(
			client().send(new ListInferenceProfilesCommand({ typeEquals: 'SYSTEM_DEFINED', nextToken })),
		);
		expect(crossed).toMatchObject({
			name: 'ValidationException',
			message: 'The pagination token in the request is invalid.',
		});
	});

	it.each([0, 1001])('rejects maxResults %i', async (maxResults) => {
		const error = await captureError(
			client().send(new ListInferenceProfilesCommand({ maxResults })),
		);
		expect(error.name).toBe('ValidationException');
		expect(error.message).toMatch(
			new RegExp(
				`^1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value (greater|less) than or equal to (1|1000)$`,
			),
		);
	});
});

describe('GetInferenceProfile', () => {
	it('finds system profiles by ID and ARN, and application profiles by ARN', async () => {
		const byId = await client().send(
			new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'us.amazon.nova-micro-v1:0' }),
		);
		expect(byId).toMatchObject({
			inferenceProfileId: 'us.amazon.nova-micro-v1:0',
			type: 'SYSTEM_DEFINED',
			status: 'ACTIVE',
		});
		const byArn = await client().send(
			new GetInferenceProfileCommand({ inferenceProfileIdentifier: byId.inferenceProfileArn }),
		);
		expect(byArn.inferenceProfileId).toBe('us.amazon.nova-micro-v1:0');
		const application = await client('us-west-2').send(
			new GetInferenceProfileCommand({
				inferenceProfileIdentifier:
					'arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/emusd35large',
			}),
		);
		expect(application).toMatchObject({
			inferenceProfileName: 'marketing-sd35',
			models: [
				{ modelArn: 'arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0' },
			],
			type: 'APPLICATION',
		});
	});

	it('answers ResourceNotFoundException for a profile the region does not have', async () => {
		const error = await captureError(
			client('eu-west-1').send(
				new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'us.amazon.nova-micro-v1:0' }),
			),
		);
		expect(error).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
	});
});
