/**
 * Start Only: start the job and return its invocation ARN at once, for workflows that wait
 * with n8n's Wait node (or a schedule) and then fetch the video with Get Result.
 */
import { lifecycleNotice } from '../../shared/lifecycle';
import { formatS3Uri, joinKey } from '../../shared/transport/s3';
import type { StartingOperation } from './common';
import {
	checkOutputBucket,
	guardedJob,
	invocationIdOf,
	prepareJob,
	priceJson,
	reportStarted,
	startJob,
} from './job';

export const prepare: StartingOperation = async (context, connection, params, settings) => {
	const job = await prepareJob(context, connection, params, settings);
	return guardedJob(job, 'start', async (tools) => {
		const signal = context.getExecutionCancelSignal();
		const call = { ...settings.call, ...(signal ? { signal } : {}) };
		const notice = lifecycleNotice(connection, job.modelId, job.baseModelId).catch(() => undefined);
		// A Bedrock API key cannot sign S3 requests: the job is started unchecked (Bedrock fails it
		// when the bucket is in another region), and reading the video later needs AWS keys.
		const bucketRegion =
			connection.credentials.mode === 'apiKey'
				? undefined
				: await checkOutputBucket(connection, params, job, call);
		const started = await startJob(connection, job, call);
		reportStarted(tools, job);
		const id = invocationIdOf(started.invocationArn);
		const folder = { bucket: job.output.bucket, key: joinKey(job.output.key, id) };
		const lifecycle = await notice;
		return [
			{
				json: {
					invocationArn: started.invocationArn,
					invocationId: id,
					status: 'InProgress',
					modelId: job.baseModelId ?? job.modelId,
					region: started.region,
					clientRequestToken: job.token,
					outputFolder: formatS3Uri(folder),
					s3Uri: formatS3Uri({ bucket: folder.bucket, key: joinKey(folder.key, 'output.mp4') }),
					task: job.request.task,
					prompt: job.request.prompt,
					...priceJson(job),
					bucketRegion: bucketRegion ?? null,
					requestId: started.requestId ?? null,
					startAttempts: started.attempts,
					...(lifecycle ? { lifecycleNotice: lifecycle } : {}),
				},
				pairedItem: { item: params.itemIndex },
			},
		];
	});
};
