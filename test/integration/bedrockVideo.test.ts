/**
 * Bedrock Video through n8n-core against the emulator: Generate Video for Luma Ray2 and Nova
 * Reel with every parameter, the request as sent, the MP4 as n8n stores it (ffprobe).
 */
import { startEmulator } from '../../emulator/src/index.ts';
import { useEmulator } from './helpers.ts';
import { imageFile, itemWith } from './imageHelpers.ts';
import {
	byId,
	EAST_BUCKET,
	EU_BUCKET,
	FAST_JOBS,
	NODE_NAME,
	nodeError,
	onlyStartBody,
	probeVideo,
	ray2,
	REEL_V0,
	REEL_V1,
	requestsOf,
	requireVideoTools,
	runVideoNode,
	WEST_BUCKET,
} from './videoHelpers.ts';

requireVideoTools();
const emulator = useEmulator(FAST_JOBS);

describe('Generate Video, Luma Ray2', () => {
	test('text to video: every setting sent, the MP4 returned with the job in the item', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: ray2({ aspectRatio: '21:9', resolution: '540p', duration: '9s', loop: true }),
		});
		expect(result.error(NODE_NAME)).toBeUndefined();
		const [item] = result.output(NODE_NAME);
		const body = onlyStartBody(emulator.current);
		expect(body).toMatchObject({
			modelId: 'luma.ray-v2:0',
			modelInput: {
				prompt: 'A red fox runs through fresh snow at dawn',
				aspect_ratio: '21:9',
				resolution: '540p',
				duration: '9s',
				loop: true,
			},
			outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${WEST_BUCKET}/videos` } },
		});
		expect(String(body.clientRequestToken)).toMatch(/^n8n-[0-9a-f]{24}-[0-9a-f]{24}$/);
		const probe = await probeVideo(result, item);
		expect(probe).toMatchObject({ width: 1260, height: 540, codec: 'h264', frameRate: '24/1' });
		expect(probe.duration).toBeCloseTo(9, 0);
		expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileExtension: 'mp4' });
		expect(item.json).toMatchObject({
			status: 'Completed',
			modelId: 'luma.ray-v2:0',
			region: 'us-west-2',
			task: 'text-to-video',
			videoSeconds: 9,
			resolution: '540p',
			estimatedCostUsd: 6.75,
			mimeType: 'video/mp4',
			fileSize: probe.bytes.length,
			clientRequestToken: body.clientRequestToken,
			bucketRegion: 'us-west-2',
		});
		const id = String(item.json.invocationId);
		expect(item.json.s3Uri).toBe(`s3://${WEST_BUCKET}/videos/${id}/output.mp4`);
		expect(item.binary?.data.fileName).toMatch(new RegExp(`^ray-v2-0-\\d{8}-\\d{6}-${id}\\.mp4$`));
	});
});

describe('Generate Video, Luma Ray2 image to video', () => {
	test('start and end frames from input binaries become keyframes frame0 and frame1, with their real types', async () => {
		const start = imageFile({ width: 1280, height: 720, format: 'png', label: 'start' });
		const end = imageFile({ width: 1280, height: 720, format: 'jpeg', label: 'end' });
		const result = await runVideoNode(emulator.current, {
			parameters: ray2({ startFrameField: 'first', endFrameField: 'last' }),
			input: [itemWith({ first: start, last: end })],
		});
		expect(result.error(NODE_NAME)).toBeUndefined();
		const body = onlyStartBody(emulator.current) as { modelInput: Record<string, unknown> };
		expect(body.modelInput).toMatchObject({
			aspect_ratio: '16:9',
			resolution: '720p',
			duration: '5s',
			loop: false,
			keyframes: {
				frame0: { type: 'image', source: { type: 'base64', media_type: 'image/png' } },
				frame1: { type: 'image', source: { type: 'base64', media_type: 'image/jpeg' } },
			},
		});
		const [item] = result.output(NODE_NAME);
		expect(item.json).toMatchObject({ task: 'image-to-video', estimatedCostUsd: 7.5 });
		const probe = await probeVideo(result, item);
		expect(probe).toMatchObject({ width: 1280, height: 720 });
		expect(probe.duration).toBeCloseTo(5, 0);
	});

	test('only an end frame: frame1 alone', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: ray2({ endFrameField: 'data', aspectRatio: '9:16', resolution: '540p' }),
			input: [itemWith({ data: imageFile({ width: 600, height: 1000 }) })],
		});
		expect(result.error(NODE_NAME)).toBeUndefined();
		const { modelInput } = onlyStartBody(emulator.current) as {
			modelInput: { keyframes: Record<string, unknown> };
		};
		expect(Object.keys(modelInput.keyframes)).toEqual(['frame1']);
		const probe = await probeVideo(result, result.output(NODE_NAME)[0]);
		expect(probe).toMatchObject({ width: 540, height: 960 });
	});

	test.each([
		[
			'a frame under 512 px',
			{ startFrameField: 'data' },
			itemWith({ data: imageFile({ width: 400, height: 400 }) }),
			'Start Frame Field: the image in "data" is 400x400: each side must be at least 512 px',
		],
		[
			'a WebP frame',
			{ startFrameField: 'data' },
			itemWith({ data: imageFile({ width: 800, height: 800, format: 'webp' }) }),
			'Start Frame Field: "data" is a WebP image, which this model does not accept',
		],
		[
			'a missing binary field',
			{ endFrameField: 'nothere' },
			{ json: {} },
			'End Frame Field: the input item has no binary field "nothere"',
		],
		['an empty prompt', { prompt: '  ' }, { json: {} }, 'Prompt is empty'],
		[
			'a prompt over 5,000 characters',
			{ prompt: 'a'.repeat(5001) },
			{ json: {} },
			'Prompt is 5001 characters long; this model accepts at most 5000',
		],
		[
			'an aspect ratio Ray2 does not know (by expression)',
			{ aspectRatio: '={{ "2:1" }}' },
			{ json: {} },
			'Aspect Ratio must be 16:9, 1:1, 9:16, 4:3, 3:4, 21:9 or 9:21 (got "2:1")',
		],
		[
			'a duration of 7s (by expression)',
			{ duration: '={{ "7s" }}' },
			{ json: {} },
			'Duration must be 5s or 9s (got "7s")',
		],
		[
			'an output URI that is not s3://',
			{ outputS3Uri: 's3://UPPER/videos' },
			{ json: {} },
			'Output S3 URI must be s3://bucket or s3://bucket/prefix (bucket: 3–63 lower-case letters, digits, dots and hyphens) (got "s3://UPPER/videos")',
		],
	])('%s is refused before any AWS call', async (_case, extra, input, message) => {
		const result = await runVideoNode(emulator.current, {
			parameters: ray2(extra),
			input: [input],
		});
		expect(nodeError(result)?.message).toBe(message);
		const calls = emulator.current.control
			.requests()
			.filter((request) => ['HeadBucket', 'StartAsyncInvoke'].includes(request.operation ?? ''));
		expect(calls).toHaveLength(0);
	});

	test('three items run as three jobs at once (Concurrency 3), outputs in input order and paired', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: ray2({ prompt: '={{ $json.prompt }}' }, { concurrency: 3 }),
			input: [
				{ json: { prompt: 'one' } },
				{ json: { prompt: 'two' } },
				{ json: { prompt: 'three' } },
			],
		});
		const items = result.output(NODE_NAME);
		expect(items.map((item) => [item.json.prompt, item.pairedItem])).toEqual([
			['one', { item: 0 }],
			['two', { item: 1 }],
			['three', { item: 2 }],
		]);
		const jobs = emulator.current.control.jobs.list();
		expect(jobs).toHaveLength(3);
		// All three started before the first finished: they ran at the same time.
		const firstEnd = Math.min(...jobs.map((job) => Date.parse(job.endTime ?? '')));
		expect(jobs.every((job) => Date.parse(job.submitTime) < firstEnd)).toBe(true);
	});

	test('Put Output in Field, KMS key and bucket owner', async () => {
		const kms = 'arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
		const result = await runVideoNode(emulator.current, {
			parameters: ray2(
				{},
				{ binaryPropertyOutput: 'video', kmsKeyId: kms, bucketOwner: '123456789012' },
			),
		});
		expect(result.error(NODE_NAME)).toBeUndefined();
		const [item] = result.output(NODE_NAME);
		expect(Object.keys(item.binary ?? {})).toEqual(['video']);
		expect(onlyStartBody(emulator.current).outputDataConfig).toEqual({
			s3OutputDataConfig: {
				s3Uri: `s3://${WEST_BUCKET}/videos`,
				kmsKeyId: kms,
				bucketOwner: '123456789012',
			},
		});
	});
});

describe('Generate Video, Nova Reel', () => {
	const reel = (extra: Record<string, unknown> = {}) => ({
		operation: 'generate',
		modelId: byId(REEL_V0),
		prompt: 'Waves roll onto a beach at sunset',
		outputS3Uri: `s3://${EU_BUCKET}/reel`,
		...extra,
		options: { maxPollIntervalSeconds: 1 },
	});

	test('v1:0 single shot with a 1280x720 start image and a seed (eu-west-1, Legacy: with the lifecycle notice)', async () => {
		// Nova Reel was Legacy from 2026-03-30 to its end of life on 2026-09-30 (in every region):
		// the emulator runs at a Legacy day. By the node's clock (today) the end of life has passed.
		emulator.current.control.configure({ now: '2026-06-01' });
		const result = await runVideoNode(emulator.current, {
			parameters: reel({ startImageField: 'data', seed: 1234 }),
			input: [itemWith({ data: imageFile({ width: 1280, height: 720, format: 'jpeg' }) })],
			region: 'eu-west-1',
		});
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(onlyStartBody(emulator.current).modelInput).toMatchObject({
			taskType: 'TEXT_VIDEO',
			textToVideoParams: {
				text: 'Waves roll onto a beach at sunset',
				images: [{ format: 'jpeg', source: { bytes: expect.any(String) } }],
			},
			videoGenerationConfig: { durationSeconds: 6, fps: 24, dimension: '1280x720', seed: 1234 },
		});
		const [item] = result.output(NODE_NAME);
		expect(item.json).toMatchObject({
			modelId: REEL_V0,
			region: 'eu-west-1',
			task: 'image-to-video',
			videoSeconds: 6,
			estimatedCostUsd: 0.48,
		});
		expect(item.json.lifecycleNotice).toBe(
			'amazon.nova-reel-v1:0 is past its end of life in eu-west-1 (2026-09-30): Bedrock still answered, but can stop serving it at any time. Move to an active model: Bedrock List Models (List Invocable Models, Include Legacy Models off) shows those of eu-west-1.',
		);
		const probe = await probeVideo(result, item);
		expect(probe).toMatchObject({ width: 1280, height: 720, frameRate: '24/1' });
		expect(probe.duration).toBeCloseTo(6, 0);
	});

	test('a start image that is not 1280x720 is refused before the call', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: reel({ startImageField: 'data' }),
			input: [itemWith({ data: imageFile({ width: 1024, height: 576 }) })],
			region: 'eu-west-1',
		});
		expect(nodeError(result)?.message).toBe(
			'Start Image Field: the image in "data" is 1024x576, not one of the allowed sizes',
		);
		expect(requestsOf(emulator.current, 'StartAsyncInvoke')).toHaveLength(0);
	});

	test('multi-shot on v1:0 is refused: it needs v1:1', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: reel({ reelTask: 'MULTI_SHOT_AUTOMATED' }),
			region: 'eu-west-1',
		});
		expect(nodeError(result)?.message).toBe(
			'Task "Multi Shot Automated" needs Nova Reel 1.1 (amazon.nova-reel-v1:1); amazon.nova-reel-v1:0 makes single 6-second shots only',
		);
	});

	test("v1:1 in us-east-1 today (past its end of life): Bedrock's answer is the headline", async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: reel({ modelId: byId(REEL_V1), outputS3Uri: `s3://${EAST_BUCKET}/reel` }),
			region: 'us-east-1',
		});
		expect(nodeError(result)?.message).toBe(
			'The model "amazon.nova-reel-v1:1" has reached its end of life in us-east-1',
		);
	});

	describe('v1:1 multi-shot, on an emulator whose lifecycle date is before the end of life', () => {
		let early: Awaited<ReturnType<typeof startEmulator>>;
		beforeAll(async () => {
			// Legacy on 2026-09-01 (catalog/lifecycle.ts); request signatures keep the real clock.
			early = await startEmulator({ ...FAST_JOBS, now: '2026-09-01' });
		});
		beforeEach(() => early.control.reset());
		afterAll(async () => await early.stop());

		test('automated: 18 seconds from one prompt', async () => {
			const result = await runVideoNode(early, {
				parameters: reel({
					modelId: byId(REEL_V1),
					outputS3Uri: `s3://${EAST_BUCKET}/reel`,
					reelTask: 'MULTI_SHOT_AUTOMATED',
					reelDurationSeconds: 18,
					seed: 7,
				}),
				region: 'us-east-1',
			});
			expect(nodeError(result)).toBeUndefined();
			const starts = requestsOf(early, 'StartAsyncInvoke').filter((start) => start.status === 200);
			expect(starts[0].body).toMatchObject({
				modelInput: {
					taskType: 'MULTI_SHOT_AUTOMATED',
					multiShotAutomatedParams: { text: 'Waves roll onto a beach at sunset' },
					videoGenerationConfig: { durationSeconds: 18, fps: 24, dimension: '1280x720', seed: 7 },
				},
			});
			const [item] = result.output(NODE_NAME);
			expect(item.json).toMatchObject({
				task: 'multi-shot-automated',
				videoSeconds: 18,
				estimatedCostUsd: 1.44,
			});
			const probe = await probeVideo(result, item);
			expect(probe).toMatchObject({ width: 1280, height: 720 });
			expect(probe.duration).toBeCloseTo(18, 0);
		});

		test('manual: one shot per entry, an image on the second, no durationSeconds sent', async () => {
			const result = await runVideoNode(early, {
				parameters: reel({
					modelId: byId(REEL_V1),
					outputS3Uri: `s3://${EAST_BUCKET}/reel`,
					reelTask: 'MULTI_SHOT_MANUAL',
					shots: {
						shot: [
							{ text: 'A lighthouse at dawn' },
							{ text: 'Gulls over the water', imageField: 'second' },
							{ text: 'Night falls' },
						],
					},
				}),
				input: [itemWith({ second: imageFile({ width: 1280, height: 720 }) })],
				region: 'us-east-1',
			});
			expect(nodeError(result)).toBeUndefined();
			const starts = requestsOf(early, 'StartAsyncInvoke').filter((start) => start.status === 200);
			const { modelInput } = starts[0].body as {
				modelInput: {
					videoGenerationConfig: Record<string, unknown>;
					multiShotManualParams: { shots: unknown[] };
				};
			};
			expect(modelInput.videoGenerationConfig).toEqual({ fps: 24, dimension: '1280x720', seed: 0 });
			expect(modelInput.multiShotManualParams.shots).toEqual([
				{ text: 'A lighthouse at dawn' },
				{
					text: 'Gulls over the water',
					image: { format: 'png', source: { bytes: expect.any(String) } },
				},
				{ text: 'Night falls' },
			]);
			const probe = await probeVideo(result, result.output(NODE_NAME)[0]);
			expect(probe.duration).toBeCloseTo(18, 0);
		});

		test('manual with one shot, or an empty shot prompt, is refused before the call', async () => {
			const one = await runVideoNode(early, {
				parameters: reel({
					modelId: byId(REEL_V1),
					outputS3Uri: `s3://${EAST_BUCKET}/reel`,
					reelTask: 'MULTI_SHOT_MANUAL',
					shots: { shot: [{ text: 'only one' }] },
				}),
				region: 'us-east-1',
			});
			expect(nodeError(one)?.message).toBe('Shots must be between 2 and 20 (got 1)');
			const empty = await runVideoNode(early, {
				parameters: reel({
					modelId: byId(REEL_V1),
					outputS3Uri: `s3://${EAST_BUCKET}/reel`,
					reelTask: 'MULTI_SHOT_MANUAL',
					shots: { shot: [{ text: 'first' }, { text: ' ' }] },
				}),
				region: 'us-east-1',
			});
			expect(nodeError(empty)?.message).toBe('Shot 2: Shot Prompt is empty');
			expect(requestsOf(early, 'StartAsyncInvoke')).toHaveLength(0);
		});

		test('automated with 20 seconds (not a multiple of 6) is refused before the call', async () => {
			const result = await runVideoNode(early, {
				parameters: reel({
					modelId: byId(REEL_V1),
					outputS3Uri: `s3://${EAST_BUCKET}/reel`,
					reelTask: 'MULTI_SHOT_AUTOMATED',
					reelDurationSeconds: 20,
				}),
				region: 'us-east-1',
			});
			expect(nodeError(result)?.message).toBe(
				'Duration (Seconds) must be a multiple of 6 between 12 and 120 (got 20)',
			);
		});
	});
});
