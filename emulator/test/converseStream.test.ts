/**
 * ConverseStream: real `application/vnd.amazon.eventstream` frames, decoded by the SDK (which
 * checks both CRCs of every frame), over HTTP/2 and HTTP/1.1.
 */
import {
	type ConverseStreamCommandInput,
	ConverseCommand,
	ConverseStreamCommand,
	type ConverseStreamOutput,
} from '@aws-sdk/client-bedrock-runtime';

import { crc32 } from 'node:zlib';

import { eventFrame } from '../src/eventstream.ts';
import { type RunningEmulator, startEmulator } from '../src/index.ts';
import { captureError, runtimeClient, userText } from './sdkHarness.ts';

let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(() => emulator.stop());

async function streamEvents(
	input: Partial<ConverseStreamCommandInput>,
	http1 = false,
): Promise<ConverseStreamOutput[]> {
	const response = await runtimeClient(emulator.url, { http1 }).send(
		new ConverseStreamCommand({
			modelId: 'amazon.nova-micro-v1:0',
			messages: [userText('Tell me a story')],
			...input,
		}),
	);
	const events: ConverseStreamOutput[] = [];
	for await (const event of response.stream ?? []) events.push(event);
	return events;
}

const eventNames = (events: ConverseStreamOutput[]) => events.map((event) => Object.keys(event)[0]);

describe('ConverseStream', () => {
	it.each([false, true])('streams the Converse answer as events (HTTP/1.1: %p)', async (http1) => {
		const events = await streamEvents({}, http1);
		const names = eventNames(events);
		expect(names[0]).toBe('messageStart');
		expect(names.slice(-3)).toEqual(['contentBlockStop', 'messageStop', 'metadata']);
		expect(names.filter((name) => name === 'contentBlockDelta').length).toBeGreaterThan(3);
		expect(names).not.toContain('contentBlockStart');
		const streamedText = events.map((event) => event.contentBlockDelta?.delta?.text ?? '').join('');
		const converse = await runtimeClient(emulator.url).send(
			new ConverseCommand({
				modelId: 'amazon.nova-micro-v1:0',
				messages: [userText('Tell me a story')],
			}),
		);
		expect(streamedText).toBe(converse.output?.message?.content?.[0].text);
		expect(events.find((event) => event.messageStop)?.messageStop?.stopReason).toBe('end_turn');
		const metadata = events.find((event) => event.metadata)?.metadata;
		expect(metadata?.usage).toEqual(converse.usage);
		expect(metadata?.metrics?.latencyMs).toBeGreaterThan(0);
	});

	it('honours maxTokens and stop sequences in the stream', async () => {
		const limited = await streamEvents({ inferenceConfig: { maxTokens: 4 } });
		expect(limited.map((event) => event.contentBlockDelta?.delta?.text ?? '').join('')).toBe(
			'Emulated answer to "Tell',
		);
		expect(limited.find((event) => event.messageStop)?.messageStop?.stopReason).toBe('max_tokens');
		const stopped = await streamEvents({ inferenceConfig: { stopSequences: ['delta'] } });
		expect(stopped.map((event) => event.contentBlockDelta?.delta?.text ?? '').join('')).toBe(
			'Emulated answer to "Tell me a story": alpha bravo charlie',
		);
		expect(stopped.find((event) => event.messageStop)?.messageStop?.stopReason).toBe(
			'stop_sequence',
		);
	});

	it('streams Claude thinking first (text deltas, then the signature), then the answer', async () => {
		const events = await streamEvents({
			modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
			inferenceConfig: { maxTokens: 4096 },
			additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2000 } },
		});
		const reasoning = events.filter((event) => event.contentBlockDelta?.delta?.reasoningContent);
		expect(reasoning.every((event) => event.contentBlockDelta?.contentBlockIndex === 0)).toBe(true);
		expect(
			reasoning
				.map((event) => event.contentBlockDelta?.delta?.reasoningContent?.text ?? '')
				.join(''),
		).toBe('Thinking about "Tell me a story": a short phonetic answer will do.');
		expect(
			reasoning[reasoning.length - 1].contentBlockDelta?.delta?.reasoningContent?.signature,
		).toBeTruthy();
		const stops = events
			.filter((event) => event.contentBlockStop)
			.map((event) => event.contentBlockStop?.contentBlockIndex);
		expect(stops).toEqual([0, 1]);
	});

	it('starts tool-use blocks with contentBlockStart and streams the input as JSON', async () => {
		const events = await streamEvents({
			toolConfig: {
				tools: [
					{
						toolSpec: {
							name: 'lookup',
							inputSchema: {
								json: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
							},
						},
					},
				],
				toolChoice: { any: {} },
			},
		});
		expect(eventNames(events)).toEqual([
			'messageStart',
			'contentBlockStart',
			'contentBlockDelta',
			'contentBlockStop',
			'messageStop',
			'metadata',
		]);
		expect(events[1].contentBlockStart).toEqual({
			start: { toolUse: { toolUseId: expect.stringMatching(/^tooluse_/), name: 'lookup' } },
			contentBlockIndex: 0,
		});
		expect(JSON.parse(events[2].contentBlockDelta?.delta?.toolUse?.input ?? '')).toEqual({
			q: 'emulated',
		});
		expect(events[4].messageStop?.stopReason).toBe('tool_use');
	});

	it('puts the guardrail trace in the metadata event', async () => {
		const events = await streamEvents({
			guardrailConfig: {
				guardrailIdentifier: 'emulatorguardrail',
				guardrailVersion: 'DRAFT',
				trace: 'enabled_full',
				streamProcessingMode: 'async',
			},
		});
		const trace = events.find((event) => event.metadata)?.metadata?.trace;
		expect(trace?.guardrail?.modelOutput?.[0]).toMatch(/^Emulated answer/);
	});

	it('rejects an invalid request before the stream starts', async () => {
		const error = await captureError(streamEvents({ inferenceConfig: { temperature: 3 } }));
		expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
		const mode = await captureError(
			streamEvents({
				guardrailConfig: {
					guardrailIdentifier: 'emulatorguardrail',
					guardrailVersion: '1',
					streamProcessingMode: 'later' as 'sync',
				},
			}),
		);
		expect(mode.message).toContain(
			"at 'guardrailConfig.streamProcessingMode' failed to satisfy constraint",
		);
	});
});

describe('frame encoding', () => {
	it('writes the prelude, headers, payload and both CRCs as the SDK codec expects', () => {
		const frame = eventFrame('messageStop', { stopReason: 'end_turn' });
		const totalLength = frame.readUInt32BE(0);
		const headersLength = frame.readUInt32BE(4);
		expect(totalLength).toBe(frame.length);
		expect(frame.readUInt32BE(8)).toBe(crc32(frame.subarray(0, 8)));
		expect(frame.readUInt32BE(totalLength - 4)).toBe(crc32(frame.subarray(0, totalLength - 4)));
		const payload = JSON.parse(
			frame.subarray(12 + headersLength, totalLength - 4).toString('utf8'),
		);
		expect(payload).toEqual({ stopReason: 'end_turn', p: expect.stringMatching(/^[a-zA-Z0-9]+$/) });
		const headers = frame.subarray(12, 12 + headersLength).toString('latin1');
		expect(headers).toContain(':event-type');
		expect(headers).toContain('messageStop');
		expect(headers).toContain(':message-type');
	});
});
