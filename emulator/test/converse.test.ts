/**
 * Converse through the raw SDK: the deterministic answer and its usage, limits (maxTokens,
 * stop sequences), every validation layer (service-model constraints, conversation rules,
 * model features, images and documents), prompt caching, guardrails, reasoning and tool use.
 */
import {
	type BedrockRuntimeClient,
	type ContentBlock,
	ConverseCommand,
	type ConverseCommandInput,
	type Message,
} from '@aws-sdk/client-bedrock-runtime';

import { makeTestImage } from '../src/images/output.ts';
import { type RunningEmulator, startEmulator } from '../src/index.ts';
import { TITAN_TEXT_DATE } from './lifecycleDates.ts';
import { captureError, runtimeClient, userText } from './sdkHarness.ts';

let emulator: RunningEmulator;
let client: BedrockRuntimeClient;
let clockOffset = 0;

beforeAll(async () => {
	emulator = await startEmulator({ now: () => Date.now() + clockOffset });
	client = runtimeClient(emulator.url);
});
afterAll(() => emulator.stop());
beforeEach(() => {
	clockOffset = 0;
	emulator.control.reset();
});

const NOVA_MICRO = 'amazon.nova-micro-v1:0';
const NOVA_LITE = 'amazon.nova-lite-v1:0';
const SONNET_45 = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
/** Titan Text (no system prompts, tools or caching) retired in 2025: its tests run at a date it was Active. */
const TITAN_EXPRESS = 'amazon.titan-text-express-v1';
const atTitanDate = () => emulator.control.configure({ now: TITAN_TEXT_DATE.date });
const FULL_ANSWER_WORDS =
	'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu.';

function converse(input: Partial<ConverseCommandInput>, modelId = NOVA_MICRO, on = client) {
	return on.send(
		new ConverseCommand({ modelId, messages: [userText('Tell me a story')], ...input }),
	);
}

async function expectValidation(
	input: Partial<ConverseCommandInput>,
	message: string | RegExp,
	modelId = NOVA_MICRO,
) {
	const error = await captureError(converse(input, modelId));
	expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
	if (typeof message === 'string') expect(error.message).toBe(message);
	else expect(error.message).toMatch(message);
}

const text = (blocks: ContentBlock[] | undefined) =>
	(blocks ?? []).map((block) => block.text ?? '').join('');
const png = (width: number, height: number) =>
	new Uint8Array(makeTestImage({ width, height, format: 'png' }));
const imageBlock = (
	bytes: Uint8Array,
	format: 'png' | 'jpeg' | 'gif' | 'webp' = 'png',
): ContentBlock => ({
	image: { format, source: { bytes } },
});
const pdf = (name = 'Quarterly report') => ({
	document: {
		format: 'pdf' as const,
		name,
		source: { bytes: new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n')) },
	},
});

describe('answers', () => {
	it('echoes the last user message with consistent usage', async () => {
		const response = await converse({ messages: [userText('Tell me a story about the sea')] });
		expect(response.output?.message).toEqual({
			role: 'assistant',
			content: [
				{ text: `Emulated answer to "Tell me a story about the sea": ${FULL_ANSWER_WORDS}` },
			],
		});
		expect(response.stopReason).toBe('end_turn');
		expect(response.usage).toEqual({ inputTokens: 7, outputTokens: 36, totalTokens: 43 });
		expect(response.metrics?.latencyMs).toBeGreaterThan(0);
	});

	it('stops at maxTokens', async () => {
		const response = await converse({ inferenceConfig: { maxTokens: 3 } });
		expect(text(response.output?.message?.content)).toBe('Emulated answer to');
		expect(response).toMatchObject({ stopReason: 'max_tokens', usage: { outputTokens: 3 } });
	});

	it('stops at the earliest stop sequence, which is not returned', async () => {
		const response = await converse({ inferenceConfig: { stopSequences: ['golf', 'charlie'] } });
		expect(text(response.output?.message?.content)).toBe(
			'Emulated answer to "Tell me a story": alpha bravo',
		);
		expect(response).toMatchObject({ stopReason: 'stop_sequence', usage: { outputTokens: 9 } });
	});

	it('reports the stop sequence to Claude callers that ask for it', async () => {
		const response = await converse(
			{
				inferenceConfig: { stopSequences: ['golf'] },
				additionalModelResponseFieldPaths: ['/stop_sequence'],
			},
			SONNET_45,
		);
		expect(response.additionalModelResponseFields).toEqual({ stop_sequence: 'golf' });
	});

	it('answers the last user turn of a conversation and counts every turn', async () => {
		const response = await converse({
			system: [{ text: 'Be brief.' }],
			messages: [
				userText('first question'),
				{ role: 'assistant', content: [{ text: 'first answer' }] },
				userText('second question'),
			],
		});
		expect(text(response.output?.message?.content)).toMatch(
			/^Emulated answer to "second question"/,
		);
		expect(response.usage?.inputTokens).toBe(8);
	});

	it('reads images, counting about width × height / 750 tokens each', async () => {
		const response = await converse(
			{ messages: [{ role: 'user', content: [{ text: 'Describe' }, imageBlock(png(75, 40))] }] },
			NOVA_LITE,
		);
		expect(response.usage?.inputTokens).toBe(1 + 4);
	});

	it('reads documents', async () => {
		const response = await converse({
			messages: [{ role: 'user', content: [{ text: 'Summarize' }, pdf()] }],
		});
		expect(response.stopReason).toBe('end_turn');
	});
});

describe('service-model constraints', () => {
	it.each([
		[
			{ inferenceConfig: { temperature: 1.5 } },
			"1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1",
		],
		[
			{ inferenceConfig: { topP: -0.5 } },
			"1 validation error detected: Value '-0.5' at 'inferenceConfig.topP' failed to satisfy constraint: Member must have value greater than or equal to 0",
		],
		[
			{ inferenceConfig: { maxTokens: 0 } },
			"1 validation error detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1",
		],
		[
			{ inferenceConfig: { stopSequences: ['END', ''] } },
			"1 validation error detected: Value '[END, ]' at 'inferenceConfig.stopSequences' failed to satisfy constraint: Member must satisfy constraint: [Member must have length greater than or equal to 1]",
		],
		[
			{ inferenceConfig: { maxTokens: 0, temperature: 2 } },
			"2 validation errors detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '2' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1",
		],
		[
			{ messages: [{ role: 'system', content: [{ text: 'hi' }] } as unknown as Message] },
			"1 validation error detected: Value at 'messages.1.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]",
		],
		[
			{
				messages: [
					{
						role: 'user',
						content: [
							{ image: { format: 'bmp', source: { bytes: png(8, 8) } } } as unknown as ContentBlock,
						],
					},
				],
			},
			"1 validation error detected: Value at 'messages.1.member.content.1.member.image.format' failed to satisfy constraint: Member must satisfy enum value set: [png, jpeg, gif, webp]",
		],
		[
			{
				messages: [
					{
						role: 'user',
						content: [
							{
								document: {
									format: 'pdf',
									name: 'x'.repeat(201),
									source: { bytes: new Uint8Array([1]) },
								},
							} as ContentBlock,
						],
					},
				],
			},
			/^1 validation error detected: Value at 'messages\.1\.member\.content\.1\.member\.document\.name' failed to satisfy constraint: Member must have length less than or equal to 200$/,
		],
		[
			{
				messages: [
					{ role: 'user', content: [{ cachePoint: { type: 'other' } } as unknown as ContentBlock] },
				],
			},
			"1 validation error detected: Value at 'messages.1.member.content.1.member.cachePoint.type' failed to satisfy constraint: Member must satisfy enum value set: [default]",
		],
		[
			{ guardrailConfig: { guardrailIdentifier: 'Bad_Id', guardrailVersion: '0' } },
			"2 validation errors detected: Value 'Bad_Id' at 'guardrailConfig.guardrailIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+)); Value '0' at 'guardrailConfig.guardrailVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: (([1-9][0-9]{0,7})|(DRAFT))",
		],
		[
			{ toolConfig: { tools: [{ toolSpec: { name: 'bad name!', inputSchema: { json: {} } } }] } },
			"1 validation error detected: Value 'bad name!' at 'toolConfig.tools.1.member.toolSpec.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+",
		],
	])('%j', async (input, message) => {
		await expectValidation(input as Partial<ConverseCommandInput>, message);
	});

	it('a content block with two members', async () => {
		await expectValidation(
			{
				messages: [
					{
						role: 'user',
						content: [
							{
								text: 'hi',
								image: { format: 'png', source: { bytes: png(8, 8) } },
							} as unknown as ContentBlock,
						],
					},
				],
			},
			/^The ContentBlock object at messages\.0\.content\.0 must set exactly one of the following keys: text, image, document, /,
		);
	});
});

describe('conversation rules', () => {
	it.each([
		[
			[{ role: 'assistant', content: [{ text: 'hi' }] }],
			'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
		],
		[
			[userText('one'), userText('two')],
			'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
		],
		[
			[userText('one'), { role: 'assistant', content: [] }, userText('two')],
			'The content field in the Message object at messages.1 is empty. Add a ContentBlock object to the content field and try again.',
		],
		[
			[{ role: 'user', content: [{ text: 'ok' }, { text: '   ' }] }],
			'The text field in the ContentBlock object at messages.0.content.1 is blank. Add text to the text field, and try again.',
		],
		[
			[],
			'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
		],
	])('%j', async (messages, message) => {
		await expectValidation({ messages: messages as Message[] }, message);
	});

	it('images only in user messages', async () => {
		await expectValidation(
			{
				messages: [
					userText('look'),
					{ role: 'assistant', content: [imageBlock(png(8, 8))] },
					userText('well?'),
				],
			},
			/^The ContentBlock object at messages\.1\.content\.0 has an image or document, which only user messages may include\./,
			NOVA_LITE,
		);
	});
});

describe('model features and limits', () => {
	it('a model without system prompts (Titan Text)', async () => {
		atTitanDate();
		await expectValidation(
			{ system: [{ text: 'Be brief.' }] },
			"This model doesn't support system messages. Remove the system field and try again.",
			TITAN_EXPRESS,
		);
	});

	it('a model without vision (Nova Micro)', async () => {
		await expectValidation(
			{ messages: [{ role: 'user', content: [imageBlock(png(8, 8))] }] },
			"This model doesn't support the messages.0.content.0.image field. Remove messages.0.content.0.image and try again.",
		);
	});

	it('a model without tool use', async () => {
		atTitanDate();
		await expectValidation(
			{
				toolConfig: {
					tools: [{ toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object' } } } }],
				},
			},
			"This model doesn't support tool use.",
			TITAN_EXPRESS,
		);
	});

	it('maxTokens above the model maximum', async () => {
		await expectValidation(
			{ inferenceConfig: { maxTokens: 10001 } },
			'The maximum tokens you requested exceeds the model limit of 10000. Try again with a maximum tokens value that is lower than 10000.',
		);
	});

	it('Claude 4.5 rejects temperature together with topP', async () => {
		await expectValidation(
			{ inferenceConfig: { temperature: 0.5, topP: 0.9 } },
			'The model returned the following errors: `temperature` and `top_p` cannot both be specified for this model. Please use only one.',
			SONNET_45,
		);
	});

	it.each([
		[
			'bytes that are no image',
			new Uint8Array(Buffer.from('definitely not an image')),
			'png',
			'messages.0.content.1.image.source: Could not process image',
		],
		[
			'JPEG bytes declared as PNG',
			new Uint8Array(makeTestImage({ width: 8, height: 8, format: 'jpeg' })),
			'png',
			'messages.0.content.1.image.source: Image does not match the provided format png',
		],
		[
			'a PNG wider than 8000 px',
			(() => {
				const bytes = Buffer.from(png(8, 8));
				bytes.writeUInt32BE(8001, 16);
				return new Uint8Array(bytes);
			})(),
			'png',
			'messages.0.content.1.image.source.bytes: image dimensions exceed max allowed size: 8000 pixels',
		],
	])('rejects %s', async (_label, bytes, format, detail) => {
		await expectValidation(
			{
				messages: [
					{ role: 'user', content: [{ text: 'see' }, imageBlock(bytes, format as 'png')] },
				],
			},
			`The model returned the following errors: ${detail}`,
			NOVA_LITE,
		);
	});

	it('rejects an image over 3.75 MB', async () => {
		const big = Buffer.alloc(4 * 1024 * 1024);
		Buffer.from(png(8, 8)).copy(big);
		await expectValidation(
			{ messages: [{ role: 'user', content: [imageBlock(new Uint8Array(big))] }] },
			`The model returned the following errors: messages.0.content.0.image.source.bytes: image exceeds 3.75 MB maximum: ${big.length} bytes > 3932160 bytes`,
			NOVA_LITE,
		);
	});

	it('accepts 20 images and rejects 21', async () => {
		const image = imageBlock(png(8, 8));
		await converse({ messages: [{ role: 'user', content: Array(20).fill(image) }] }, NOVA_LITE);
		await expectValidation(
			{ messages: [{ role: 'user', content: Array(21).fill(image) }] },
			'The model returned the following errors: messages: too many images in the request: 21 > 20',
			NOVA_LITE,
		);
	});

	it('documents: name rules, count, format and size', async () => {
		// Recorded answers (vercel/ai fixture, 2026-09-04): the message names no field; "_" passes.
		const nameMessage =
			"The document file name can only contain alphanumeric characters, whitespace characters, hyphens, parentheses, and square brackets. The name can't contain more than one consecutive whitespace character. Check that the file name conforms to these restrictions and retry your request.";
		for (const name of ['report.pdf', 'two  spaces', "John's report", 'résumé', 'a\tb'])
			await expectValidation({ messages: [{ role: 'user', content: [pdf(name)] }] }, nameMessage);
		const underscore = await converse({
			messages: [{ role: 'user', content: [pdf('company_policy (v2) [final]')] }],
		});
		expect(underscore.stopReason).toBe('end_turn');
		await expectValidation(
			{ messages: [{ role: 'user', content: [1, 2, 3, 4, 5, 6].map((n) => pdf(`doc ${n}`)) }] },
			'The request contains 6 documents. You can include up to 5 documents in a request.',
		);
		await expectValidation(
			{
				messages: [
					{
						role: 'user',
						content: [
							{
								document: {
									format: 'docx',
									name: 'notes',
									source: { bytes: new Uint8Array(Buffer.from('plain text')) },
								},
							},
						],
					},
				],
			},
			"The document at messages.0.content.0 isn't a valid docx file. Check the format and try again.",
		);
		const large = Buffer.alloc(Math.ceil(4.5 * 1024 * 1024) + 1, 'a');
		await expectValidation(
			{
				messages: [
					{
						role: 'user',
						content: [
							{
								document: { format: 'txt', name: 'big', source: { bytes: new Uint8Array(large) } },
							},
						],
					},
				],
			},
			`The document at messages.0.content.0 is ${large.length} bytes. Each document can be no more than 4.5 MB in size.`,
		);
	});
});

describe('prompt caching', () => {
	const longSystem = Array.from({ length: 1100 }, (_, index) => `rule${index}`).join(' ');
	const cached = (modelId: string, ttl?: '5m' | '1h') =>
		converse(
			{
				system: [
					{ text: longSystem },
					{ cachePoint: { type: 'default', ...(ttl ? { ttl } : {}) } },
				],
				messages: [userText('question one')],
			},
			modelId,
		);

	it('writes a prefix on first use and reads it within the TTL', async () => {
		const first = await cached(SONNET_45);
		expect(first.usage).toEqual({
			inputTokens: 2,
			outputTokens: 31,
			totalTokens: 1133,
			cacheReadInputTokens: 0,
			cacheWriteInputTokens: 1100,
		});
		const second = await cached(SONNET_45);
		expect(second.usage).toEqual({
			inputTokens: 2,
			outputTokens: 31,
			totalTokens: 1133,
			cacheReadInputTokens: 1100,
			cacheWriteInputTokens: 0,
		});
	});

	it('writes again once the TTL has passed', async () => {
		await cached(SONNET_45);
		clockOffset = 5 * 60 * 1000 + 1000;
		const later = runtimeClient(emulator.url, { systemClockOffset: clockOffset });
		const response = await later.send(
			new ConverseCommand({
				modelId: SONNET_45,
				system: [{ text: longSystem }, { cachePoint: { type: 'default' } }],
				messages: [userText('question one')],
			}),
		);
		expect(response.usage).toMatchObject({ cacheReadInputTokens: 0, cacheWriteInputTokens: 1100 });
	});

	it('ignores prefixes shorter than the model minimum', async () => {
		const response = await converse(
			{ system: [{ text: 'short' }, { cachePoint: { type: 'default' } }] },
			SONNET_45,
		);
		expect(response.usage).toMatchObject({ cacheReadInputTokens: 0, cacheWriteInputTokens: 0 });
	});

	it('accepts a 1h TTL only where the model supports it', async () => {
		expect((await cached(SONNET_45, '1h')).usage?.cacheWriteInputTokens).toBe(1100);
		await expectValidation(
			{ system: [{ text: longSystem }, { cachePoint: { type: 'default', ttl: '1h' } }] },
			'You invoked an unsupported model or your request did not allow prompt caching. See the documentation for more information.',
			NOVA_MICRO,
		);
	});

	it('rejects cache points on models without prompt caching', async () => {
		atTitanDate();
		await expectValidation(
			{
				messages: [
					{ role: 'user', content: [{ text: 'hi' }, { cachePoint: { type: 'default' } }] },
				],
			},
			'You invoked an unsupported model or your request did not allow prompt caching. See the documentation for more information.',
			TITAN_EXPRESS,
		);
	});
});

describe('guardrails', () => {
	it('passes a clean prompt and reports the trace when asked', async () => {
		const response = await converse({
			guardrailConfig: {
				guardrailIdentifier: 'emulatorguardrail',
				guardrailVersion: 'DRAFT',
				trace: 'enabled',
			},
		});
		expect(response.stopReason).toBe('end_turn');
		expect(
			response.trace?.guardrail?.inputAssessment?.emulatorguardrail?.invocationMetrics
				?.guardrailCoverage,
		).toEqual({
			textCharacters: { guarded: 15, total: 15 },
		});
		expect(response.trace?.guardrail?.outputAssessments?.emulatorguardrail).toHaveLength(1);
	});

	it('blocks a prompt with the trigger word', async () => {
		const response = await converse({
			messages: [userText('please guardrail-block this')],
			guardrailConfig: {
				guardrailIdentifier: 'emulatorguardrail',
				guardrailVersion: '1',
				trace: 'enabled',
			},
		});
		expect(response.stopReason).toBe('guardrail_intervened');
		expect(text(response.output?.message?.content)).toBe(
			'Sorry, the model cannot answer this question.',
		);
		expect(
			response.trace?.guardrail?.inputAssessment?.emulatorguardrail?.wordPolicy?.customWords,
		).toEqual([{ match: 'guardrail-block', action: 'BLOCKED', detected: true }]);
	});

	it('rejects an unknown guardrail or version', async () => {
		for (const guardrailConfig of [
			{ guardrailIdentifier: 'othergrd', guardrailVersion: '1' },
			{ guardrailIdentifier: 'emulatorguardrail', guardrailVersion: '2' },
		]) {
			await expectValidation(
				{ guardrailConfig },
				'The guardrail identifier or version provided in the request does not exist.',
			);
		}
	});
});

describe('reasoning and tools', () => {
	it('Claude extended thinking returns a signed reasoning block before the text', async () => {
		const response = await converse(
			{
				inferenceConfig: { maxTokens: 2048 },
				additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
			},
			SONNET_45,
		);
		const [reasoning, answer] = response.output?.message?.content ?? [];
		expect(reasoning.reasoningContent?.reasoningText).toEqual({
			text: 'Thinking about "Tell me a story": a short phonetic answer will do.',
			signature: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
		});
		expect(answer.text).toMatch(/^Emulated answer to/);
		expect(response.usage?.outputTokens).toBe(12 + 33);
	});

	it.each([
		[
			{ thinking: { type: 'enabled', budget_tokens: 1000 } },
			2048,
			undefined,
			'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024',
		],
		[
			{ thinking: { type: 'enabled', budget_tokens: 2048 } },
			2048,
			undefined,
			'`max_tokens` must be greater than `thinking.budget_tokens`.',
		],
		[
			{ thinking: { type: 'enabled', budget_tokens: 1024 } },
			2048,
			0.5,
			'`temperature` may only be set to 1 when thinking is enabled.',
		],
	])(
		'thinking %j with maxTokens %i, temperature %p is rejected',
		async (fields, maxTokens, temperature, detail) => {
			const error = await captureError(
				converse(
					{ inferenceConfig: { maxTokens, temperature }, additionalModelRequestFields: fields },
					SONNET_45,
				),
			);
			expect(error.message).toContain(`The model returned the following errors: ${detail}`);
		},
	);

	it('Claude Sonnet 5 takes adaptive thinking; older Claude models do not', async () => {
		const adaptive = { thinking: { type: 'adaptive', display: 'summarized' } };
		const response = await converse(
			{ inferenceConfig: { maxTokens: 4096 }, additionalModelRequestFields: adaptive },
			'us.anthropic.claude-sonnet-5',
		);
		expect(
			response.output?.message?.content?.[0].reasoningContent?.reasoningText?.signature,
		).toMatch(/\S/);
		await expectValidation(
			{ inferenceConfig: { maxTokens: 4096 }, additionalModelRequestFields: adaptive },
			"The model returned the following errors: thinking.type: Input tag 'adaptive' found using 'type' does not match any of the expected tags: 'disabled', 'enabled'",
			SONNET_45,
		);
	});

	it('thinking with a tool choice that forces a tool', async () => {
		await expectValidation(
			{
				inferenceConfig: { maxTokens: 4096 },
				additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
				toolConfig: {
					tools: [{ toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object' } } } }],
					toolChoice: { any: {} },
				},
			},
			'The model returned the following errors: Thinking may not be enabled when tool_choice forces tool use.',
			SONNET_45,
		);
	});

	it('Nova 2 Lite reasons on request; high effort needs maxTokens unset', async () => {
		const reasoning = (effort: string) => ({
			reasoningConfig: { type: 'enabled', maxReasoningEffort: effort },
		});
		const medium = await converse(
			{ inferenceConfig: { maxTokens: 1024 }, additionalModelRequestFields: reasoning('medium') },
			'us.amazon.nova-2-lite-v1:0',
		);
		const [thought] = medium.output?.message?.content ?? [];
		expect(thought.reasoningContent?.reasoningText?.text).toMatch(/^Thinking about/);
		expect(thought.reasoningContent?.reasoningText?.signature).toBeUndefined();
		const high = await converse(
			{ additionalModelRequestFields: reasoning('high') },
			'us.amazon.nova-2-lite-v1:0',
		);
		expect(high.stopReason).toBe('end_turn');
		await expectValidation(
			{ inferenceConfig: { maxTokens: 1024 }, additionalModelRequestFields: reasoning('high') },
			"The model returned the following errors: `maxTokens` must be unset when reasoningConfig type is 'enabled' and maxReasoningEffort is 'high'. Please consult our documentation at https://docs.aws.amazon.com/nova/latest/userguide",
			'us.amazon.nova-2-lite-v1:0',
		);
	});

	it('Titan Text stop sequences: the model error, wrapped (ren8k/aws-bedrock-converse-app-use-tools)', async () => {
		atTitanDate();
		await expectValidation(
			{ inferenceConfig: { stopSequences: ['</stop>'] } },
			'The model returned the following errors: Malformed input request: string [</stop>] does not match pattern ^(\\|+|User:)$, please reformat your input and try again.',
			TITAN_EXPRESS,
		);
		const ok = await converse({ inferenceConfig: { stopSequences: ['User:'] } }, TITAN_EXPRESS);
		expect(ok.stopReason).toBe('end_turn');
	});

	it('thinking on a model without it', async () => {
		await expectValidation(
			{ additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } } },
			'The model returned the following errors: thinking: Extra inputs are not permitted',
		);
	});

	it('DeepSeek-R1 always reasons, without a signature', async () => {
		const response = await converse({}, 'us.deepseek.r1-v1:0');
		const [reasoning] = response.output?.message?.content ?? [];
		expect(reasoning.reasoningContent?.reasoningText).toEqual({
			text: 'Thinking about "Tell me a story": a short phonetic answer will do.',
		});
	});

	const imageTool = {
		toolSpec: {
			name: 'Bedrock_Image',
			description: 'Generate an image',
			inputSchema: {
				json: {
					type: 'object',
					properties: { prompt: { type: 'string' }, count: { type: 'integer' } },
					required: ['prompt', 'count'],
				},
			},
		},
	};

	it('auto tool choice: a request to use the tool calls the first tool with the user text', async () => {
		const prompt = 'Use the tool to draw a lighthouse at dusk';
		const response = await converse({
			messages: [userText(prompt)],
			toolConfig: { tools: [imageTool] },
		});
		expect(response.stopReason).toBe('tool_use');
		expect(response.output?.message?.content).toEqual([
			{
				toolUse: {
					toolUseId: expect.stringMatching(/^tooluse_/),
					name: 'Bedrock_Image',
					input: { prompt, count: 1 },
				},
			},
		]);
	});

	it('auto tool choice: other texts are answered in text, and a tool result is answered with it', async () => {
		const plain = await converse({
			messages: [userText('Tell me about lighthouses')],
			toolConfig: { tools: [imageTool], toolChoice: { auto: {} } },
		});
		expect(plain.stopReason).toBe('end_turn');
		const toolUse = {
			toolUseId: 'tooluse_1',
			name: 'Bedrock_Image',
			input: { prompt: 'Bedrock_Image: a lighthouse', count: 1 },
		};
		const afterResult = await converse({
			messages: [
				userText('Bedrock_Image: a lighthouse'),
				{ role: 'assistant', content: [{ toolUse }] },
				{
					role: 'user',
					content: [
						{
							toolResult: {
								toolUseId: 'tooluse_1',
								content: [{ text: '[{"summary":"Made a 1024x1024 PNG image."}]' }],
							},
						},
					],
				},
			],
			toolConfig: { tools: [imageTool] },
		});
		expect(afterResult.stopReason).toBe('end_turn');
		expect(text(afterResult.output?.message?.content)).toBe(
			'The tool answered: [{"summary":"Made a 1024x1024 PNG image."}]',
		);
	});

	it('calls the tool that toolChoice forces, with its required inputs', async () => {
		const response = await converse({
			toolConfig: {
				tools: [
					{
						toolSpec: {
							name: 'get_weather',
							description: 'Weather for a city',
							inputSchema: {
								json: {
									type: 'object',
									properties: { city: { type: 'string' }, days: { type: 'integer' } },
									required: ['city', 'days'],
								},
							},
						},
					},
				],
				toolChoice: { tool: { name: 'get_weather' } },
			},
		});
		expect(response.stopReason).toBe('tool_use');
		expect(response.output?.message?.content).toEqual([
			{
				toolUse: {
					toolUseId: expect.stringMatching(/^tooluse_/),
					name: 'get_weather',
					input: { city: 'emulated', days: 1 },
				},
			},
		]);
	});
});
