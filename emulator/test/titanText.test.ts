/**
 * Amazon Titan Text's native body through InvokeModel and InvokeModelWithResponseStream: the
 * answer shape and token headers of the seed capture, completion reasons, and every invalid
 * body with Bedrock's JSON-schema message.
 */
import {
	type BedrockRuntimeClient,
	InvokeModelCommand,
	InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';

import { type RunningEmulator, startEmulator } from '../src/index.ts';
import { TITAN_TEXT_DATE } from './lifecycleDates.ts';
import { captureError, runtimeClient } from './sdkHarness.ts';

let emulator: RunningEmulator;
let client: BedrockRuntimeClient;
let lastHeaders: Record<string, string> = {};

beforeAll(async () => {
	// Titan Text reached its end of life in 2025: the file runs at a date when it was Active.
	emulator = await startEmulator({ now: TITAN_TEXT_DATE.date });
	client = runtimeClient(emulator.url, { region: 'us-west-2' });
	// Token counts travel in headers the service model does not declare (x-amzn-bedrock-input-token-count,
	// …-output-token-count; not in https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html).
	client.middlewareStack.add(
		(next) => async (args) => {
			const result = await next(args);
			lastHeaders = (result.response as { headers: Record<string, string> }).headers;
			return result;
		},
		{ step: 'deserialize', name: 'captureHeaders' },
	);
});
afterAll(() => emulator.stop());

async function invoke(body: unknown, modelId = 'amazon.titan-text-express-v1') {
	const response = await client.send(
		new InvokeModelCommand({
			modelId,
			body: JSON.stringify(body),
			contentType: 'application/json',
			accept: 'application/json',
		}),
	);
	return JSON.parse(Buffer.from(response.body).toString('utf8'));
}

const malformed = (details: string) =>
	`Malformed input request: ${details}, please reformat your input and try again.`;

describe('valid requests', () => {
	it('answers the seed notebook request with its shape and token headers', async () => {
		const body = await invoke({
			inputText: 'Write a poem about sky',
			textGenerationConfig: { temperature: 1.0, topP: 1.0, maxTokenCount: 50 },
		});
		expect(body).toEqual({
			inputTextTokenCount: 5,
			results: [
				{
					tokenCount: 34,
					outputText:
						'\nEmulated answer to "Write a poem about sky": alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu.',
					completionReason: 'FINISHED',
				},
			],
		});
		expect(lastHeaders['x-amzn-bedrock-input-token-count']).toBe('5');
		expect(lastHeaders['x-amzn-bedrock-output-token-count']).toBe('34');
		expect(Number(lastHeaders['x-amzn-bedrock-invocation-latency'])).toBeGreaterThan(0);
		expect(lastHeaders['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('stops at maxTokenCount with LENGTH', async () => {
		const { results } = await invoke({
			inputText: 'Write a poem about sky',
			textGenerationConfig: { maxTokenCount: 6 },
		});
		expect(results[0]).toEqual({
			tokenCount: 6,
			outputText: '\nEmulated answer to "Write a poem',
			completionReason: 'LENGTH',
		});
	});

	it('stops at a stop sequence with STOP_CRITERIA_MET', async () => {
		// "User:" is one of the two stop sequences Titan accepts; the emulated answer echoes the
		// prompt, so it meets the sequence in "Emulated answer to "User: …".
		const { results } = await invoke({
			inputText: 'User: hi\nBot:',
			textGenerationConfig: { stopSequences: ['User:'] },
		});
		expect(results[0]).toMatchObject({
			outputText: '\nEmulated answer to "',
			completionReason: 'STOP_CRITERIA_MET',
		});
		expect(results[0].tokenCount).toBe(results[0].outputText.trim().split(/\s+/).length);
	});

	it.each([
		['amazon.titan-text-lite-v1', 4096],
		['amazon.titan-text-express-v1', 8192],
		['amazon.titan-text-premier-v1:0', 3072],
	])('%s accepts maxTokenCount up to %i and rejects one more', async (modelId, maximum) => {
		await invoke({ inputText: 'hi', textGenerationConfig: { maxTokenCount: maximum } }, modelId);
		const error = await captureError(
			invoke({ inputText: 'hi', textGenerationConfig: { maxTokenCount: maximum + 1 } }, modelId),
		);
		expect(error).toMatchObject({
			name: 'ValidationException',
			status: 400,
			message: malformed(`#/maxTokenCount: ${maximum + 1} is not less or equal to ${maximum}`),
		});
	});

	it('streams the same text through InvokeModelWithResponseStream', async () => {
		const response = await client.send(
			new InvokeModelWithResponseStreamCommand({
				modelId: 'amazon.titan-text-express-v1',
				body: JSON.stringify({
					inputText: 'Write a poem about sky',
					textGenerationConfig: { maxTokenCount: 50 },
				}),
				contentType: 'application/json',
			}),
		);
		const chunks: Array<Record<string, unknown>> = [];
		for await (const event of response.body ?? []) {
			if (event.chunk?.bytes)
				chunks.push(JSON.parse(Buffer.from(event.chunk.bytes).toString('utf8')));
		}
		expect(chunks.length).toBeGreaterThan(1);
		expect(chunks.map((chunk) => chunk.outputText).join('')).toBe(
			'\nEmulated answer to "Write a poem about sky": alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu.',
		);
		const last = chunks[chunks.length - 1];
		expect(last).toMatchObject({
			completionReason: 'FINISHED',
			totalOutputTextTokenCount: 34,
			'amazon-bedrock-invocationMetrics': { inputTokenCount: 5, outputTokenCount: 34 },
		});
		expect(chunks.slice(0, -1).every((chunk) => chunk.completionReason === null)).toBe(true);
	});
});

describe('invalid bodies', () => {
	// textGenerationConfig is validated as a document of its own: "#/stopSequences: expected type:
	// JSONArray, found: String" (langgenius/dify#3326). Stop sequences: at most one, matching
	// ^(\|+|User:)$, reported without a pointer (boto/boto3#3993).
	it.each([
		[
			{ inputText: 'hi', textGenerationConfig: { stopSequences: ['Human:'] } },
			'string [Human:] does not match pattern ^(\\|+|User:)$',
		],
		[
			{ inputText: 'hi', textGenerationConfig: { stopSequences: ['User:', '|', 'a', 'b', 'c'] } },
			'expected maximum item count: 1, found: 5',
		],
		[{ inputText: 'hi', foo: 1 }, '#: extraneous key [foo] is not permitted'],
		[
			{ inputText: 'hi', textGenerationConfig: { topK: 5 } },
			'#: extraneous key [topK] is not permitted',
		],
		[{ textGenerationConfig: {} }, '#: required key [inputText] not found'],
		[{ inputText: '' }, '#/inputText: expected minLength: 1, actual: 0'],
		[{ inputText: 42 }, '#/inputText: expected type: String, found: Integer'],
		[
			{ inputText: 'hi', textGenerationConfig: { temperature: 1.5 } },
			'#/temperature: 1.5 is not less or equal to 1',
		],
		[
			{ inputText: 'hi', textGenerationConfig: { topP: -0.1 } },
			'#/topP: -0.1 is not greater or equal to 0',
		],
		[
			{ inputText: 'hi', textGenerationConfig: { maxTokenCount: -1 } },
			'#/maxTokenCount: -1 is not greater or equal to 0',
		],
		[
			{ inputText: 'hi', textGenerationConfig: { maxTokenCount: 10.5 } },
			'#/maxTokenCount: expected type: Integer, found: BigDecimal',
		],
		[
			{ inputText: 'hi', textGenerationConfig: { stopSequences: 'User:' } },
			'#/stopSequences: expected type: JSONArray, found: String',
		],
		[
			{ inputText: 'hi', textGenerationConfig: { stopSequences: [1] } },
			'#/stopSequences/0: expected type: String, found: Integer',
		],
		[
			{ inputText: 'hi', textGenerationConfig: 'x' },
			'#/textGenerationConfig: expected type: JSONObject, found: String',
		],
		[
			{ inputText: 'hi', extra: true, textGenerationConfig: { temperature: 2, topP: 2 } },
			'#: extraneous key [extra] is not permitted#/temperature: 2 is not less or equal to 1#/topP: 2 is not less or equal to 1',
		],
	])('%j → %s', async (body, details) => {
		const error = await captureError(invoke(body));
		expect(error).toMatchObject({
			name: 'ValidationException',
			status: 400,
			message: malformed(details),
		});
	});
});
