/**
 * Asynchronous invocations (StartAsyncInvoke jobs) and how they progress: `InProgress` for the
 * configured job duration, then `Completed` with the video written to the output bucket, or
 * `Failed` with a failure message. Faults from the control API make the next jobs fail or hang.
 *
 * Bedrock writes the output "on your behalf" with the caller's permissions and needs the bucket
 * in the invocation's region; AWS lists both under *Job Status "Failed"*
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-luma.html,
 * Troubleshooting; https://docs.aws.amazon.com/nova/latest/userguide/video-gen-access.html:
 * "the AWS role that you use needs … the s3:PutObject action"). The failure texts are not
 * published; the emulator's are documented in docs/emulator-video.md.
 */
import { createHash, randomBytes } from 'node:crypto';

import { isDenied } from '../auth/authorize.ts';
import type { Principal } from '../auth/identities.ts';
import { contentFilterVerdict } from '../models/images/common.ts';
import type { S3Store } from '../s3/store.ts';
import { renderVideo } from '../video/render.ts';
import type { VideoPlan } from '../video/types.ts';

export type JobStatus = 'InProgress' | 'Completed' | 'Failed';

export interface OutputLocation {
	/** The URI as sent, e.g. `s3://bucket/videos`. */
	requestedUri: string;
	bucket: string;
	/** Key prefix of the job's folder, `videos/<id>` (no trailing slash). */
	folderKey: string;
	kmsKeyId?: string;
	bucketOwner?: string;
}

export interface AsyncJob {
	id: string;
	invocationArn: string;
	accountId: string;
	region: string;
	modelId: string;
	modelArn: string;
	clientRequestToken: string;
	/** Hash of the request, to tell an idempotent retry from a reused token. */
	fingerprint: string;
	output: OutputLocation;
	plan: VideoPlan;
	status: JobStatus;
	failureMessage?: string;
	submitTime: number;
	lastModifiedTime: number;
	endTime?: number;
	tags: Array<{ key: string; value: string }>;
	/** Keys written when the job completed. */
	writtenKeys: string[];
}

export interface JobFaultSpec {
	/** `fail`: the job ends Failed; `hang`: it stays InProgress forever. */
	kind: 'fail' | 'hang';
	/** `fail`: the failure message. Default: the documented output content-filter text. */
	failureMessage?: string;
	/** Jobs to affect; default 1. */
	count?: number | 'always';
	/** Only jobs of this base model ID. */
	model?: string;
}

export interface JobFault extends JobFaultSpec {
	id: string;
	remaining: number | 'always';
	hits: number;
}

export interface JobSettings {
	/** Seconds a job stays InProgress. */
	jobSeconds: number;
	/** Pads `output.mp4` to at least this many bytes (0: the rendered size). */
	minOutputBytes: number;
	/** Global IAM denials (the identity's own are on the principal). */
	deniedActions: readonly string[];
	ffmpegPath?: string;
	videoCacheFolder?: string;
}

/** The only job failure text AWS publishes (https://docs.aws.amazon.com/nova/latest/userguide/video-gen-errors.html). */
export const OUTPUT_BLOCKED_MESSAGE =
	'The generated video has been blocked by our content filters.';

export function bucketRegionMessage(bucket: string, bucketRegion: string, region: string): string {
	return `Unable to write the output to S3: the bucket ${bucket} is in ${bucketRegion}, not in ${region}, the region of the invocation.`;
}

/** What StartAsyncInvoke hands over; the store adds the ID, ARN, status and times. */
export type NewJob = Pick<
	AsyncJob,
	| 'accountId'
	| 'region'
	| 'modelId'
	| 'modelArn'
	| 'clientRequestToken'
	| 'fingerprint'
	| 'output'
	| 'plan'
	| 'tags'
> & { principal: Principal };

export class AsyncInvokeStore {
	private readonly jobs = new Map<string, AsyncJob>();
	private readonly byToken = new Map<string, string>();
	private faults: JobFault[] = [];
	private readonly timers = new Set<NodeJS.Timeout>();
	private nextFaultId = 1;
	private disposed = false;
	private readonly s3: S3Store;
	private readonly now: () => number;
	private readonly settings: () => JobSettings;

	constructor(s3: S3Store, now: () => number, settings: () => JobSettings) {
		this.s3 = s3;
		this.now = now;
		this.settings = settings;
	}

	/** The job started earlier with this token in this account and region. */
	byClientToken(accountId: string, region: string, token: string): AsyncJob | undefined {
		const id = this.byToken.get(`${accountId}|${region}|${token}`);
		return id === undefined ? undefined : this.jobs.get(id);
	}

	get(invocationArn: string): AsyncJob | undefined {
		const id = invocationArn.slice(invocationArn.lastIndexOf('/') + 1);
		const job = this.jobs.get(id);
		return job?.invocationArn === invocationArn ? job : undefined;
	}

	list(accountId: string, region: string): AsyncJob[] {
		return [...this.jobs.values()].filter(
			(job) => job.accountId === accountId && job.region === region,
		);
	}

	all(): AsyncJob[] {
		return [...this.jobs.values()];
	}

	start(request: NewJob): AsyncJob {
		const id = newInvocationId();
		const submitTime = this.now();
		const job: AsyncJob = {
			id,
			invocationArn: `arn:aws:bedrock:${request.region}:${request.accountId}:async-invoke/${id}`,
			accountId: request.accountId,
			region: request.region,
			modelId: request.modelId,
			modelArn: request.modelArn,
			clientRequestToken: request.clientRequestToken,
			fingerprint: request.fingerprint,
			output: { ...request.output, folderKey: joinKey(request.output.folderKey, id) },
			plan: request.plan,
			status: 'InProgress',
			submitTime,
			lastModifiedTime: submitTime,
			tags: request.tags,
			writtenKeys: [],
		};
		this.jobs.set(id, job);
		this.byToken.set(`${job.accountId}|${job.region}|${job.clientRequestToken}`, id);
		this.run(job, request.principal, this.takeFault(job.modelId));
		return job;
	}

	addFault(spec: JobFaultSpec): JobFault {
		if (spec.kind !== 'fail' && spec.kind !== 'hang')
			throw new Error(`unknown job fault kind "${String(spec.kind)}"; one of fail, hang`);
		if (
			spec.count !== undefined &&
			spec.count !== 'always' &&
			(!Number.isInteger(spec.count) || spec.count < 1)
		) {
			throw new Error('count must be a positive integer or "always"');
		}
		if (spec.failureMessage !== undefined && typeof spec.failureMessage !== 'string')
			throw new Error('failureMessage must be a string');
		const fault: JobFault = {
			...spec,
			id: `job-fault-${this.nextFaultId++}`,
			remaining: spec.count ?? 1,
			hits: 0,
		};
		this.faults.push(fault);
		return { ...fault };
	}

	listFaults(): JobFault[] {
		return this.faults.map((fault) => ({ ...fault }));
	}

	clearFaults(): void {
		this.faults = [];
	}

	/** Forgets every job and fault; running jobs stop. */
	reset(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.jobs.clear();
		this.byToken.clear();
		this.faults = [];
	}

	dispose(): void {
		this.reset();
		this.disposed = true;
	}

	private takeFault(modelId: string): JobFault | undefined {
		const fault = this.faults.find(
			(candidate) =>
				(candidate.remaining === 'always' || candidate.remaining > 0) &&
				(candidate.model === undefined || candidate.model === modelId),
		);
		if (!fault) return undefined;
		fault.hits += 1;
		if (fault.remaining !== 'always') fault.remaining -= 1;
		this.faults = this.faults.filter((rule) => rule.remaining === 'always' || rule.remaining > 0);
		return { ...fault };
	}

	private run(job: AsyncJob, principal: Principal, fault: JobFault | undefined): void {
		if (fault?.kind === 'hang') return;
		const settings = this.settings();
		const outcome: Promise<Outcome> =
			fault?.kind === 'fail'
				? Promise.resolve({ failure: fault.failureMessage ?? OUTPUT_BLOCKED_MESSAGE })
				: this.produce(job, settings);
		// A rejected render must not surface as an unhandled rejection before the deadline.
		outcome.catch(() => undefined);
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			void outcome
				.then((result) => this.finish(job, principal, result))
				.catch((error: unknown) =>
					this.finish(job, principal, {
						failure: `The offline emulator could not produce the video: ${(error as Error).message}`,
					}),
				);
		}, settings.jobSeconds * 1000);
		timer.unref();
		this.timers.add(timer);
	}

	/** Renders the video early (the wait overlaps the encoding); the files are written at the deadline. */
	private async produce(job: AsyncJob, settings: JobSettings): Promise<Outcome> {
		if (contentFilterVerdict(job.plan.texts) === 'output')
			return { failure: OUTPUT_BLOCKED_MESSAGE };
		const { plan } = job;
		const render = { ffmpegPath: settings.ffmpegPath, cacheFolder: settings.videoCacheFolder };
		const video = await renderVideo(
			{
				width: plan.width,
				height: plan.height,
				fps: plan.fps,
				seconds: plan.durationSeconds,
				minBytes: settings.minOutputBytes,
			},
			render,
		);
		const shot = plan.shots
			? await renderVideo(
					{
						width: plan.width,
						height: plan.height,
						fps: plan.fps,
						seconds: plan.shots.shotSeconds,
					},
					render,
				)
			: undefined;
		return { video, shot };
	}

	private async finish(job: AsyncJob, principal: Principal, outcome: Outcome): Promise<void> {
		if (this.disposed || this.jobs.get(job.id) !== job) return;
		const failure =
			outcome.failure ?? this.writeProblem(job, principal) ?? (await this.write(job, outcome));
		const now = this.now();
		job.status = failure ? 'Failed' : 'Completed';
		if (failure) job.failureMessage = failure;
		job.lastModifiedTime = now;
		job.endTime = now;
	}

	/** Why Bedrock cannot write to the output location, checked when the job ends. */
	private writeProblem(job: AsyncJob, principal: Principal): string | undefined {
		const { bucket: name, bucketOwner } = job.output;
		const bucket = this.s3.bucket(name);
		if (!bucket) return `Unable to write the output to S3: the bucket ${name} does not exist.`;
		if (bucket.region !== job.region) return bucketRegionMessage(name, bucket.region, job.region);
		if (bucketOwner !== undefined && bucketOwner !== bucket.ownerAccountId) {
			return `Unable to write the output to S3: the bucket ${name} is not owned by account ${bucketOwner}.`;
		}
		const denied = [...this.settings().deniedActions, ...principal.deniedActions];
		if (isDenied('s3:PutObject', denied)) {
			return `Unable to write the output to S3: ${principal.arn} is not authorized to perform s3:PutObject on arn:aws:s3:::${name}/${job.output.folderKey}/output.mp4.`;
		}
		return undefined;
	}

	private async write(job: AsyncJob, outcome: Outcome): Promise<undefined> {
		const { bucket, folderKey } = job.output;
		const put = async (name: string, write: (key: string) => Promise<unknown>) => {
			const key = joinKey(folderKey, name);
			await write(key);
			job.writtenKeys.push(key);
		};
		await put('output.mp4', (key) =>
			this.s3.putFile(bucket, key, outcome.video as string, { contentType: 'video/mp4' }),
		);
		const shots = job.plan.shots;
		for (let index = 1; shots && index <= shots.count; index++) {
			await put(`shot_${String(index).padStart(4, '0')}.mp4`, (key) =>
				this.s3.putFile(bucket, key, outcome.shot as string, { contentType: 'video/mp4' }),
			);
		}
		if (job.plan.statusFiles) {
			// The contents of these two files are not documented; the emulator's are illustrative.
			const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
			await put('manifest.json', (key) =>
				this.s3.putBuffer(
					bucket,
					key,
					json({
						invocationArn: job.invocationArn,
						modelId: job.modelId,
						request: job.plan.summary,
						outputs: [...job.writtenKeys.map((written) => written.slice(folderKey.length + 1))],
					}),
					{ contentType: 'application/json' },
				),
			);
			await put('generation-status.json', (key) =>
				this.s3.putBuffer(bucket, key, json({ status: 'Completed' }), {
					contentType: 'application/json',
				}),
			);
		}
		return undefined;
	}
}

/** A failure message, or the rendered files to write. */
interface Outcome {
	failure?: string;
	video?: string;
	shot?: string;
}

/** 12 lower-case letters and digits: the ARN pattern `async-invoke/[a-z0-9]{12}`. */
function newInvocationId(): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	return [...randomBytes(12)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

export function joinKey(prefix: string, name: string): string {
	return prefix === '' ? name : `${prefix}/${name}`;
}

/** Stable hash of a request document (object keys sorted), for idempotency checks. */
export function requestFingerprint(value: unknown): string {
	return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.keys(value as Record<string, unknown>)
			.sort()
			.map(
				(key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
			);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}
