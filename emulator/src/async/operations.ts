/**
 * The asynchronous-invocation operations of the Bedrock runtime:
 * StartAsyncInvoke (`POST /async-invoke`), GetAsyncInvoke (`GET /async-invoke/{invocationArn}`)
 * and ListAsyncInvokes (`GET /async-invoke`). Shapes and constraints are the service model's
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_StartAsyncInvoke.html,
 * API_runtime_GetAsyncInvoke.html, API_runtime_ListAsyncInvokes.html); timestamps are RFC 3339
 * strings (the model's `Timestamp` shape is `date-time`).
 *
 * Not documented, the emulator's choices (docs/emulator-video.md): an unknown invocation answers
 * ValidationException (the Get operation models no ResourceNotFoundException), a reused
 * `clientRequestToken` with a different request answers ConflictException (the one operation
 * that models it), ListAsyncInvokes pages at most `maxPageSize` jobs (default 1000).
 */
import { randomUUID } from 'node:crypto';

import type { Principal } from '../auth/identities.ts';
import { AwsError, validation } from '../errors.ts';
import type { Exchange } from '../http/exchange.ts';
import { sendJson } from '../http/respond.ts';
import { resolveModel } from '../modelResolution.ts';
import { Violations } from '../runtime/coralValidation.ts';
import { parseJson } from '../runtime/operations.ts';
import type { EmulatorState } from '../state.ts';
import { videoFamilyFor } from '../video/index.ts';
import {
	type AsyncJob,
	type JobStatus,
	type OutputLocation,
	bucketRegionMessage,
	requestFingerprint,
} from './jobs.ts';

export interface AsyncContext {
	exchange: Exchange;
	state: EmulatorState;
	principal: Principal;
	region: string;
}

export const INVOCATION_ARN_PATTERN =
	'^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:async-invoke/[a-z0-9]{12}$';
const TOKEN_PATTERN = '^[!-~]*$';
const MODEL_ID_PATTERN = '^[a-zA-Z_\\.\\-/0-9:]+$';
const S3_URI_PATTERN = '^s3://[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9](/.*)?$';
const KMS_KEY_PATTERN =
	'^arn:aws(-[^:]+)?:kms:[a-zA-Z0-9-]*:[0-9]{12}:((key/[a-zA-Z0-9-]{36})|(alias/[a-zA-Z0-9-_/]+))$';
const ACCOUNT_PATTERN = '^[0-9]{12}$';
const TAG_PATTERN = '^[a-zA-Z0-9\\s._:/=+@-]*$';
const STATUSES = ['InProgress', 'Completed', 'Failed'];
const SORT_BY = ['SubmissionTime'];
const SORT_ORDERS = ['Ascending', 'Descending'];

/** From boto/boto3#4382: StartAsyncInvoke with a model that has no asynchronous API. */
export const NOT_ASYNC_MODEL = 'The provided request is not valid';

type Json = Record<string, unknown>;

export async function startAsyncInvoke(context: AsyncContext): Promise<void> {
	const { state, principal, region } = context;
	const body = parseJson(context.exchange.body);
	const request = checkStartRequest(body);

	const token = (request.clientRequestToken as string | undefined) ?? randomUUID();
	const fingerprint = requestFingerprint({
		modelId: request.modelId,
		modelInput: request.modelInput,
		outputDataConfig: request.outputDataConfig,
		tags: request.tags ?? [],
	});
	const earlier = state.asyncInvokes.byClientToken(principal.accountId, region, token);
	if (earlier) {
		if (earlier.fingerprint !== fingerprint) {
			throw new AwsError(
				'ConflictException',
				`The client request token ${token} was already used for a different request.`,
			);
		}
		return sendJson(context.exchange, 200, { invocationArn: earlier.invocationArn });
	}

	const resolved = resolveModel(request.modelId as string, {
		region,
		accountId: principal.accountId,
		applicationProfiles: state.applicationProfiles,
		accessDeniedModels: state.settings.accessDeniedModels,
		inactiveLegacyModels: state.settings.inactiveLegacyModels,
		now: state.lifecycleNow(),
	});
	const modelId = resolved.model.modelId;
	if (context.exchange.log) context.exchange.log.resolvedModelId = modelId;
	const family = videoFamilyFor(modelId);
	if (!family) throw validation(NOT_ASYNC_MODEL);
	const plan = family(request.modelInput, {
		modelId,
		readObject: (bucket, key) => readSmallObject(state, bucket, key),
	});

	const output = outputLocation((request.outputDataConfig as Json).s3OutputDataConfig as Json);
	if (state.settings.outputBucketCheck === 'start') {
		const bucket = state.s3.bucket(output.bucket);
		if (bucket && bucket.region !== region)
			throw validation(bucketRegionMessage(output.bucket, bucket.region, region));
	}
	const job = state.asyncInvokes.start({
		accountId: principal.accountId,
		region,
		modelId,
		modelArn: resolved.model.modelArn,
		clientRequestToken: token,
		fingerprint,
		output,
		plan,
		tags: (request.tags as AsyncJob['tags'] | undefined) ?? [],
		principal,
	});
	sendJson(context.exchange, 200, { invocationArn: job.invocationArn });
}

export function getAsyncInvoke(context: AsyncContext, invocationArn: string): void {
	const violations = new Violations();
	violations.length(invocationArn, 'invocationArn', 1, 2048);
	violations.pattern(invocationArn, 'invocationArn', INVOCATION_ARN_PATTERN);
	violations.throwIfAny();
	const job = context.state.asyncInvokes.get(invocationArn);
	if (!job || job.accountId !== context.principal.accountId || job.region !== context.region) {
		throw validation(`The invocation ${invocationArn} does not exist.`);
	}
	sendJson(context.exchange, 200, jobDescription(job));
}

export function listAsyncInvokes(context: AsyncContext): void {
	const query = new URLSearchParams(context.exchange.rawQuery);
	const text = (name: string) => query.get(name) ?? undefined;
	const violations = new Violations();
	const maxResultsText = text('maxResults');
	const maxResults = maxResultsText === undefined ? 1000 : Number(maxResultsText);
	if (maxResultsText !== undefined && !Number.isInteger(maxResults))
		violations.add(maxResultsText, 'maxResults', 'Member must be an integer');
	else violations.range(maxResults, 'maxResults', 1, 1000);
	const nextToken = text('nextToken');
	violations.length(nextToken, 'nextToken', 1, 2048);
	violations.pattern(nextToken, 'nextToken', '^\\S*$');
	const status = text('statusEquals');
	violations.enumValue(status, 'statusEquals', STATUSES);
	violations.enumValue(text('sortBy'), 'sortBy', SORT_BY);
	const order = text('sortOrder') ?? 'Descending';
	violations.enumValue(order, 'sortOrder', SORT_ORDERS);
	const after = timestamp(text('submitTimeAfter'), 'submitTimeAfter', violations);
	const before = timestamp(text('submitTimeBefore'), 'submitTimeBefore', violations);
	violations.throwIfAny();

	const filters = JSON.stringify([status ?? '', after ?? '', before ?? '', order]);
	const direction = order === 'Ascending' ? 1 : -1;
	const jobs = context.state.asyncInvokes
		.list(context.principal.accountId, context.region)
		.filter(
			(job) =>
				(status === undefined || job.status === status) &&
				(after === undefined || job.submitTime > after) &&
				(before === undefined || job.submitTime < before),
		)
		.sort((a, b) => direction * compareJobs(a, b));
	let start = 0;
	if (nextToken !== undefined) {
		const cursor = decodeCursor(nextToken, filters);
		start = jobs.findIndex((job) => direction * compareJobs(job, cursor) > 0);
		if (start < 0) start = jobs.length;
	}
	const pageSize = Math.min(maxResults, context.state.settings.maxPageSize);
	const page = jobs.slice(start, start + pageSize);
	const last = page.at(-1);
	const more = start + pageSize < jobs.length && last !== undefined;
	sendJson(context.exchange, 200, {
		asyncInvokeSummaries: page.map(jobDescription),
		...(more ? { nextToken: encodeCursor(last, filters) } : {}),
	});
}

/** GetAsyncInvokeResponse / AsyncInvokeSummary, members in the service's order. */
function jobDescription(job: AsyncJob): Json {
	const iso = (time: number) => new Date(time).toISOString();
	return {
		invocationArn: job.invocationArn,
		modelArn: job.modelArn,
		clientRequestToken: job.clientRequestToken,
		status: job.status satisfies JobStatus,
		...(job.failureMessage === undefined ? {} : { failureMessage: job.failureMessage }),
		submitTime: iso(job.submitTime),
		lastModifiedTime: iso(job.lastModifiedTime),
		...(job.endTime === undefined ? {} : { endTime: iso(job.endTime) }),
		outputDataConfig: {
			s3OutputDataConfig: {
				// The job's folder, not the prefix sent: `<prefix>/<invocation id>`.
				s3Uri: `s3://${job.output.bucket}/${job.output.folderKey}`,
				...(job.output.kmsKeyId ? { kmsKeyId: job.output.kmsKeyId } : {}),
				...(job.output.bucketOwner ? { bucketOwner: job.output.bucketOwner } : {}),
			},
		},
	};
}

/** The request's envelope, checked like the service's model constraints. */
function checkStartRequest(body: unknown): Json {
	const violations = new Violations();
	if (!violations.type(body, 'StartAsyncInvokeRequest', 'structure')) violations.throwIfAny();
	const request = body as Json;
	const { clientRequestToken, modelId, modelInput, outputDataConfig, tags } = request;
	if (
		clientRequestToken !== undefined &&
		violations.type(clientRequestToken, 'clientRequestToken', 'string')
	) {
		violations.length(clientRequestToken, 'clientRequestToken', 1, 256);
		violations.pattern(clientRequestToken, 'clientRequestToken', TOKEN_PATTERN);
	}
	if (violations.required(modelId, 'modelId') && violations.type(modelId, 'modelId', 'string')) {
		violations.length(modelId, 'modelId', 1, 256);
		violations.pattern(modelId, 'modelId', MODEL_ID_PATTERN);
	}
	violations.required(modelInput, 'modelInput');
	if (
		violations.required(outputDataConfig, 'outputDataConfig') &&
		violations.type(outputDataConfig, 'outputDataConfig', 'structure')
	) {
		const members = Object.keys(outputDataConfig as Json);
		if (members.length !== 1 || members[0] !== 's3OutputDataConfig') {
			violations.add(
				outputDataConfig,
				'outputDataConfig',
				'Member must have exactly one member set: s3OutputDataConfig',
			);
		} else {
			checkS3Config((outputDataConfig as Json).s3OutputDataConfig, violations);
		}
	}
	if (tags !== undefined && violations.type(tags, 'tags', 'list')) {
		violations.length(tags, 'tags', 0, 200);
		(tags as unknown[]).forEach((tag, index) => {
			const at = `tags.${index + 1}.member`;
			if (!violations.type(tag, at, 'structure')) return;
			const { key, value } = tag as Json;
			if (violations.required(key, `${at}.key`) && violations.type(key, `${at}.key`, 'string')) {
				violations.length(key, `${at}.key`, 1, 128);
				violations.pattern(key, `${at}.key`, TAG_PATTERN);
			}
			if (
				violations.required(value, `${at}.value`) &&
				violations.type(value, `${at}.value`, 'string')
			) {
				violations.length(value, `${at}.value`, 0, 256);
				violations.pattern(value, `${at}.value`, TAG_PATTERN);
			}
		});
	}
	violations.throwIfAny();
	return request;
}

function checkS3Config(config: unknown, violations: Violations): void {
	const at = 'outputDataConfig.s3OutputDataConfig';
	if (!violations.type(config, at, 'structure')) return;
	const { s3Uri, kmsKeyId, bucketOwner } = config as Json;
	if (
		violations.required(s3Uri, `${at}.s3Uri`) &&
		violations.type(s3Uri, `${at}.s3Uri`, 'string')
	) {
		violations.length(s3Uri, `${at}.s3Uri`, 1, 1024);
		violations.pattern(s3Uri, `${at}.s3Uri`, S3_URI_PATTERN);
	}
	if (kmsKeyId !== undefined && violations.type(kmsKeyId, `${at}.kmsKeyId`, 'string')) {
		violations.length(kmsKeyId, `${at}.kmsKeyId`, 1, 2048);
		violations.pattern(kmsKeyId, `${at}.kmsKeyId`, KMS_KEY_PATTERN);
	}
	if (bucketOwner !== undefined && violations.type(bucketOwner, `${at}.bucketOwner`, 'string'))
		violations.pattern(bucketOwner, `${at}.bucketOwner`, ACCOUNT_PATTERN);
}

/** `s3://bucket/prefix/` → bucket and the key prefix of the job folders (no trailing slash). */
function outputLocation(config: Json): OutputLocation {
	const uri = config.s3Uri as string;
	const [, bucket, path = ''] = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri) as RegExpExecArray;
	return {
		requestedUri: uri,
		bucket,
		folderKey: path.replace(/\/+$/, ''),
		...(config.kmsKeyId ? { kmsKeyId: config.kmsKeyId as string } : {}),
		...(config.bucketOwner ? { bucketOwner: config.bucketOwner as string } : {}),
	};
}

/** Input images given as `s3Location` (Nova Reel), read from the emulator's S3. */
function readSmallObject(state: EmulatorState, bucket: string, key: string): Buffer | undefined {
	const object = state.s3.object(bucket, key);
	if (!object || object.size > 25_000_000) return undefined;
	return state.s3.readSync(object);
}

function timestamp(
	value: string | undefined,
	name: string,
	violations: Violations,
): number | undefined {
	if (value === undefined) return undefined;
	const time = Date.parse(value);
	if (Number.isNaN(time))
		violations.add(value, name, 'Member must be a timestamp in RFC 3339 format');
	return time;
}

function compareJobs(
	a: Pick<AsyncJob, 'submitTime' | 'id'>,
	b: Pick<AsyncJob, 'submitTime' | 'id'>,
): number {
	return a.submitTime - b.submitTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Opaque tokens: the last job of the page and the filters they belong to. */
function encodeCursor(job: AsyncJob, filters: string): string {
	return Buffer.from(JSON.stringify({ t: job.submitTime, i: job.id, f: filters }), 'utf8').toString(
		'base64',
	);
}

function decodeCursor(token: string, filters: string): Pick<AsyncJob, 'submitTime' | 'id'> {
	try {
		const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Json;
		if (typeof parsed.t === 'number' && typeof parsed.i === 'string' && parsed.f === filters)
			return { submitTime: parsed.t, id: parsed.i };
	} catch {
		// Falls through to the error below.
	}
	throw validation('The pagination token in the request is invalid.');
}
