/**
 * The checks of `npm run scale` (tooling/scale/checks.ts) and the workflows it derives from the
 * example: each check passes on a consistent run and fails, naming the problem, on the
 * inconsistencies it exists to catch.
 */
import {
	checkAssumeRole,
	checkBinaries,
	checkCredentialsInterleaved,
	checkExactlyOnce,
	checkHandOver,
	checkIdentities,
	checkSpread,
	checkSucceeded,
	imageFileName,
	promptSuffix,
	type ExecutionRecord,
	type JobPlan,
	type LoggedRequest,
} from '../../tooling/scale/checks.ts';
import {
	EXPECTED_IDENTITY,
	ROLE_ARN,
	ROLE_SESSION_NAME,
	ROLE_SESSION_SECONDS,
	SECOND_ACCESS_KEY_ID,
} from '../../tooling/scale/identities.ts';
import {
	GENERATE_NODE,
	WRITE_NODE,
	examplePrompts,
	prepareWorkflow,
} from '../../tooling/scale/workflows.ts';

const plans: JobPlan[] = [
	{ job: 'w1c1-A01', credential: 'A', prompts: ['a fox', 'a cat'] },
	{ job: 'w1c1-B02', credential: 'B', prompts: ['a fox', 'a cat'] },
];

function call(
	plan: JobPlan,
	prompt: string,
	overrides: Partial<LoggedRequest> = {},
): LoggedRequest {
	return {
		operation: 'InvokeModel',
		identity: EXPECTED_IDENTITY[plan.credential],
		status: 200,
		body: { prompt: prompt + promptSuffix(plan.job), aspect_ratio: '1:1' },
		...overrides,
	};
}

const consistentCalls = () =>
	plans.flatMap((plan) => plan.prompts.map((prompt) => call(plan, prompt)));
const consistentFiles = () =>
	plans.flatMap((plan) => plan.prompts.map((_, index) => imageFileName(plan.job, index)));

describe('checkExactlyOnce', () => {
	test('passes when every prompt was generated once and written once', () => {
		const result = checkExactlyOnce(plans, consistentCalls(), consistentFiles());
		expect(result).toMatchObject({ ok: true });
		expect(result.detail).toContain('4 prompts');
	});

	test('fails on a prompt generated twice (a retried or re-run item)', () => {
		const calls = [...consistentCalls(), call(plans[1], 'a cat')];
		const result = checkExactlyOnce(plans, calls, consistentFiles());
		expect(result.ok).toBe(false);
		expect(result.detail).toContain('a cat [w1c1-B02] ×2');
	});

	test('fails on a missing image, a missing file, an extra file, a failed or unplanned call', () => {
		const calls = consistentCalls();
		expect(checkExactlyOnce(plans, calls.slice(1), consistentFiles()).detail).toContain(
			'never generated: a fox [w1c1-A01]',
		);
		expect(checkExactlyOnce(plans, calls, consistentFiles().slice(1)).detail).toContain(
			'files missing: w1c1-A01-001.png',
		);
		expect(
			checkExactlyOnce(plans, calls, [...consistentFiles(), 'w1c1-A01-003.png']).detail,
		).toContain('unexpected files: w1c1-A01-003.png');
		expect(
			checkExactlyOnce(
				plans,
				[...calls, call(plans[0], 'a fox', { status: 429 })],
				consistentFiles(),
			).detail,
		).toContain('failed calls: 429');
		expect(
			checkExactlyOnce(plans, [...calls, call(plans[0], 'a dog')], consistentFiles()).detail,
		).toContain('not planned: a dog [w1c1-A01]');
	});
});

describe('checkIdentities', () => {
	test('passes when each job reached Bedrock as its credential', () => {
		expect(checkIdentities(plans, consistentCalls())).toMatchObject({ ok: true });
	});

	test('fails when a job reached Bedrock with the other credential (shared client state)', () => {
		const calls = consistentCalls();
		calls[3] = call(plans[1], 'a cat', { identity: EXPECTED_IDENTITY.A });
		const result = checkIdentities(plans, calls);
		expect(result.ok).toBe(false);
		expect(result.detail).toContain(
			'w1c1-B02 (credential B) reached Bedrock as AKIAIOSFODNN7EXAMPLE',
		);
	});

	test('fails when only one credential was used: nothing to tell apart', () => {
		const onlyA = consistentCalls().filter((request) => request.identity === EXPECTED_IDENTITY.A);
		expect(checkIdentities(plans, onlyA)).toMatchObject({ ok: false });
	});
});

describe('checkAssumeRole', () => {
	const assumeRole = (overrides: Record<string, string> = {}, identity = SECOND_ACCESS_KEY_ID) => ({
		operation: 'AssumeRole',
		identity,
		status: 200,
		body: {
			Action: 'AssumeRole',
			RoleArn: ROLE_ARN,
			RoleSessionName: ROLE_SESSION_NAME,
			DurationSeconds: String(ROLE_SESSION_SECONDS),
			...overrides,
		},
	});

	test('passes with one call per worker that ran the role credential', () => {
		expect(checkAssumeRole(2, [assumeRole(), assumeRole()], 2)).toMatchObject({ ok: true });
	});

	test('fails with more calls than workers (a session per client, item or execution)', () => {
		const result = checkAssumeRole(4, [assumeRole()], 2);
		expect(result.ok).toBe(false);
		expect(result.detail).toContain('4 AssumeRole calls for 2 worker processes');
	});

	test('fails with no call, another base identity or other parameters', () => {
		expect(checkAssumeRole(0, [], 1).ok).toBe(false);
		expect(checkAssumeRole(1, [assumeRole({}, 'AKIAIOSFODNN7EXAMPLE')], 1).detail).toContain(
			'signed as AKIAIOSFODNN7EXAMPLE',
		);
		expect(checkAssumeRole(1, [assumeRole({ DurationSeconds: '900' })], 1).detail).toContain(
			'DurationSeconds 900',
		);
	});
});

function execution(overrides: Partial<ExecutionRecord>): ExecutionRecord {
	return {
		id: '1',
		job: 'check-A01',
		credential: 'A',
		status: 'success',
		startedAt: 1000,
		stoppedAt: 5000,
		workers: ['worker-1'],
		...overrides,
	};
}

describe('execution checks', () => {
	test('checkSucceeded wants every execution, successful', () => {
		expect(checkSucceeded([execution({})], 1).ok).toBe(true);
		expect(checkSucceeded([execution({})], 2).ok).toBe(false);
		expect(
			checkSucceeded([execution({ status: 'error in Write: no binary' })], 1).detail,
		).toContain('no binary');
	});

	test('checkSpread fails when a worker took no execution', () => {
		const executions = [execution({ id: '1' }), execution({ id: '2', workers: ['worker-2'] })];
		expect(checkSpread(executions, ['worker-1', 'worker-2']).ok).toBe(true);
		const result = checkSpread(executions, ['worker-1', 'worker-2', 'worker-3']);
		expect(result.ok).toBe(false);
		expect(result.detail).toContain('idle: worker-3');
	});

	test('checkCredentialsInterleaved wants A and B at overlapping times on one worker', () => {
		const a = execution({ id: '1', credential: 'A' });
		expect(
			checkCredentialsInterleaved([a, execution({ id: '2', credential: 'B', startedAt: 4000 })]).ok,
		).toBe(true);
		expect(
			checkCredentialsInterleaved([
				a,
				execution({ id: '2', credential: 'B', startedAt: 6000, stoppedAt: 9000 }),
			]).ok,
		).toBe(false);
		expect(
			checkCredentialsInterleaved([
				a,
				execution({ id: '2', credential: 'B', workers: ['worker-2'] }),
			]).ok,
		).toBe(false);
	});

	test('checkHandOver wants the stopped worker’s executions finished by another worker', () => {
		const moved = execution({ workers: ['worker-1', 'worker-2'] });
		expect(checkHandOver([moved], 'worker-1').ok).toBe(true);
		expect(checkHandOver([execution({ workers: ['worker-1'] })], 'worker-1').ok).toBe(false);
		expect(checkHandOver([execution({ workers: ['worker-2', 'worker-2'] })], 'worker-1').ok).toBe(
			false,
		);
	});
});

describe('checkBinaries', () => {
	function png(width: number, height: number, filler = 0): Buffer {
		const bytes = Buffer.alloc(64, filler);
		Buffer.from('89504e470d0a1a0a', 'hex').copy(bytes, 0);
		bytes.writeUInt32BE(13, 8);
		bytes.write('IHDR', 12, 'latin1');
		bytes.writeUInt32BE(width, 16);
		bytes.writeUInt32BE(height, 20);
		return bytes;
	}
	const image = { job: 'check-A01', index: 0, binaryId: 'database:abc' };

	test('passes when the database copy equals the written file', () => {
		expect(checkBinaries([{ ...image, stored: png(1024, 1024), file: png(1024, 1024) }]).ok).toBe(
			true,
		);
	});

	test('fails on a non-database id, unreadable data, differing bytes or a wrong image', () => {
		const file = png(1024, 1024);
		expect(
			checkBinaries([{ ...image, binaryId: 'filesystem-v2:abc', stored: file, file }]).detail,
		).toContain('binary id filesystem-v2:abc');
		expect(checkBinaries([{ ...image, file }]).detail).toContain('not readable from the database');
		expect(checkBinaries([{ ...image, stored: png(1024, 1024, 7), file }]).detail).toContain(
			'file differs',
		);
		expect(
			checkBinaries([{ ...image, stored: png(512, 512), file: png(512, 512) }]).detail,
		).toContain('not a 1024x1024 PNG');
		expect(checkBinaries([]).ok).toBe(false);
	});
});

describe('scale workflows from examples/scale-100-prompts.json', () => {
	test('the example has 100 distinct prompts', () => {
		const prompts = examplePrompts();
		expect(prompts).toHaveLength(100);
		expect(new Set(prompts).size).toBe(100);
	});

	test('a measured variant: no schedule, own webhook, credential, concurrency and folder', () => {
		const prepared = prepareWorkflow({ credential: 'B', nodeConcurrency: 1 }, '/tmp/out');
		const names = prepared.workflow.nodes.map((node) => node.name);
		expect(names).not.toContain('Every Day at 6:00');
		expect(prepared.workflow.connections['Every Day at 6:00']).toBeUndefined();
		expect(prepared.id).toMatch(/^[A-Za-z0-9]{16}$/);
		const webhook = prepared.workflow.nodes.find((node) => node.name === 'Start via Webhook');
		expect(webhook?.parameters.path).toBe(prepared.webhookPath);
		const generate = prepared.workflow.nodes.find((node) => node.name === GENERATE_NODE);
		expect(generate?.credentials?.awsBedrockApi.id).toBe('scaleCredRoleB01');
		expect(generate?.parameters.options).toMatchObject({ concurrency: 1 });
		expect(JSON.stringify(prepared.workflow)).toContain('/tmp/out');
		expect(prepared.workflow.connections[GENERATE_NODE].main[0].map((link) => link.node)).toEqual([
			WRITE_NODE,
		]);
	});

	test('the hand-over variant reports, waits, and feeds the generated items to the writer', () => {
		const prepared = prepareWorkflow(
			{ credential: 'A', nodeConcurrency: 4, handOverCallback: 'http://127.0.0.1:1/handover' },
			'/tmp/out',
		);
		const targets = (from: string) =>
			prepared.workflow.connections[from].main[0].map((link) => `${link.node}#${link.index}`);
		expect(targets(GENERATE_NODE)).toEqual([
			'Report Hand-over#0',
			'Hand Over to Any Worker#0',
			'Images Again#0',
		]);
		expect(targets('Hand Over to Any Worker')).toEqual(['Images Again#1']);
		expect(targets('Images Again')).toEqual([`${WRITE_NODE}#0`]);
		const report = prepared.workflow.nodes.find((node) => node.name === 'Report Hand-over');
		expect(report?.executeOnce).toBe(true);
		expect(report?.position[1]).toBeLessThan(
			prepared.workflow.nodes.find((node) => node.name === 'Hand Over to Any Worker')!.position[1],
		);
	});
});
