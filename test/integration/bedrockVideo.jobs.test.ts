/**
 * Bedrock Video's job operations through n8n-core against the emulator: Start Only, Get Result
 * (in progress, completed with the MP4, failed, unknown), List Jobs (filters, sort, limit, all
 * pages).
 */
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { type RunningEmulator, startEmulator } from '../../emulator/src/index.ts';
import { NOVA_REEL_DATE } from '../../emulator/test/lifecycleDates.ts';
import { packNodeType } from '../../tooling/harness/n8n.ts';

import { emulatorCredentials, useEmulator } from './helpers.ts';
import {
	byId,
	FAST_JOBS,
	NODE_NAME,
	nodeError,
	probeVideo,
	RAY2,
	ray2,
	requestsOf,
	requireVideoTools,
	runVideoNode,
	WEST_BUCKET,
} from './videoHelpers.ts';

requireVideoTools();
const emulator = useEmulator(FAST_JOBS);

async function startOnly(extra: IDataObject = {}) {
	const result = await runVideoNode(emulator.current, {
		parameters: { ...ray2(extra), operation: 'start' },
	});
	expect(result.error(NODE_NAME)).toBeUndefined();
	return result.output(NODE_NAME)[0].json;
}

async function getResult(invocationArn: string, options: IDataObject = {}) {
	return await runVideoNode(emulator.current, {
		parameters: { operation: 'getResult', invocationArn, options },
		// The ARN decides the region, not the credential.
		region: 'eu-west-1',
	});
}

const waitUntilDone = async () => {
	for (let i = 0; i < 100; i++) {
		if (emulator.current.control.jobs.list().every((job) => job.status !== 'InProgress')) return;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error('the emulator’s jobs did not finish');
};

describe('Start Only', () => {
	test('returns the invocation ARN at once, before the job ends, and does not poll', async () => {
		emulator.current.control.configure({ videoJobSeconds: 30 });
		const json = await startOnly();
		const [job] = emulator.current.control.jobs.list();
		expect(job.status).toBe('InProgress');
		expect(json).toMatchObject({
			invocationArn: job.invocationArn,
			status: 'InProgress',
			modelId: RAY2,
			region: 'us-west-2',
			outputFolder: `s3://${WEST_BUCKET}/videos/${json.invocationId}`,
			s3Uri: `s3://${WEST_BUCKET}/videos/${json.invocationId}/output.mp4`,
			videoSeconds: 5,
			resolution: '720p',
			estimatedCostUsd: 7.5,
			bucketRegion: 'us-west-2',
		});
		expect(String(json.clientRequestToken)).toMatch(/^n8n-/);
		expect(requestsOf(emulator.current, 'GetAsyncInvoke')).toHaveLength(0);
	});
});

describe('Get Result', () => {
	test('in progress: the status, no binary', async () => {
		emulator.current.control.configure({ videoJobSeconds: 30 });
		const { invocationArn } = await startOnly();
		const result = await getResult(String(invocationArn));
		const [item] = result.output(NODE_NAME);
		expect(item.json).toMatchObject({ invocationArn, status: 'InProgress', endTime: null });
		expect(item.binary).toBeUndefined();
		// Asked in the ARN's region (us-west-2), not the credential's (eu-west-1).
		expect(requestsOf(emulator.current, 'GetAsyncInvoke')[0].region).toBe('us-west-2');
	});

	test('completed: the MP4 as binary, with the job’s times', async () => {
		const { invocationArn } = await startOnly({ resolution: '540p', aspectRatio: '1:1' });
		await waitUntilDone();
		const result = await getResult(String(invocationArn), { binaryPropertyOutput: 'clip' });
		expect(result.error(NODE_NAME)).toBeUndefined();
		const [item] = result.output(NODE_NAME);
		expect(item.json).toMatchObject({
			invocationArn,
			status: 'Completed',
			modelId: RAY2,
			mimeType: 'video/mp4',
		});
		expect(Number(item.json.jobSeconds)).toBeGreaterThan(0);
		const probe = await probeVideo(result, item, 'clip');
		expect(probe).toMatchObject({ width: 540, height: 540 });
		expect(item.json.fileSize).toBe(probe.bytes.length);
	});

	test('completed with Download Video off: the status only, nothing read from S3', async () => {
		const { invocationArn } = await startOnly();
		await waitUntilDone();
		const result = await getResult(String(invocationArn), { downloadVideo: false });
		expect(result.output(NODE_NAME)[0].json.status).toBe('Completed');
		expect(result.output(NODE_NAME)[0].binary).toBeUndefined();
		expect(requestsOf(emulator.current, 'GetObject')).toHaveLength(0);
	});

	test('failed: the status and failure message as data, not an error', async () => {
		emulator.current.control.jobs.addFault({ kind: 'fail', failureMessage: 'Something broke.' });
		const { invocationArn } = await startOnly();
		await waitUntilDone();
		const result = await getResult(String(invocationArn));
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(result.output(NODE_NAME)[0].json).toMatchObject({
			status: 'Failed',
			failureMessage: 'Something broke.',
		});
	});

	test('an unknown invocation: Bedrock’s answer, named', async () => {
		const result = await getResult(
			'arn:aws:bedrock:us-west-2:123456789012:async-invoke/abcdefabcdef',
		);
		expect(nodeError(result)?.message).toBe(
			'Bedrock has no async invocation "arn:aws:bedrock:us-west-2:123456789012:async-invoke/abcdefabcdef" in us-west-2',
		);
	});

	test('a value that is not an invocation ARN is refused before any call', async () => {
		const result = await getResult('arn:aws:bedrock:us-west-2:123456789012:async-invoke/abc123');
		expect(nodeError(result)?.message).toMatch(/^Invocation ARN must be an async invocation ARN/);
		expect(requestsOf(emulator.current, 'GetAsyncInvoke')).toHaveLength(0);
	});
});

describe('List Jobs', () => {
	async function listJobs(parameters: IDataObject) {
		const result = await runVideoNode(emulator.current, {
			parameters: { operation: 'listJobs', ...parameters },
		});
		expect(result.error(NODE_NAME)).toBeUndefined();
		return result.output(NODE_NAME).map((item) => item.json);
	}

	async function makeJobs(count: number) {
		const arns: string[] = [];
		for (let i = 0; i < count; i++) {
			arns.push(String((await startOnly({ prompt: `job ${i}` })).invocationArn));
			// Distinct submit times.
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		return arns;
	}

	test('Return All follows every page; newest first by default, oldest first on request', async () => {
		const arns = await makeJobs(5);
		emulator.current.control.configure({ maxPageSize: 2 });
		const all = await listJobs({ returnAll: true });
		expect(all.map((job) => job.invocationArn)).toEqual([...arns].reverse());
		expect(requestsOf(emulator.current, 'ListAsyncInvokes').length).toBe(3);
		const oldest = await listJobs({ returnAll: true, filters: { sortOrder: 'Ascending' } });
		expect(oldest.map((job) => job.invocationArn)).toEqual(arns);
		expect(all[0]).toMatchObject({
			modelId: RAY2,
			region: 'us-west-2',
			outputFolder: expect.stringMatching(/^s3:\/\//),
		});
	});

	test('Limit stops at that many, across pages', async () => {
		await makeJobs(5);
		emulator.current.control.configure({ maxPageSize: 2 });
		expect(await listJobs({ returnAll: false, limit: 3 })).toHaveLength(3);
	});

	test('status and submit-time filters are sent to Bedrock', async () => {
		emulator.current.control.jobs.addFault({ kind: 'fail', failureMessage: 'no' });
		const [failed] = await makeJobs(1);
		const before = new Date().toISOString();
		await new Promise((resolve) => setTimeout(resolve, 20));
		const [later] = await makeJobs(1);
		await waitUntilDone();
		const failedOnes = await listJobs({ returnAll: true, filters: { status: 'Failed' } });
		expect(failedOnes.map((job) => job.invocationArn)).toEqual([failed]);
		const after = await listJobs({ returnAll: true, filters: { submittedAfter: before } });
		expect(after.map((job) => job.invocationArn)).toEqual([later]);
		const earlier = await listJobs({ returnAll: true, filters: { submittedBefore: before } });
		expect(earlier.map((job) => job.invocationArn)).toEqual([failed]);
		const query = requestsOf(emulator.current, 'ListAsyncInvokes').map((request) => request.path);
		expect(query.some((path) => path.includes('statusEquals=Failed'))).toBe(true);
		expect(query.some((path) => path.includes('submitTimeAfter='))).toBe(true);
	});

	test('Submitted After not before Submitted Before is refused', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: {
				operation: 'listJobs',
				filters: {
					submittedAfter: '2026-12-02T00:00:00Z',
					submittedBefore: '2026-12-01T00:00:00Z',
				},
			},
		});
		expect(nodeError(result)?.message).toBe(
			'Submitted After (2026-12-02T00:00:00.000Z) must be earlier than Submitted Before (2026-12-01T00:00:00.000Z)',
		);
	});
});

test('the model field takes a foundation-model ARN too', async () => {
	const json = await startOnly({
		modelId: byId('arn:aws:bedrock:us-west-2::foundation-model/luma.ray-v2:0'),
	});
	expect(json.modelId).toBe(RAY2);
});

describe('the model picker', () => {
	async function pickerValues(
		region: string,
		target: RunningEmulator = emulator.current,
	): Promise<string[]> {
		const node = await packNodeType('bedrockVideo');
		const search = node.methods?.listSearch?.searchVideoModels;
		if (!search) throw new Error('bedrockVideo has no listSearch searchVideoModels');
		const credentials = emulatorCredentials(target, { region }).awsBedrockApi;
		const context = {
			getCredentials: async () => credentials,
			getNode: () => ({
				name: NODE_NAME,
				type: 'n8n-nodes-bedrock.bedrockVideo',
				typeVersion: 1,
				parameters: {},
			}),
		} as unknown as ILoadOptionsFunctions;
		const { results } = await search.call(context);
		return results.map((result) => String(result.value));
	}

	test('lists the video models of the region only, none past its end of life', async () => {
		expect(await pickerValues('us-west-2')).toEqual([RAY2]);
		// Nova Reel, eu-west-1's video model, reached its end of life on 2026-09-30.
		expect(await pickerValues('eu-west-1')).toEqual([]);
		// A separate emulator (the pickers cache the catalog per endpoint) on a day Reel was Active.
		const earlier = await startEmulator({ now: NOVA_REEL_DATE.date });
		try {
			expect(await pickerValues('eu-west-1', earlier)).toEqual(['amazon.nova-reel-v1:0']);
			expect(await pickerValues('us-west-2', earlier)).toEqual([RAY2]);
		} finally {
			await earlier.stop();
		}
	});
});
