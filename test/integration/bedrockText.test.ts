/**
 * The Bedrock Text node through real n8n-core against the emulator: the seed's Titan call with
 * its native body, Converse with system prompt, conversations from the input, attachments,
 * guardrail, prompt caching, reasoning, inference profiles and ARNs, stop sequences.
 */
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import {
	DEFAULT_ACCOUNT_ID,
	EMULATOR_GUARDRAIL_ID,
	GUARDRAIL_TRIGGER,
} from '../../emulator/src/index.ts';
import { makeTestImage } from '../../emulator/src/images/output.ts';
import { packNodeType, runWorkflow, type InputItem } from '../../tooling/harness/n8n.ts';
import { RETIRED_CHAT_DATE, TITAN_TEXT_DATE } from '../../emulator/test/lifecycleDates.ts';
import { atDate, byArn, byId, emulatorCredentials, useEmulator } from './helpers.ts';
import { TEXT_NODE, requestsOf, runTextNode, textAnswers } from './textHelpers.ts';

const emulator = useEmulator();

function calls(operation: string) {
	return requestsOf(emulator.current, operation);
}

async function answers(parameters: IDataObject, input?: InputItem[]) {
	return await textAnswers(emulator.current, parameters, { input });
}

/** For tests of models retired since (Titan Text, Claude 3.7, Sonnet 4): a date they were Active. */
function atDateOf(date: string): void {
	emulator.current.control.configure({ now: date });
}

describe('native bodies (InvokeModel)', () => {
	// Titan Text reached its end of life in 2025.
	atDate(emulator, TITAN_TEXT_DATE.date);

	test('the Bedrock Titan Text sample: the poem call with its exact parameters', async () => {
		const [poem] = await answers({
			operation: 'invokeModel',
			modelId: byId('amazon.titan-text-express-v1'),
			bodyType: 'titanText',
			inputText: 'Write a poem about sky',
			options: { temperature: 1.0, topP: 1.0, maxTokens: 50 },
		});

		const [call] = calls('InvokeModel');
		expect(call.path).toBe('/model/amazon.titan-text-express-v1/invoke');
		expect(call.headers['content-type']).toBe('application/json');
		expect(call.body).toEqual({
			inputText: 'Write a poem about sky',
			textGenerationConfig: { temperature: 1, topP: 1, maxTokenCount: 50 },
		});
		expect(poem).toMatchObject({
			text: expect.stringMatching(/^\nEmulated answer to "Write a poem about sky": alpha bravo/),
			stopReason: 'FINISHED',
			usage: { inputTokens: 5, outputTokens: 34, totalTokens: 39 },
			modelId: 'amazon.titan-text-express-v1',
			region: 'us-east-1',
			requestId: expect.any(String),
			attempts: 1,
			// 5 × $0.20 + 34 × $0.60 per million tokens
			estimatedCostUsd: 0.0000214,
			priceSource: expect.stringContaining('genai-prices'),
		});
	});

	test('Titan stop sequence "User:" and Maximum Tokens 0 are sent; a guardrail goes in headers', async () => {
		const [answer] = await answers({
			operation: 'invokeModel',
			modelId: byId('amazon.titan-text-lite-v1'),
			// Titan takes only "User:" or "|" as stop sequences (boto/boto3#3993); the emulated answer
			// echoes the prompt, so it meets "User:".
			inputText: 'User: name the letters',
			options: {
				stopSequences: ['User:'],
				includeRawResponse: true,
				guardrail: {
					settings: { identifier: EMULATOR_GUARDRAIL_ID, version: 'DRAFT', trace: 'enabled_full' },
				},
			},
		});
		const [call] = calls('InvokeModel');
		expect(call.body).toEqual({
			inputText: 'User: name the letters',
			textGenerationConfig: { stopSequences: ['User:'] },
		});
		// InvokeModel takes the guardrail as headers, the trace in upper case.
		expect(call.headers).toMatchObject({
			'x-amzn-bedrock-guardrailidentifier': EMULATOR_GUARDRAIL_ID,
			'x-amzn-bedrock-guardrailversion': 'DRAFT',
			'x-amzn-bedrock-trace': 'ENABLED_FULL',
		});
		expect(answer.text).toBe('\nEmulated answer to "');
		expect(answer.stopReason).toBe('STOP_CRITERIA_MET');
		expect(answer.rawResponse).toMatchObject({
			results: [{ completionReason: 'STOP_CRITERIA_MET' }],
		});
	});

	test('Maximum Tokens 0 is sent as maxTokenCount 0 (Titan takes 0 to the model’s maximum)', async () => {
		const [answer] = await answers({
			operation: 'invokeModel',
			modelId: byId('amazon.titan-text-lite-v1'),
			inputText: 'Name the letters',
			options: { maxTokens: 0, includeRawResponse: true },
		});
		expect(calls('InvokeModel')[0].body).toEqual({
			inputText: 'Name the letters',
			textGenerationConfig: { maxTokenCount: 0 },
		});
		expect(answer.rawResponse).toMatchObject({
			results: [{ tokenCount: 0, completionReason: 'LENGTH' }],
		});
	});

	test.each([
		[
			'a stop sequence Titan rejects (boto/boto3#3993)',
			{ stopSequences: ['Human:'] },
			'Stop Sequences must be "User:" or one or more "|" characters (Titan Text’s pattern ^(\\|+|User:)$) (entry 1 is "Human:")',
		],
		[
			'two stop sequences (Titan takes one)',
			{ stopSequences: ['User:', '|'] },
			'Stop Sequences takes one stop sequence (got 2)',
		],
		[
			'more tokens than Titan Text Lite makes',
			{ maxTokens: 5000 },
			'Maximum Tokens must be between 0 and 4096 for amazon.titan-text-lite-v1 (got 5000)',
		],
		[
			'more tokens than any Titan Text model makes',
			{ maxTokens: 9000 },
			'Maximum Tokens must be between 0 and 8192 (got 9000)',
		],
	])('Titan fields are checked before the call: %s', async (_, options, message) => {
		const result = await runTextNode(emulator.current, {
			operation: 'invokeModel',
			modelId: byId('amazon.titan-text-lite-v1'),
			inputText: 'Name the letters',
			options,
		});
		expect(result.error(TEXT_NODE)?.message).toBe(message);
		expect(calls('InvokeModel')).toHaveLength(0);
	});

	test('version 1.1 of the node sends a JSON body by default; version 1 keeps Titan Text', async () => {
		const parameters = {
			operation: 'invokeModel',
			modelId: byId('amazon.titan-text-express-v1'),
			inputText: 'Hello there',
			body: JSON.stringify({ inputText: 'From JSON' }),
		};
		const run = async (typeVersion: number) => {
			emulator.current.control.clearRequests();
			const result = await runWorkflow({
				nodes: [{ name: TEXT_NODE, type: 'bedrockText', typeVersion, parameters }],
				credentials: emulatorCredentials(emulator.current),
			});
			expect(result.error(TEXT_NODE)).toBeUndefined();
			return calls('InvokeModel')[0].body;
		};
		expect(await run(1.1)).toEqual({ inputText: 'From JSON' });
		expect(await run(1)).toEqual({ inputText: 'Hello there' });
		// New nodes are version 1.1.
		const node = await packNodeType('bedrockText');
		expect(node.description.version).toEqual([1, 1.1]);
		expect(node.description.defaultVersion).toBe(1.1);
	});

	test('a raw JSON body is sent as it is and the answer returned parsed, with usage from the headers', async () => {
		const body = { inputText: 'Hello there', textGenerationConfig: { maxTokenCount: 4 } };
		const [answer] = await answers({
			operation: 'invokeModel',
			modelId: byId('amazon.titan-text-express-v1'),
			bodyType: 'json',
			body: JSON.stringify(body),
		});
		expect(calls('InvokeModel')[0].body).toEqual(body);
		expect(answer.response).toEqual({
			inputTextTokenCount: 2,
			results: [
				{ tokenCount: 4, outputText: '\nEmulated answer to "Hello', completionReason: 'LENGTH' },
			],
		});
		expect(answer.usage).toEqual({
			inputTokens: 2,
			outputTokens: 4,
			totalTokens: 6,
			cacheReadInputTokens: 0,
			cacheWriteInputTokens: 0,
		});
		expect(answer.estimatedCostUsd).toBeGreaterThan(0);
	});
});

describe('Converse', () => {
	test('system prompt and prompt, parameters sent only when set, usage and cost out', async () => {
		const result = await runTextNode(emulator.current, {
			modelId: byId('amazon.nova-lite-v1:0'),
			systemPrompt: 'You answer in one sentence.',
			prompt: 'Why is the sky blue?',
			options: { maxTokens: 200, temperature: 0.2 },
		});
		const [answer] = result.output(TEXT_NODE).map((item) => item.json);

		expect(calls('Converse')[0].body).toEqual({
			messages: [{ role: 'user', content: [{ text: 'Why is the sky blue?' }] }],
			system: [{ text: 'You answer in one sentence.' }],
			inferenceConfig: { maxTokens: 200, temperature: 0.2 },
		});
		expect(answer).toMatchObject({
			text: 'Emulated answer to "Why is the sky blue?": alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu.',
			stopReason: 'end_turn',
			usage: {
				inputTokens: 10,
				outputTokens: 34,
				totalTokens: 44,
				cacheReadInputTokens: 0,
				cacheWriteInputTokens: 0,
			},
			modelId: 'amazon.nova-lite-v1:0',
			region: 'us-east-1',
			requestId: expect.any(String),
			latencyMs: expect.any(Number),
			estimatedCostUsd: expect.any(Number),
			priceSource: expect.stringContaining('genai-prices'),
		});
		expect(answer).not.toHaveProperty('reasoning');
		expect(answer).not.toHaveProperty('rawResponse');
		expect(result.metadata(TEXT_NODE)).toMatchObject({
			tokenUsage: { inputTokens: 10, outputTokens: 34 },
		});
	});

	test('a multi-turn conversation from the input is continued', async () => {
		const history = [
			{ role: 'system', content: 'Be brief.' },
			{ role: 'user', content: 'Hi' },
			{ role: 'assistant', content: [{ type: 'text', text: 'Hello! How can I help?' }] },
			{ role: 'user', content: [{ text: 'Tell me about clouds' }] },
		];
		const [answer] = await answers(
			{
				modelId: byId('amazon.nova-micro-v1:0'),
				inputMode: 'messages',
				messages: '={{ $json.messages }}',
			},
			[{ json: { messages: history } }],
		);
		expect(calls('Converse')[0].body).toEqual({
			messages: [
				{ role: 'user', content: [{ text: 'Hi' }] },
				{ role: 'assistant', content: [{ text: 'Hello! How can I help?' }] },
				{ role: 'user', content: [{ text: 'Tell me about clouds' }] },
			],
			system: [{ text: 'Be brief.' }],
		});
		expect(answer.text).toMatch(/^Emulated answer to "Tell me about clouds"/);
	});

	test('an image attachment goes in front of the prompt', async () => {
		const image = makeTestImage({ width: 75, height: 40, format: 'png' });
		const [answer] = await answers(
			{
				modelId: byId('amazon.nova-lite-v1:0'),
				prompt: 'What is in this picture?',
				binaryPropertyNames: 'photo',
			},
			[
				{
					json: {},
					binary: { photo: { data: image, fileName: 'cat.png', mimeType: 'image/png' } },
				},
			],
		);
		const [message] = (calls('Converse')[0].body as { messages: IDataObject[] }).messages;
		expect(message.content).toEqual([
			{ image: { format: 'png', source: { bytes: expect.any(String) } } },
			{ text: 'What is in this picture?' },
		]);
		// 75 × 40 px is 4 image tokens in the emulator, plus 5 words.
		expect(answer.usage).toMatchObject({ inputTokens: 9 });
	});

	test('document attachments get their format from the bytes and a name Bedrock accepts', async () => {
		const csv = Buffer.from('region,revenue\neu,10\nus,12\n');
		const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
		const [answer] = await answers(
			{
				modelId: byId('amazon.nova-pro-v1:0'),
				prompt: 'Compare the two files',
				binaryPropertyNames: 'table, report',
			},
			[
				{
					json: {},
					binary: {
						table: { data: csv, fileName: 'q3_revenue.v2.csv', mimeType: 'text/csv' },
						report: {
							data: pdf,
							fileName: 'Annual report (2024).pdf',
							mimeType: 'application/pdf',
						},
					},
				},
			],
		);
		const [message] = (calls('Converse')[0].body as { messages: IDataObject[] }).messages;
		expect(message.content).toEqual([
			{
				document: {
					format: 'csv',
					name: 'q3-revenue-v2',
					source: { bytes: csv.toString('base64') },
				},
			},
			{
				document: {
					format: 'pdf',
					name: 'Annual report (2024)',
					source: { bytes: pdf.toString('base64') },
				},
			},
			{ text: 'Compare the two files' },
		]);
		expect(answer.stopReason).toBe('end_turn');
	});

	test('guardrail fields are sent, its trace returned, and a blocked prompt reported', async () => {
		const guardrail = {
			settings: { identifier: EMULATOR_GUARDRAIL_ID, version: '1', trace: 'enabled' },
		};
		const [passed, blocked] = await answers(
			{ modelId: byId('amazon.nova-lite-v1:0'), prompt: '={{ $json.q }}', options: { guardrail } },
			[{ json: { q: 'A harmless question' } }, { json: { q: `Please ${GUARDRAIL_TRIGGER} this` } }],
		);
		expect(calls('Converse')[0].body).toMatchObject({
			guardrailConfig: {
				guardrailIdentifier: EMULATOR_GUARDRAIL_ID,
				guardrailVersion: '1',
				trace: 'enabled',
			},
		});
		expect(passed.stopReason).toBe('end_turn');
		expect(passed.guardrailTrace).toMatchObject({
			inputAssessment: { [EMULATOR_GUARDRAIL_ID]: {} },
		});
		expect(blocked).toMatchObject({
			stopReason: 'guardrail_intervened',
			text: 'Sorry, the model cannot answer this question.',
			guardrailTrace: { actionReason: 'Guardrail blocked.' },
		});
	});

	test('prompt caching: a cache point after the system prompt; the second call reads the cache', async () => {
		const systemPrompt = Array.from({ length: 1200 }, (_, i) => `rule${i}`).join(' ');
		const [first, second] = await answers(
			{
				modelId: byId('amazon.nova-pro-v1:0'),
				systemPrompt,
				prompt: '={{ $json.q }}',
				options: { promptCaching: 'system', concurrency: 1 },
			},
			[{ json: { q: 'First question' } }, { json: { q: 'Second question' } }],
		);
		expect(calls('Converse')[0].body).toMatchObject({
			system: [{ text: expect.any(String) }, { cachePoint: { type: 'default' } }],
		});
		expect(first.usage).toMatchObject({
			cacheWriteInputTokens: 1200,
			cacheReadInputTokens: 0,
			inputTokens: 2,
		});
		expect(second.usage).toMatchObject({
			cacheWriteInputTokens: 0,
			cacheReadInputTokens: 1200,
			inputTokens: 2,
		});
		// Nova reads the cache at a quarter of the input price.
		expect(second.estimatedCostUsd as number).toBeLessThan(first.estimatedCostUsd as number);
	});

	test('prompt caching after the conversation, with a one-hour TTL where the model offers it', async () => {
		await answers({
			modelId: byId('global.anthropic.claude-sonnet-4-5-20250929-v1:0'),
			prompt: 'A long document would go here',
			options: { promptCaching: 'messages', cacheTtl: '1h' },
		});
		const [message] = (calls('Converse')[0].body as { messages: IDataObject[] }).messages;
		expect(message.content).toEqual([
			{ text: 'A long document would go here' },
			{ cachePoint: { type: 'default', ttl: '1h' } },
		]);
	});

	test('Claude thinking: budget sent, reasoning returned apart from the answer', async () => {
		atDateOf(RETIRED_CHAT_DATE.date);
		const [answer] = await answers({
			modelId: byId('us.anthropic.claude-3-7-sonnet-20250219-v1:0'),
			prompt: 'Is 17 prime?',
			options: { reasoningBudgetTokens: 2048, maxTokens: 4000 },
		});
		expect(calls('Converse')[0].body).toMatchObject({
			inferenceConfig: { maxTokens: 4000 },
			additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } },
		});
		expect(answer.reasoning).toBe(
			'Thinking about "Is 17 prime?": a short phonetic answer will do.',
		);
		expect(answer.text).toMatch(/^Emulated answer to "Is 17 prime\?"/);
		expect(answer.text).not.toContain('Thinking');
		expect(answer.foundationModelId).toBe('anthropic.claude-3-7-sonnet-20250219-v1:0');
	});

	test('an effort alone becomes a Claude budget, with room for the answer', async () => {
		atDateOf(RETIRED_CHAT_DATE.date);
		await answers({
			modelId: byId('us.anthropic.claude-sonnet-4-20250514-v1:0'),
			prompt: 'Plan a trip',
			options: { reasoningEffort: 'low' },
		});
		expect(calls('Converse')[0].body).toMatchObject({
			inferenceConfig: { maxTokens: 1024 + 4096 },
			additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
		});
	});

	test('DeepSeek-R1 always reasons; its reasoning has its own field', async () => {
		const [answer] = await answers({ modelId: byId('us.deepseek.r1-v1:0'), prompt: 'Why?' });
		expect(answer.reasoning).toMatch(/^Thinking about "Why\?"/);
		expect(answer.text).toBe(
			'Emulated answer to "Why?": alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu.',
		);
	});

	test('stop sequences are sent and end the answer', async () => {
		const [answer] = await answers({
			modelId: byId('amazon.nova-micro-v1:0'),
			prompt: 'Spell it',
			options: { stopSequences: ['delta', 'zulu'], responseFieldPaths: '/stop_sequence' },
		});
		expect(calls('Converse')[0].body).toMatchObject({
			inferenceConfig: { stopSequences: ['delta', 'zulu'] },
			additionalModelResponseFieldPaths: ['/stop_sequence'],
		});
		expect(answer.text).toBe('Emulated answer to "Spell it": alpha bravo charlie');
		expect(answer.stopReason).toBe('stop_sequence');
	});

	test('a model served only through inference profiles fails with the profile ID to use', async () => {
		const result = await runTextNode(emulator.current, {
			modelId: byId('anthropic.claude-sonnet-4-5-20250929-v1:0'),
			prompt: 'Hello',
		});
		const error = result.error(TEXT_NODE) as Error & { description?: string };
		expect(error.message).toBe(
			'The model "anthropic.claude-sonnet-4-5-20250929-v1:0" can only be called through an inference profile in us-east-1',
		);
		expect(error.description).toMatch(/on-demand throughput isn.t supported/);
		expect(error.description).toContain('"us.anthropic.claude-sonnet-4-5-20250929-v1:0"');
	});

	test('an application inference profile ARN sends the call to the ARN’s region', async () => {
		atDateOf(TITAN_TEXT_DATE.date);
		const arn = `arn:aws:bedrock:us-west-2:${DEFAULT_ACCOUNT_ID}:application-inference-profile/emutitanexp1`;
		const [answer] = await answers({ modelId: byArn(arn), prompt: 'Hi there' });
		const [call] = calls('Converse');
		expect(call.region).toBe('us-west-2');
		expect(call.resolvedModelId).toBe('amazon.titan-text-express-v1');
		expect(answer).toMatchObject({
			region: 'us-west-2',
			modelId: arn,
			foundationModelId: 'amazon.titan-text-express-v1',
			estimatedCostUsd: expect.any(Number),
		});
		// The credential's own region saw no runtime call.
		expect(
			emulator.current.control
				.requests()
				.filter((r) => r.region === 'us-east-1' && r.operation === 'Converse'),
		).toEqual([]);
	});

	test('the raw response on request', async () => {
		const [answer] = await answers({
			modelId: byId('amazon.nova-micro-v1:0'),
			prompt: 'Hi',
			options: { includeRawResponse: true },
		});
		expect(answer.rawResponse).toMatchObject({
			output: { message: { role: 'assistant', content: [{ text: expect.any(String) }] } },
			stopReason: 'end_turn',
			metrics: { latencyMs: expect.any(Number) },
		});
		expect(answer.rawResponse).not.toHaveProperty('$metadata');
	});
});

test('the model picker lists text models and the profiles that serve them, not image models', async () => {
	const node = await packNodeType('bedrockText');
	const search = node.methods?.listSearch?.searchTextModels;
	if (!search) throw new Error('bedrockText has no searchTextModels');
	const credentials = emulatorCredentials(emulator.current).awsBedrockApi;
	const context = {
		getCredentials: async () => credentials,
		getNode: () => ({
			name: TEXT_NODE,
			type: 'n8n-nodes-bedrock.bedrockText',
			typeVersion: 1,
			parameters: {},
		}),
	} as unknown as ILoadOptionsFunctions;
	const values = (await search.call(context)).results.map((result) => result.value);
	expect(values).toEqual(
		expect.arrayContaining([
			'amazon.nova-lite-v1:0',
			'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
			`arn:aws:bedrock:us-east-1:${DEFAULT_ACCOUNT_ID}:application-inference-profile/emunovalite1`,
		]),
	);
	// Served only through profiles in us-east-1: the bare ID would fail.
	expect(values).not.toContain('anthropic.claude-sonnet-4-5-20250929-v1:0');
	expect(values).not.toContain('stability.stable-image-core-v1:1');
	// Past its end of life (2025): no longer in ListFoundationModels.
	expect(values).not.toContain('amazon.titan-text-express-v1');
});
