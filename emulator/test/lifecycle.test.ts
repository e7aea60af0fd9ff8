/**
 * Model lifecycle: the table of AWS's dates (`src/catalog/lifecycle.ts`) and the emulator's
 * clock. At today's date a model past its end of life leaves ListFoundationModels and answers
 * ResourceNotFoundException 404 with AWS's text; at an earlier date (`now`, `--now`,
 * `control.configure({ now })`) it is Active or Legacy again, with the dates AWS shows.
 */
import { GetFoundationModelCommand, ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { ConverseCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';

import { LIFECYCLE, factFor, statusAt } from '../src/catalog/lifecycle.ts';
import { regionModels } from '../src/catalog.ts';
import { type RunningEmulator, startEmulator } from '../src/index.ts';
import { RETIRED_FAMILY_DATES } from './lifecycleDates.ts';
import { captureError, controlPlaneClient, runtimeClient, userText } from './sdkHarness.ts';

const END_OF_LIFE =
	'This model version has reached the end of its life. Please refer to the AWS documentation for more details.';
const LEGACY_INACTIVE =
	'Access denied. This Model is marked by provider as Legacy and you have not been actively using the model in the last 30 days. Please upgrade to an active model on Amazon Bedrock';
/** The day issue 14 was written: Claude Opus 4.1 is Legacy then (EOL 2027-01-08). */
const ISSUE_DATE = '2026-12-06';

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.control.reset());

const models = (region: string) =>
	controlPlaneClient(emulator.url, { region })
		.send(new ListFoundationModelsCommand({}))
		.then(({ modelSummaries = [] }) => modelSummaries);
const sdxlBody = JSON.stringify({ text_prompts: [{ text: 'a rose' }] });
const invoke = (region: string, modelId: string, body: string) =>
	runtimeClient(emulator.url, { region }).send(
		new InvokeModelCommand({ modelId, body, contentType: 'application/json' }),
	);
const converse = (region: string, modelId: string) =>
	runtimeClient(emulator.url, { region }).send(
		new ConverseCommand({ modelId, messages: [userText('hello')] }),
	);

describe('the lifecycle table', () => {
	it('names public sources for every row and orders its dates', () => {
		for (const fact of LIFECYCLE) {
			expect(fact.sources.length).toBeGreaterThan(0);
			for (const source of fact.sources) expect(source).toMatch(/^https:\/\//);
			const dates = [fact.startOfLife, fact.legacy, fact.publicExtendedAccess, fact.endOfLife]
				.filter((date): date is string => date !== undefined)
				.map((date) => Date.parse(`${date}T00:00:00Z`));
			expect(dates.every((time) => Number.isFinite(time))).toBe(true);
			expect([...dates].sort((a, b) => a - b)).toEqual(dates);
			if (fact.endOfLife) expect(fact.legacy).toBeDefined();
		}
	});

	it('applies a row to the provisioned variants of its model', () => {
		expect(factFor('anthropic.claude-3-sonnet-20240229-v1:0:28k')).toBe(
			factFor('anthropic.claude-3-sonnet-20240229-v1:0'),
		);
		expect(factFor('amazon.titan-text-express-v1:0:8k')).toBe(
			factFor('amazon.titan-text-express-v1'),
		);
		expect(factFor('mistral.mistral-7b-instruct-v0:2')).toBeUndefined();
	});

	it.each(Object.entries(RETIRED_FAMILY_DATES))(
		'%s: every model the tests call is Active at that date and retired today',
		(_, family) => {
			const date = Date.parse(`${family.date}T00:00:00Z`);
			for (const modelId of family.models) {
				expect([modelId, statusAt(modelId, date)]).toEqual([modelId, 'ACTIVE']);
				expect([modelId, statusAt(modelId, Date.now())]).not.toEqual([modelId, 'ACTIVE']);
			}
		},
	);
});

describe('at today’s date', () => {
	it('lists no model past its end of life; Active models show only their launch', async () => {
		const summaries = await models('us-west-2');
		const ids = summaries.map((model) => model.modelId);
		for (const retired of [
			'stability.stable-diffusion-xl-v1',
			'stability.sd3-large-v1:0',
			'stability.stable-image-core-v1:0',
			'stability.stable-image-ultra-v1:0',
			'amazon.titan-image-generator-v1',
			'amazon.titan-image-generator-v2:0',
			'amazon.titan-text-express-v1',
			'anthropic.claude-3-7-sonnet-20250219-v1:0',
		])
			expect(ids).not.toContain(retired);
		const regionIds = regionModels('us-west-2').map((model) => model.modelId);
		expect(regionIds).toContain('stability.stable-diffusion-xl-v1');
		expect(summaries.every((model) => model.modelLifecycle?.status !== undefined)).toBe(true);
		expect(
			summaries.find((model) => model.modelId === 'stability.sd3-5-large-v1:0')?.modelLifecycle,
		).toEqual({ status: 'ACTIVE' });
	});

	it.each([
		['us-west-2', 'stability.stable-diffusion-xl-v1'],
		['us-west-2', 'amazon.titan-image-generator-v2:0'],
		['us-east-1', 'amazon.nova-canvas-v1:0'],
		['us-west-2', 'stability.stable-image-ultra-v1:0'],
	])('InvokeModel %s %s: the end-of-life 404 before the body is read', async (region, modelId) => {
		const error = await captureError(invoke(region, modelId, 'not even JSON'));
		expect(error).toMatchObject({
			name: 'ResourceNotFoundException',
			status: 404,
			message: END_OF_LIFE,
		});
	});

	it('Converse through an inference profile of a retired model: the same 404', async () => {
		// A real us-east-1 capture of 2026-09-24 (noteflowai/ai-chat-for-amazon-bedrock).
		const error = await captureError(
			converse('us-east-1', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0'),
		);
		expect(error).toMatchObject({
			name: 'ResourceNotFoundException',
			status: 404,
			message: END_OF_LIFE,
		});
	});

	it('GetFoundationModel of a retired model: no longer offered', async () => {
		const error = await captureError(
			controlPlaneClient(emulator.url, { region: 'us-west-2' }).send(
				new GetFoundationModelCommand({ modelIdentifier: 'stability.stable-diffusion-xl-v1' }),
			),
		);
		expect(error).toMatchObject({
			name: 'ValidationException',
			message: 'The provided model identifier is invalid.',
		});
	});
});

describe('at an earlier date', () => {
	it('shows a Legacy model with AWS’s dates, and serves it to an account that uses it', async () => {
		emulator.control.configure({ now: ISSUE_DATE });
		const opus = (await models('us-east-1')).find(
			(model) => model.modelId === 'anthropic.claude-opus-4-1-20250805-v1:0',
		);
		expect(opus?.modelLifecycle).toEqual({
			status: 'LEGACY',
			legacyTime: new Date('2026-07-08T00:00:00Z'),
			publicExtendedAccessTime: new Date('2026-10-08T00:00:00Z'),
			endOfLifeTime: new Date('2027-01-08T00:00:00Z'),
		});
		const answer = await converse('us-east-1', 'us.anthropic.claude-opus-4-1-20250805-v1:0');
		expect(answer.stopReason).toBe('end_turn');
	});

	it('refuses a Legacy model to an account without recent use (404, "Access denied…")', async () => {
		emulator.control.configure({
			now: ISSUE_DATE,
			inactiveLegacyModels: ['anthropic.claude-opus-4-1-20250805-v1:0'],
		});
		const error = await captureError(
			converse('us-east-1', 'us.anthropic.claude-opus-4-1-20250805-v1:0'),
		);
		expect(error).toMatchObject({
			name: 'ResourceNotFoundException',
			status: 404,
			message: LEGACY_INACTIVE,
		});
		// Active models are not affected by the setting.
		emulator.control.configure({ inactiveLegacyModels: ['amazon.nova-micro-v1:0'] });
		expect((await converse('us-east-1', 'amazon.nova-micro-v1:0')).stopReason).toBe('end_turn');
	});

	it('moves SDXL 1.0 from Active to Legacy to gone as the date passes its AWS dates', async () => {
		const sdxl = async () =>
			(await models('us-west-2')).find(
				(model) => model.modelId === 'stability.stable-diffusion-xl-v1',
			)?.modelLifecycle;
		emulator.control.configure({ now: '2024-10-01' });
		expect(await sdxl()).toEqual({ status: 'ACTIVE' });
		const body = JSON.parse(
			Buffer.from(
				(await invoke('us-west-2', 'stability.stable-diffusion-xl-v1', sdxlBody)).body,
			).toString(),
		) as { artifacts: unknown[] };
		expect(body.artifacts).toHaveLength(1);
		emulator.control.configure({ now: '2025-05-19T23:59:59Z' });
		expect(await sdxl()).toEqual({
			status: 'LEGACY',
			legacyTime: new Date('2024-11-21T00:00:00Z'),
			endOfLifeTime: new Date('2025-05-20T00:00:00Z'),
		});
		emulator.control.configure({ now: '2025-05-20' });
		expect(await sdxl()).toBeUndefined();
		const error = await captureError(
			invoke('us-west-2', 'stability.stable-diffusion-xl-v1', sdxlBody),
		);
		expect(error.message).toBe(END_OF_LIFE);
	});

	it('takes the date at startup too, and rejects what is not a date', async () => {
		const past = await startEmulator({ now: '2025-03-01' });
		try {
			const { modelSummaries = [] } = await controlPlaneClient(past.url, {
				region: 'us-west-2',
			}).send(new ListFoundationModelsCommand({ byProvider: 'Stability AI' }));
			expect(modelSummaries.map((model) => model.modelId)).toContain(
				'stability.stable-image-core-v1:0',
			);
			expect(past.control.settings().now).toBe('2025-03-01T00:00:00.000Z');
			past.control.configure({ now: null });
			expect(past.control.settings().now).toBeNull();
		} finally {
			await past.stop();
		}
		expect(() => emulator.control.configure({ now: 'yesterday' })).toThrow(/not a date/);
		await expect(startEmulator({ now: '2025-13-45' })).rejects.toThrow(/not a date/);
	});
});
