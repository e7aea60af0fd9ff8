/**
 * One measurement of scenario 7, in a fresh process: one Luma Ray2 job whose `output.mp4` the
 * emulator pads to `bytes` (scenario 7 sets `videoMinOutputBytes`), run by the Bedrock Video
 * node in n8n's filesystem binary-data mode, and the process's peak RSS growth during it
 * (`peakRssGrowth` in lib.ts: a warm-up job first, then collections, then the measured job).
 *
 *   node --expose-gc tooling/bench/videoChild.ts <emulator url> <bytes> [node|raw]
 *     → prints {"bytes", "baselineRss", "peakRss", "growth", "samples", "wallMs"}
 *
 * `raw` does the same with the raw SDK in the same kind of process, as an application would:
 * StartAsyncInvoke, GetAsyncInvoke every second until the job ends, then S3 GetObject with the
 * response body piped to a file.
 */
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { getEngine, runWorkflow } from '../harness/n8n.ts';
import { nodeCredentials, peakRssGrowth, rawRuntimeClient, rawS3Client } from './lib.ts';

const REGION = 'us-west-2';
const RAY2 = 'luma.ray-v2:0';
/** The emulator's startup bucket in us-west-2 (docs/emulator-video.md). */
const BUCKET = 'bedrock-emulator-us-west-2';
const PREFIX = 'bench-video';
const PROMPT = 'A red fox runs through fresh snow at dawn, slow motion, tracking shot';

/** The node's video: checked so that a run that downloaded nothing cannot pass. */
async function runNode(url: string, bytes: number): Promise<void> {
	const result = await runWorkflow({
		nodes: [
			{
				name: 'Video',
				type: 'bedrockVideo',
				parameters: {
					operation: 'generate',
					modelId: { __rl: true, mode: 'id', value: RAY2 },
					prompt: PROMPT,
					aspectRatio: '16:9',
					resolution: '720p',
					duration: '5s',
					loop: false,
					outputS3Uri: `s3://${BUCKET}/${PREFIX}`,
					// The emulator's job lasts 1 s: check after 1 s rather than 2.
					options: { maxPollIntervalSeconds: 1 },
				},
			},
		],
		input: [{ json: {} }],
		credentials: nodeCredentials(url, REGION),
	});
	const error = result.error('Video') ?? result.error();
	if (error) throw error;
	const [item] = result.output('Video');
	if (!item || Number(item.json.fileSize) < bytes) {
		throw new Error(`the node returned ${String(item?.json.fileSize)} bytes, expected ${bytes}`);
	}
}

async function rawSide(url: string) {
	const runtime = await rawRuntimeClient(url, REGION);
	const s3 = await rawS3Client(url, REGION);
	const { StartAsyncInvokeCommand, GetAsyncInvokeCommand } = await import(
		'@aws-sdk/client-bedrock-runtime'
	);
	const { GetObjectCommand } = await import('@aws-sdk/client-s3');
	const directory = await mkdtemp(path.join(tmpdir(), 'bench-raw-video-'));
	process.on('exit', () => rmSync(directory, { recursive: true, force: true }));
	let runs = 0;
	return async (bytes: number): Promise<void> => {
		const { invocationArn } = await runtime.send(
			new StartAsyncInvokeCommand({
				modelId: RAY2,
				modelInput: {
					prompt: PROMPT,
					aspect_ratio: '16:9',
					resolution: '720p',
					duration: '5s',
					loop: false,
				},
				outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${BUCKET}/${PREFIX}` } },
			}),
		);
		let job = await runtime.send(new GetAsyncInvokeCommand({ invocationArn }));
		while (job.status === 'InProgress') {
			await new Promise((resolve) => setTimeout(resolve, 1000));
			job = await runtime.send(new GetAsyncInvokeCommand({ invocationArn }));
		}
		if (job.status !== 'Completed') throw new Error(`job ${job.status}: ${job.failureMessage}`);
		const folder = job.outputDataConfig?.s3OutputDataConfig?.s3Uri ?? '';
		const key = `${folder.replace(`s3://${BUCKET}/`, '')}/output.mp4`;
		const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
		const file = path.join(directory, `${runs++}.mp4`);
		await pipeline(object.Body as Readable, createWriteStream(file));
		if (statSync(file).size < bytes) throw new Error(`downloaded ${statSync(file).size} bytes`);
	};
}

async function main(): Promise<void> {
	const [url, bytesText, side = 'node'] = process.argv.slice(2);
	const bytes = Number(bytesText);
	process.env.N8N_LOG_LEVEL ??= 'info';
	await getEngine();
	const work = side === 'raw' ? await rawSide(url) : (size: number) => runNode(url, size);
	// Warm-up: SDK and S3 client loaded, connections made, the emulator's render cached.
	const measured = await peakRssGrowth(
		() => work(bytes),
		() => work(bytes),
	);
	process.stdout.write(`${JSON.stringify({ bytes, ...measured })}\n`);
	process.exit(0);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
