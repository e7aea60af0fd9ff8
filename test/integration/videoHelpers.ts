/**
 * Helpers for the Bedrock Video integration tests: run the node against the emulator (async
 * jobs, its S3 endpoint, real MP4 renders), read what it sent (the request log) and probe the
 * MP4 it returned with ffprobe.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { RunningEmulator } from '../../emulator/src/index.ts';
import type { RequestLogEntry } from '../../emulator/src/requestLog.ts';
import { ffprobe, type Probe } from '../../emulator/test/videoHarness.ts';
import { runWorkflow, type InputItem, type RunResult } from '../../tooling/harness/n8n.ts';
import { emulatorCredentials } from './helpers.ts';

export { requireVideoTools } from '../../emulator/test/videoHarness.ts';

export const NODE_NAME = 'Video';
export const RAY2 = 'luma.ray-v2:0';
export const REEL_V0 = 'amazon.nova-reel-v1:0';
export const REEL_V1 = 'amazon.nova-reel-v1:1';
export const WEST_BUCKET = 'bedrock-emulator-us-west-2';
export const EAST_BUCKET = 'bedrock-emulator-us-east-1';
export const EU_BUCKET = 'bedrock-emulator-eu-west-1';

/** Emulator settings for fast jobs: 0.3 s InProgress (the node's first check is after 1 s). */
export const FAST_JOBS = { videoJobSeconds: 0.3 };

export interface VideoRun {
	parameters: IDataObject;
	input?: InputItem[];
	/** The credential's region (default us-west-2, Ray2's). */
	region?: string;
	continueOnFail?: boolean;
	onStart?: (cancel: () => void) => void;
	/** Settings of the node (Retry On Fail). */
	node?: { retryOnFail?: boolean; maxTries?: number; waitBetweenTries?: number };
}

/** Runs one Bedrock Video node over the input items. */
export async function runVideoNode(emulator: RunningEmulator, run: VideoRun): Promise<RunResult> {
	return await runWorkflow({
		nodes: [
			{
				name: NODE_NAME,
				type: 'bedrockVideo',
				parameters: run.parameters,
				...(run.continueOnFail ? { continueOnFail: true } : {}),
				...(run.node ?? {}),
			},
		],
		input: run.input,
		credentials: emulatorCredentials(emulator, { region: run.region ?? 'us-west-2' }),
		...(run.onStart ? { onStart: run.onStart } : {}),
	});
}

export function byId(modelId: string): IDataObject {
	return { __rl: true, mode: 'id', value: modelId };
}

/** Generate Video parameters for Ray2 with a 1-second poll cap; `extra` last. */
export function ray2(extra: IDataObject = {}, options: IDataObject = {}): IDataObject {
	return {
		operation: 'generate',
		modelId: byId(RAY2),
		prompt: 'A red fox runs through fresh snow at dawn',
		outputS3Uri: `s3://${WEST_BUCKET}/videos`,
		...extra,
		options: { maxPollIntervalSeconds: 1, ...options },
	};
}

/** The requests of one operation in the emulator's log. */
export function requestsOf(emulator: RunningEmulator, operation: string): RequestLogEntry[] {
	return emulator.control.requests().filter((request) => request.operation === operation);
}

/** The only StartAsyncInvoke body (fails unless there is exactly one). */
export function onlyStartBody(emulator: RunningEmulator): Record<string, unknown> {
	const starts = requestsOf(emulator, 'StartAsyncInvoke');
	expect(starts).toHaveLength(1);
	return starts[0].body as Record<string, unknown>;
}

/** ffprobe of an output item's video (written to a temporary file). */
export async function probeVideo(
	result: RunResult,
	item: INodeExecutionData,
	property = 'data',
): Promise<Probe & { bytes: Buffer }> {
	const bytes = await result.binary(item, property);
	const folder = mkdtempSync(path.join(tmpdir(), 'bedrock-video-probe-'));
	const file = path.join(folder, 'video.mp4');
	try {
		writeFileSync(file, bytes);
		return { ...(await ffprobe(file)), bytes };
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

/** The error of the node, with its description. */
export function nodeError(
	result: RunResult,
): { message: string; description?: string } | undefined {
	const error = result.error(NODE_NAME) as (Error & { description?: string }) | undefined;
	return error
		? { message: error.message, description: error.description ?? undefined }
		: undefined;
}
