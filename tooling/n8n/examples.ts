/**
 * The example workflows in examples/ and what running them takes: the credential they refer to
 * (pointed at the emulator or at AWS), and the one value a run has to adapt, the folder the
 * scheduled job writes to (n8n only writes inside N8N_RESTRICT_FILE_ACCESS_TO, and that differs
 * per installation). Used by the end-to-end tests and by the demo (`npm start`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { emulatorCredentialData } from '../harness/credentials.ts';
import { repoRoot } from './paths.ts';

/** The credential every example node names; importing one with this id links them all. */
export const EXAMPLE_CREDENTIAL = { id: 'bedrockCredDemo1', name: 'AWS Bedrock' } as const;

/**
 * The emulator's region plan (docs/emulator.md) puts the Stability text-to-image models, Titan
 * Text and Nova Lite on demand in us-west-2, and the image services behind `us.` profiles there,
 * so one us-west-2 credential serves every example.
 */
export const EXAMPLE_REGION = 'us-west-2';

export const EXAMPLES = {
	scheduledImages: { file: 'examples/scheduled-images.json', id: 'bedrockExample01' },
	editChain: { file: 'examples/edit-chain.json', id: 'bedrockExample02' },
	modelDiscovery: { file: 'examples/model-discovery.json', id: 'bedrockExample03' },
	textPipeline: { file: 'examples/text-pipeline.json', id: 'bedrockExample04' },
	scheduledBudget: { file: 'examples/scheduled-budget.json', id: 'bedrockExample05' },
} as const;

export type ExampleName = keyof typeof EXAMPLES;

export type WorkflowNode = {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
};

export type Workflow = {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
};

export function loadExample(name: ExampleName): Workflow {
	return JSON.parse(readFileSync(join(repoRoot(), EXAMPLES[name].file), 'utf8')) as Workflow;
}

export function exampleNode(workflow: Workflow, nodeName: string): WorkflowNode {
	const node = workflow.nodes.find((candidate) => candidate.name === nodeName);
	if (!node) throw new Error(`Workflow "${workflow.name}" has no node "${nodeName}"`);
	return node;
}

type Assignment = { name: string; value: unknown };

/** Changes the value an Edit Fields (Set) node assigns to `field`, e.g. the output folder. */
export function setAssignedValue(
	workflow: Workflow,
	nodeName: string,
	field: string,
	value: string,
): void {
	const parameters = exampleNode(workflow, nodeName).parameters as {
		assignments?: { assignments?: Assignment[] };
	};
	const assignment = parameters.assignments?.assignments?.find((entry) => entry.name === field);
	if (!assignment) throw new Error(`Node "${nodeName}" assigns no field "${field}"`);
	assignment.value = value;
}

/** The scheduled job with its Settings node's output folder set to `folder`. */
export function scheduledImagesWritingTo(folder: string): Workflow {
	const workflow = loadExample('scheduledImages');
	setAssignedValue(workflow, 'Settings', 'outputFolder', folder);
	return workflow;
}

export type CredentialImport = {
	id: string;
	name: string;
	type: 'awsBedrockApi';
	data: Record<string, string | boolean>;
};

export {
	EXAMPLE_ACCESS_KEY_ID as EMULATOR_ACCESS_KEY_ID,
	EXAMPLE_SECRET_ACCESS_KEY as EMULATOR_SECRET_ACCESS_KEY,
} from '../harness/credentials.ts';

/** The examples' credential, with every endpoint pointed at the emulator (Custom Endpoints). */
export function emulatorCredential(
	emulatorUrl: string,
	region: string = EXAMPLE_REGION,
): CredentialImport {
	return {
		...EXAMPLE_CREDENTIAL,
		type: 'awsBedrockApi',
		data: emulatorCredentialData(emulatorUrl, region) as CredentialImport['data'],
	};
}
