/**
 * Helpers for the async-invoke, S3 and video conformance tests: an S3 client pointed at the
 * emulator (path-style, as the pack's S3 endpoint override does), a poll for job states,
 * ffprobe, and test images.
 */
import { S3Client } from '@aws-sdk/client-s3';
import {
	type BedrockRuntimeClient,
	GetAsyncInvokeCommand,
	type GetAsyncInvokeCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';

import { type ClientOptions, EXAMPLE_CREDENTIALS } from './sdkHarness.ts';

export const RAY2 = 'luma.ray-v2:0';
export const REEL_V0 = 'amazon.nova-reel-v1:0';
export const REEL_V1 = 'amazon.nova-reel-v1:1';
export const WEST_BUCKET = 'bedrock-emulator-us-west-2';
export const EAST_BUCKET = 'bedrock-emulator-us-east-1';
export const EU_BUCKET = 'bedrock-emulator-eu-west-1';

export function s3Client(url: string, options: ClientOptions = {}): S3Client {
	return new S3Client({
		region: options.region ?? 'us-west-2',
		endpoint: url,
		forcePathStyle: true,
		maxAttempts: options.maxAttempts ?? 1,
		credentials: options.credentials ?? EXAMPLE_CREDENTIALS,
		...(options.systemClockOffset === undefined
			? {}
			: { systemClockOffset: options.systemClockOffset }),
	});
}

/** Polls GetAsyncInvoke until the job leaves InProgress (or `timeoutMs` passes). */
export async function waitForJob(
	client: BedrockRuntimeClient,
	invocationArn: string,
	timeoutMs = 20_000,
): Promise<GetAsyncInvokeCommandOutput> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const job = await client.send(new GetAsyncInvokeCommand({ invocationArn }));
		if (job.status !== 'InProgress' || Date.now() > deadline) return job;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** `s3://bucket/a/b` → bucket and key prefix. */
export function splitS3Uri(uri: string): { bucket: string; key: string } {
	const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
	if (!match) throw new Error(`not an S3 URI: ${uri}`);
	return { bucket: match[1], key: match[2] };
}

export { ffprobe, requireVideoTools, type Probe } from '../src/video/tools.ts';
