/**
 * Get Result: the state of a job by its invocation ARN (asked in the ARN's region) and, once
 * it is Completed, its video as binary data. A job still running or failed is reported as
 * data, not as an error: this is a question about the job, and a Wait-node loop needs the answer.
 */
import type { INodeProperties } from 'n8n-workflow';

import { stringField } from '../../shared/fields';
import type { VideoOperation } from './common';
import { INVOCATION_ARN, jobJson, storeVideo, storeVideoInS3 } from './job';
import { downloadField, OPTIONS } from './options';

export const invocationArnField = stringField({
	name: 'invocationArn',
	displayName: 'Invocation ARN',
	description:
		'The job’s invocation ARN, as Start Only or List Jobs return it. The job is looked up in the ARN’s region.',
	placeholder: 'arn:aws:bedrock:us-west-2:123456789012:async-invoke/abcd1234efgh',
	required: true,
	pattern: {
		regex: INVOCATION_ARN,
		allowed:
			'an async invocation ARN: arn:aws:bedrock:<region>:<12-digit account>:async-invoke/<12 lower-case letters and digits>',
	},
	emptyHint:
		'Map the invocationArn of a Start Only or List Jobs item, e.g. {{ $json.invocationArn }}.',
});

export const properties: INodeProperties[] = [invocationArnField.property];

export const execute: VideoOperation = async (context, connection, params, settings) => {
	const invocationArn = (invocationArnField.read(params) as string).trim();
	const download = downloadField.read(params.in(OPTIONS)) ?? true;
	const signal = context.getExecutionCancelSignal();
	const call = { ...settings.call, timeoutMs: 60_000, ...(signal ? { signal } : {}) };
	const { result: job } = await connection.getAsyncInvoke(invocationArn, call);
	const json = jobJson(job);
	if (job.status !== 'Completed' || !download) {
		return [{ json, pairedItem: { item: params.itemIndex } }];
	}
	const stored = await storeVideo(context, connection, job, {
		...(signal ? { signal } : {}),
		...(settings.call.maxAttempts ? { maxAttempts: settings.call.maxAttempts } : {}),
	});
	const item = {
		json: {
			...json,
			fileName: stored.fileName,
			fileSize: stored.fileSize,
			mimeType: 'video/mp4',
		},
		binary: { [settings.outputField]: stored.binary },
		pairedItem: { item: params.itemIndex },
	};
	return [await storeVideoInS3(context, connection, item, stored, settings, signal)];
};
