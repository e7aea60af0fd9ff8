/**
 * The cost guard on Bedrock Video, through real n8n-core against the emulator: Dry Run of Luma
 * Ray2 (text, and with a start frame) and Nova Reel shows the StartAsyncInvoke request and its
 * estimate with nothing sent (the emulator's request log stays empty: no StartAsyncInvoke, no
 * HeadBucket); Budget (USD) held by estimate starts only the jobs that fit, and the spend
 * reaches the execution's custom data.
 */
import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { useEmulator } from './helpers.ts';
import { imageFile, itemWith, type TestFile } from './imageHelpers.ts';
import {
	byId,
	EU_BUCKET,
	FAST_JOBS,
	NODE_NAME,
	nodeError,
	ray2,
	RAY2,
	REEL_V0,
	requestsOf,
	requireVideoTools,
	runVideoNode,
	WEST_BUCKET,
} from './videoHelpers.ts';

requireVideoTools();
const emulator = useEmulator(FAST_JOBS);

/** What Dry Run shows for an input image. */
function imageSummary(file: TestFile, width: number, height: number): IDataObject {
	return {
		$image: {
			mimeType: file.mimeType,
			bytes: file.data.length,
			width,
			height,
			sha256: createHash('sha256').update(file.data).digest('hex'),
		},
	};
}

const prompts = (count: number) =>
	Array.from({ length: count }, (_, index) => ({ json: { index } }));

describe('Bedrock Video Dry Run', () => {
	test('Ray2 text to video: the StartAsyncInvoke request and its estimate, nothing sent', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: ray2({ resolution: '540p', duration: '9s' }, { dryRun: true }),
		});
		expect(nodeError(result)).toBeUndefined();
		const [item] = result.output(NODE_NAME);
		expect(item.json).toMatchObject({
			dryRun: true,
			modelId: RAY2,
			operation: 'generate',
			task: 'text-to-video',
			videoSeconds: 9,
			resolution: '540p',
			estimatedCostUsd: 6.75,
			priceSource: expect.stringContaining('https://aws.amazon.com/bedrock/pricing/'),
		});
		const requests = item.json.requests as IDataObject[];
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			modelId: RAY2,
			modelInput: {
				prompt: 'A red fox runs through fresh snow at dawn',
				resolution: '540p',
				duration: '9s',
			},
			clientRequestToken: expect.stringMatching(/^n8n-[0-9a-f]{24}-[0-9a-f]{24}$/),
			outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${WEST_BUCKET}/videos` } },
		});
		expect(item.binary).toBeUndefined();
		expect(result.customData()).toEqual({ bedrock_dry_run_usd: '6.75' });
		expect(emulator.current.control.requests()).toEqual([]);
	});

	test('Ray2 with a start frame, Start Only: the frame summarised as $image, no base64', async () => {
		const frame = imageFile({ width: 1280, height: 720, format: 'png', label: 'start' });
		const result = await runVideoNode(emulator.current, {
			parameters: ray2({ operation: 'start', startFrameField: 'first' }, { dryRun: true }),
			input: [itemWith({ first: frame })],
		});
		expect(nodeError(result)).toBeUndefined();
		const [item] = result.output(NODE_NAME);
		expect(item.json).toMatchObject({
			dryRun: true,
			operation: 'start',
			task: 'image-to-video',
			estimatedCostUsd: 7.5,
		});
		const [request] = item.json.requests as Array<{ modelInput: IDataObject }>;
		expect(request.modelInput.keyframes).toEqual({
			frame0: {
				type: 'image',
				source: { type: 'base64', media_type: 'image/png', data: imageSummary(frame, 1280, 720) },
			},
		});
		expect(JSON.stringify(item.json)).not.toContain(frame.data.toString('base64').slice(0, 64));
		expect(emulator.current.control.requests()).toEqual([]);
	});

	test('Nova Reel (at a day it was served): request and estimate, nothing sent', async () => {
		// Nova Reel was Legacy from 2026-03-30 to its end of life on 2026-09-30.
		emulator.current.control.configure({ now: '2026-06-01' });
		const start = imageFile({ width: 1280, height: 720, format: 'jpeg' });
		const result = await runVideoNode(emulator.current, {
			parameters: {
				operation: 'generate',
				modelId: byId(REEL_V0),
				prompt: 'Waves roll onto a beach at sunset',
				outputS3Uri: `s3://${EU_BUCKET}/reel`,
				startImageField: 'data',
				options: { dryRun: true },
			},
			input: [itemWith({ data: start })],
			region: 'eu-west-1',
		});
		expect(nodeError(result)).toBeUndefined();
		const [item] = result.output(NODE_NAME);
		expect(item.json).toMatchObject({
			dryRun: true,
			modelId: REEL_V0,
			videoSeconds: 6,
			resolution: '720p',
			estimatedCostUsd: 0.48,
		});
		const [request] = item.json.requests as Array<{ modelInput: IDataObject }>;
		expect(request.modelInput).toMatchObject({
			taskType: 'TEXT_VIDEO',
			textToVideoParams: {
				text: 'Waves roll onto a beach at sunset',
				images: [{ format: 'jpeg', source: { bytes: imageSummary(start, 1280, 720) } }],
			},
			videoGenerationConfig: { durationSeconds: 6, dimension: '1280x720' },
		});
		expect(emulator.current.control.requests()).toEqual([]);
	});
});

describe('Bedrock Video Budget (USD)', () => {
	// Ray2 540p 5 s: 5 × $0.75 = $3.75 a job; two fit in $8.00 ($7.50).
	const cheap = (operation: string, options: IDataObject) =>
		ray2({ operation, resolution: '540p', duration: '5s' }, { budgetUsd: 8, ...options });

	test('Continue On Fail: two jobs start and finish, the third is "over budget"; the spend reaches the custom data', async () => {
		const result = await runVideoNode(emulator.current, {
			continueOnFail: true,
			parameters: cheap('generate', {}),
			input: prompts(3),
		});
		expect(requestsOf(emulator.current, 'StartAsyncInvoke')).toHaveLength(2);
		const items = result.output(NODE_NAME);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.slice(0, 2).map((item) => item.json.status)).toEqual(['Completed', 'Completed']);
		expect(items.slice(0, 2).every((item) => item.binary?.data !== undefined)).toBe(true);
		expect(items[2].json.error).toBe(
			'Over budget: not sent (the 2 items before item 2 use $7.50 of the $8.00 budget)',
		);
		expect(items[2].json.description).toMatch(/^This item's estimate is \$3\.75\./);
		expect(result.customData()).toEqual({
			bedrock_spend_usd: '7.5',
			bedrock_spend_models: `${RAY2}=7.5`,
		});
	});

	test('without Continue On Fail, Start Only fails before any job with the estimate, budget and largest items', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: cheap('start', {}),
			input: prompts(3),
		});
		expect(nodeError(result)).toEqual({
			message:
				'The estimated cost of this run, $11.25, is over the Budget (USD) of $8.00: nothing was sent',
			description: expect.stringContaining(
				`Largest items: item 0 $3.75 (${RAY2}), item 1 $3.75 (${RAY2}), item 2 $3.75 (${RAY2}). By model: ${RAY2} $11.25 over 3 items. The first 2 items ($7.50) fit.`,
			),
		});
		expect(requestsOf(emulator.current, 'StartAsyncInvoke')).toEqual([]);
		expect(result.customData()).toEqual({});
	});

	test('Start Only within budget: each started job adds its estimate to the spend', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: cheap('start', { budgetUsd: 10 }),
			input: prompts(2),
		});
		expect(nodeError(result)).toBeUndefined();
		expect(requestsOf(emulator.current, 'StartAsyncInvoke')).toHaveLength(2);
		expect(result.output(NODE_NAME).map((item) => item.json.estimatedCostUsd)).toEqual([
			3.75, 3.75,
		]);
		expect(result.customData()).toEqual({
			bedrock_spend_usd: '7.5',
			bedrock_spend_models: `${RAY2}=7.5`,
		});
	});
});
