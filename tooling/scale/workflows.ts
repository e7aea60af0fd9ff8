/**
 * The workflows the scale run imports, all derived from examples/scale-100-prompts.json so that
 * what is measured is the example users get:
 *
 * - one per (credential, node concurrency): the example with its own webhook path, credential,
 *   Generate Images → Options → Concurrency, and the output folder of this installation;
 * - the hand-over variant for the checks: a Wait node between Generate Images and Write Images to
 *   Disk hands the execution back to the queue, so the writer may run on another worker and can
 *   only read the images from the database. A node before it reports the execution's resume URL
 *   to the driver, which decides when (and after stopping which worker) to resume.
 *
 * The schedule trigger is dropped from every variant: publishing a workflow arms all its
 * triggers, and a 6:00 run during a measurement would add 100 images nobody asked for.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { WorkflowNode } from '../n8n/examples.ts';
import { repoRoot } from '../n8n/paths.ts';
import { CREDENTIAL_IDS, type CredentialKey } from './identities.ts';

export const SCALE_EXAMPLE = 'examples/scale-100-prompts.json';
export const GENERATE_NODE = 'Generate Images';
export const WRITE_NODE = 'Write Images to Disk';
const SCHEDULE_NODE = 'Every Day at 6:00';
const WEBHOOK_NODE = 'Start via Webhook';
const SETTINGS_NODE = 'Settings';
const PROMPTS_NODE = 'Prompts';
const REPORT_NODE = 'Report Hand-over';
const WAIT_NODE = 'Hand Over to Any Worker';
const MERGE_NODE = 'Images Again';

type Connection = { node: string; type: string; index: number };
type Node = WorkflowNode & { webhookId?: string; executeOnce?: boolean };
export type Workflow = {
	id: string;
	name: string;
	nodes: Node[];
	connections: Record<string, { main: Connection[][] }>;
	[key: string]: unknown;
};

export type Variant = {
	credential: CredentialKey;
	nodeConcurrency: number;
	/** Callback URL for the hand-over variant; without it, the plain example. */
	handOverCallback?: string;
};

export type PreparedWorkflow = Variant & { id: string; webhookPath: string; workflow: Workflow };

export function loadScaleExample(): Workflow {
	return JSON.parse(readFileSync(join(repoRoot(), SCALE_EXAMPLE), 'utf8')) as Workflow;
}

/** The 100 prompts of the example, in order. */
export function examplePrompts(workflow: Workflow = loadScaleExample()): string[] {
	const json = String(node(workflow, PROMPTS_NODE).parameters.jsonOutput);
	return (JSON.parse(json) as { prompts: Array<{ prompt: string }> }).prompts.map((p) => p.prompt);
}

function node(workflow: Workflow, name: string): Node {
	const found = workflow.nodes.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`${SCALE_EXAMPLE} has no node "${name}"`);
	return found;
}

/** n8n ids: 16 letters and digits. */
function variantId(variant: Variant): string {
	const kind = variant.handOverCallback ? 'h' : 'p';
	return `scale${variant.credential}${kind}c${variant.nodeConcurrency}`.padEnd(16, '0');
}

export function prepareWorkflow(variant: Variant, outputFolder: string): PreparedWorkflow {
	const workflow = loadScaleExample();
	const id = variantId(variant);
	const webhookPath = `scale-${id.toLowerCase()}`;
	workflow.id = id;
	workflow.name = `${workflow.name} [${variant.credential}, concurrency ${variant.nodeConcurrency}${
		variant.handOverCallback ? ', hand-over' : ''
	}]`;

	workflow.nodes = workflow.nodes.filter((candidate) => candidate.name !== SCHEDULE_NODE);
	delete workflow.connections[SCHEDULE_NODE];

	const webhook = node(workflow, WEBHOOK_NODE);
	webhook.parameters.path = webhookPath;
	webhook.webhookId = randomUUID();

	const settings = node(workflow, SETTINGS_NODE).parameters as {
		assignments: { assignments: Array<{ name: string; value: unknown }> };
	};
	const folder = settings.assignments.assignments.find((entry) => entry.name === 'outputFolder');
	if (!folder) throw new Error(`${SCALE_EXAMPLE}: Settings assigns no outputFolder`);
	folder.value = outputFolder;

	const generate = node(workflow, GENERATE_NODE);
	generate.credentials = {
		awsBedrockApi: {
			id: CREDENTIAL_IDS[variant.credential],
			name: `credential ${variant.credential}`,
		},
	};
	generate.parameters.options = {
		...(generate.parameters.options as Record<string, unknown>),
		concurrency: variant.nodeConcurrency,
	};

	if (variant.handOverCallback) insertHandOver(workflow, variant.handOverCallback);
	return { ...variant, id, webhookPath, workflow };
}

function insertHandOver(workflow: Workflow, callbackUrl: string): void {
	const generate = node(workflow, GENERATE_NODE);
	const write = node(workflow, WRITE_NODE);
	const [x, y] = generate.position;
	write.position = [x + 780, y];
	workflow.nodes.push(
		{
			id: randomUUID(),
			name: REPORT_NODE,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			// Above the Wait node: execution order v1 runs sibling branches top to bottom, so the
			// report is sent before the execution pauses.
			position: [x + 260, y - 180],
			// One call per execution, not per image.
			executeOnce: true,
			parameters: {
				method: 'POST',
				url: callbackUrl,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: `={{ JSON.stringify({ executionId: $execution.id, resumeUrl: $execution.resumeUrl, job: $('${SETTINGS_NODE}').first().json.job }) }}`,
				options: {},
			},
		},
		{
			id: randomUUID(),
			name: WAIT_NODE,
			type: 'n8n-nodes-base.wait',
			typeVersion: 1.1,
			position: [x + 260, y],
			webhookId: randomUUID(),
			parameters: { resume: 'webhook', httpMethod: 'POST', options: {} },
		},
		{
			id: randomUUID(),
			name: MERGE_NODE,
			type: 'n8n-nodes-base.merge',
			typeVersion: 3.2,
			position: [x + 520, y + 100],
			// A resumed Wait node outputs the resume request, not its input: the images come from
			// Generate Images' output, held in the paused execution's state until the resume.
			parameters: { mode: 'chooseBranch', useDataOfInput: 1 },
		},
	);
	workflow.connections[GENERATE_NODE] = {
		main: [
			[
				{ node: REPORT_NODE, type: 'main', index: 0 },
				{ node: WAIT_NODE, type: 'main', index: 0 },
				{ node: MERGE_NODE, type: 'main', index: 0 },
			],
		],
	};
	workflow.connections[WAIT_NODE] = { main: [[{ node: MERGE_NODE, type: 'main', index: 1 }]] };
	workflow.connections[MERGE_NODE] = { main: [[{ node: WRITE_NODE, type: 'main', index: 0 }]] };
}
