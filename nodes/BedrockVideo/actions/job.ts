/**
 * One video job, from the item's fields to the MP4 in n8n:
 *
 * 1. `prepareJob`: model and family resolved, fields and input images checked, the
 *    `modelInput` built and the idempotency token derived: no AWS call before that;
 * 2. `checkOutputBucket`: the bucket's region (HeadBucket) against the region of the call;
 *    Bedrock writes only to a bucket in its own region, and otherwise reports it minutes later
 *    as a failed job (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-luma.html,
 *    Troubleshooting);
 * 3. `startJob`: StartAsyncInvoke with the token;
 * 4. `waitForJob`: GetAsyncInvoke with a growing pause, until the job ends, the node's timeout
 *    passes or the execution is cancelled (every pause and call ends at once then);
 * 5. `storeVideo`: the job's `output.mp4` streamed from S3 into n8n's binary data store.
 *
 * Bedrock has no API to stop an async invocation (only Start, Get and List exist in
 * @aws-sdk/client-bedrock-runtime): a timeout or a cancellation stops the waiting, not the job.
 */
import type {
	GetAsyncInvokeCommandOutput,
	StartAsyncInvokeCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { foundationModelIdOf } from '../../shared/aws/modelIds';
import type { CallTools, CostEstimate, PreparedItem } from '../../shared/cost';
import { parseBedrockArn } from '../../shared/aws/regions';
import type { ItemParams, StoreInS3Settings } from '../../shared/fields';
import { modelIdFromArn } from '../../shared/modelCatalog';
import { requiredModelId } from '../../shared/modelLocator';
import { storeInS3 } from '../../shared/storeInS3';
import { sleep } from '../../shared/transport/retry';
import type { CallOptions } from '../../shared/transport/call';
import type { BedrockConnection } from '../../shared/transport/connection';
import {
	explainJobCancelled,
	explainJobFailure,
	explainJobTimeout,
	type AsyncJob,
	type Explanation,
} from '../../shared/transport/errorHeadlines';
import { BedrockCallError } from '../../shared/transport/errors';
import {
	formatS3Uri,
	getObjectStream,
	headBucketRegion,
	joinKey,
	parseS3Uri,
	type S3Location,
} from '../../shared/transport/s3';
import { estimateVideoPrice, familyById, familyOfModelId, type VideoRequest } from '../models';
import type { VideoFamily } from '../models/types';
import { clientRequestToken } from '../token';
import { FIRST_POLL_MS, readOutputLocation, type VideoSettings } from './options';

export const AUTO_FAMILY = 'auto';

/** One status check or start: quick calls, each with its own limit inside the job's timeout. */
const CALL_TIMEOUT_MS = 60_000;
/** Reading the MP4 (5–50 MB) from S3. */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
const BACKOFF_FACTOR = 1.5;

/** The invocation ARN's documented pattern (API_runtime_GetAsyncInvoke.html). */
export const INVOCATION_ARN =
	/^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:async-invoke\/[a-z0-9]{12}$/;

export interface PreparedJob {
	modelId: string;
	baseModelId?: string;
	family: VideoFamily;
	request: VideoRequest;
	output: S3Location;
	region: string;
	token: string;
	kmsKeyId?: string;
	bucketOwner?: string;
}

function isExpression(value: unknown): boolean {
	const raw = typeof value === 'object' && value !== null && 'value' in value ? value.value : value;
	return typeof raw === 'string' && raw.startsWith('=');
}

/** The family of the item's model: the Model Family option, else the model ID. */
function resolveFamily(params: ItemParams, modelId: string, baseModelId?: string): VideoFamily {
	const choices = 'Model Family options: Luma Ray, Amazon Nova Reel.';
	const chosen = String(
		params.context.getNodeParameter('modelFamily', params.itemIndex, AUTO_FAMILY),
	);
	const named =
		familyOfModelId(modelId) ?? (baseModelId ? familyOfModelId(baseModelId) : undefined);
	if (chosen !== AUTO_FAMILY) {
		const family = familyById(chosen);
		if (!family) return params.fail(`Model Family "${chosen}" is not known`, choices);
		if (named && named !== family) {
			params.fail(
				`Model Family is ${family.displayName}, but ${modelId} is a ${named.displayName} model`,
				'Set Model Family to "Detect From Model", or pick a model of the chosen family.',
			);
		}
		return family;
	}
	if (!named) {
		return params.fail(
			`Cannot tell which video model family ${modelId} belongs to`,
			`Choose the Model Family. ${choices}`,
		);
	}
	if (isExpression(params.context.getNode().parameters.modelId)) {
		// The editor shows a family's fields only when the model field names it.
		return params.fail(
			`Choose Model Family "${named.displayName}" for ${modelId}`,
			'The model is given by an expression, so the editor cannot show that family’s fields until the Model Family is chosen.',
		);
	}
	return named;
}

/** Everything about the item's job that needs no AWS call, checked. */
export async function prepareJob(
	context: IExecuteFunctions,
	connection: BedrockConnection,
	params: ItemParams,
	settings: VideoSettings,
): Promise<PreparedJob> {
	const modelId = requiredModelId(params);
	const baseModelId = foundationModelIdOf(modelId);
	const family = resolveFamily(params, modelId, baseModelId);
	const output = readOutputLocation(params);
	const request = await family.build({ params, modelId, ...(baseModelId ? { baseModelId } : {}) });
	const token = clientRequestToken({
		executionId: context.getExecutionId() ?? '',
		nodeName: context.getNode().name,
		itemIndex: params.itemIndex,
		request: {
			modelId,
			modelInput: request.modelInput,
			output: formatS3Uri(output),
			kmsKeyId: settings.kmsKeyId,
			bucketOwner: settings.bucketOwner,
		},
	});
	return {
		modelId,
		...(baseModelId ? { baseModelId } : {}),
		family,
		request,
		output,
		region: connection.regionFor(modelId),
		token,
		...(settings.kmsKeyId ? { kmsKeyId: settings.kmsKeyId } : {}),
		...(settings.bucketOwner ? { bucketOwner: settings.bucketOwner } : {}),
	};
}

/**
 * Fails before the paid start when the output bucket is in another region than the call. S3
 * names the region even when the identity may not list the bucket (403); only when it names
 * none is the check skipped, and the job reports a wrong region itself.
 * @returns the bucket's region, when S3 named it
 */
export async function checkOutputBucket(
	connection: BedrockConnection,
	params: ItemParams,
	job: PreparedJob,
	call: CallOptions,
): Promise<string | undefined> {
	const { bucket } = job.output;
	const found = await headBucketRegion(connection.credentials, bucket, job.region, {
		...call,
		timeoutMs: CALL_TIMEOUT_MS,
	}).then(
		(value) => ({ value }),
		(error: unknown) => ({ error }),
	);
	if ('error' in found) {
		// Denied without a region: nothing to compare; Bedrock checks when it writes.
		if (BedrockCallError.is(found.error) && found.error.httpStatus === 403) return undefined;
		throw found.error;
	}
	const { region } = found.value;
	if (region && region !== job.region) {
		// Ray2 is offered in us-west-2 only (its model card); the hint says so when the call is elsewhere.
		const ray2Elsewhere = job.family.id === 'lumaRay' && job.region !== 'us-west-2';
		params.fail(
			`The output bucket ${bucket} is in ${region}, but ${job.modelId} runs in ${job.region}`,
			ray2Elsewhere
				? 'Bedrock writes a video only to a bucket in the region of the call, and Luma Ray2 is offered in us-west-2: set the credential’s Region to us-west-2 and use a bucket there.'
				: `Bedrock writes a video only to a bucket in the region of the call: choose a bucket in ${job.region}.`,
		);
	}
	return region;
}

export interface StartedJob {
	invocationArn: string;
	region: string;
	requestId?: string;
	attempts: number;
}

/** The StartAsyncInvoke request of a job, as sent (and as a Dry Run shows it). */
export function startRequest(
	job: PreparedJob,
): StartAsyncInvokeCommandInput & { clientRequestToken: string } {
	return {
		modelId: job.modelId,
		modelInput: job.request.modelInput as never,
		clientRequestToken: job.token,
		outputDataConfig: {
			s3OutputDataConfig: {
				s3Uri: formatS3Uri(job.output),
				...(job.kmsKeyId ? { kmsKeyId: job.kmsKeyId } : {}),
				...(job.bucketOwner ? { bucketOwner: job.bucketOwner } : {}),
			},
		},
	};
}

export async function startJob(
	connection: BedrockConnection,
	job: PreparedJob,
	call: CallOptions,
): Promise<StartedJob> {
	const { result, attempts } = await connection.startAsyncInvoke(startRequest(job), {
		...call,
		timeoutMs: CALL_TIMEOUT_MS,
	});
	return {
		invocationArn: result.invocationArn,
		region: result.region,
		attempts,
		...(result.requestId ? { requestId: result.requestId } : {}),
	};
}

function jobError(code: string, explanation: Explanation, attempts = 1): BedrockCallError {
	return new BedrockCallError({
		code,
		message: explanation.headline,
		hint: explanation.hint,
		attempts,
	});
}

export interface WaitSettings {
	/** The execution's cancel signal. */
	signal?: AbortSignal;
	/** From the job's start; 0 waits indefinitely. */
	timeoutMs: number;
	maxPollMs: number;
	maxAttempts?: number;
	/** When the wait began (the start call), for the timeout. */
	startedAt: number;
	/** Where the job writes, for error hints. */
	s3Uri?: string;
}

export interface FinishedJob {
	job: GetAsyncInvokeCommandOutput;
	polls: number;
	waitedMs: number;
}

/**
 * Polls GetAsyncInvoke until the job leaves InProgress. The pause starts at 2 s (or the cap,
 * when lower) and grows by half up to `maxPollMs`: jobs take minutes, a status check is a
 * GET, and throttled checks are retried by the call itself.
 * @throws {BedrockCallError} `JobTimeout`, `Cancelled`, or the failure of a status check
 */
export async function waitForJob(
	connection: BedrockConnection,
	invocationArn: string,
	settings: WaitSettings,
): Promise<FinishedJob> {
	const described: AsyncJob = {
		invocationArn,
		...(settings.s3Uri ? { s3Uri: settings.s3Uri } : {}),
	};
	const remaining =
		settings.timeoutMs > 0 ? settings.timeoutMs - (Date.now() - settings.startedAt) : 0;
	const deadline = settings.timeoutMs > 0 ? AbortSignal.timeout(Math.max(1, remaining)) : undefined;
	const signals = [settings.signal, deadline].filter((s): s is AbortSignal => s !== undefined);
	const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
	let pause = Math.min(FIRST_POLL_MS, settings.maxPollMs);
	let polls = 0;
	for (;;) {
		const outcome = await pollOnce(connection, invocationArn, pause, signal, settings).then(
			(job) => ({ job }),
			(error: unknown) => ({ error }),
		);
		if ('error' in outcome) {
			if (settings.signal?.aborted) throw jobError('Cancelled', explainJobCancelled(described));
			if (deadline?.aborted) {
				throw jobError('JobTimeout', explainJobTimeout(described, Date.now() - settings.startedAt));
			}
			throw outcome.error;
		}
		polls++;
		if (outcome.job.status !== 'InProgress') {
			return { job: outcome.job, polls, waitedMs: Date.now() - settings.startedAt };
		}
		pause = Math.min(pause * BACKOFF_FACTOR, settings.maxPollMs);
	}
}

/** One pause, then one status check; both end at once when `signal` aborts. */
async function pollOnce(
	connection: BedrockConnection,
	invocationArn: string,
	pause: number,
	signal: AbortSignal | undefined,
	settings: WaitSettings,
): Promise<GetAsyncInvokeCommandOutput> {
	await sleep(pause, signal);
	const { result } = await connection.getAsyncInvoke(invocationArn, {
		...(signal ? { signal } : {}),
		timeoutMs: CALL_TIMEOUT_MS,
		...(settings.maxAttempts ? { maxAttempts: settings.maxAttempts } : {}),
	});
	return result;
}

/**
 * Whether the start returned a job submitted before this try's start: one an earlier try of the
 * item started (same token). A second of margin for clocks.
 */
export function isReusedJob(job: GetAsyncInvokeCommandOutput, startedAt: number): boolean {
	return job.submitTime !== undefined && new Date(job.submitTime).getTime() < startedAt - 1000;
}

/** A job that ended Failed, as the item's error. */
export function failedJobError(job: GetAsyncInvokeCommandOutput, reused = false): BedrockCallError {
	const s3Uri = job.outputDataConfig?.s3OutputDataConfig?.s3Uri;
	return jobError(
		'JobFailed',
		explainJobFailure(
			{ invocationArn: job.invocationArn ?? '', ...(s3Uri ? { s3Uri } : {}), reused },
			job.failureMessage,
		),
	);
}

/** The 12-character ID at the end of an invocation ARN: the name of the job's S3 folder. */
export function invocationIdOf(invocationArn: string): string {
	return invocationArn.slice(invocationArn.lastIndexOf('/') + 1);
}

/**
 * Where the job's video is: `<folder>/output.mp4`, the folder being the `s3Uri` GetAsyncInvoke
 * reports (the requested prefix plus the invocation ID; AWS: "Amazon Nova creates a folder for
 * each invocation ID", https://docs.aws.amazon.com/nova/latest/userguide/video-gen-access.html).
 * When the reported URI is the prefix itself, the ID is added.
 */
export function videoLocation(job: GetAsyncInvokeCommandOutput): S3Location | undefined {
	const uri = job.outputDataConfig?.s3OutputDataConfig?.s3Uri;
	const location = uri ? parseS3Uri(uri.replace(/\/+$/, '')) : undefined;
	if (!location || !job.invocationArn) return undefined;
	const id = invocationIdOf(job.invocationArn);
	const folder = location.key.split('/').at(-1) === id ? location.key : joinKey(location.key, id);
	return { bucket: location.bucket, key: joinKey(folder, 'output.mp4') };
}

/** `luma.ray-v2:0` → `ray-v2-0`: the model in file names. */
function shortModelName(modelId: string): string {
	return modelId.replace(/^[a-z][a-z0-9-]*\.(?=[a-z])/, '').replace(/[^a-zA-Z0-9.-]+/g, '-');
}

/** `ray-v2-0-20261206-101500-abcd1234efgh.mp4`: model, submit time (UTC), invocation ID. */
export function videoFileName(job: GetAsyncInvokeCommandOutput): string {
	const model = job.modelArn ? shortModelName(modelIdFromArn(job.modelArn)) : 'video';
	const submitted = job.submitTime ? new Date(job.submitTime) : new Date();
	const stamp = submitted.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
	return `${model}-${stamp}-${invocationIdOf(job.invocationArn ?? '')}.mp4`;
}

export interface StoredVideo {
	binary: IBinaryData;
	location: S3Location;
	/** The region the job ran in (its ARN's). */
	region: string;
	fileName: string;
	fileSize: number;
}

/**
 * The job's MP4 into n8n's binary data store, streamed: S3's response body goes to
 * `prepareBinaryData`, which writes a stream to the store as it arrives in n8n's filesystem
 * and S3 modes (BinaryDataService.store in n8n-core); only n8n's in-memory mode ("default")
 * collects it into one buffer.
 */
export async function storeVideo(
	context: IExecuteFunctions,
	connection: BedrockConnection,
	job: GetAsyncInvokeCommandOutput,
	options: { signal?: AbortSignal; maxAttempts?: number },
): Promise<StoredVideo> {
	const location = videoLocation(job);
	const invocationArn = job.invocationArn ?? '';
	if (!location) {
		throw jobError('UnexpectedResponse', {
			headline: 'Bedrock reported the finished job without its S3 location',
			hint: `GetAsyncInvoke of ${invocationArn} carried no output S3 URI: retry with Get Result, and report it if it persists.`,
		});
	}
	const region = parseBedrockArn(invocationArn)?.region ?? connection.credentials.region;
	const fileName = videoFileName(job);
	const described: AsyncJob = { invocationArn, s3Uri: formatS3Uri(location) };
	const opened = await getObjectStream(connection.credentials, location, region, {
		...options,
		timeoutMs: DOWNLOAD_TIMEOUT_MS,
	}).then(
		(object) => ({ object }),
		(error: unknown) => ({ error }),
	);
	if ('error' in opened) {
		if (options.signal?.aborted) throw jobError('Cancelled', explainJobCancelled(described));
		throw withJobHint(opened.error, invocationArn);
	}
	const { object } = opened;
	const stored = await context.helpers.prepareBinaryData(object.body, fileName, 'video/mp4').then(
		(binary) => ({ binary }),
		(error: unknown) => ({ error }),
	);
	if ('error' in stored) {
		object.body.destroy();
		if (options.signal?.aborted) throw jobError('Cancelled', explainJobCancelled(described));
		throw jobError('DownloadFailed', {
			headline: `Reading the video from ${formatS3Uri(location)} broke off: ${(stored.error as Error).message}`,
			hint: `The job ${invocationArn} is done and its video stays in S3: run Get Result with this invocation ARN to fetch it again.`,
		});
	}
	const { binary } = stored;
	return {
		binary,
		location,
		region,
		fileName,
		fileSize: Number(binary.bytes ?? object.contentLength ?? 0),
	};
}

/** An S3 failure after the job finished: the video is there, Get Result can fetch it later. */
function withJobHint(error: unknown, invocationArn: string): unknown {
	if (!BedrockCallError.is(error)) return error;
	return new BedrockCallError({
		code: error.code,
		message: error.message,
		hint: `${error.hint} The job ${invocationArn} finished and its video stays in S3: once reading works, Get Result fetches it with this invocation ARN.`,
		attempts: error.attempts,
		...(error.httpStatus ? { httpStatus: error.httpStatus } : {}),
		...(error.requestId ? { requestId: error.requestId } : {}),
		...(error.awsMessage ? { awsMessage: error.awsMessage } : {}),
		...(error.awsCode ? { awsCode: error.awsCode } : {}),
	});
}

function iso(value: Date | string | undefined): string | null {
	if (value === undefined) return null;
	const date = value instanceof Date ? value : new Date(value);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The item's JSON for a job as GetAsyncInvoke (or ListAsyncInvokes) reports it. */
export function jobJson(job: {
	invocationArn?: string;
	modelArn?: string;
	status?: string;
	failureMessage?: string;
	clientRequestToken?: string;
	submitTime?: Date;
	lastModifiedTime?: Date;
	endTime?: Date;
	outputDataConfig?: GetAsyncInvokeCommandOutput['outputDataConfig'];
}): IDataObject {
	const arn = job.invocationArn ?? '';
	const submitted = job.submitTime ? new Date(job.submitTime).getTime() : undefined;
	const ended = job.endTime ? new Date(job.endTime).getTime() : undefined;
	const video = videoLocation(job as GetAsyncInvokeCommandOutput);
	return {
		invocationArn: arn,
		invocationId: invocationIdOf(arn),
		status: job.status ?? null,
		modelId: job.modelArn ? modelIdFromArn(job.modelArn) : null,
		region: parseBedrockArn(arn)?.region ?? null,
		submitTime: iso(job.submitTime),
		lastModifiedTime: iso(job.lastModifiedTime),
		endTime: iso(job.endTime),
		jobSeconds:
			submitted !== undefined && ended !== undefined
				? Math.round((ended - submitted) / 100) / 10
				: null,
		outputFolder: job.outputDataConfig?.s3OutputDataConfig?.s3Uri ?? null,
		s3Uri: video ? formatS3Uri(video) : null,
		...(job.failureMessage ? { failureMessage: job.failureMessage } : {}),
		...(job.clientRequestToken ? { clientRequestToken: job.clientRequestToken } : {}),
	};
}

/** What the job will cost (list price from the shared price table), or why that is not known. */
export function jobEstimate(job: PreparedJob): CostEstimate {
	return estimateVideoPrice(
		job.baseModelId,
		job.modelId,
		job.request.videoSeconds,
		job.request.resolution,
	);
}

/** The job's length, resolution and estimate for the output item. */
export function priceJson(job: PreparedJob): IDataObject {
	const price = jobEstimate(job);
	return {
		videoSeconds: job.request.videoSeconds,
		resolution: job.request.resolution,
		estimatedCostUsd: price.usd,
		priceSource: price.priceSource,
	};
}

/**
 * The job as the cost guard takes it (docs/cost.md#adopting-the-cost-guard): its
 * StartAsyncInvoke request and estimate, with nothing sent; `run` starts it. The output
 * bucket's region check (HeadBucket) is part of `run`, so a Dry Run makes no AWS call at all.
 */
export function guardedJob(
	job: PreparedJob,
	operation: string,
	run: (tools: CallTools) => Promise<INodeExecutionData[]>,
): PreparedItem {
	return {
		modelId: job.modelId,
		...(job.baseModelId ? { baseModelId: job.baseModelId } : {}),
		operation,
		requests: [startRequest(job)],
		details: {
			task: job.request.task,
			prompt: job.request.prompt,
			videoSeconds: job.request.videoSeconds,
			resolution: job.request.resolution,
		},
		estimate: jobEstimate(job),
		run,
	};
}

/**
 * Adds a started job's estimate to the run's spend: once StartAsyncInvoke accepted it, the job
 * runs (and is billed) whether or not the node waits for it.
 */
export function reportStarted(tools: CallTools, job: PreparedJob): void {
	tools.spent(job.baseModelId ?? job.modelId, jobEstimate(job));
}

/**
 * Store in S3 for a video: the MP4 n8n now holds is uploaded from n8n's binary store as a stream
 * (one PutObject), not copied in S3, so the same code serves the images and the emulator's S3;
 * the item gets `s3Uri`, `url` and `urlExpiresAt`, and loses its binary when Keep Binary is off.
 */
export async function storeVideoInS3(
	context: IExecuteFunctions,
	connection: BedrockConnection,
	item: INodeExecutionData,
	stored: StoredVideo,
	settings: { outputField: string; store?: StoreInS3Settings; call: CallOptions },
	signal?: AbortSignal,
): Promise<INodeExecutionData> {
	if (!settings.store) return item;
	const added = await storeInS3(
		context,
		connection.credentials,
		settings.store,
		{
			fileName: stored.fileName,
			mimeType: 'video/mp4',
			binary: stored.binary,
			size: stored.fileSize,
		},
		stored.region,
		{ ...settings.call, ...(signal ? { signal } : {}) },
	);
	const json = { ...item.json, ...added };
	if (settings.store.keepBinary) return { ...item, json };
	return { json, ...(item.pairedItem !== undefined ? { pairedItem: item.pairedItem } : {}) };
}
