/**
 * The scale run's checks, as pure functions over what the run collected: the emulator's request
 * log, the files the workflows wrote, the executions n8n recorded and which worker logged which
 * execution. Each returns a named pass/fail with the evidence, so a failure says what went wrong
 * (test/unit/scaleChecks.test.ts feeds them broken inputs).
 */
import { createHash } from 'node:crypto';

import type { RequestLogEntry } from '../../emulator/src/index.ts';
import {
	EXPECTED_IDENTITY,
	ROLE_ARN,
	ROLE_SESSION_NAME,
	ROLE_SESSION_SECONDS,
	SECOND_ACCESS_KEY_ID,
	type CredentialKey,
} from './identities.ts';

export type CheckResult = { name: string; ok: boolean; detail: string };

/** One execution the run asked for: its job tag (in every prompt), credential and prompts. */
export type JobPlan = { job: string; credential: CredentialKey; prompts: string[] };

/** The prompt the workflow sends: the example's prompt plus the job's suffix. */
export function promptSuffix(job: string): string {
	return ` [${job}]`;
}

/** The file the workflow writes for the job's `index`-th prompt (0-based). */
export function imageFileName(job: string, index: number): string {
	return `${job}-${String(index + 1).padStart(3, '0')}.png`;
}

export type LoggedRequest = Pick<RequestLogEntry, 'operation' | 'identity' | 'status' | 'body'>;

const invocations = (requests: LoggedRequest[]) =>
	requests.filter((request) => request.operation === 'InvokeModel');

function promptOf(request: LoggedRequest): string | undefined {
	const body = request.body as { prompt?: unknown } | null;
	return typeof body?.prompt === 'string' ? body.prompt : undefined;
}

function list(items: string[], max = 5): string {
	return items.length <= max
		? items.join(', ')
		: `${items.slice(0, max).join(', ')} … (${items.length})`;
}

/**
 * Every planned image was generated exactly once (one successful InvokeModel per prompt, nothing
 * unplanned, no failed calls) and written exactly once (one file per prompt, no extra files).
 */
export function checkExactlyOnce(
	plans: JobPlan[],
	requests: LoggedRequest[],
	files: string[],
): CheckResult {
	const problems: string[] = [];
	const calls = new Map<string, number>();
	const failed: string[] = [];
	for (const request of invocations(requests)) {
		const prompt = promptOf(request) ?? '<no prompt>';
		if (request.status !== 200) failed.push(`${request.status} for "${prompt}"`);
		else calls.set(prompt, (calls.get(prompt) ?? 0) + 1);
	}
	const expectedPrompts = new Set<string>();
	const missing: string[] = [];
	const duplicated: string[] = [];
	for (const plan of plans) {
		for (const prompt of plan.prompts) {
			const text = prompt + promptSuffix(plan.job);
			expectedPrompts.add(text);
			const count = calls.get(text) ?? 0;
			if (count === 0) missing.push(text);
			if (count > 1) duplicated.push(`${text} ×${count}`);
		}
	}
	const unplanned = [...calls.keys()].filter((prompt) => !expectedPrompts.has(prompt));
	if (missing.length) problems.push(`never generated: ${list(missing)}`);
	if (duplicated.length) problems.push(`generated more than once: ${list(duplicated)}`);
	if (unplanned.length) problems.push(`generated but not planned: ${list(unplanned)}`);
	if (failed.length) problems.push(`failed calls: ${list(failed)}`);

	const expectedFiles = new Set(
		plans.flatMap((plan) => plan.prompts.map((_, index) => imageFileName(plan.job, index))),
	);
	const present = new Set(files);
	const missingFiles = [...expectedFiles].filter((file) => !present.has(file));
	const extraFiles = files.filter((file) => !expectedFiles.has(file));
	if (missingFiles.length) problems.push(`files missing: ${list(missingFiles)}`);
	if (extraFiles.length) problems.push(`unexpected files: ${list(extraFiles)}`);

	const images = expectedPrompts.size;
	return {
		name: 'every image generated and written exactly once',
		ok: problems.length === 0,
		detail: problems.length
			? problems.join('; ')
			: `${images} prompts → ${images} successful InvokeModel calls → ${images} files`,
	};
}

/** Every Bedrock call of a job carried the identity of the job's own credential. */
export function checkIdentities(plans: JobPlan[], requests: LoggedRequest[]): CheckResult {
	const credentialOfJob = new Map(plans.map((plan) => [plan.job, plan.credential]));
	const seen: Record<CredentialKey, number> = { A: 0, B: 0 };
	const wrong: string[] = [];
	for (const request of invocations(requests)) {
		const job = /\[([^\]]+)\]$/.exec(promptOf(request) ?? '')?.[1];
		const credential = job ? credentialOfJob.get(job) : undefined;
		if (!credential) continue;
		seen[credential] += 1;
		if (request.identity !== EXPECTED_IDENTITY[credential]) {
			wrong.push(`${job} (credential ${credential}) reached Bedrock as ${request.identity}`);
		}
	}
	const used = (Object.keys(seen) as CredentialKey[]).filter((key) => seen[key] > 0);
	const ok = wrong.length === 0 && used.length === 2;
	return {
		name: 'each credential reaches Bedrock as its own identity',
		ok,
		detail: wrong.length
			? list(wrong)
			: used.length < 2
				? `only credential ${used.join('') || 'none'} was used: nothing to compare`
				: `A: ${seen.A} calls as ${EXPECTED_IDENTITY.A}; B: ${seen.B} calls as ${EXPECTED_IDENTITY.B}`,
	};
}

/**
 * The role credential is assumed at most once per worker process that ran it (sessions last an
 * hour; none nears its refresh point during a run), at least once, and with the credential's
 * own base identity and parameters.
 */
export function checkAssumeRole(
	assumeRoleCalls: number,
	requests: LoggedRequest[],
	workerProcessesWithRole: number,
): CheckResult {
	const problems: string[] = [];
	if (assumeRoleCalls < 1) problems.push('no AssumeRole call at all');
	if (assumeRoleCalls > workerProcessesWithRole) {
		problems.push(
			`${assumeRoleCalls} AssumeRole calls for ${workerProcessesWithRole} worker processes (not cached per worker)`,
		);
	}
	for (const request of requests.filter((entry) => entry.operation === 'AssumeRole')) {
		const body = request.body as Record<string, string> | null;
		if (request.identity !== SECOND_ACCESS_KEY_ID)
			problems.push(`AssumeRole signed as ${request.identity}`);
		if (body?.RoleArn !== ROLE_ARN || body?.RoleSessionName !== ROLE_SESSION_NAME)
			problems.push(`AssumeRole for ${body?.RoleArn} / ${body?.RoleSessionName}`);
		if (Number(body?.DurationSeconds) !== ROLE_SESSION_SECONDS)
			problems.push(`AssumeRole DurationSeconds ${body?.DurationSeconds}`);
	}
	return {
		name: 'assume-role session cached per worker (AssumeRole calls ≤ workers)',
		ok: problems.length === 0,
		detail: problems.length
			? list(problems)
			: `${assumeRoleCalls} AssumeRole call(s) for ${workerProcessesWithRole} worker process(es) that ran credential B`,
	};
}

export type ExecutionRecord = {
	id: string;
	job: string;
	credential: CredentialKey;
	status: string;
	startedAt: number;
	stoppedAt: number;
	/** Workers that logged a job of this execution, in order (two after a hand-over). */
	workers: string[];
};

export function checkSucceeded(executions: ExecutionRecord[], expected: number): CheckResult {
	const failed = executions.filter((execution) => execution.status !== 'success');
	const ok = failed.length === 0 && executions.length === expected;
	return {
		name: 'every execution succeeded',
		ok,
		detail: ok
			? `${expected} executions, status success`
			: `${executions.length} of ${expected} executions found; not successful: ${list(
					failed.map((execution) => `${execution.id} (${execution.job}): ${execution.status}`),
				)}`,
	};
}

/** Every running worker took executions of the wave (the queue spread them). */
export function checkSpread(executions: ExecutionRecord[], workers: string[]): CheckResult {
	const counts = new Map(workers.map((worker) => [worker, 0]));
	for (const execution of executions) {
		const first = execution.workers[0];
		if (first !== undefined) counts.set(first, (counts.get(first) ?? 0) + 1);
	}
	const idle = [...counts].filter(([, count]) => count === 0).map(([worker]) => worker);
	const unknown = executions.filter((execution) => execution.workers.length === 0);
	return {
		name: 'executions spread over the workers',
		ok: idle.length === 0 && unknown.length === 0,
		detail: [
			[...counts].map(([worker, count]) => `${worker}: ${count}`).join(', '),
			idle.length ? `idle: ${idle.join(', ')}` : '',
			unknown.length ? `no worker logged ${list(unknown.map((execution) => execution.id))}` : '',
		]
			.filter(Boolean)
			.join('; '),
	};
}

/**
 * Some worker ran executions of both credentials at overlapping times: without that, the
 * identity check could not catch client or credential state shared between executions.
 */
export function checkCredentialsInterleaved(executions: ExecutionRecord[]): CheckResult {
	const pairs: string[] = [];
	for (const a of executions.filter((execution) => execution.credential === 'A')) {
		for (const b of executions.filter((execution) => execution.credential === 'B')) {
			if (a.workers[0] !== undefined && a.workers[0] === b.workers[0]) {
				if (a.startedAt < b.stoppedAt && b.startedAt < a.stoppedAt) {
					pairs.push(`${a.workers[0]}: ${a.id} (A) with ${b.id} (B)`);
				}
			}
		}
	}
	return {
		name: 'both credentials ran at the same time on one worker',
		ok: pairs.length > 0,
		detail: pairs.length ? list(pairs, 3) : 'no worker ran A and B executions concurrently',
	};
}

/**
 * The images were stored in the database binary store and read back intact: each image's
 * binary id is a `database:` id, and the bytes main serves for it (another process than the
 * worker that stored it) equal the file the downstream node wrote.
 */
export function checkBinaries(
	images: Array<{ job: string; index: number; binaryId?: string; stored?: Buffer; file?: Buffer }>,
): CheckResult {
	const problems: string[] = [];
	const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
	for (const image of images) {
		const label = imageFileName(image.job, image.index);
		if (!image.binaryId?.startsWith('database:'))
			problems.push(`${label}: binary id ${image.binaryId}`);
		else if (!image.stored) problems.push(`${label}: not readable from the database`);
		else if (!image.file) problems.push(`${label}: no file`);
		else if (sha(image.stored) !== sha(image.file))
			problems.push(`${label}: file differs from the database`);
		else if (!isPng1024(image.file)) problems.push(`${label}: not a 1024x1024 PNG`);
	}
	return {
		name: 'binary data in the database, read back intact by the downstream node',
		ok: problems.length === 0 && images.length > 0,
		detail: problems.length
			? list(problems)
			: images.length
				? `${images.length} images: database ids, bytes served by main = files written by the workers`
				: 'no images to compare',
	};
}

function isPng1024(bytes: Buffer): boolean {
	const signature = '89504e470d0a1a0a';
	return (
		bytes.length > 24 &&
		bytes.subarray(0, 8).toString('hex') === signature &&
		bytes.readUInt32BE(16) === 1024 &&
		bytes.readUInt32BE(20) === 1024
	);
}

/**
 * After the hand-over, executions generated on the worker that was then stopped were finished
 * (their images read from the database and written) by another worker.
 */
export function checkHandOver(executions: ExecutionRecord[], stoppedWorker: string): CheckResult {
	const moved = executions.filter(
		(execution) => execution.workers[0] === stoppedWorker && execution.workers.length >= 2,
	);
	const crossed = moved.filter((execution) => execution.workers[1] !== stoppedWorker);
	const generatedThere = executions.filter((execution) => execution.workers[0] === stoppedWorker);
	const ok = generatedThere.length > 0 && crossed.length === generatedThere.length;
	return {
		name: 'downstream node on another worker reads the images from the database',
		ok,
		detail: ok
			? `${crossed.length} execution(s) generated on ${stoppedWorker}, which was then stopped, were written by ${[
					...new Set(crossed.map((execution) => execution.workers[1])),
				].join(', ')}`
			: `executions generated on ${stoppedWorker}: ${generatedThere.length}, finished elsewhere: ${crossed.length} (${list(
					generatedThere.map((execution) => `${execution.id}: ${execution.workers.join(' → ')}`),
				)})`,
	};
}
