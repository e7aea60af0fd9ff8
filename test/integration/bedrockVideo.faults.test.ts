/**
 * Bedrock Video when things go wrong, through n8n-core against the emulator: the job fails,
 * hangs past the node's timeout, the workflow is stopped while the node waits, S3 refuses the
 * read, the bucket is in another region or missing; a retried item starts no second job; the
 * Continue On Fail items.
 */
import { cancelWhen, useEmulator } from './helpers.ts';
import {
	EU_BUCKET,
	FAST_JOBS,
	NODE_NAME,
	nodeError,
	ray2,
	requestsOf,
	requireVideoTools,
	runVideoNode,
	WEST_BUCKET,
} from './videoHelpers.ts';

requireVideoTools();
const emulator = useEmulator(FAST_JOBS);

describe('the job itself', () => {
	test('a Failed job fails the item with its failure message as the headline', async () => {
		emulator.current.control.jobs.addFault({
			kind: 'fail',
			failureMessage: 'Internal model error while rendering frame 42.',
		});
		const result = await runVideoNode(emulator.current, { parameters: ray2() });
		const error = nodeError(result);
		expect(error?.message).toBe(
			'The video job failed: Internal model error while rendering frame 42.',
		);
		const [job] = emulator.current.control.jobs.list();
		expect(job.status).toBe('Failed');
		expect(error?.description).toContain(job.invocationArn);
	});

	test('the content filter blocking the video says so, and what to change', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: ray2({ prompt: 'a scene BEDROCK_FILTER_OUTPUT' }),
		});
		const error = nodeError(result);
		expect(error?.message).toBe(
			'The video job failed: The generated video has been blocked by our content filters.',
		);
		expect(error?.description).toMatch(
			/A content filter blocked the generated video .*rephrase the prompt/,
		);
	});

	test('a job that runs past the Timeout: the error says it may still run and be billed, with its ARN and Get Result', async () => {
		emulator.current.control.jobs.addFault({ kind: 'hang' });
		const started = Date.now();
		const result = await runVideoNode(emulator.current, {
			parameters: ray2({}, { timeoutSeconds: 2 }),
		});
		const elapsed = Date.now() - started;
		const error = nodeError(result);
		expect(error?.message).toBe(
			'The video job did not finish within 2 s; it may still be running and billed',
		);
		const [job] = emulator.current.control.jobs.list();
		expect(job.status).toBe('InProgress');
		expect(error?.description).toContain(job.invocationArn);
		expect(error?.description).toContain('Get Result');
		expect(elapsed).toBeLessThan(4000);
	});

	test('stopping the workflow while the node polls: it ends within a second, as canceled, and asks nothing more', async () => {
		emulator.current.control.jobs.addFault({ kind: 'hang' });
		let cancelledAt = 0;
		const result = await runVideoNode(emulator.current, {
			parameters: ray2(),
			onStart: cancelWhen(() => {
				const polled = requestsOf(emulator.current, 'GetAsyncInvoke').length >= 1;
				if (polled) cancelledAt = Date.now();
				return polled;
			}),
		});
		const stoppedAfter = Date.now() - cancelledAt;
		expect(stoppedAfter).toBeLessThan(1000);
		expect(result.run.status).toBe('canceled');
		const seen = emulator.current.control.requests().length;
		await new Promise((resolve) => setTimeout(resolve, 2500));
		expect(emulator.current.control.requests()).toHaveLength(seen);
		expect(requestsOf(emulator.current, 'GetObject')).toHaveLength(0);
	});

	test('Bedrock refusing the start (content filter on the prompt) is the item error', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: ray2({ prompt: 'BEDROCK_FILTER please' }),
		});
		expect(nodeError(result)?.message).toBe(
			'Bedrock rejected the request: This request has been blocked by our content filters. Please adjust your text prompt to submit a new request.',
		);
	});
});

describe('the output bucket', () => {
	test('a bucket in another region fails before the paid start, naming both regions', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: ray2({ outputS3Uri: `s3://${EU_BUCKET}/videos` }),
		});
		const error = nodeError(result);
		expect(error?.message).toBe(
			`The output bucket ${EU_BUCKET} is in eu-west-1, but luma.ray-v2:0 runs in us-west-2`,
		);
		expect(error?.description).toContain('choose a bucket in us-west-2');
		expect(requestsOf(emulator.current, 'StartAsyncInvoke')).toHaveLength(0);
	});

	test('Ray2 called from us-east-1: the hint says where Ray2 is offered', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: ray2(),
			region: 'us-east-1',
		});
		const error = nodeError(result);
		expect(error?.message).toBe(
			`The output bucket ${WEST_BUCKET} is in us-west-2, but luma.ray-v2:0 runs in us-east-1`,
		);
		expect(error?.description).toContain('set the credential’s Region to us-west-2');
		expect(requestsOf(emulator.current, 'StartAsyncInvoke')).toHaveLength(0);
	});

	test('a bucket that does not exist fails before the start', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: ray2({ outputS3Uri: 's3://no-such-bucket-here/videos' }),
		});
		expect(nodeError(result)?.message).toBe(
			'The S3 bucket s3://no-such-bucket-here does not exist',
		);
		expect(requestsOf(emulator.current, 'StartAsyncInvoke')).toHaveLength(0);
	});

	test('S3 denying the read: the error names s3:GetObject on the object, and that Get Result can fetch it later', async () => {
		emulator.current.control.configure({ deniedActions: ['s3:GetObject'] });
		const result = await runVideoNode(emulator.current, { parameters: ray2() });
		const error = nodeError(result);
		const [job] = emulator.current.control.jobs.list();
		const id = job.invocationArn.split('/').at(-1);
		expect(error?.message).toBe(
			`AWS denied GetObject on s3://${WEST_BUCKET}/videos/${id}/output.mp4`,
		);
		expect(error?.description).toContain(
			`s3:GetObject on arn:aws:s3:::${WEST_BUCKET}/videos/${id}/output.mp4`,
		);
		expect(error?.description).toContain('Get Result');
		expect(job.status).toBe('Completed');
	});

	test('without s3:ListBucket the region check still works (S3 names the region on 403) and the video arrives', async () => {
		emulator.current.control.configure({ deniedActions: ['s3:ListBucket'] });
		const result = await runVideoNode(emulator.current, { parameters: ray2() });
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(result.output(NODE_NAME)[0].json).toMatchObject({
			status: 'Completed',
			bucketRegion: 'us-west-2',
		});
	});

	test('Bedrock denied s3:PutObject: the failed job says which permission it needs', async () => {
		emulator.current.control.configure({ deniedActions: ['s3:PutObject'] });
		const result = await runVideoNode(emulator.current, { parameters: ray2() });
		const error = nodeError(result);
		expect(error?.message).toMatch(
			/^The video job failed: Unable to write the output to S3: .*s3:PutObject/,
		);
		expect(error?.description).toContain(`s3:PutObject on arn:aws:s3:::${WEST_BUCKET}/videos`);
	});

	test('a Bedrock API key cannot read S3: the item fails before the start and says what to use', async () => {
		const result = await runWorkflowWithApiKey();
		expect(nodeError(result)?.message).toMatch(
			/^A Bedrock API key cannot read or check S3 buckets/,
		);
		expect(requestsOf(emulator.current, 'StartAsyncInvoke')).toHaveLength(0);
	});

	test('with a Bedrock API key, Start Only starts the job without the bucket check', async () => {
		// A bearer token carries no region: the emulator, on one URL for all, takes its default.
		emulator.current.control.configure({ defaultRegion: 'us-west-2' });
		const result = await runWorkflowWithApiKey('start');
		expect(result.error(NODE_NAME)).toBeUndefined();
		expect(result.output(NODE_NAME)[0].json).toMatchObject({
			status: 'InProgress',
			bucketRegion: null,
		});
		expect(requestsOf(emulator.current, 'StartAsyncInvoke')[0].identity).toBe('bearer');
		expect(requestsOf(emulator.current, 'HeadBucket')).toHaveLength(0);
	});
});

async function runWorkflowWithApiKey(operation = 'generate') {
	const { runWorkflow } = await import('../../tooling/harness/n8n.ts');
	const { emulatorCredentials, API_KEY } = await import('./helpers.ts');
	return await runWorkflow({
		nodes: [{ name: NODE_NAME, type: 'bedrockVideo', parameters: { ...ray2(), operation } }],
		credentials: emulatorCredentials(emulator.current, {
			region: 'us-west-2',
			authentication: 'apiKey',
			apiKey: API_KEY,
		}),
	});
}

describe('idempotency', () => {
	test('a retried item (Retry On Fail) sends the same token and gets the first job back: one job in Bedrock', async () => {
		// The first status check fails (not retried within the call): the node fails after the start,
		// and n8n runs it again.
		emulator.current.control.addFault({
			kind: 'error',
			operation: 'GetAsyncInvoke',
			errorName: 'ValidationException',
			status: 400,
			message: 'Simulated failure',
			count: 1,
		});
		const result = await runVideoNode(emulator.current, {
			parameters: ray2(),
			node: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
		});
		expect(result.error(NODE_NAME)).toBeUndefined();
		const starts = requestsOf(emulator.current, 'StartAsyncInvoke');
		expect(starts).toHaveLength(2);
		const tokens = starts.map(
			(start) => (start.body as { clientRequestToken: string }).clientRequestToken,
		);
		expect(tokens[1]).toBe(tokens[0]);
		const jobs = emulator.current.control.jobs.list();
		expect(jobs).toHaveLength(1);
		expect(result.output(NODE_NAME)[0].json).toMatchObject({
			invocationArn: jobs[0].invocationArn,
			reusedJob: true,
		});
	});

	test('a retried item whose job failed gets that failed job again, and the error says how to start a new one', async () => {
		emulator.current.control.jobs.addFault({ kind: 'fail', failureMessage: 'Model error.' });
		const result = await runVideoNode(emulator.current, {
			parameters: ray2(),
			node: { retryOnFail: true, maxTries: 2, waitBetweenTries: 500 },
		});
		const error = nodeError(result);
		expect(error?.message).toBe('The video job failed: Model error.');
		expect(error?.description).toContain('started by an earlier try of this item');
		expect(requestsOf(emulator.current, 'StartAsyncInvoke')).toHaveLength(2);
		expect(emulator.current.control.jobs.list()).toHaveLength(1);
	});

	test('two items with different prompts start two jobs with different tokens', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: ray2({ prompt: '={{ $json.prompt }}' }),
			input: [{ json: { prompt: 'a cat' } }, { json: { prompt: 'a dog' } }],
		});
		expect(result.error(NODE_NAME)).toBeUndefined();
		const tokens = new Set(
			requestsOf(emulator.current, 'StartAsyncInvoke').map(
				(start) => (start.body as { clientRequestToken: string }).clientRequestToken,
			),
		);
		expect(tokens.size).toBe(2);
		expect(emulator.current.control.jobs.list()).toHaveLength(2);
	});
});

describe('Continue On Fail', () => {
	test('a failed item becomes an error item in its place, paired; the others go on', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: ray2({ outputS3Uri: '={{ $json.uri }}' }),
			input: [
				{ json: { uri: `s3://${WEST_BUCKET}/ok` } },
				{ json: { uri: 'https://not-s3/bucket' } },
				{ json: { uri: `s3://${EU_BUCKET}/wrong-region` } },
			],
			continueOnFail: true,
		});
		const items = result.output(NODE_NAME);
		expect(items).toHaveLength(3);
		expect(items[0].json.status).toBe('Completed');
		expect(items[0].binary?.data.mimeType).toBe('video/mp4');
		expect(items[1]).toEqual({
			json: {
				error:
					'Output S3 URI must be s3://bucket or s3://bucket/prefix (bucket: 3–63 lower-case letters, digits, dots and hyphens) (got "https://not-s3/bucket")',
			},
			pairedItem: { item: 1 },
		});
		expect(items[2].json.error).toBe(
			`The output bucket ${EU_BUCKET} is in eu-west-1, but luma.ray-v2:0 runs in us-west-2`,
		);
		expect(items[2].pairedItem).toEqual({ item: 2 });
	});

	test('a failed job under Continue On Fail: error, description and code', async () => {
		emulator.current.control.jobs.addFault({ kind: 'fail', failureMessage: 'Boom.' });
		const result = await runVideoNode(emulator.current, {
			parameters: ray2(),
			continueOnFail: true,
		});
		const [item] = result.output(NODE_NAME);
		expect(item.json).toMatchObject({ error: 'The video job failed: Boom.', code: 'JobFailed' });
		expect(String(item.json.description)).toMatch(
			/arn:aws:bedrock:us-west-2:\d{12}:async-invoke\//,
		);
		expect(item.pairedItem).toEqual({ item: 0 });
	});
});
