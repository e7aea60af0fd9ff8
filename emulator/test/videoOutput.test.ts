/**
 * The MP4 files finished jobs write are real videos: downloaded through the emulator's S3 with
 * the SDK and read by ffprobe, they report the resolution, frame rate and duration the request
 * asked for. Also: the padded output for download benchmarks, and a job that fails with a clear
 * message when ffmpeg is missing.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import {
	type BedrockRuntimeClient,
	StartAsyncInvokeCommand,
	type StartAsyncInvokeCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

import { type RunningEmulator, startEmulator } from '../src/index.ts';
import { NOVA_REEL_DATE } from './lifecycleDates.ts';
import { runtimeClient } from './sdkHarness.ts';
import {
	EAST_BUCKET,
	EU_BUCKET,
	RAY2,
	REEL_V0,
	REEL_V1,
	WEST_BUCKET,
	ffprobe,
	s3Client,
	splitS3Uri,
	requireVideoTools,
	waitForJob,
} from './videoHarness.ts';

let emulator: RunningEmulator;
let folder: string;

beforeAll(async () => {
	requireVideoTools();
	emulator = await startEmulator({ videoJobSeconds: 0.1 });
	folder = mkdtempSync(join(tmpdir(), 'video-output-test-'));
});
afterAll(async () => {
	await emulator.stop();
	rmSync(folder, { recursive: true, force: true });
});

/** Starts the job, waits for it and downloads `<folder>/<name>` with GetObject, streamed to disk. */
async function runAndDownload(
	client: BedrockRuntimeClient,
	s3: S3Client,
	input: StartAsyncInvokeCommandInput,
	names = ['output.mp4'],
): Promise<string[]> {
	const { invocationArn } = await client.send(new StartAsyncInvokeCommand(input));
	const job = await waitForJob(client, invocationArn as string, 60_000);
	expect(job).toMatchObject({ status: 'Completed' });
	const { bucket, key } = splitS3Uri(job.outputDataConfig?.s3OutputDataConfig?.s3Uri as string);
	const paths: string[] = [];
	for (const name of names) {
		const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${key}/${name}` }));
		expect(object.ContentType).toBe('video/mp4');
		const path = join(folder, `${(invocationArn as string).split('/')[1]}-${name}`);
		await pipeline(object.Body as Readable, createWriteStream(path));
		paths.push(path);
	}
	return paths;
}

describe('Luma Ray2', () => {
	const west = () => runtimeClient(emulator.url, { region: 'us-west-2' });
	const s3 = () => s3Client(emulator.url, { region: 'us-west-2' });

	// Every aspect ratio once; both resolutions and both durations among them.
	test.each([
		['16:9', '720p', '5s', 1280, 720],
		['9:16', '540p', '9s', 540, 960],
		['1:1', '720p', '9s', 720, 720],
		['4:3', '540p', '5s', 720, 540],
		['3:4', '720p', '5s', 720, 960],
		['21:9', '540p', '5s', 1260, 540],
		['9:21', '720p', '9s', 720, 1680],
	])(
		'%s at %s for %s is a %ix%i H.264 MP4 at 24 fps',
		async (aspect, resolution, duration, width, height) => {
			const [path] = await runAndDownload(west(), s3(), {
				modelId: RAY2,
				modelInput: { prompt: 'a paper boat', aspect_ratio: aspect, resolution, duration },
				outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${WEST_BUCKET}/ray2` } },
			});
			const seconds = Number.parseInt(duration, 10);
			expect(await ffprobe(path)).toEqual({
				width,
				height,
				codec: 'h264',
				frameRate: '24/1',
				frames: seconds * 24,
				duration: seconds,
				formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
			});
		},
	);

	test('with no optional field: 16:9, 720p, 5 s', async () => {
		const [path] = await runAndDownload(west(), s3(), {
			modelId: RAY2,
			modelInput: { prompt: 'defaults' },
			outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${WEST_BUCKET}` } },
		});
		expect(await ffprobe(path)).toMatchObject({ width: 1280, height: 720, duration: 5 });
	});

	test('videoMinOutputBytes pads output.mp4 to 50 MB with a free box; it stays a valid 5-second video', async () => {
		const fifty = 50 * 1024 * 1024;
		emulator.control.configure({ videoMinOutputBytes: fifty });
		try {
			const [path] = await runAndDownload(west(), s3(), {
				modelId: RAY2,
				modelInput: { prompt: 'a large download', resolution: '540p' },
				outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${WEST_BUCKET}/big` } },
			});
			expect(statSync(path).size).toBe(fifty);
			expect(await ffprobe(path)).toMatchObject({
				width: 960,
				height: 540,
				duration: 5,
				frames: 120,
			});
		} finally {
			emulator.control.configure({ videoMinOutputBytes: 0 });
		}
	});
});

// Nova Reel reached its end of life on 2026-09-30: its jobs run at a date it was Active.
describe('Nova Reel', () => {
	beforeEach(() => emulator.control.configure({ now: NOVA_REEL_DATE.date }));
	afterEach(() => emulator.control.configure({ now: null }));

	test('text-to-video: 1280x720, 24 fps, 6 seconds', async () => {
		const eu = runtimeClient(emulator.url, { region: 'eu-west-1' });
		const [path] = await runAndDownload(eu, s3Client(emulator.url, { region: 'eu-west-1' }), {
			modelId: REEL_V0,
			modelInput: {
				taskType: 'TEXT_VIDEO',
				textToVideoParams: { text: 'snow on pines' },
				videoGenerationConfig: { durationSeconds: 6, fps: 24, dimension: '1280x720' },
			},
			outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${EU_BUCKET}/reel` } },
		});
		expect(await ffprobe(path)).toMatchObject({
			width: 1280,
			height: 720,
			frameRate: '24/1',
			duration: 6,
		});
	});

	test('multi-shot (v1:1): output.mp4 is the total, each shot file 6 seconds', async () => {
		const options = { region: 'us-east-1' };
		const [output, shot] = await runAndDownload(
			runtimeClient(emulator.url, options),
			s3Client(emulator.url, options),
			{
				modelId: REEL_V1,
				modelInput: {
					taskType: 'MULTI_SHOT_MANUAL',
					multiShotManualParams: { shots: [{ text: 'one' }, { text: 'two' }] },
				},
				outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${EAST_BUCKET}/shots` } },
			},
			['output.mp4', 'shot_0002.mp4'],
		);
		expect(await ffprobe(output)).toMatchObject({
			width: 1280,
			height: 720,
			duration: 12,
			frames: 288,
		});
		expect(await ffprobe(shot)).toMatchObject({ width: 1280, height: 720, duration: 6 });
	});
});

test('without ffmpeg the job fails with a message naming ffmpeg and how to install it', async () => {
	const emptyCache = mkdtempSync(join(tmpdir(), 'video-cache-test-'));
	const noFfmpeg = await startEmulator({
		videoJobSeconds: 0.1,
		ffmpegPath: '/nonexistent/ffmpeg',
		videoCacheFolder: emptyCache,
	});
	try {
		const client = runtimeClient(noFfmpeg.url, { region: 'us-west-2' });
		const { invocationArn } = await client.send(
			new StartAsyncInvokeCommand({
				modelId: RAY2,
				modelInput: { prompt: 'x' },
				outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${WEST_BUCKET}` } },
			}),
		);
		expect(await waitForJob(client, invocationArn as string)).toMatchObject({
			status: 'Failed',
			failureMessage:
				'The offline emulator could not produce the video: ffmpeg was not found ("/nonexistent/ffmpeg"). Install ffmpeg (in the n8n-nodes-bedrock repository: tooling/ensure-ffmpeg.sh) or set BEDROCK_EMULATOR_FFMPEG to its path.',
		});
	} finally {
		await noFfmpeg.stop();
		rmSync(emptyCache, { recursive: true, force: true });
	}
});
