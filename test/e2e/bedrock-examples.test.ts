/**
 * The pack in a real, pinned n8n, installed from its `npm pack` tarball the way Settings installs
 * a community package, running the example workflows of examples/ from n8n's CLI against the
 * offline emulator. What each run produced is checked independently of the pack: the files on
 * disk and the stored binary data are decoded here, and the emulator's request log says what
 * reached "Bedrock".
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startEmulator, type RunningEmulator } from '../../emulator/src/index.ts';
import { decodePng } from '../../emulator/src/images/png.ts';
import { ffprobe, requireVideoTools } from '../../emulator/test/videoHarness.ts';
import type { RequestLogEntry } from '../../emulator/src/requestLog.ts';
import { describeE2e } from './gate.ts';
import {
	EXAMPLES,
	emulatorCredential,
	loadExample,
	scheduledImagesWritingTo,
	scheduledVideoWritingTo,
} from '../../tooling/n8n/examples.ts';
import {
	createN8nInstance,
	type ExecutedRun,
	type N8nInstance,
} from '../../tooling/n8n/n8nInstance.ts';
import { pngHeader, pngSize } from '../../tooling/n8n/images.ts';
import { repoRoot } from '../../tooling/n8n/paths.ts';
import { nodeItems, type BinaryRef, type ExecutionItem } from '../../tooling/n8n/runData.ts';
import { recordTiming, timed } from './timings.ts';

const MINUTE = 60_000;
const PACKAGE = 'n8n-nodes-bedrock';

const ROSE = 'Create a picture of a natural rose flower with dews on the pettles, leaf and stem';

/** The emulator logs body strings over 256 characters as `<N chars sha256:first16>`. */
function loggedString(text: string): string {
	if (text.length <= 256) return text;
	const digest = createHash('sha256').update(text).digest('hex').slice(0, 16);
	return `<${text.length} chars sha256:${digest}>`;
}

/** How the emulator logs an image sent as base64. */
function loggedBase64(bytes: Buffer): string {
	return loggedString(bytes.toString('base64'));
}

/** Every item a node produced over all its runs (a node with two parents runs once per branch). */
function allItems(run: ExecutedRun, nodeName: string): ExecutionItem[] {
	return (run.runData[nodeName] ?? []).flatMap((_, runIndex) =>
		nodeItems(run, nodeName, { runIndex }),
	);
}

describeE2e('the example workflows in a real n8n, against the emulator', () => {
	let emulator: RunningEmulator;
	let n8n: N8nInstance;
	let imageFolder: string;
	let videoFolder: string;

	/** The bytes n8n stored for a binary field (n8n 2.x's filesystem mode keeps them in .n8n/storage). */
	function storedBinary(ref: BinaryRef | undefined): Buffer {
		const id = ref?.id ?? '';
		const match = /^filesystem(?:-v2)?:(.+)$/.exec(id);
		if (!match)
			throw new Error(`binary data is not stored in filesystem mode: ${JSON.stringify(ref)}`);
		return readFileSync(join(n8n.userFolder, '.n8n', 'storage', match[1]));
	}

	function invocations(): RequestLogEntry[] {
		return emulator.control.requests().filter((entry) => entry.operation === 'InvokeModel');
	}

	async function runExample(name: keyof typeof EXAMPLES): Promise<ExecutedRun> {
		const run = await n8n.executeWorkflow(EXAMPLES[name].id);
		recordTiming(`n8n execute: example ${EXAMPLES[name].file}`, run.seconds);
		return run;
	}

	beforeAll(async () => {
		// The video example's MP4 files are rendered by ffmpeg and read back by ffprobe.
		requireVideoTools();
		// Video jobs run 2 s (as in `npm start`): the node polls a running job, then downloads.
		emulator = await startEmulator({ port: 0, videoJobSeconds: 2 });
		n8n = await createN8nInstance({ name: 'examples' });
		await timed('pack + install the Bedrock pack (npm pack → nodes folder)', () =>
			n8n.installPackageFromSource(repoRoot()),
		);
		await n8n.importCredentials(emulatorCredential(emulator.url));
		// The scheduled job writes into a folder of the instance's allowed files folder.
		imageFolder = join(n8n.filesDir, 'bedrock-images');
		mkdirSync(imageFolder, { recursive: true });
		videoFolder = join(n8n.filesDir, 'bedrock-videos');
		mkdirSync(videoFolder, { recursive: true });
		await timed('import the six examples (one CLI call)', () =>
			n8n.importWorkflows([
				scheduledImagesWritingTo(imageFolder),
				loadExample('editChain'),
				loadExample('modelDiscovery'),
				loadExample('textPipeline'),
				loadExample('scheduledBudget'),
				scheduledVideoWritingTo(videoFolder),
			]),
		);
	}, 20 * MINUTE);

	beforeEach(() => {
		emulator.control.reset();
		// reset restores the settings: the short video jobs again.
		emulator.control.configure({ videoJobSeconds: 2 });
	});

	afterAll(async () => {
		await n8n?.dispose();
		await emulator?.stop();
	}, MINUTE);

	test('the pack is installed like a community package: runtime dependencies only', () => {
		const installed = join(n8n.nodesDir, 'node_modules', PACKAGE);
		expect(
			existsSync(join(installed, 'dist', 'nodes', 'BedrockImage', 'BedrockImage.node.js')),
		).toBe(true);
		expect(existsSync(join(installed, 'node_modules', '@aws-sdk', 'client-bedrock-runtime'))).toBe(
			true,
		);
		// n8n-workflow is a peer: n8n's own copy is used, none is installed next to the pack.
		expect(existsSync(join(installed, 'node_modules', 'n8n-workflow'))).toBe(false);
		// The tarball ships the build, not the sources or tests.
		expect(existsSync(join(installed, 'nodes'))).toBe(false);
		expect(existsSync(join(installed, 'test'))).toBe(false);
	});

	test(
		"scheduled image job: SD3.5 Large's rose and Ultra's car written to disk as real 1024x1024 PNGs",
		async () => {
			const run = await runExample('scheduledImages');

			// What reached Bedrock: the rose for SD3.5 Large and the Bedrock Ultra sample's body, in us-west-2.
			const calls = invocations();
			expect(calls.map((call) => [call.modelId, call.region, call.status])).toEqual(
				expect.arrayContaining([
					['stability.sd3-5-large-v1:0', 'us-west-2', 200],
					['stability.stable-image-ultra-v1:1', 'us-west-2', 200],
				]),
			);
			expect(calls).toHaveLength(2);
			const sd35 = calls.find((call) => call.modelId === 'stability.sd3-5-large-v1:0');
			expect(sd35?.body).toEqual({
				prompt: ROSE,
				negative_prompt: 'paining, drawing, blury',
				mode: 'text-to-image',
				aspect_ratio: '1:1',
				output_format: 'png',
				seed: 5,
			});
			const ultra = calls.find((call) => call.modelId === 'stability.stable-image-ultra-v1:1');
			expect(ultra?.body).toEqual({
				prompt: 'A car made out of vegetables.',
				aspect_ratio: '1:1',
				output_format: 'png',
			});

			// The Write node ran once per branch; the files are where it says.
			const written = allItems(run, 'Write Images to Disk').map((item) => item.json.fileName);
			expect(written).toHaveLength(2);
			const files = readdirSync(imageFolder).sort();
			expect(files).toHaveLength(2);
			const day = new Date().toISOString().slice(0, 10);
			expect(files).toEqual([
				expect.stringMatching(new RegExp(`^${day}-sd3-5-large-v1-0-5\\.png$`)),
				expect.stringMatching(new RegExp(`^${day}-stable-image-ultra-v1-1-\\d+\\.png$`)),
			]);
			expect(written.sort()).toEqual(files.map((file) => join(imageFolder, file)));
			for (const file of files) {
				const bytes = readFileSync(join(imageFolder, file));
				expect(pngSize(bytes)).toEqual({ width: 1024, height: 1024 });
				// A complete, decodable image, not just a header.
				const raster = decodePng(bytes);
				expect([raster.width, raster.height]).toEqual([1024, 1024]);
			}
		},
		5 * MINUTE,
	);

	test(
		'scheduled video job: two Luma Ray2 text-to-video jobs, their MP4 files on disk with the requested size and length',
		async () => {
			const run = await runExample('scheduledVideo');

			// What reached Bedrock: two async invocations of Ray2 in us-west-2, writing to the
			// emulator's bucket of that region, with the prompts' own parameters.
			const starts = emulator.control
				.requests()
				.filter((entry) => entry.operation === 'StartAsyncInvoke');
			expect(
				starts.map((call) => [
					(call.body as { modelId: string }).modelId,
					call.region,
					call.status,
				]),
			).toEqual([
				['luma.ray-v2:0', 'us-west-2', 200],
				['luma.ray-v2:0', 'us-west-2', 200],
			]);
			const inputs = starts
				.map((call) => (call.body as { modelInput: Record<string, unknown> }).modelInput)
				.sort((a, b) => String(a.aspect_ratio).localeCompare(String(b.aspect_ratio)));
			expect(inputs).toEqual([
				{
					prompt: 'A red fox runs through fresh snow at dawn, slow motion, tracking shot',
					aspect_ratio: '16:9',
					resolution: '720p',
					duration: '5s',
					loop: false,
				},
				{
					prompt:
						'Waves rolling onto a black sand beach under a stormy sky, drone shot looking down',
					aspect_ratio: '9:16',
					resolution: '540p',
					duration: '5s',
					loop: false,
				},
			]);
			for (const call of starts) {
				expect(call.body).toMatchObject({
					outputDataConfig: {
						s3OutputDataConfig: { s3Uri: 's3://bedrock-emulator-us-west-2/n8n-videos' },
					},
				});
			}
			// The node read each video back from the emulator's S3.
			expect(
				emulator.control
					.requests()
					.filter((entry) => entry.operation === 'GetObject' && entry.status === 200),
			).toHaveLength(2);

			const generated = nodeItems(run, 'Generate Video (Luma Ray2)');
			expect(generated.map((item) => item.json.status)).toEqual(['Completed', 'Completed']);
			const written = nodeItems(run, 'Write Videos to Disk').map((item) =>
				String(item.json.fileName),
			);
			const files = readdirSync(videoFolder).sort();
			expect(files).toHaveLength(2);
			for (const file of files) expect(file).toMatch(/^ray-v2-0-\d{8}-\d{6}-[a-z0-9]+\.mp4$/);
			// Each file is named from the node's file name, in the Settings folder.
			expect(written.sort()).toEqual(files.map((file) => join(videoFolder, file)));
			expect(generated.map((item) => join(videoFolder, String(item.json.fileName))).sort()).toEqual(
				written.sort(),
			);

			// ffprobe reads what the prompts asked for: 16:9 720p is 1280x720, 9:16 540p 540x960,
			// both 5 s of H.264 at 24 fps.
			const probes = await Promise.all(files.map((file) => ffprobe(join(videoFolder, file))));
			const shapes = probes
				.map((probe) => [probe.width, probe.height, probe.codec, probe.frameRate])
				.sort((a, b) => Number(a[0]) - Number(b[0]));
			expect(shapes).toEqual([
				[540, 960, 'h264', '24/1'],
				[1280, 720, 'h264', '24/1'],
			]);
			for (const probe of probes) expect(probe.duration).toBeCloseTo(5, 1);
			// The stored binary data is the file written.
			for (const item of generated) {
				const stored = storedBinary(item.binary?.data);
				const onDisk = readFileSync(join(videoFolder, String(item.json.fileName)));
				expect(stored.equals(onDisk)).toBe(true);
				expect(item.binary?.data.mimeType).toBe('video/mp4');
			}
		},
		5 * MINUTE,
	);

	test(
		'scheduled job with a budget: five of six prompts fit $0.20, the sixth is not sent, the spend is in the custom data',
		async () => {
			const run = await runExample('scheduledBudget');
			// Stable Image Core at $0.04 an image: five fit the $0.20 budget.
			const calls = invocations();
			expect(calls.map((call) => [call.modelId, call.status])).toEqual(
				Array(5).fill(['stability.stable-image-core-v1:1', 200]),
			);
			const images = nodeItems(run, 'Images');
			expect(images.map((item) => item.json.estimatedCostUsd)).toEqual(Array(5).fill(0.04));
			for (const item of images) {
				expect(pngSize(storedBinary(item.binary?.data))).toEqual({ width: 1024, height: 1024 });
			}
			const notSent = nodeItems(run, 'Not Sent (Over Budget)');
			expect(notSent.map((item) => item.json.error)).toEqual([
				'Over budget: not sent (the 5 items before item 5 use $0.20 of the $0.20 budget)',
			]);
			expect(notSent[0].binary).toBeUndefined();
			// What the executions list shows: the custom data n8n stored with the execution.
			const resultData = (run.execution.data as { resultData: { metadata?: unknown } }).resultData;
			expect(resultData.metadata).toEqual({
				bedrock_spend_usd: '0.2',
				bedrock_spend_models: 'stability.stable-image-core-v1:1=0.2',
			});
		},
		5 * MINUTE,
	);

	test(
		'edit chain: generate → remove background → upscale, the image flowing as binary data',
		async () => {
			const run = await runExample('editChain');
			const [generated] = nodeItems(run, 'Generate');
			const [cutOut] = nodeItems(run, 'Remove Background');
			const [upscaled] = nodeItems(run, 'Upscale');

			const generatedBytes = storedBinary(generated.binary?.data);
			const cutOutBytes = storedBinary(cutOut.binary?.data);
			const upscaledBytes = storedBinary(upscaled.binary?.data);
			expect(pngSize(generatedBytes)).toEqual({ width: 1024, height: 1024 });
			expect(pngSize(cutOutBytes)).toEqual({ width: 1024, height: 1024 });
			const big = pngSize(upscaledBytes);
			// Conservative upscale: about 4 megapixels, aspect kept.
			expect(big.width).toBe(big.height);
			expect(big.width * big.height).toBeGreaterThan(3_500_000);
			expect(big.width * big.height).toBeLessThanOrEqual(4_194_304);
			// Background removal makes an image with an alpha channel (colour type 6: RGBA).
			expect(pngHeader(cutOutBytes).colorType).toBe(6);
			expect(Number(cutOut.binary?.data.fileSize ?? 0) || cutOutBytes.length).toBeGreaterThan(0);
			expect(upscaled.json).toMatchObject({
				width: big.width,
				height: big.height,
				task: 'upscale',
				fileSize: upscaledBytes.length,
			});

			// Each service received exactly the previous node's image.
			const calls = invocations();
			expect(calls.map((call) => call.modelId)).toEqual([
				'stability.stable-image-core-v1:1',
				'us.stability.stable-image-remove-background-v1:0',
				'us.stability.stable-conservative-upscale-v1:0',
			]);
			expect((calls[1].body as { image: string }).image).toBe(loggedBase64(generatedBytes));
			expect((calls[2].body as { image: string }).image).toBe(loggedBase64(cutOutBytes));
			expect(calls[2].body).toMatchObject({ prompt: 'A red vintage bicycle, sharp details' });
		},
		5 * MINUTE,
	);

	test(
		'model discovery: the first invocable Core/Ultra model is listed, picked and used by expression',
		async () => {
			const run = await runExample('modelDiscovery');
			const listed = nodeItems(run, 'List Image Models').map((item) => item.json.invokeWith);
			// Legacy models are left out; image services are listed too (they produce images).
			expect(listed).toEqual(
				expect.arrayContaining([
					'stability.stable-image-core-v1:1',
					'stability.stable-image-ultra-v1:1',
					'us.stability.stable-image-remove-background-v1:0',
				]),
			);
			expect(listed).not.toContain('stability.stable-diffusion-xl-v1');
			const [picked] = nodeItems(run, 'First Model');
			expect(nodeItems(run, 'First Model')).toHaveLength(1);
			expect(picked.json.invokeWith).toMatch(/^stability\.stable-image-(core|ultra)-v1:1$/);

			const [image] = nodeItems(run, 'Generate With It');
			expect(image.json).toMatchObject({
				modelId: picked.json.invokeWith,
				family: 'stableImage',
				width: 1344,
				height: 768,
			});
			expect(pngSize(storedBinary(image.binary?.data))).toEqual({ width: 1344, height: 768 });
			const [call] = invocations();
			expect(call.modelId).toBe(picked.json.invokeWith);
			expect(call.body).toMatchObject({ aspect_ratio: '16:9' });
		},
		5 * MINUTE,
	);

	test(
		'text pipeline: the poem by Nova Micro, then Converse with a system prompt and the image',
		async () => {
			const run = await runExample('textPipeline');
			const [poem] = nodeItems(run, 'Poem (Nova Micro)');
			expect(poem.json).toMatchObject({
				text: expect.stringMatching(/^Emulated answer to "Write a poem about sky": alpha bravo/),
				modelId: 'amazon.nova-micro-v1:0',
				region: 'us-west-2',
			});
			const [poemCall] = emulator.control
				.requests()
				.filter((entry) => entry.modelId === 'amazon.nova-micro-v1:0');
			expect(poemCall).toMatchObject({ operation: 'Converse', status: 200 });
			expect(poemCall.body).toEqual({
				messages: [{ role: 'user', content: [{ text: 'Write a poem about sky' }] }],
				inferenceConfig: { maxTokens: 100, temperature: 1, topP: 1 },
			});

			const [picture] = nodeItems(run, 'Illustrate');
			const pictureBytes = storedBinary(picture.binary?.data);
			expect(pngSize(pictureBytes)).toEqual({ width: 1024, height: 1024 });

			const [review] = nodeItems(run, 'Review (Converse)');
			expect(review.json).toMatchObject({
				// The emulated model quotes the first 12 words of the user's text.
				text: expect.stringMatching(
					/^Emulated answer to "Does the attached picture suit this poem\? Answer yes or no, then": alpha/,
				),
				modelId: 'amazon.nova-lite-v1:0',
			});
			// The picture counts ceil(1024 × 1024 / 750) = 1399 input tokens on top of the words.
			const usage = review.json.usage as { inputTokens: number };
			expect(usage.inputTokens).toBeGreaterThan(1399);

			const converse = emulator.control
				.requests()
				.find(
					(entry) => entry.operation === 'Converse' && entry.modelId === 'amazon.nova-lite-v1:0',
				);
			const body = converse?.body as {
				system: Array<{ text: string }>;
				messages: Array<{ role: string; content: Array<Record<string, unknown>> }>;
			};
			expect(body.system).toEqual([
				{ text: 'You are the picture editor of a poetry magazine. Answer in two sentences.' },
			]);
			// One user message: the picture Illustrate made, and the prompt with the poem filled in.
			const prompt = `Does the attached picture suit this poem? Answer yes or no, then say why.\n\n${String(poem.json.text)}`;
			expect(body.messages).toEqual([
				{
					role: 'user',
					content: [
						{ image: { format: 'png', source: { bytes: loggedBase64(pictureBytes) } } },
						{ text: loggedString(prompt) },
					],
				},
			]);
		},
		5 * MINUTE,
	);
});
