/**
 * Nova 2 Omni through Converse and ConverseStream with the raw AWS SDK: image content blocks
 * holding real PNGs of the size the prompt asks for, edits that keep the input's size, text
 * answers to questions, the preview model's catalog entry and inference profile, and its
 * input limits.
 */
import { ListFoundationModelsCommand, ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock';
import {
	type BedrockRuntimeClient,
	type ContentBlock,
	ConverseCommand,
	type ConverseCommandInput,
	ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';

import { decodePng } from '../src/images/png.ts';
import { makeTestImage } from '../src/images/output.ts';
import { type RunningEmulator, startEmulator } from '../src/index.ts';
import { captureError, controlPlaneClient, runtimeClient, userText } from './sdkHarness.ts';

const OMNI = 'us.amazon.nova-2-omni-v1:0';

let emulator: RunningEmulator;
let client: BedrockRuntimeClient;

beforeAll(async () => {
	emulator = await startEmulator();
	client = runtimeClient(emulator.url, { region: 'us-east-1' });
});
afterAll(() => emulator.stop());

const converse = (input: Partial<ConverseCommandInput>) =>
	client.send(new ConverseCommand({ modelId: OMNI, messages: [], ...input }));

/** The PNG of the answer's only block, decoded. */
function onlyImage(content: ContentBlock[] | undefined) {
	expect(content).toHaveLength(1);
	const image = content?.[0].image;
	expect(image?.format).toBe('png');
	const bytes = image?.source?.bytes as Uint8Array;
	expect(Buffer.from(bytes.subarray(0, 8)).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
	return decodePng(bytes);
}

describe('text to image', () => {
	test.each([
		['A watercolor lighthouse at dawn. Generate a 16:9 landscape image.', 1344, 768],
		['Draw a fox in a moss-green raincoat, aspect ratio 9:16.', 768, 1344],
		['Paint a quiet harbour.', 1024, 1024],
		['Create a picture 1920x1080 pixels of a skyline at night.', 1344, 768],
		['Make a 3:1 panorama image of mountains.', 1536, 768],
	])('"%s" answers one PNG image block of %ix%i', async (prompt, width, height) => {
		const answer = await converse({ messages: [userText(prompt)] });
		expect(answer.stopReason).toBe('end_turn');
		const raster = onlyImage(answer.output?.message?.content);
		expect({ width: raster.width, height: raster.height }).toEqual({ width, height });
		expect(answer.usage?.outputTokens).toBe(Math.ceil((width * height) / 750));
		expect(answer.usage?.totalTokens).toBe(
			(answer.usage?.inputTokens ?? 0) + (answer.usage?.outputTokens ?? 0),
		);
	});

	test('the ratio may come from the system prompt; other prompts give other pixels', async () => {
		const a = await converse({
			system: [{ text: 'Always answer with images in 4:3.' }],
			messages: [userText('An image of a red bicycle.')],
		});
		const b = await converse({
			system: [{ text: 'Always answer with images in 4:3.' }],
			messages: [userText('An image of a blue bicycle.')],
		});
		expect(onlyImage(a.output?.message?.content)).toMatchObject({ width: 1152, height: 896 });
		const bytesA = a.output?.message?.content?.[0].image?.source?.bytes as Uint8Array;
		const bytesB = b.output?.message?.content?.[0].image?.source?.bytes as Uint8Array;
		expect(Buffer.from(bytesA).equals(Buffer.from(bytesB))).toBe(false);
	});

	test('a question is answered in text, as Omni also does', async () => {
		const answer = await converse({ messages: [userText('What makes a good product photo?')] });
		expect(answer.output?.message?.content).toEqual([{ text: expect.any(String) }]);
	});
});

describe('editing an input image', () => {
	test('an image plus an instruction answers an edited PNG of the input size', async () => {
		const input = makeTestImage({ width: 640, height: 480, label: 'edit-me' });
		const answer = await converse({
			messages: [
				{
					role: 'user',
					content: [
						{ image: { format: 'png', source: { bytes: input } } },
						{ text: 'Replace the sky with a starry night; keep everything else unchanged.' },
					],
				},
			],
		});
		const raster = onlyImage(answer.output?.message?.content);
		expect({ width: raster.width, height: raster.height }).toEqual({ width: 640, height: 480 });
		const output = Buffer.from(
			answer.output?.message?.content?.[0].image?.source?.bytes as Uint8Array,
		);
		expect(output.equals(input)).toBe(false);
	});

	test('a JPEG input keeps its size too', async () => {
		const input = makeTestImage({ width: 800, height: 600, format: 'jpeg' });
		const answer = await converse({
			messages: [
				{
					role: 'user',
					content: [
						{ image: { format: 'jpeg', source: { bytes: input } } },
						{ text: 'Make it black and white.' },
					],
				},
			],
		});
		expect(onlyImage(answer.output?.message?.content)).toMatchObject({ width: 800, height: 600 });
	});

	test('more than 5 images is a ValidationException (Nova 2 input limit)', async () => {
		const image = {
			image: {
				format: 'png' as const,
				source: { bytes: makeTestImage({ width: 64, height: 64 }) },
			},
		};
		const error = await captureError(
			converse({
				messages: [
					{
						role: 'user',
						content: [image, image, image, image, image, image, { text: 'Combine these.' }],
					},
				],
			}),
		);
		expect(error).toMatchObject({
			name: 'ValidationException',
			status: 400,
			message: 'The request contains 6 images. You can include up to 5 images in a request.',
		});
	});
});

describe('content filters', () => {
	test('the output trigger ends with stopReason content_filtered and no image', async () => {
		const answer = await converse({
			messages: [userText('Generate an image: BEDROCK_FILTER_OUTPUT')],
		});
		expect(answer.stopReason).toBe('content_filtered');
		expect(answer.output?.message?.content).toEqual([
			{ text: 'The generated image has been blocked by our content filters.' },
		]);
	});

	test('the input trigger is rejected', async () => {
		expect(
			await captureError(converse({ messages: [userText('Draw BEDROCK_FILTER')] })),
		).toMatchObject({
			name: 'ValidationException',
			message:
				'This request has been blocked by our content filters. Please adjust your text prompt to submit a new request.',
		});
	});
});

test('ConverseStream sends the image as contentBlockStart (format) and a delta with the bytes', async () => {
	const answer = await client.send(
		new ConverseStreamCommand({ modelId: OMNI, messages: [userText('An image of a kite, 2:1.')] }),
	);
	let format: string | undefined;
	const chunks: Uint8Array[] = [];
	let stopReason: string | undefined;
	for await (const event of answer.stream ?? []) {
		if (event.contentBlockStart?.start?.image) format = event.contentBlockStart.start.image.format;
		const bytes = event.contentBlockDelta?.delta?.image?.source?.bytes;
		if (bytes) chunks.push(bytes);
		if (event.messageStop) stopReason = event.messageStop.stopReason;
	}
	expect(format).toBe('png');
	expect(stopReason).toBe('end_turn');
	expect(decodePng(Buffer.concat(chunks))).toMatchObject({ width: 1536, height: 768 });
});

describe('catalog', () => {
	test('Nova 2 Omni is listed with TEXT and IMAGE output, ACTIVE, through inference profiles only', async () => {
		const models = await controlPlaneClient(emulator.url, { region: 'us-east-1' }).send(
			new ListFoundationModelsCommand({ byOutputModality: 'IMAGE' }),
		);
		expect(
			models.modelSummaries?.find((model) => model.modelId === 'amazon.nova-2-omni-v1:0'),
		).toMatchObject({
			modelName: 'Nova 2 Omni',
			outputModalities: ['TEXT', 'IMAGE'],
			inferenceTypesSupported: ['INFERENCE_PROFILE'],
			responseStreamingSupported: true,
			modelLifecycle: { status: 'ACTIVE' },
		});
		const profiles = await controlPlaneClient(emulator.url, { region: 'us-west-2' }).send(
			new ListInferenceProfilesCommand({}),
		);
		expect(
			profiles.inferenceProfileSummaries?.find((profile) => profile.inferenceProfileId === OMNI),
		).toMatchObject({
			inferenceProfileName: 'US Nova 2 Omni',
			models: [
				{ modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-2-omni-v1:0' },
				{ modelArn: 'arn:aws:bedrock:us-east-2::foundation-model/amazon.nova-2-omni-v1:0' },
				{ modelArn: 'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-2-omni-v1:0' },
			],
		});
	});

	test('the base ID without a profile is refused for on-demand; outside the US the profile is unknown', async () => {
		expect(
			await captureError(
				client.send(
					new ConverseCommand({
						modelId: 'amazon.nova-2-omni-v1:0',
						messages: [userText('An image of a cat.')],
					}),
				),
			),
		).toMatchObject({
			name: 'ValidationException',
			message:
				'Invocation of model ID amazon.nova-2-omni-v1:0 with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.',
		});
		const eu = runtimeClient(emulator.url, { region: 'eu-west-1' });
		expect(
			await captureError(
				eu.send(new ConverseCommand({ modelId: OMNI, messages: [userText('An image of a cat.')] })),
			),
		).toMatchObject({
			name: 'ValidationException',
			message: 'The provided model identifier is invalid.',
		});
	});
});
