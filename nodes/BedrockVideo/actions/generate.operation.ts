/**
 * Generate Video: start the job, wait for it, and return the MP4 as binary data with the job's
 * details, or fail the item with what went wrong (the job failed, the wait timed out, the
 * workflow was stopped, S3 could not be read).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { lifecycleNotice } from '../../shared/lifecycle';
import { formatS3Uri } from '../../shared/transport/s3';
import type { StartingOperation } from './common';
import {
	checkOutputBucket,
	failedJobError,
	isReusedJob,
	jobJson,
	guardedJob,
	prepareJob,
	priceJson,
	reportStarted,
	startJob,
	storeVideo,
	storeVideoInS3,
	waitForJob,
} from './job';

export const prepare: StartingOperation = async (context, connection, params, settings) => {
	const job = await prepareJob(context, connection, params, settings);
	return guardedJob(job, 'generate', async (tools) => {
		const signal = context.getExecutionCancelSignal();
		const call = { ...settings.call, ...(signal ? { signal } : {}) };
		// Looked up while the job runs; best effort, never fails the item.
		const notice = lifecycleNotice(connection, job.modelId, job.baseModelId).catch(() => undefined);
		const bucketRegion = await checkOutputBucket(connection, params, job, call);
		const startedAt = Date.now();
		const started = await startJob(connection, job, call);
		reportStarted(tools, job);
		const finished = await waitForJob(connection, started.invocationArn, {
			...(signal ? { signal } : {}),
			timeoutMs: settings.call.timeoutMs ?? 0,
			maxPollMs: settings.maxPollMs,
			...(settings.call.maxAttempts ? { maxAttempts: settings.call.maxAttempts } : {}),
			startedAt,
			s3Uri: formatS3Uri(job.output),
		});
		const reused = isReusedJob(finished.job, startedAt);
		if (finished.job.status === 'Failed') throw failedJobError(finished.job, reused);
		const stored = await storeVideo(context, connection, finished.job, {
			...(signal ? { signal } : {}),
			...(settings.call.maxAttempts ? { maxAttempts: settings.call.maxAttempts } : {}),
		});
		const lifecycle = await notice;
		const item: INodeExecutionData = {
			json: {
				...jobJson(finished.job),
				task: job.request.task,
				prompt: job.request.prompt,
				...priceJson(job),
				fileName: stored.fileName,
				fileSize: stored.fileSize,
				mimeType: 'video/mp4',
				bucketRegion: bucketRegion ?? null,
				polls: finished.polls,
				waitedSeconds: Math.round(finished.waitedMs / 100) / 10,
				startAttempts: started.attempts,
				reusedJob: reused,
				...(lifecycle ? { lifecycleNotice: lifecycle } : {}),
			},
			binary: { [settings.outputField]: stored.binary },
			pairedItem: { item: params.itemIndex },
		};
		return [await storeVideoInS3(context, connection, item, stored, settings, signal)];
	});
};
