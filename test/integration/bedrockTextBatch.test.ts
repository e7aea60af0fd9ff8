/**
 * The Bedrock Text node's behaviour around the call, through real n8n-core against the
 * emulator: validation before anything is sent, Continue On Fail, throttled batches with
 * bounded concurrency, cancellation, token usage in the execution metadata.
 */
import type { IDataObject } from 'n8n-workflow';

import { makeTestImage } from '../../emulator/src/images/output.ts';
import type { InputItem } from '../../tooling/harness/n8n.ts';
import { byId, cancelWhen, useEmulator } from './helpers.ts';
import { TEXT_NODE, requestsOf, runTextNode } from './textHelpers.ts';

const emulator = useEmulator();

const NOVA = byId('amazon.nova-micro-v1:0');

function converse(options: IDataObject = {}, extra: IDataObject = {}): IDataObject {
	return { modelId: NOVA, prompt: 'Hello', options, ...extra };
}

describe('validation before the call', () => {
	const png = (width: number, height: number) => makeTestImage({ width, height, format: 'png' });
	const withFile = (data: Buffer, fileName: string, mimeType: string): InputItem[] => [
		{ json: {}, binary: { file: { data, fileName, mimeType } } },
	];

	test.each<[string, IDataObject, RegExp, InputItem[]?]>([
		[
			'temperature above 1',
			converse({ temperature: 1.5 }),
			/^Temperature must be between 0 and 1 \(got 1\.5\)$/,
		],
		['negative top P', converse({ topP: -0.1 }), /^Top P must be between 0 and 1 \(got -0\.1\)$/],
		[
			'zero maximum tokens',
			converse({ maxTokens: 0 }),
			/^Maximum Tokens must be at least 1 \(got 0\)$/,
		],
		[
			'maximum tokens above the model’s limit',
			converse({ maxTokens: 20000 }),
			/^Maximum Tokens must be between 1 and 10000 for amazon\.nova-micro-v1:0 \(got 20000\)$/,
		],
		[
			'an empty stop sequence',
			converse({ stopSequences: ['END', ''] }),
			/^Stop Sequences must be non-empty text \(entry 2 is ""\)$/,
		],
		[
			'additional fields that are not JSON',
			converse({ additionalModelRequestFields: '{"top_k": 5,}' }),
			/^Additional Model Request Fields is not valid JSON: /,
		],
		[
			'additional fields that are not an object',
			converse({ additionalModelRequestFields: '[1, 2]' }),
			/^Additional Model Request Fields must be a JSON object \(got \[1,2\]\)$/,
		],
		[
			'a response field path without a slash',
			converse({ responseFieldPaths: 'stop_sequence' }),
			/^Response Field Paths must be JSON Pointers/,
		],
		[
			'a malformed guardrail identifier',
			converse({
				guardrail: {
					settings: { identifier: 'My Guardrail', version: 'DRAFT', trace: 'disabled' },
				},
			}),
			/^Guardrail ID must be a guardrail ID .* \(got "My Guardrail"\)$/,
		],
		[
			'a reasoning budget below 1,024',
			converse({ reasoningBudgetTokens: 500 }),
			/^Reasoning Budget \(Tokens\) must be at least 1024 \(got 500\)$/,
		],
		[
			'reasoning on a model whose reasoning style is unknown',
			converse({ reasoningEffort: 'high' }),
			/^The node does not know how amazon\.nova-micro-v1:0 is asked to reason/,
		],
		[
			'a thinking budget not below the maximum tokens',
			{
				modelId: byId('us.anthropic.claude-3-7-sonnet-20250219-v1:0'),
				prompt: 'Hi',
				options: { reasoningBudgetTokens: 4096, maxTokens: 4096 },
			},
			/^Reasoning Budget \(Tokens\) must be below Maximum Tokens \(4096\) \(got 4096\)$/,
		],
		[
			'a temperature other than 1 while Claude thinks',
			{
				modelId: byId('us.anthropic.claude-3-7-sonnet-20250219-v1:0'),
				prompt: 'Hi',
				options: { reasoningBudgetTokens: 2048, temperature: 0.5 },
			},
			/^Temperature must be 1 or unset while us\.anthropic\.claude-3-7-sonnet-20250219-v1:0 thinks \(got 0\.5\)$/,
		],
		[
			'caching after a missing system prompt',
			converse({ promptCaching: 'system' }),
			/^Prompt Caching after the system prompt needs a System Prompt/,
		],
		['an empty prompt', converse({}, { prompt: '  ' }), /^Prompt is empty/],
		[
			'a model expression that gives nothing',
			{ modelId: byId('={{ $json.model }}'), prompt: 'Hi' },
			/^Model is empty/,
		],
		[
			'a conversation that starts with the assistant',
			{
				modelId: NOVA,
				inputMode: 'messages',
				messages: '[{"role":"assistant","content":"Hi"},{"role":"user","content":"Hello"}]',
			},
			/^Messages\[0\] is an assistant message, but a conversation must start with a user message$/,
		],
		[
			'a conversation with two user messages in a row',
			{
				modelId: NOVA,
				inputMode: 'messages',
				messages: '[{"role":"user","content":"Hi"},{"role":"user","content":"Hello"}]',
			},
			/^Messages\[1\] is the second user message in a row/,
		],
		[
			'an image wider than 8000 px',
			converse({}, { binaryPropertyNames: 'file' }),
			/^The file in binary property "file" \(wide\.png, image\/png\) is 8001×2 px; Bedrock accepts images up to 8000 px per side\.$/,
			withFile(png(8001, 2), 'wide.png', 'image/png'),
		],
		[
			'a file format Bedrock does not take',
			converse({}, { binaryPropertyNames: 'file' }),
			/^The file in binary property "file" \(archive\.zip, application\/zip\) is a ZIP archive but not a Word/,
			withFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]), 'archive.zip', 'application/zip'),
		],
		[
			'a Titan body with maximum tokens above Titan Lite’s limit',
			{
				operation: 'invokeModel',
				modelId: byId('amazon.titan-text-lite-v1'),
				inputText: 'Hi',
				options: { maxTokens: 5000 },
			},
			/^Maximum Tokens must be between 0 and 4096 for amazon\.titan-text-lite-v1 \(got 5000\)$/,
		],
		[
			'a native JSON body that does not parse',
			{
				operation: 'invokeModel',
				modelId: byId('amazon.titan-text-lite-v1'),
				bodyType: 'json',
				body: '{"inputText": ',
			},
			/^Body \(JSON\) is not valid JSON: /,
		],
		[
			'a native JSON body left empty',
			{
				operation: 'invokeModel',
				modelId: byId('amazon.titan-text-lite-v1'),
				bodyType: 'json',
				body: '{}',
			},
			/^Body \(JSON\) is empty$/,
		],
	])(
		'%s fails with the field named and nothing sent',
		// A rest parameter: with four declared parameters, jest would pass `done` to rows of three.
		async (...[, parameters, message, input]) => {
			const result = await runTextNode(emulator.current, parameters, { input });
			const error = result.error(TEXT_NODE);
			expect(error?.message).toMatch(message);
			expect(emulator.current.control.requests()).toEqual([]);
		},
	);

	test('Continue On Fail: the failing item becomes an error item paired with its input', async () => {
		const result = await runTextNode(
			emulator.current,
			{ modelId: NOVA, prompt: 'Hi', options: { temperature: '={{ $json.t }}' } },
			{
				input: [{ json: { t: 0.3 } }, { json: { t: 7 } }, { json: { t: 0.5 } }],
				continueOnFail: true,
			},
		);
		expect(result.error(TEXT_NODE)).toBeUndefined();
		const items = result.output(TEXT_NODE);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.stopReason).toBe('end_turn');
		expect(items[1].json).toEqual({ error: 'Temperature must be between 0 and 1 (got 7)' });
		expect(items[2].json.stopReason).toBe('end_turn');
		expect(requestsOf(emulator.current, 'Converse')).toHaveLength(2);
	});
});

describe('batches', () => {
	test('a throttled batch with concurrency keeps order and pairing; throttling is retried', async () => {
		emulator.current.control.addFault({ kind: 'throttle', operation: 'Converse', count: 4 });
		const input = Array.from({ length: 6 }, (_, i) => ({
			json: { question: `Question number ${i}` },
		}));
		const result = await runTextNode(
			emulator.current,
			{
				modelId: NOVA,
				prompt: '={{ $json.question }}',
				options: { concurrency: 3, maxAttempts: 5 },
			},
			{ input },
		);
		expect(result.error(TEXT_NODE)).toBeUndefined();
		const items = result.output(TEXT_NODE);
		expect(items.map((item) => item.pairedItem)).toEqual(input.map((_, i) => ({ item: i })));
		items.forEach((item, i) =>
			expect(item.json.text).toMatch(new RegExp(`^Emulated answer to "Question number ${i}"`)),
		);

		const sent = requestsOf(emulator.current, 'Converse');
		expect(sent.filter((request) => request.status === 429)).toHaveLength(4);
		expect(sent.filter((request) => request.status === 200)).toHaveLength(6);
		expect(items.reduce((sum, item) => sum + (item.json.attempts as number), 0)).toBe(10);
	});

	test('token usage of all items is added to the execution metadata', async () => {
		const result = await runTextNode(
			emulator.current,
			{ modelId: NOVA, prompt: '={{ $json.q }}' },
			{ input: [{ json: { q: 'One two three' } }, { json: { q: 'Four five' } }] },
		);
		const items = result.output(TEXT_NODE).map((item) => item.json.usage as IDataObject);
		const sum = (key: string) => items.reduce((total, usage) => total + (usage[key] as number), 0);
		expect(result.metadata(TEXT_NODE)).toMatchObject({
			tokenUsage: { inputTokens: sum('inputTokens'), outputTokens: sum('outputTokens') },
		});
		expect(sum('inputTokens')).toBe(5);
	});

	test('an item that gets no answer within the timeout fails with the time it waited', async () => {
		emulator.current.control.addFault({ kind: 'hang', operation: 'Converse', count: 'always' });
		const started = Date.now();
		const result = await runTextNode(emulator.current, converse({ timeoutSeconds: 0.3 }));
		expect(Date.now() - started).toBeLessThan(5000);
		const error = result.error(TEXT_NODE) as (Error & { description?: string }) | undefined;
		expect(error?.message).toBe('Bedrock did not answer within 0.3 s');
		expect(error?.description).toMatch(
			/^Converse of "amazon\.nova-micro-v1:0" in us-east-1 got no answer in time/,
		);
	});

	test('cancelling the execution aborts the calls in flight and starts no others', async () => {
		emulator.current.control.addFault({ kind: 'hang', operation: 'Converse', count: 'always' });
		const started = Date.now();
		const result = await runTextNode(
			emulator.current,
			{ modelId: NOVA, prompt: '={{ $json.q }}', options: { concurrency: 2, timeoutSeconds: 60 } },
			{
				input: Array.from({ length: 5 }, (_, i) => ({ json: { q: `q${i}` } })),
				onStart: cancelWhen(() => requestsOf(emulator.current, 'Converse').length >= 2),
			},
		);
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(result.run.status).toBe('canceled');
		// Give the emulator a moment to see the sockets close.
		await new Promise((resolve) => setTimeout(resolve, 100));
		const sent = requestsOf(emulator.current, 'Converse');
		expect(sent).toHaveLength(2);
		expect(sent.every((request) => request.clientAborted)).toBe(true);
	});
});
