/**
 * The Bedrock Text node's pure parts: attachments (formats, names, limits), conversations,
 * parameter checks, reasoning plans, request building, pricing, token usage, error hints.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import {
	DOCUMENT_NAME_PATTERN,
	MAX_DOCUMENT_BYTES,
	MAX_IMAGE_BYTES,
	attachmentBlocks,
	documentFormatOf,
	documentName,
	type BinaryFile,
} from '../../nodes/BedrockText/attachments.ts';
import { answerFields, converseInput } from '../../nodes/BedrockText/converseBody.ts';
import { parseConversation, withAttachments } from '../../nodes/BedrockText/messages.ts';
import { knownModel } from '../../nodes/BedrockText/knownModels.ts';
import { titanTextBody, usageFromHeaders } from '../../nodes/BedrockText/nativeBody.ts';
import { tokensCost } from '../../nodes/shared/cost/index.ts';
import { reasoningPlan } from '../../nodes/BedrockText/reasoning.ts';
import { reportTokenUsage } from '../../nodes/BedrockText/tokenUsage.ts';
import { foundationModelIdOf } from '../../nodes/shared/aws/modelIds.ts';
import { imageInfo } from '../../nodes/shared/imageInfo.ts';
import { describeCallError } from '../../nodes/shared/transport/errors.ts';
import { makeTestImage } from '../../emulator/src/images/output.ts';

const file = (bytes: Buffer, fileName?: string, mimeType?: string): BinaryFile => ({
	property: 'data',
	bytes,
	...(fileName ? { fileName } : {}),
	...(mimeType ? { mimeType } : {}),
});

const zipWith = (entry: string) =>
	Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(entry)]);
const oleWith = (stream: string) =>
	Buffer.concat([
		Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
		Buffer.alloc(64),
		Buffer.from(stream, 'utf16le'),
	]);

describe('imageInfo', () => {
	test.each(['png', 'jpeg', 'webp'] as const)('reads the size of a %s', (format) => {
		expect(imageInfo(makeTestImage({ width: 123, height: 45, format }))).toEqual({
			format,
			width: 123,
			height: 45,
		});
	});

	test('reads a GIF header and rejects what is no image', () => {
		const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.from([0x40, 0x01, 0xf0, 0x00])]);
		expect(imageInfo(gif)).toEqual({ format: 'gif', width: 320, height: 240 });
		expect(imageInfo(Buffer.from('%PDF-1.7'))).toBeUndefined();
	});
});

describe('attachments', () => {
	test.each<[string, BinaryFile, string]>([
		['PDF by its bytes, whatever its name', file(Buffer.from('%PDF-1.7 ...'), 'scan.bin'), 'pdf'],
		['Word by extension', file(zipWith('x'), 'letter.docx'), 'docx'],
		['Word by its parts', file(zipWith('word/document.xml')), 'docx'],
		['Excel by its parts', file(zipWith('xl/workbook.xml')), 'xlsx'],
		[
			'Excel by MIME type',
			file(
				zipWith('x'),
				undefined,
				'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			),
			'xlsx',
		],
		['old Word by its stream', file(oleWith('WordDocument')), 'doc'],
		['old Excel by its stream', file(oleWith('Workbook')), 'xls'],
		['CSV by MIME type', file(Buffer.from('a,b\n1,2\n'), 'export', 'text/csv'), 'csv'],
		['Markdown by extension', file(Buffer.from('# Title\n'), 'README.md'), 'md'],
		['HTML by its content', file(Buffer.from('<!DOCTYPE html><html></html>')), 'html'],
		['plain text when nothing else says', file(Buffer.from('just words')), 'txt'],
	])('%s', (_name, input, format) => {
		expect(documentFormatOf(input)).toBe(format);
	});

	test('binary content that claims to be text is refused, naming the property and file', () => {
		expect(() =>
			documentFormatOf(file(Buffer.from([0, 1, 2, 3]), 'notes.txt', 'text/plain')),
		).toThrow(
			'The file in binary property "data" (notes.txt, text/plain) is not a format Bedrock accepts (it claims to be txt, but the content does not match)',
		);
	});

	test.each([
		['Q3 report_final.v2.pdf', 'Q3 report-final-v2'],
		['  many   spaces  .txt', 'many spaces'],
		['résumé (draft) [1].docx', 'resume (draft) [1]'],
		['***.csv', '-'],
		['.csv', 'document-1'],
		[undefined, 'document-1'],
		[`${'x'.repeat(250)}.md`, 'x'.repeat(200)],
	])('document name from %j is %j and valid for Bedrock', (fileName, name) => {
		const derived = documentName(fileName, 'document-1');
		expect(derived).toBe(name);
		expect(derived).toMatch(DOCUMENT_NAME_PATTERN);
	});

	test('files become image and document blocks in order; equal names are made unique', () => {
		const png = makeTestImage({ width: 8, height: 8, format: 'png' });
		const blocks = attachmentBlocks([
			file(Buffer.from('a'), 'notes.txt'),
			file(png, 'chart.png'),
			file(Buffer.from('b'), 'notes.md'),
		]);
		expect(blocks).toEqual([
			{ document: { format: 'txt', name: 'notes', source: { bytes: Buffer.from('a') } } },
			{ image: { format: 'png', source: { bytes: png } } },
			{ document: { format: 'md', name: 'notes (2)', source: { bytes: Buffer.from('b') } } },
		]);
	});

	test.each<[string, BinaryFile[], string | RegExp]>([
		[
			'more than 20 images',
			Array.from({ length: 21 }, () => file(makeTestImage({ width: 2, height: 2, format: 'png' }))),
			'Too many images: 21 attached, Bedrock accepts at most 20 per request.',
		],
		[
			'more than 5 documents',
			Array.from({ length: 6 }, (_, i) => file(Buffer.from(`doc ${i}`), `d${i}.txt`)),
			'Too many documents: 6 attached, Bedrock accepts at most 5 per request.',
		],
		[
			'an image above 3.75 MB',
			[
				file(
					Buffer.concat([
						makeTestImage({ width: 2, height: 2, format: 'png' }),
						Buffer.alloc(MAX_IMAGE_BYTES),
					]),
					'big.png',
				),
			],
			/^The file in binary property "data" \(big\.png\) is 39322\d\d bytes; Bedrock accepts images up to 3\.75 MB \(3932160 bytes\)\.$/,
		],
		[
			'a document above 4.5 MB',
			[file(Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 'a'), 'big.txt')],
			'The file in binary property "data" (big.txt) is 4718593 bytes; Bedrock accepts documents up to 4.5 MB (4718592 bytes).',
		],
		[
			'an empty file',
			[file(Buffer.alloc(0), 'empty.pdf')],
			'The file in binary property "data" (empty.pdf) is empty.',
		],
	])('%s is refused', (_name, files, message) => {
		expect(() => attachmentBlocks(files)).toThrow(message);
	});
});

describe('conversations', () => {
	test('histories as an array, as JSON text or inside { messages }; system messages lifted', () => {
		const history = [
			{ role: 'system', content: 'Be brief.' },
			{ role: 'user', content: [{ type: 'text', text: 'Hi' }, 'and more'] },
			{ role: 'assistant', content: 'Hello' },
			{ role: 'user', content: 'Bye' },
		];
		const expected = {
			system: ['Be brief.'],
			messages: [
				{ role: 'user', content: [{ text: 'Hi' }, { text: 'and more' }] },
				{ role: 'assistant', content: [{ text: 'Hello' }] },
				{ role: 'user', content: [{ text: 'Bye' }] },
			],
		};
		expect(parseConversation(history)).toEqual(expected);
		expect(parseConversation(JSON.stringify(history))).toEqual(expected);
		expect(parseConversation({ messages: history })).toEqual(expected);
	});

	test.each<[string, unknown, string]>([
		['not JSON', '[{"role": "user"', 'Messages is not valid JSON: '],
		[
			'not a list',
			'{"role": "user"}',
			'Messages must be an array of { role, content } messages, got an object',
		],
		['an empty list', [], 'Messages is an empty array'],
		[
			'an unknown role',
			[{ role: 'bot', content: 'x' }],
			'Messages[0].role must be "user", "assistant" or "system", got string "bot"',
		],
		['blank text', [{ role: 'user', content: '  ' }], 'Messages[0].content is blank'],
		[
			'an image block',
			[{ role: 'user', content: [{ type: 'image_url', image_url: 'https://x' }] }],
			'Messages[0].content[0] is not a text block (image_url). Messages carry text; attach images and documents with the Attachments field.',
		],
		['only system messages', [{ role: 'system', content: 'x' }], 'Messages has no user message'],
	])('%s is refused with the message at fault', (_name, value, message) => {
		expect(() => parseConversation(value)).toThrow(message);
	});

	test('attachments go in front of the last user message', () => {
		const image = { image: { format: 'png' as const, source: { bytes: new Uint8Array([1]) } } };
		const messages = parseConversation([
			{ role: 'user', content: 'first' },
			{ role: 'assistant', content: 'ok' },
			{ role: 'user', content: 'second' },
		]).messages;
		expect(withAttachments(messages, [image]).map((m) => m.content)).toEqual([
			[{ text: 'first' }],
			[{ text: 'ok' }],
			[image, { text: 'second' }],
		]);
	});
});

describe('reasoning plans', () => {
	const context = (modelId: string, extra = {}) => ({ modelId, sampling: {}, ...extra });

	test('Nova 2 and gpt-oss take an effort in their own fields', () => {
		expect(
			reasoningPlan({ effort: 'low' }, 'novaEffort', context('amazon.nova-2-lite-v1:0')),
		).toEqual({
			fields: { reasoningConfig: { type: 'enabled', maxReasoningEffort: 'low' } },
		});
		expect(
			reasoningPlan({ effort: 'high' }, 'openAiEffort', context('openai.gpt-oss-120b-1:0')),
		).toEqual({
			fields: { reasoning_effort: 'high' },
		});
		expect(() =>
			reasoningPlan({ budgetTokens: 2048 }, 'novaEffort', context('us.amazon.nova-2-lite-v1:0')),
		).toThrow('us.amazon.nova-2-lite-v1:0 reasons at an effort level, not a token budget');
	});

	test('Claude: the answer room is capped at the model’s maximum; the budget must fit below it', () => {
		expect(
			reasoningPlan(
				{ budgetTokens: 30000 },
				'budget',
				context('anthropic.claude-opus-4-1-20250805-v1:0', { maxOutputTokens: 32000 }),
			),
		).toEqual({
			fields: { thinking: { type: 'enabled', budget_tokens: 30000 } },
			maxTokens: 32000,
		});
		expect(() =>
			reasoningPlan(
				{ budgetTokens: 32000 },
				'budget',
				context('anthropic.claude-opus-4-1-20250805-v1:0', { maxOutputTokens: 32000 }),
			),
		).toThrow(
			'Reasoning Budget (Tokens) must be below the maximum output of anthropic.claude-opus-4-1-20250805-v1:0 (32000) (got 32000)',
		);
		expect(() =>
			reasoningPlan(
				{ budgetTokens: 2048 },
				'budget',
				context('anthropic.claude-sonnet-4-5', { sampling: { topP: 0.5 } }),
			),
		).toThrow(
			'Top P must be between 0.95 and 1 or unset while anthropic.claude-sonnet-4-5 thinks (got 0.5)',
		);
	});

	test('DeepSeek-R1 needs nothing; a field set twice is refused', () => {
		expect(reasoningPlan({ effort: 'low' }, 'always', context('deepseek.r1-v1:0'))).toEqual({
			fields: {},
		});
		expect(() =>
			reasoningPlan(
				{ budgetTokens: 2048 },
				'budget',
				context('anthropic.claude-3-7-sonnet', { additionalFields: { thinking: {} } }),
			),
		).toThrow('Additional Model Request Fields already sets "thinking"');
	});
});

describe('requests and answers', () => {
	const messages = [{ role: 'user' as const, content: [{ text: 'Hi' }] }];

	test('cache points after the system prompt and at the end of the conversation', () => {
		const input = converseInput({
			modelId: 'm',
			system: ['rules'],
			messages,
			sampling: {},
			caching: { placement: 'systemAndMessages' },
		});
		expect(input).toEqual({
			modelId: 'm',
			system: [{ text: 'rules' }, { cachePoint: { type: 'default' } }],
			messages: [{ role: 'user', content: [{ text: 'Hi' }, { cachePoint: { type: 'default' } }] }],
		});
	});

	test('guardrail config and only the parameters set', () => {
		const input = converseInput({
			modelId: 'm',
			system: [],
			messages,
			sampling: { topP: 0.5 },
			guardrail: { identifier: 'g1', version: 'DRAFT', trace: 'disabled' },
			additionalFields: {},
		});
		expect(input).toEqual({
			modelId: 'm',
			messages,
			inferenceConfig: { topP: 0.5 },
			guardrailConfig: { guardrailIdentifier: 'g1', guardrailVersion: 'DRAFT', trace: 'disabled' },
		});
	});

	test('reasoning stays out of the text; redacted reasoning is flagged', () => {
		const fields = answerFields({
			$metadata: {},
			output: {
				message: {
					role: 'assistant',
					content: [
						{ reasoningContent: { reasoningText: { text: 'step 1' } } },
						{ reasoningContent: { redactedContent: new Uint8Array([1]) } },
						{ text: 'Answer' },
					],
				},
			},
			stopReason: 'end_turn',
			usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
			metrics: { latencyMs: 1 },
		});
		expect(fields).toEqual({
			text: 'Answer',
			reasoning: 'step 1',
			reasoningRedacted: true,
			stopReason: 'end_turn',
			usage: {
				inputTokens: 3,
				outputTokens: 4,
				totalTokens: 7,
				cacheReadInputTokens: 0,
				cacheWriteInputTokens: 0,
			},
		});
	});

	test('Titan body carries only the parameters set; token counts come from headers when sent', () => {
		expect(titanTextBody('Hi', {})).toEqual({ inputText: 'Hi' });
		expect(
			usageFromHeaders({
				'x-amzn-bedrock-input-token-count': '3',
				'x-amzn-bedrock-output-token-count': '5',
			}),
		).toMatchObject({
			inputTokens: 3,
			outputTokens: 5,
			totalTokens: 8,
		});
		expect(usageFromHeaders({})).toBeUndefined();
	});
});

describe('models and prices', () => {
	test('the foundation model behind IDs, profile IDs and ARNs', () => {
		expect(foundationModelIdOf('eu.anthropic.claude-3-7-sonnet-20250219-v1:0')).toBe(
			'anthropic.claude-3-7-sonnet-20250219-v1:0',
		);
		expect(
			foundationModelIdOf('arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0'),
		).toBe('amazon.nova-pro-v1:0');
		expect(
			foundationModelIdOf(
				'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0',
			),
		).toBe('amazon.nova-pro-v1:0');
		expect(
			foundationModelIdOf(
				'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc',
			),
		).toBeUndefined();
		expect(knownModel('anthropic.claude-haiku-4-5-20251001-v1:0')).toEqual({
			maxOutputTokens: 64000,
			reasoning: 'budget',
		});
		expect(knownModel('mistral.mistral-large-2402-v1:0')).toEqual({});
	});

	const usage = {
		inputTokens: 1000,
		outputTokens: 100,
		totalTokens: 3100,
		cacheReadInputTokens: 1000,
		cacheWriteInputTokens: 1000,
	};

	test('Claude 4.5: global profiles at the base price, in-region and geographic 10% more', () => {
		const sonnet = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
		// 1000 × 3 + 100 × 15 + 1000 × 0.3 + 1000 × 3.75 = 8550 per million
		expect(tokensCost(sonnet, `global.${sonnet}`, usage).usd).toBe(0.00855);
		// 1000 × 3.3 + 100 × 16.5 + 1000 × 0.33 + 1000 × 4.125
		expect(tokensCost(sonnet, `us.${sonnet}`, usage)).toEqual({
			usd: 0.009405,
			priceSource: 'https://github.com/pydantic/genai-prices/blob/main/prices/providers/aws.yml (2026-09-23)',
		});
		expect(tokensCost(sonnet, sonnet, usage).usd).toBe(0.009405);
		const arn = `arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.${sonnet}`;
		expect(tokensCost(sonnet, arn, usage).usd).toBe(0.00855);
		expect(
			tokensCost(
				'anthropic.claude-3-7-sonnet-20250219-v1:0',
				'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
				usage,
			).usd,
		).toBe(0.00855);
	});

	test('cache tokens without a price of their own are priced as input (Nova writes, Llama)', () => {
		// Nova Lite: 1000 × 0.06 + 100 × 0.24 + 1000 × 0.015 + 1000 × 0.06 = 159 per million
		expect(tokensCost('amazon.nova-lite-v1:0', 'us.amazon.nova-lite-v1:0', usage).usd).toBe(
			0.000159,
		);
	});

	test('unknown prices say why there is no estimate', () => {
		expect(tokensCost('acme.unknown-v1', 'acme.unknown-v1', usage)).toEqual({
			usd: null,
			noPrice: true,
			priceSource: 'No price for acme.unknown-v1 in the price table',
		});
		expect(
			tokensCost(undefined, 'arn:aws:bedrock:us-east-1:1:provisioned-model/x', usage).usd,
		).toBeNull();
	});
});

test('token usage goes to the execution metadata with cached input counted as input', () => {
	let metadata: Record<string, unknown> = {};
	const context = {
		getExecuteData: () => ({ metadata }),
		setMetadata: (update: Record<string, unknown>) => {
			metadata = { ...metadata, ...update };
		},
	} as unknown as IExecuteFunctions;
	const usage = {
		inputTokens: 10,
		outputTokens: 5,
		totalTokens: 45,
		cacheReadInputTokens: 20,
		cacheWriteInputTokens: 10,
	};
	reportTokenUsage(context, usage);
	reportTokenUsage(context, usage);
	expect(metadata).toEqual({ tokenUsage: { inputTokens: 80, outputTokens: 10 } });
});

describe('hints for features a model lacks', () => {
	const call = {
		operation: 'Converse',
		region: 'us-east-1',
		modelId: 'amazon.titan-text-express-v1',
	};
	test.each([
		[
			'You invoked an unsupported model or your request did not allow prompt caching. See the documentation for more information.',
			/turn Prompt Caching off/,
		],
		[
			"This model doesn't support system messages. Remove the system field and try again.",
			/leave System Prompt empty/,
		],
		[
			"This model doesn't support the messages.0.content.0.image field. Remove messages.0.content.0.image and try again.",
			/does not read this kind of attachment/,
		],
		[
			'The model returned the following errors: `temperature` and `top_p` cannot both be specified for this model. Please use only one.',
			/Temperature or Top P, not both/,
		],
	])('%s', (message, hint) => {
		const error = describeCallError(
			{ name: 'ValidationException', message, $metadata: { httpStatusCode: 400 } },
			call,
		);
		expect(error.hint).toMatch(hint);
	});
});
