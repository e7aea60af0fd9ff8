/**
 * StartAsyncInvoke, GetAsyncInvoke and ListAsyncInvokes driven with the raw AWS SDK: the
 * request envelope, Ray2's and Nova Reel's model inputs, idempotency tokens, jobs that progress
 * from InProgress to Completed (or Failed) after the configured duration, output folders,
 * pagination and filters, IAM and regions.
 */
import {
	type BedrockRuntimeClient,
	GetAsyncInvokeCommand,
	ListAsyncInvokesCommand,
	StartAsyncInvokeCommand,
	type StartAsyncInvokeCommandInput,
	paginateListAsyncInvokes,
} from '@aws-sdk/client-bedrock-runtime';
import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';

import type { ImageFormat } from '../src/images/inspect.ts';
import { makeTestImageBase64 } from '../src/images/output.ts';
import { type RunningEmulator, startEmulator } from '../src/index.ts';
import { NOVA_REEL_DATE } from './lifecycleDates.ts';
import { captureError, controlPlaneClient, runtimeClient } from './sdkHarness.ts';
import {
	EAST_BUCKET,
	EU_BUCKET,
	RAY2,
	REEL_V0,
	REEL_V1,
	WEST_BUCKET,
	requireVideoTools,
	waitForJob,
} from './videoHarness.ts';

const DENIED_S3_WRITER = {
	accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
	secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
};

let emulator: RunningEmulator;
let west: BedrockRuntimeClient;

beforeAll(async () => {
	requireVideoTools();
	emulator = await startEmulator({
		videoJobSeconds: 0.2,
		identities: {
			accessKeys: [
				{ ...DENIED_S3_WRITER, userName: 'no-s3-writes', deniedActions: ['s3:PutObject'] },
			],
		},
	});
	west = runtimeClient(emulator.url, { region: 'us-west-2' });
});
afterAll(() => emulator.stop());
afterEach(() => emulator.control.reset());

function ray2(
	modelInput: Record<string, unknown> = { prompt: 'a red kite over the sea' },
	extra: Partial<StartAsyncInvokeCommandInput> = {},
): StartAsyncInvokeCommandInput {
	return {
		modelId: RAY2,
		modelInput: modelInput as StartAsyncInvokeCommandInput['modelInput'],
		outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${WEST_BUCKET}/videos` } },
		...extra,
	};
}

const start = (client: BedrockRuntimeClient, input: StartAsyncInvokeCommandInput) =>
	client.send(new StartAsyncInvokeCommand(input));
const malformed = (details: string) =>
	`Malformed input request: ${details}, please reformat your input and try again.`;
const ARN = /^arn:aws:bedrock:us-west-2:123456789012:async-invoke\/[a-z0-9]{12}$/;

describe('a job', () => {
	test('starts InProgress, completes after the configured duration and writes output.mp4 in its folder', async () => {
		emulator.control.configure({ videoJobSeconds: 1.5 });
		const { invocationArn } = await start(west, ray2());
		expect(invocationArn).toMatch(ARN);
		const id = (invocationArn as string).split('/')[1];

		const running = await west.send(new GetAsyncInvokeCommand({ invocationArn }));
		expect(running).toMatchObject({
			invocationArn,
			modelArn: 'arn:aws:bedrock:us-west-2::foundation-model/luma.ray-v2:0',
			status: 'InProgress',
			outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${WEST_BUCKET}/videos/${id}` } },
		});
		expect(running.submitTime).toBeInstanceOf(Date);
		expect(running.endTime).toBeUndefined();
		expect(emulator.control.s3.objects(WEST_BUCKET)).toEqual([]);

		const done = await waitForJob(west, invocationArn as string);
		expect(done.status).toBe('Completed');
		const seconds = ((done.endTime as Date).getTime() - (done.submitTime as Date).getTime()) / 1000;
		expect(seconds).toBeGreaterThanOrEqual(1.5);
		expect(done.lastModifiedTime).toEqual(done.endTime);
		expect(emulator.control.s3.objects(WEST_BUCKET)).toEqual([
			expect.objectContaining({ key: `videos/${id}/output.mp4`, contentType: 'video/mp4' }),
		]);
		expect(emulator.control.s3.objects(WEST_BUCKET)[0].size).toBeGreaterThan(10_000);
	});

	test('an output URI without a prefix puts the folder at the bucket root; a trailing slash is not doubled', async () => {
		const root = await start(
			west,
			ray2(undefined, {
				outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${WEST_BUCKET}` } },
			}),
		);
		const slash = await start(
			west,
			ray2(undefined, {
				outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${WEST_BUCKET}/a/b/` } },
			}),
		);
		const rootJob = await waitForJob(west, root.invocationArn as string);
		const slashJob = await waitForJob(west, slash.invocationArn as string);
		const id = (arn?: string) => (arn as string).split('/')[1];
		expect(rootJob.outputDataConfig?.s3OutputDataConfig?.s3Uri).toBe(
			`s3://${WEST_BUCKET}/${id(root.invocationArn)}`,
		);
		expect(slashJob.outputDataConfig?.s3OutputDataConfig?.s3Uri).toBe(
			`s3://${WEST_BUCKET}/a/b/${id(slash.invocationArn)}`,
		);
		expect(emulator.control.s3.objects(WEST_BUCKET).map((object) => object.key)).toEqual(
			[`${id(root.invocationArn)}/output.mp4`, `a/b/${id(slash.invocationArn)}/output.mp4`].sort(),
		);
	});

	test('echoes the client request token, the KMS key and the bucket owner', async () => {
		const kmsKeyId = 'arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
		const { invocationArn } = await start(
			west,
			ray2(undefined, {
				clientRequestToken: 'n8n-exec-42-item-0',
				outputDataConfig: {
					s3OutputDataConfig: {
						s3Uri: `s3://${WEST_BUCKET}/v`,
						kmsKeyId,
						bucketOwner: '123456789012',
					},
				},
			}),
		);
		const job = await waitForJob(west, invocationArn as string);
		expect(job).toMatchObject({
			status: 'Completed',
			clientRequestToken: 'n8n-exec-42-item-0',
			outputDataConfig: { s3OutputDataConfig: { kmsKeyId, bucketOwner: '123456789012' } },
		});
	});
});

describe('idempotency', () => {
	test('the same token with the same request returns the same invocation and starts no second job', async () => {
		const input = ray2(undefined, { clientRequestToken: 'retry-me' });
		const first = await start(west, input);
		const again = await start(west, input);
		expect(again.invocationArn).toBe(first.invocationArn);
		expect(emulator.control.jobs.list()).toHaveLength(1);
	});

	test('the same token with another request answers ConflictException (400)', async () => {
		await start(west, ray2(undefined, { clientRequestToken: 'reused' }));
		const error = await captureError(
			start(west, ray2({ prompt: 'something else' }, { clientRequestToken: 'reused' })),
		);
		expect(error).toMatchObject({
			name: 'ConflictException',
			status: 400,
			message: 'The client request token reused was already used for a different request.',
		});
		expect(emulator.control.jobs.list()).toHaveLength(1);
	});

	test('without a token the SDK generates one per call: two calls, two jobs', async () => {
		const a = await start(west, ray2());
		const b = await start(west, ray2());
		expect(a.invocationArn).not.toBe(b.invocationArn);
		const tokens = emulator.control
			.requests()
			.filter((entry) => entry.operation === 'StartAsyncInvoke')
			.map((entry) => (entry.body as { clientRequestToken: string }).clientRequestToken);
		expect(tokens).toHaveLength(2);
		expect(tokens[0]).not.toBe(tokens[1]);
	});

	test('tokens are per region: the same token in another region starts another job', async () => {
		// Nova Reel (eu-west-1) reached its end of life on 2026-09-30.
		emulator.control.configure({ now: NOVA_REEL_DATE.date });
		const east = runtimeClient(emulator.url, { region: 'eu-west-1' });
		await start(west, ray2(undefined, { clientRequestToken: 'regional' }));
		await start(east, {
			modelId: REEL_V0,
			modelInput: reelText(),
			outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${EU_BUCKET}/reel` } },
			clientRequestToken: 'regional',
		});
		expect(emulator.control.jobs.list()).toHaveLength(2);
	});
});

describe('the request envelope', () => {
	test.each([
		[
			'an s3Uri that is not s3://',
			ray2(undefined, { outputDataConfig: { s3OutputDataConfig: { s3Uri: 'https://bucket/x' } } }),
			"Value 'https://bucket/x' at 'outputDataConfig.s3OutputDataConfig.s3Uri' failed to satisfy constraint: Member must satisfy regular expression pattern: ^s3://[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9](/.*)?$",
		],
		[
			'a token with a space',
			ray2(undefined, { clientRequestToken: 'a b' }),
			"Value 'a b' at 'clientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[!-~]*$",
		],
		[
			'a bucket owner that is not an account ID',
			ray2(undefined, {
				outputDataConfig: {
					s3OutputDataConfig: { s3Uri: `s3://${WEST_BUCKET}`, bucketOwner: 'me' },
				},
			}),
			"Value 'me' at 'outputDataConfig.s3OutputDataConfig.bucketOwner' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9]{12}$",
		],
		[
			'a tag key that is too long',
			ray2(undefined, { tags: [{ key: 'k'.repeat(129), value: 'v' }] }),
			`Value '${'k'.repeat(129)}' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`,
		],
	])('%s: 1 validation error', async (_name, input, detail) => {
		expect(await captureError(start(west, input))).toMatchObject({
			name: 'ValidationException',
			status: 400,
			message: `1 validation error detected: ${detail}`,
		});
		expect(emulator.control.jobs.list()).toEqual([]);
	});

	test('a model with no asynchronous API is not a valid request', async () => {
		const east = runtimeClient(emulator.url, { region: 'us-east-1' });
		const error = await captureError(
			start(east, {
				modelId: 'amazon.nova-lite-v1:0',
				modelInput: { messages: [] },
				outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${EAST_BUCKET}` } },
			}),
		);
		expect(error).toMatchObject({
			name: 'ValidationException',
			message: 'The provided request is not valid',
		});
	});

	test('Ray2 outside us-west-2 is an invalid model identifier', async () => {
		const east = runtimeClient(emulator.url, { region: 'us-east-1' });
		expect(await captureError(start(east, ray2()))).toMatchObject({
			name: 'ValidationException',
			message: 'The provided model identifier is invalid.',
		});
	});
});

describe('Luma Ray2 model input', () => {
	const frame = (width: number, height: number, format: ImageFormat = 'png') => ({
		type: 'image',
		source: {
			type: 'base64',
			media_type: `image/${format}`,
			data: makeTestImageBase64({ width, height, format }),
		},
	});

	test('every documented field is accepted, keyframes from JPEG and PNG included', async () => {
		const { invocationArn } = await start(
			west,
			ray2({
				prompt: 'a lighthouse at dusk',
				aspect_ratio: '9:21',
				loop: true,
				duration: '9s',
				resolution: '540p',
				keyframes: { frame0: frame(768, 512, 'jpeg'), frame1: frame(512, 512) },
			}),
		);
		expect(invocationArn).toMatch(ARN);
	});

	test.each([
		[
			'an aspect ratio it does not offer',
			{ aspect_ratio: '2:1' },
			'#/aspect_ratio: 2:1 is not a valid enum value',
		],
		[
			'a duration as a number',
			{ duration: 5 },
			'#/duration: expected type: String, found: Integer',
		],
		['10 seconds', { duration: '10s' }, '#/duration: 10s is not a valid enum value'],
		['1080p', { resolution: '1080p' }, '#/resolution: 1080p is not a valid enum value'],
		['an empty prompt', { prompt: '' }, '#/prompt: expected minLength: 1, actual: 0'],
		[
			'a prompt over 5000 characters',
			{ prompt: 'x'.repeat(5001) },
			'#/prompt: expected maxLength: 5000, actual: 5001',
		],
		[
			'a prompt over 300 tokens',
			{ prompt: 'word '.repeat(301) },
			'#/prompt: expected maximum token count: 300, found: 301',
		],
		['an undocumented seed', { seed: 7 }, '#: extraneous key [seed] is not permitted'],
		['loop as a string', { loop: 'yes' }, '#/loop: expected type: Boolean, found: String'],
		[
			'a keyframe that is not an image',
			{ keyframes: { frame0: { type: 'video', source: frame(512, 512).source } } },
			'#/keyframes/frame0/type: video is not a valid enum value',
		],
		[
			'a keyframe below 512 pixels',
			{ keyframes: { frame1: frame(400, 600) } },
			'#/keyframes/frame1/source/data: image 400x600: every side must be at least 512 pixels',
		],
		[
			'a WebP keyframe',
			{ keyframes: { frame0: frame(512, 512, 'webp') } },
			'#/keyframes/frame0/source/media_type: image/webp is not a valid enum value',
		],
	])('%s is rejected', async (_name, change, detail) => {
		const error = await captureError(start(west, ray2({ prompt: 'a cat', ...change })));
		expect(error).toMatchObject({
			name: 'ValidationException',
			status: 400,
			message: malformed(detail),
		});
	});

	test('a missing prompt and a wrong type are reported together, in document order', async () => {
		const error = await captureError(start(west, ray2({ aspect_ratio: 16 })));
		expect(error.message).toBe(
			malformed(
				'#: required key [prompt] not found#/aspect_ratio: expected type: String, found: Integer',
			),
		);
	});

	test('the content-filter trigger in a prompt is blocked at start, as Bedrock blocks input', async () => {
		const error = await captureError(start(west, ray2({ prompt: 'BEDROCK_FILTER me' })));
		expect(error).toMatchObject({
			name: 'ValidationException',
			message:
				'This request has been blocked by our content filters. Please adjust your text prompt to submit a new request.',
		});
	});
});

type ModelInput = StartAsyncInvokeCommandInput['modelInput'];

function reelText(extra: Record<string, unknown> = {}): ModelInput {
	return {
		taskType: 'TEXT_VIDEO',
		textToVideoParams: { text: 'waves on a beach' },
		videoGenerationConfig: { durationSeconds: 6, fps: 24, dimension: '1280x720', seed: 42 },
		...extra,
	} as ModelInput;
}

describe('Nova Reel', () => {
	const east = () => runtimeClient(emulator.url, { region: 'us-east-1' });
	const reel = (modelId: string, modelInput: unknown, bucket = EAST_BUCKET) => ({
		modelId,
		modelInput: modelInput as StartAsyncInvokeCommandInput['modelInput'],
		outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${bucket}/reel` } },
	});
	const image = (width: number, height: number) => ({
		format: 'png',
		source: { bytes: makeTestImageBase64({ width, height }) },
	});

	test('today, past its end of life (2026-09-30, in every region), it answers ResourceNotFoundException', async () => {
		const eu = runtimeClient(emulator.url, { region: 'eu-west-1' });
		for (const [client, modelId, bucket] of [
			[east(), REEL_V1, EAST_BUCKET],
			[eu, REEL_V0, EU_BUCKET],
		] as const) {
			expect(await captureError(start(client, reel(modelId, reelText(), bucket)))).toMatchObject({
				name: 'ResourceNotFoundException',
				status: 404,
				message:
					'This model version has reached the end of its life. Please refer to the AWS documentation for more details.',
			});
		}
		expect(emulator.control.jobs.list()).toHaveLength(0);
	});

	describe(`at ${NOVA_REEL_DATE.date}, before its end of life (the emulator's lifecycle date)`, () => {
		beforeEach(() => emulator.control.configure({ now: NOVA_REEL_DATE.date }));

		test('v1:0 text-to-video in eu-west-1 writes output.mp4, manifest.json and generation-status.json', async () => {
			const eu = runtimeClient(emulator.url, { region: 'eu-west-1' });
			const { invocationArn } = await start(
				eu,
				reel(
					REEL_V0,
					reelText({ textToVideoParams: { text: 'waves', images: [image(1280, 720)] } }),
					EU_BUCKET,
				),
			);
			const job = await waitForJob(eu, invocationArn as string);
			expect(job.status).toBe('Completed');
			const id = (invocationArn as string).split('/')[1];
			expect(emulator.control.s3.objects(EU_BUCKET).map((object) => object.key)).toEqual([
				`reel/${id}/generation-status.json`,
				`reel/${id}/manifest.json`,
				`reel/${id}/output.mp4`,
			]);
		});

		test.each([
			[
				'v1:0 has no multi-shot',
				REEL_V0,
				{ taskType: 'MULTI_SHOT_AUTOMATED', multiShotAutomatedParams: { text: 'x' } },
				'#/taskType: MULTI_SHOT_AUTOMATED is not a valid enum value',
			],
			[
				'text-to-video is 6 seconds',
				REEL_V0,
				reelText({ videoGenerationConfig: { durationSeconds: 12 } }),
				'#/videoGenerationConfig/durationSeconds: 12 is not less or equal to 6',
			],
			[
				'text over 512 characters',
				REEL_V0,
				reelText({ textToVideoParams: { text: 'x'.repeat(513) } }),
				'#/textToVideoParams/text: expected maxLength: 512, actual: 513',
			],
			[
				'24 fps only',
				REEL_V0,
				reelText({ videoGenerationConfig: { fps: 30 } }),
				'#/videoGenerationConfig/fps: 30 is not less or equal to 24',
			],
			[
				'1280x720 only',
				REEL_V0,
				reelText({ videoGenerationConfig: { dimension: '720x1280' } }),
				'#/videoGenerationConfig/dimension: 720x1280 is not a valid enum value',
			],
			[
				'a seed above 2,147,483,646',
				REEL_V0,
				reelText({ videoGenerationConfig: { seed: 2147483647 } }),
				'#/videoGenerationConfig/seed: 2147483647 is not less or equal to 2147483646',
			],
			[
				'a starting image that is not 1280x720',
				REEL_V0,
				reelText({ textToVideoParams: { text: 'x', images: [image(640, 360)] } }),
				'#/textToVideoParams/images/0: the image is 640x360; input images must be exactly 1280x720',
			],
			[
				'two starting images',
				REEL_V0,
				reelText({
					textToVideoParams: { text: 'x', images: [image(1280, 720), image(1280, 720)] },
				}),
				'#/textToVideoParams/images: expected maximum item count: 1, found: 2',
			],
		])('%s', async (_name, modelId, modelInput, detail) => {
			const eu = runtimeClient(emulator.url, { region: 'eu-west-1' });
			const error = await captureError(start(eu, reel(modelId, modelInput, EU_BUCKET)));
			expect(error).toMatchObject({ name: 'ValidationException', message: malformed(detail) });
		});

		describe('v1:1 multi-shot in us-east-1', () => {
			let client: BedrockRuntimeClient;
			beforeAll(() => {
				client = east();
			});

			test('automated: durationSeconds decides the shots; output.mp4 plus one file per shot', async () => {
				const { invocationArn } = await start(
					client,
					reel(REEL_V1, {
						taskType: 'MULTI_SHOT_AUTOMATED',
						multiShotAutomatedParams: { text: 'a day in a city' },
						videoGenerationConfig: { durationSeconds: 18, fps: 24, dimension: '1280x720', seed: 1 },
					}),
				);
				const job = await waitForJob(client, invocationArn as string);
				expect(job.status).toBe('Completed');
				const id = (invocationArn as string).split('/')[1];
				expect(emulator.control.s3.objects(EAST_BUCKET).map((object) => object.key)).toEqual(
					[
						'output.mp4',
						'shot_0001.mp4',
						'shot_0002.mp4',
						'shot_0003.mp4',
						'manifest.json',
						'generation-status.json',
					]
						.map((name) => `reel/${id}/${name}`)
						.sort(),
				);
			});

			test('manual: one shot per entry, an image per shot allowed', async () => {
				const { invocationArn } = await start(
					client,
					reel(REEL_V1, {
						taskType: 'MULTI_SHOT_MANUAL',
						multiShotManualParams: {
							shots: [{ text: 'one', image: image(1280, 720) }, { text: 'two' }],
						},
						videoGenerationConfig: { seed: 5 },
					}),
				);
				expect((await waitForJob(client, invocationArn as string)).status).toBe('Completed');
			});

			test.each([
				[
					'automated durations are multiples of 6',
					{
						taskType: 'MULTI_SHOT_AUTOMATED',
						multiShotAutomatedParams: { text: 'x' },
						videoGenerationConfig: { durationSeconds: 15 },
					},
					'#/videoGenerationConfig/durationSeconds: 15 is not a multiple of 6',
				],
				[
					'automated lasts at most 120 seconds',
					{
						taskType: 'MULTI_SHOT_AUTOMATED',
						multiShotAutomatedParams: { text: 'x' },
						videoGenerationConfig: { durationSeconds: 126 },
					},
					'#/videoGenerationConfig/durationSeconds: 126 is not less or equal to 120',
				],
				[
					'automated needs durationSeconds',
					{ taskType: 'MULTI_SHOT_AUTOMATED', multiShotAutomatedParams: { text: 'x' } },
					'#: required key [videoGenerationConfig] not found',
				],
				[
					'automated text up to 4000 characters',
					{
						taskType: 'MULTI_SHOT_AUTOMATED',
						multiShotAutomatedParams: { text: 'x'.repeat(4001) },
						videoGenerationConfig: { durationSeconds: 12 },
					},
					'#/multiShotAutomatedParams/text: expected maxLength: 4000, actual: 4001',
				],
				[
					'manual needs two shots',
					{ taskType: 'MULTI_SHOT_MANUAL', multiShotManualParams: { shots: [{ text: 'x' }] } },
					'#/multiShotManualParams/shots: expected minimum item count: 2, found: 1',
				],
				[
					'manual takes no durationSeconds',
					{
						taskType: 'MULTI_SHOT_MANUAL',
						multiShotManualParams: { shots: [{ text: 'a' }, { text: 'b' }] },
						videoGenerationConfig: { durationSeconds: 12 },
					},
					'#/videoGenerationConfig: extraneous key [durationSeconds] is not permitted',
				],
			])('%s', async (_name, modelInput, detail) => {
				const error = await captureError(start(client, reel(REEL_V1, modelInput)));
				expect(error).toMatchObject({ name: 'ValidationException', message: malformed(detail) });
			});
		});
	});
});

describe('failures and faults', () => {
	test('a bucket in another region: the job fails when it ends, as AWS troubleshooting describes', async () => {
		const { invocationArn } = await start(
			west,
			ray2(undefined, {
				outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${EAST_BUCKET}/v` } },
			}),
		);
		const job = await waitForJob(west, invocationArn as string);
		expect(job).toMatchObject({
			status: 'Failed',
			failureMessage: `Unable to write the output to S3: the bucket ${EAST_BUCKET} is in us-east-1, not in us-west-2, the region of the invocation.`,
		});
		expect(job.endTime).toBeInstanceOf(Date);
		expect(emulator.control.s3.objects(EAST_BUCKET)).toEqual([]);
	});

	test('with outputBucketCheck "start" the same mistake is a ValidationException at start', async () => {
		emulator.control.configure({ outputBucketCheck: 'start' });
		const error = await captureError(
			start(
				west,
				ray2(undefined, {
					outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${EAST_BUCKET}` } },
				}),
			),
		);
		expect(error).toMatchObject({
			name: 'ValidationException',
			message: `Unable to write the output to S3: the bucket ${EAST_BUCKET} is in us-east-1, not in us-west-2, the region of the invocation.`,
		});
	});

	test('a bucket that does not exist, or of another owner: the job fails', async () => {
		const missing = await start(
			west,
			ray2(undefined, {
				outputDataConfig: { s3OutputDataConfig: { s3Uri: 's3://no-such-bucket/v' } },
			}),
		);
		const foreign = await start(
			west,
			ray2(undefined, {
				outputDataConfig: {
					s3OutputDataConfig: { s3Uri: `s3://${WEST_BUCKET}`, bucketOwner: '210987654321' },
				},
			}),
		);
		expect(await waitForJob(west, missing.invocationArn as string)).toMatchObject({
			status: 'Failed',
			failureMessage: 'Unable to write the output to S3: the bucket no-such-bucket does not exist.',
		});
		expect(await waitForJob(west, foreign.invocationArn as string)).toMatchObject({
			status: 'Failed',
			failureMessage: `Unable to write the output to S3: the bucket ${WEST_BUCKET} is not owned by account 210987654321.`,
		});
	});

	test('a caller without s3:PutObject: the job fails naming the permission', async () => {
		const client = runtimeClient(emulator.url, {
			region: 'us-west-2',
			credentials: DENIED_S3_WRITER,
		});
		const { invocationArn } = await start(client, ray2());
		const job = await waitForJob(client, invocationArn as string);
		expect(job.status).toBe('Failed');
		expect(job.failureMessage).toBe(
			`Unable to write the output to S3: arn:aws:iam::123456789012:user/no-s3-writes is not authorized to perform s3:PutObject on arn:aws:s3:::${WEST_BUCKET}/videos/${(invocationArn as string).split('/')[1]}/output.mp4.`,
		);
	});

	test('the output content-filter trigger ends the job Failed with the documented text and no file', async () => {
		const { invocationArn } = await start(west, ray2({ prompt: 'BEDROCK_FILTER_OUTPUT please' }));
		expect(await waitForJob(west, invocationArn as string)).toMatchObject({
			status: 'Failed',
			failureMessage: 'The generated video has been blocked by our content filters.',
		});
		expect(emulator.control.s3.objects(WEST_BUCKET)).toEqual([]);
	});

	test('a "fail" fault fails the next job with its message, then jobs complete again', async () => {
		const fault = emulator.control.jobs.addFault({
			kind: 'fail',
			failureMessage: 'Internal failure while rendering.',
		});
		expect(fault).toMatchObject({ kind: 'fail', remaining: 1 });
		const failed = await start(west, ray2());
		const fine = await start(west, ray2());
		expect(await waitForJob(west, failed.invocationArn as string)).toMatchObject({
			status: 'Failed',
			failureMessage: 'Internal failure while rendering.',
		});
		expect((await waitForJob(west, fine.invocationArn as string)).status).toBe('Completed');
		expect(emulator.control.jobs.faults()).toEqual([]);
	});

	test('a "hang" fault keeps the job InProgress past its duration; a model filter spares other models', async () => {
		emulator.control.configure({ now: NOVA_REEL_DATE.date });
		emulator.control.jobs.addFault({ kind: 'hang', model: RAY2, count: 'always' });
		const { invocationArn } = await start(west, ray2());
		const eu = runtimeClient(emulator.url, { region: 'eu-west-1' });
		const other = await start(eu, {
			modelId: REEL_V0,
			modelInput: reelText(),
			outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${EU_BUCKET}` } },
		});
		expect((await waitForJob(eu, other.invocationArn as string)).status).toBe('Completed');
		await new Promise((resolve) => setTimeout(resolve, 600));
		const job = await west.send(new GetAsyncInvokeCommand({ invocationArn }));
		expect(job.status).toBe('InProgress');
		expect(job.endTime).toBeUndefined();
	});

	test('job faults are validated over HTTP', async () => {
		const response = await fetch(`${emulator.url}/__emulator/jobs/faults`, {
			method: 'POST',
			body: JSON.stringify({ kind: 'explode' }),
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			error: 'unknown job fault kind "explode"; one of fail, hang',
		});
	});
});

describe('GetAsyncInvoke', () => {
	test('an unknown invocation, or one of another region, is a ValidationException (Get models no 404)', async () => {
		const unknown = 'arn:aws:bedrock:us-west-2:123456789012:async-invoke/abcdefghijkl';
		expect(
			await captureError(west.send(new GetAsyncInvokeCommand({ invocationArn: unknown }))),
		).toMatchObject({
			name: 'ValidationException',
			status: 400,
			message: `The invocation ${unknown} does not exist.`,
		});
		const { invocationArn } = await start(west, ray2());
		const east = runtimeClient(emulator.url, { region: 'us-east-1' });
		expect(
			await captureError(east.send(new GetAsyncInvokeCommand({ invocationArn }))),
		).toMatchObject({
			name: 'ValidationException',
		});
	});

	test('an ARN that breaks the pattern is reported with it', async () => {
		const error = await captureError(
			west.send(
				new GetAsyncInvokeCommand({
					invocationArn: 'arn:aws:bedrock:us-west-2:123456789012:async-invoke/abc123',
				}),
			),
		);
		expect(error.message).toBe(
			"1 validation error detected: Value 'arn:aws:bedrock:us-west-2:123456789012:async-invoke/abc123' at 'invocationArn' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:async-invoke/[a-z0-9]{12}$",
		);
	});

	test('IAM: bedrock:GetAsyncInvoke on the invocation ARN; StartAsyncInvoke is bedrock:InvokeModel on the model', async () => {
		const { invocationArn } = await start(west, ray2());
		emulator.control.configure({
			deniedActions: ['bedrock:GetAsyncInvoke', 'bedrock:InvokeModel'],
		});
		expect(
			await captureError(west.send(new GetAsyncInvokeCommand({ invocationArn }))),
		).toMatchObject({
			name: 'AccessDeniedException',
			status: 403,
			message: `User: arn:aws:iam::123456789012:user/emulator-user is not authorized to perform: bedrock:GetAsyncInvoke on resource: ${invocationArn} because no identity-based policy allows the bedrock:GetAsyncInvoke action`,
		});
		expect(await captureError(start(west, ray2()))).toMatchObject({
			name: 'AccessDeniedException',
			message:
				'User: arn:aws:iam::123456789012:user/emulator-user is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-west-2::foundation-model/luma.ray-v2:0 because no identity-based policy allows the bedrock:InvokeModel action',
		});
	});
});

describe('ListAsyncInvokes', () => {
	/** Five jobs one millisecond apart at least, the second one failed by a fault. */
	async function fiveJobs(): Promise<string[]> {
		const arns: string[] = [];
		for (let index = 0; index < 5; index++) {
			if (index === 1) emulator.control.jobs.addFault({ kind: 'fail' });
			arns.push((await start(west, ray2({ prompt: `job ${index}` }))).invocationArn as string);
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		for (const arn of arns) await waitForJob(west, arn);
		return arns;
	}

	test('every page through the SDK paginator, newest first by default', async () => {
		const arns = await fiveJobs();
		emulator.control.configure({ maxPageSize: 2 });
		const seen: string[] = [];
		let pages = 0;
		for await (const page of paginateListAsyncInvokes({ client: west }, {})) {
			pages += 1;
			expect(page.asyncInvokeSummaries?.length).toBeLessThanOrEqual(2);
			seen.push(...(page.asyncInvokeSummaries ?? []).map((job) => job.invocationArn as string));
		}
		expect(pages).toBe(3);
		expect(seen).toEqual([...arns].reverse());
	});

	test('ascending order, status filter and maxResults', async () => {
		const arns = await fiveJobs();
		const ascending = await west.send(
			new ListAsyncInvokesCommand({
				sortOrder: 'Ascending',
				sortBy: 'SubmissionTime',
				maxResults: 3,
			}),
		);
		expect(ascending.asyncInvokeSummaries?.map((job) => job.invocationArn)).toEqual(
			arns.slice(0, 3),
		);
		expect(ascending.nextToken).toEqual(expect.any(String));
		const failed = await west.send(new ListAsyncInvokesCommand({ statusEquals: 'Failed' }));
		expect(failed.asyncInvokeSummaries).toEqual([
			expect.objectContaining({
				invocationArn: arns[1],
				status: 'Failed',
				failureMessage: 'The generated video has been blocked by our content filters.',
			}),
		]);
		expect(failed.nextToken).toBeUndefined();
	});

	test('submitTimeAfter and submitTimeBefore select a window; jobs of other regions are not listed', async () => {
		const arns = await fiveJobs();
		const jobs = await Promise.all(
			arns.map((invocationArn) => west.send(new GetAsyncInvokeCommand({ invocationArn }))),
		);
		const window = await west.send(
			new ListAsyncInvokesCommand({
				submitTimeAfter: jobs[0].submitTime,
				submitTimeBefore: jobs[4].submitTime,
				sortOrder: 'Ascending',
			}),
		);
		expect(window.asyncInvokeSummaries?.map((job) => job.invocationArn)).toEqual(arns.slice(1, 4));
		const east = runtimeClient(emulator.url, { region: 'us-east-1' });
		expect((await east.send(new ListAsyncInvokesCommand({}))).asyncInvokeSummaries).toEqual([]);
	});

	test('bad parameters and a token of another listing are rejected', async () => {
		expect(
			await captureError(west.send(new ListAsyncInvokesCommand({ maxResults: 0 }))),
		).toMatchObject({
			name: 'ValidationException',
			message:
				"1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
		});
		await fiveJobs();
		const page = await west.send(new ListAsyncInvokesCommand({ maxResults: 2 }));
		const error = await captureError(
			west.send(
				new ListAsyncInvokesCommand({
					maxResults: 2,
					statusEquals: 'Completed',
					nextToken: page.nextToken,
				}),
			),
		);
		expect(error).toMatchObject({
			name: 'ValidationException',
			message: 'The pagination token in the request is invalid.',
		});
	});
});

test('the catalog lists Ray2 in us-west-2 with the VIDEO output modality; Reel v1:0 in eu-west-1 until its end of life', async () => {
	const westModels = await controlPlaneClient(emulator.url, { region: 'us-west-2' }).send(
		new ListFoundationModelsCommand({ byProvider: 'Luma AI' }),
	);
	expect(westModels.modelSummaries).toEqual([
		expect.objectContaining({
			modelId: RAY2,
			providerName: 'Luma AI',
			inputModalities: ['TEXT', 'IMAGE'],
			outputModalities: ['VIDEO'],
			inferenceTypesSupported: ['ON_DEMAND'],
			modelLifecycle: { status: 'ACTIVE' },
		}),
	]);
	const euModels = async () =>
		(
			await controlPlaneClient(emulator.url, { region: 'eu-west-1' }).send(
				new ListFoundationModelsCommand({}),
			)
		).modelSummaries ?? [];
	// Today it is past its end of life: no longer listed.
	expect((await euModels()).map((model) => model.modelId)).not.toContain(REEL_V0);
	// Legacy from 2026-03-30 (catalog/lifecycle.ts); v1:1 was never offered there.
	emulator.control.configure({ now: '2026-06-01' });
	const listed = await euModels();
	expect(listed.find((model) => model.modelId === REEL_V0)).toMatchObject({
		outputModalities: ['VIDEO'],
		modelLifecycle: {
			status: 'LEGACY',
			legacyTime: new Date('2026-03-30T00:00:00Z'),
			endOfLifeTime: new Date('2026-09-30T00:00:00Z'),
		},
	});
	expect(listed.some((model) => model.modelId === REEL_V1)).toBe(false);
});
