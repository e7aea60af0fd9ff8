/**
 * Reading what `n8n execute --id <id> --rawOutput` prints.
 *
 * n8n 2.41 writes its log lines (task broker, license SDK, runner registration) to stdout too, then
 * the execution as `JSON.stringify(run, null, 2)`: a `{` line, indented content, a `}` line. On a
 * failed run it logs the same document after "Execution was NOT successful" and exits 1. The
 * parser therefore looks for top-level JSON blocks by their unindented braces and keeps the last
 * one shaped like an execution, whatever surrounds it.
 */

export type BinaryRef = {
	mimeType?: string;
	fileName?: string;
	fileExtension?: string;
	fileSize?: string;
	id?: string;
	data?: string;
};

export type ExecutionItem = {
	json: Record<string, unknown>;
	binary?: Record<string, BinaryRef>;
	pairedItem?: unknown;
	error?: unknown;
};

export type RunError = {
	message?: string;
	description?: string | null;
	name?: string;
	httpCode?: string;
	node?: { name?: string; type?: string };
	stack?: string;
};

export type NodeRun = {
	executionStatus?: string;
	executionTime?: number;
	error?: RunError;
	data?: { main?: Array<ExecutionItem[] | null> };
};

export type WorkflowRun = {
	/** n8n's execution status: 'success', 'error', 'canceled', … */
	status: string;
	runData: Record<string, NodeRun[]>;
	lastNodeExecuted?: string;
	/** The workflow-level error n8n recorded, if any. */
	error?: RunError;
	/** The whole document n8n printed, for anything the fields above leave out. */
	execution: Record<string, unknown>;
};

type ExecutionDocument = {
	status?: string;
	data?: {
		resultData?: {
			runData?: Record<string, NodeRun[]>;
			lastNodeExecuted?: string;
			error?: RunError;
		};
	};
};

/** Returns the execution printed in `output`, or undefined when there is none. */
export function parseExecuteOutput(output: string): WorkflowRun | undefined {
	const lines = output.split('\n');
	let found: ExecutionDocument | undefined;
	for (let start = 0; start < lines.length; start++) {
		if (lines[start].trimEnd() !== '{') continue;
		const end = lines.findIndex((line, index) => index > start && line.trimEnd() === '}');
		if (end === -1) break;
		try {
			const document = JSON.parse(lines.slice(start, end + 1).join('\n')) as ExecutionDocument;
			if (document?.data?.resultData) found = document;
			start = end;
		} catch {
			// Not a JSON document after all (e.g. a log line that is just "{"); keep scanning.
		}
	}
	if (!found?.data?.resultData) return undefined;
	const { resultData } = found.data;
	const error = resultData.error;
	return {
		status: found.status ?? (error ? 'error' : 'success'),
		runData: resultData.runData ?? {},
		lastNodeExecuted: resultData.lastNodeExecuted,
		error,
		execution: found as Record<string, unknown>,
	};
}

/** Nodes that reported an error, with their messages, in the order they ran. */
export function failedNodes(run: WorkflowRun): Array<{ node: string; error: RunError }> {
	const failures: Array<{ node: string; error: RunError }> = [];
	for (const [node, runs] of Object.entries(run.runData)) {
		for (const nodeRun of runs) {
			if (nodeRun.error) failures.push({ node, error: nodeRun.error });
		}
	}
	return failures;
}

/** A human-readable account of why a run failed: which node, its message and description. */
export function describeFailure(run: WorkflowRun): string {
	const failures = failedNodes(run);
	const parts = failures.map(({ node, error }) => formatError(node, error));
	if (run.error && failures.every(({ error }) => error.message !== run.error?.message)) {
		parts.push(formatError(run.error.node?.name ?? 'workflow', run.error));
	}
	return parts.length ? parts.join('\n') : `Run ended with status "${run.status}" and no error`;
}

function formatError(node: string, error: RunError): string {
	const description = error.description ? `\n    ${error.description}` : '';
	const name = error.name ? ` (${error.name})` : '';
	return `  node "${node}"${name}: ${error.message ?? 'unknown error'}${description}`;
}

/** The items a node produced on one output of one run; throws if the node did not run. */
export function nodeItems(
	run: WorkflowRun,
	nodeName: string,
	{ runIndex = 0, output = 0 }: { runIndex?: number; output?: number } = {},
): ExecutionItem[] {
	const runs = run.runData[nodeName];
	if (!runs?.[runIndex]) {
		const ran = Object.keys(run.runData).join(', ') || 'none';
		throw new Error(`Node "${nodeName}" has no run #${runIndex} (nodes that ran: ${ran})`);
	}
	return runs[runIndex].data?.main?.[output] ?? [];
}

/** Shorthand for the `json` of every item a node produced. */
export function nodeJson(run: WorkflowRun, nodeName: string): Array<Record<string, unknown>> {
	return nodeItems(run, nodeName).map((item) => item.json);
}
