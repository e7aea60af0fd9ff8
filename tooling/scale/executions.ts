/**
 * Reading a scale run's executions back from n8n main's REST API: signing in, waiting for a
 * wave's executions to finish, and what each of them did.
 */
import type { N8nServer } from '../n8n/server.ts';
import type { ExecutionRecord, JobPlan } from './checks.ts';
import type { CredentialKey } from './identities.ts';
import { GENERATE_NODE } from './workflows.ts';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export type ExecutionSummary = {
	id: string;
	workflowId: string;
	status: string;
	startedAt: string | null;
	stoppedAt: string | null;
};

/** An execution as the checks see it, with the binary-data IDs of the images it generated. */
export type ImageExecution = ExecutionRecord & { images: Array<{ id?: string }> };

/**
 * Waits until `expected` executions of the workflows that `seen` does not hold yet have finished,
 * then adds them to `seen` and returns them.
 */
export async function waitForExecutions(
	main: N8nServer,
	seen: Set<string>,
	workflowIds: string[],
	expected: number,
	timeoutMs: number,
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	const finished = new Set(['success', 'error', 'crashed', 'canceled']);
	for (;;) {
		const fresh: ExecutionSummary[] = [];
		for (const workflowId of workflowIds) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const page = await main.request<{ results: ExecutionSummary[] }>(
				'GET',
				`/rest/executions?filter=${filter}&limit=100`,
			);
			fresh.push(...page.results.filter((execution) => !seen.has(execution.id)));
		}
		if (fresh.length >= expected && fresh.every((execution) => finished.has(execution.status))) {
			for (const execution of fresh) seen.add(execution.id);
			return fresh;
		}
		if (Date.now() > deadline) {
			throw new Error(
				`Timed out: ${fresh.filter((execution) => finished.has(execution.status)).length} of ${expected} executions finished (${fresh
					.map((execution) => `${execution.id}:${execution.status}`)
					.join(' ')})`,
			);
		}
		await sleep(500);
	}
}

/**
 * Which job each execution ran (its Settings output), its outcome, the workers that logged it
 * (`byExecution`, from their logs) and the binary IDs of its images. `parse` is n8n's own
 * `flatted` parser: execution data comes flattened from the REST API.
 */
export async function executionRecords(
	main: N8nServer,
	parse: (text: string) => unknown,
	byExecution: Map<string, string[]>,
	summaries: ExecutionSummary[],
	plans: JobPlan[],
): Promise<ImageExecution[]> {
	const credentialOf = new Map(plans.map((plan) => [plan.job, plan.credential]));
	return await Promise.all(
		summaries.map(async (summary) => {
			const full = await main.request<{ data: string }>('GET', `/rest/executions/${summary.id}`);
			const data = parse(full.data) as {
				resultData: {
					error?: { message?: string; node?: { name?: string } };
					lastNodeExecuted?: string;
					runData: Record<
						string,
						Array<{
							data?: {
								main?: Array<
									Array<{
										json: Record<string, unknown>;
										binary?: Record<string, { id?: string }>;
									}>
								>;
							};
						}>
					>;
				};
			};
			const runData = data.resultData.runData;
			const job = String(runData.Settings?.[0]?.data?.main?.[0]?.[0]?.json.job ?? '?');
			const generated = runData[GENERATE_NODE]?.[0]?.data?.main?.[0] ?? [];
			return {
				id: summary.id,
				job,
				credential: credentialOf.get(job) ?? (summary.workflowId.charAt(5) as CredentialKey),
				status:
					summary.status === 'success'
						? summary.status
						: `${summary.status} in ${data.resultData.error?.node?.name ?? data.resultData.lastNodeExecuted}: ${data.resultData.error?.message}`,
				startedAt: Date.parse(summary.startedAt ?? ''),
				stoppedAt: Date.parse(summary.stoppedAt ?? ''),
				workers: byExecution.get(summary.id) ?? [],
				images: generated.map((item) => ({ id: item.binary?.data?.id })),
			};
		}),
	);
}

/** Signs in as the owner; the session cookie reads binary data through the REST API. */
export async function logIn(url: string, email: string, password: string): Promise<string> {
	const response = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	const cookie = response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0])
		.find((pair) => pair.startsWith('n8n-auth='));
	if (!response.ok || !cookie) throw new Error(`Login failed: HTTP ${response.status}`);
	return cookie;
}
