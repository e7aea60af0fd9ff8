/**
 * How the runtime resolves `{modelId}` (base IDs, inference profile IDs and ARNs, application
 * profiles, foundation-model ARNs) and the errors Bedrock gives before it reads the body:
 * invalid identifier, access not granted, end of life, on-demand throughput not supported.
 */
import { ConverseCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';

import { type RunningEmulator, startEmulator } from '../src/index.ts';
import { RETIRED_CHAT_DATE, TITAN_TEXT_DATE } from './lifecycleDates.ts';
import { captureError, runtimeClient, userText } from './sdkHarness.ts';

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.control.reset());

const client = (region: string) => runtimeClient(emulator.url, { region });
const converse = (region: string, modelId: string) =>
	client(region).send(
		new ConverseCommand({ modelId, messages: [userText('Which model are you?')] }),
	);
const invoke = (region: string, modelId: string, body: string) =>
	client(region).send(new InvokeModelCommand({ modelId, body, contentType: 'application/json' }));
const titanBody = JSON.stringify({ inputText: 'hello' });

describe('accepted model identifiers', () => {
	// Rows with a date resolve a model retired since: the emulator runs at a date it was Active.
	it.each([
		['us-east-1', 'amazon.nova-micro-v1:0', 'amazon.nova-micro-v1:0', undefined],
		['us-east-1', 'us.amazon.nova-micro-v1:0', 'amazon.nova-micro-v1:0', undefined],
		[
			'eu-west-3',
			'eu.anthropic.claude-sonnet-4-5-20250929-v1:0',
			'anthropic.claude-sonnet-4-5-20250929-v1:0',
			undefined,
		],
		['ap-south-1', 'apac.amazon.nova-pro-v1:0', 'amazon.nova-pro-v1:0', undefined],
		[
			'us-west-2',
			'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
			'anthropic.claude-sonnet-4-5-20250929-v1:0',
			undefined,
		],
		['us-east-2', 'us.deepseek.r1-v1:0', 'deepseek.r1-v1:0', undefined],
		[
			'us-east-1',
			'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0',
			'anthropic.claude-haiku-4-5-20251001-v1:0',
			undefined,
		],
		[
			'us-east-1',
			'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/emuclaude371',
			'anthropic.claude-3-7-sonnet-20250219-v1:0',
			RETIRED_CHAT_DATE.date,
		],
		[
			'eu-west-1',
			'arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-text-lite-v1',
			'amazon.titan-text-lite-v1',
			TITAN_TEXT_DATE.date,
		],
	])('%s %s resolves to %s', async (region, modelId, base, date) => {
		if (date) emulator.control.configure({ now: date });
		const response = await converse(region, modelId);
		expect(response.stopReason).toBe('end_turn');
		const [entry] = emulator.control.requests();
		expect(entry).toMatchObject({ modelId, resolvedModelId: base, region });
		// The SDK percent-encodes the label (`:` → %3A, `/` → %2F).
		expect(entry.path).toBe(`/model/${encodeURIComponent(modelId)}/converse`);
	});

	it('invokes Titan Text through an application inference profile ARN', async () => {
		emulator.control.configure({ now: TITAN_TEXT_DATE.date });
		const response = await invoke(
			'us-west-2',
			'arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/emutitanexp1',
			titanBody,
		);
		expect(JSON.parse(Buffer.from(response.body).toString()).results).toHaveLength(1);
		expect(emulator.control.requests()[0].resolvedModelId).toBe('amazon.titan-text-express-v1');
	});
});

describe('rejected model identifiers', () => {
	const INVALID = 'The provided model identifier is invalid.';

	it.each([
		['us-east-1', 'amazon.nova-micro-v9:0', 'unknown model'],
		['us-east-1', 'stability.sd3-5-large-v1:0', 'model of another region'],
		['ap-southeast-7', 'amazon.nova-micro-v1:0', 'region without models'],
		['us-east-1', 'eu.amazon.nova-micro-v1:0', 'profile of another geography'],
		[
			'us-east-1',
			'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-micro-v1:0',
			'ARN of another region',
		],
		[
			'us-east-1',
			'arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.amazon.nova-micro-v1:0',
			'profile ARN of another region',
		],
		[
			'us-east-1',
			'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/nosuchprofil',
			'unknown application profile',
		],
	])('%s %s (%s): ValidationException', async (region, modelId) => {
		const error = await captureError(converse(region, modelId));
		expect(error).toMatchObject({ name: 'ValidationException', status: 400, message: INVALID });
	});

	it('a profile-only model called directly: on-demand throughput isn’t supported', async () => {
		const error = await captureError(
			converse('us-east-1', 'anthropic.claude-sonnet-4-5-20250929-v1:0'),
		);
		expect(error).toMatchObject({
			name: 'ValidationException',
			status: 400,
			message:
				'Invocation of model ID anthropic.claude-sonnet-4-5-20250929-v1:0 with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.',
		});
	});

	it('a Stability image service called directly needs its us. profile', async () => {
		const error = await captureError(
			invoke('us-west-2', 'stability.stable-image-inpaint-v1:0', '{}'),
		);
		expect(error.message).toBe(
			'Invocation of model ID stability.stable-image-inpaint-v1:0 with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.',
		);
	});

	it('a provisioned-throughput-only model ID', async () => {
		const error = await captureError(converse('us-east-1', 'amazon.nova-pro-v1:0:300k'));
		expect(error).toMatchObject({
			name: 'ValidationException',
			message: "The provided model doesn't support on-demand throughput.",
		});
	});

	it('a model past its end of life: 404, before the body is read', async () => {
		// Titan Text Express: end of life 2025-08-31 (lifecycle table); lifecycle.test.ts covers the dates.
		const error = await captureError(
			invoke('us-east-1', 'amazon.titan-text-express-v1', 'not json'),
		);
		expect(error).toMatchObject({
			name: 'ResourceNotFoundException',
			status: 404,
			message:
				'This model version has reached the end of its life. Please refer to the AWS documentation for more details.',
		});
	});

	it('a model without granted access: AccessDeniedException (default and configured)', async () => {
		const error = await captureError(converse('us-east-1', 'ai21.jamba-1-5-large-v1:0'));
		expect(error).toMatchObject({
			name: 'AccessDeniedException',
			status: 403,
			message: "You don't have access to the model with the specified model ID.",
		});
		emulator.control.configure({ accessDeniedModels: ['amazon.nova-micro-v1:0'] });
		const viaProfile = await captureError(converse('us-east-1', 'us.amazon.nova-micro-v1:0'));
		expect(viaProfile.name).toBe('AccessDeniedException');
		// Jamba 1.5 Large reached its end of life on 2026-11-26: granted, it answers at an earlier date.
		emulator.control.configure({ now: RETIRED_CHAT_DATE.date });
		expect((await converse('us-east-1', 'ai21.jamba-1-5-large-v1:0')).stopReason).toBe('end_turn');
	});

	it('a body that is not JSON, once the model checks pass', async () => {
		emulator.control.configure({ now: TITAN_TEXT_DATE.date });
		const error = await captureError(
			invoke('us-east-1', 'amazon.titan-text-express-v1', 'not json'),
		);
		expect(error).toMatchObject({
			name: 'ValidationException',
			message: 'Malformed input request, please reformat your input and try again.',
		});
	});

	it('Converse on a model that is not a chat model', async () => {
		const error = await captureError(converse('us-west-2', 'stability.sd3-5-large-v1:0'));
		expect(error).toMatchObject({
			name: 'ValidationException',
			message:
				"This action doesn't support the model that you provided. Try again with a supported text or chat model.",
		});
	});

	it('an unknown operation on the runtime path', async () => {
		const response = await fetch(`${emulator.url}/model/amazon.nova-micro-v1%3A0/summarize`, {
			method: 'POST',
		});
		// HTTP 200 with the front door's Coral body (BerriAI/litellm#8911).
		expect(response.status).toBe(200);
		expect(await response.text()).toBe(
			'{"Output":{"__type":"com.amazon.coral.service#UnknownOperationException"},"Version":"1.0"}',
		);
		expect(response.headers.get('x-amzn-errortype')).toMatch(/^UnknownOperationException:/);
	});
});
