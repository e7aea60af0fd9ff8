/**
 * The control API of async jobs and S3 buckets, in process (`control.jobs`, `control.s3`) and
 * over HTTP under `/__emulator/` (docs/emulator-video.md):
 *
 * - `GET /jobs`: every job with its status, output folder and the keys it wrote.
 * - `POST /jobs/faults` `{"kind": "fail" | "hang", "failureMessage"?, "count"?, "model"?}`: the
 *   next matching jobs end Failed (with that message) or stay InProgress forever.
 *   `GET /jobs/faults`, `DELETE /jobs/faults`.
 * - `GET /s3/buckets`, `POST /s3/buckets` `{"name", "region", "ownerAccountId"?}`,
 *   `DELETE /s3/buckets/{name}`, `GET /s3/buckets/{name}/objects`.
 *
 * Job duration, padded output size and how a wrong-region bucket is reported are settings
 * (`PATCH /config` with `videoJobSeconds`, `videoMinOutputBytes`, `outputBucketCheck`).
 */
import type { Exchange } from '../http/exchange.ts';
import { send, sendJson } from '../http/respond.ts';
import type { BucketConfig } from '../s3/store.ts';
import type { EmulatorState } from '../state.ts';
import type { JobFault, JobFaultSpec, JobStatus } from './jobs.ts';

export interface JobView {
	invocationArn: string;
	modelId: string;
	status: JobStatus;
	failureMessage?: string;
	submitTime: string;
	endTime?: string;
	/** `s3://bucket/prefix/<id>`. */
	outputFolder: string;
	writtenKeys: string[];
}

export interface JobsControl {
	list(): JobView[];
	addFault(spec: JobFaultSpec): JobFault;
	faults(): JobFault[];
	clearFaults(): void;
}

export interface BucketView {
	name: string;
	region: string;
	ownerAccountId: string;
	objectCount: number;
}

export interface ObjectView {
	key: string;
	size: number;
	etag: string;
	contentType: string;
	lastModified: string;
}

export interface S3Control {
	createBucket(config: BucketConfig): BucketView;
	deleteBucket(name: string): boolean;
	buckets(): BucketView[];
	objects(bucket: string): ObjectView[];
}

export function createJobsControl(state: EmulatorState): JobsControl {
	return {
		list: () =>
			state.asyncInvokes.all().map((job) => ({
				invocationArn: job.invocationArn,
				modelId: job.modelId,
				status: job.status,
				...(job.failureMessage === undefined ? {} : { failureMessage: job.failureMessage }),
				submitTime: new Date(job.submitTime).toISOString(),
				...(job.endTime === undefined ? {} : { endTime: new Date(job.endTime).toISOString() }),
				outputFolder: `s3://${job.output.bucket}/${job.output.folderKey}`,
				writtenKeys: [...job.writtenKeys],
			})),
		addFault: (spec) => state.asyncInvokes.addFault(spec),
		faults: () => state.asyncInvokes.listFaults(),
		clearFaults: () => state.asyncInvokes.clearFaults(),
	};
}

export function createS3Control(state: EmulatorState): S3Control {
	const view = (name: string): BucketView => {
		const bucket = state.s3.bucket(name);
		if (!bucket) throw new Error(`No bucket ${name}.`);
		return {
			name: bucket.name,
			region: bucket.region,
			ownerAccountId: bucket.ownerAccountId,
			objectCount: bucket.objects.size,
		};
	};
	return {
		createBucket: (config) => view(state.s3.createBucket(config).name),
		deleteBucket: (name) => state.s3.deleteBucket(name),
		buckets: () => state.s3.list().map((bucket) => view(bucket.name)),
		objects: (name) =>
			state.s3.sortedObjects(name).map((object) => ({
				key: object.key,
				size: object.size,
				etag: object.etag,
				contentType: object.contentType,
				lastModified: new Date(object.lastModified).toISOString(),
			})),
	};
}

/** Answers `route` (`METHOD /path` below the control prefix) when it is one of these endpoints. */
export function handleVideoControl(
	route: string,
	exchange: Exchange,
	controls: { jobs: JobsControl; s3: S3Control },
	body: () => unknown,
): boolean {
	const { jobs, s3 } = controls;
	if (route === 'GET /jobs') return answer(exchange, 200, { jobs: jobs.list() });
	if (route === 'GET /jobs/faults') return answer(exchange, 200, { faults: jobs.faults() });
	if (route === 'POST /jobs/faults')
		return answer(exchange, 201, jobs.addFault(body() as JobFaultSpec));
	if (route === 'DELETE /jobs/faults') {
		jobs.clearFaults();
		return answer(exchange, 204);
	}
	if (route === 'GET /s3/buckets') return answer(exchange, 200, { buckets: s3.buckets() });
	if (route === 'POST /s3/buckets')
		return answer(exchange, 201, s3.createBucket(body() as BucketConfig));
	const bucket = /^(GET|DELETE) \/s3\/buckets\/([^/]+)(\/objects)?$/.exec(route);
	if (bucket) {
		const name = decodeURIComponent(bucket[2]);
		if (!s3.buckets().some((candidate) => candidate.name === name))
			return answer(exchange, 404, { error: `No bucket ${name}.` });
		if (bucket[1] === 'GET' && bucket[3])
			return answer(exchange, 200, { objects: s3.objects(name) });
		if (bucket[1] === 'DELETE' && !bucket[3]) {
			s3.deleteBucket(name);
			return answer(exchange, 204);
		}
	}
	return false;
}

function answer(exchange: Exchange, status: number, value?: unknown): true {
	if (value === undefined) send(exchange, status, {}, '');
	else sendJson(exchange, status, value);
	return true;
}
