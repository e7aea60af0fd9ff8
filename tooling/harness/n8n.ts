/**
 * Runs workflows through the real n8n engine (n8n-core's `WorkflowExecute`), with this pack's
 * nodes and credential loaded from `dist/` by n8n's own `PackageDirectoryLoader`, exactly as
 * n8n loads an installed community package. Binary data goes through n8n's BinaryDataService
 * in filesystem mode, in a temporary n8n user folder.
 *
 * n8n's NodeTestHarness does the same inside the n8n monorepo but is not published; this is
 * our version, built from n8n-core's public exports.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

/** The pack's root: jest and the benchmarks run from it. */
export const PACK_ROOT = process.cwd();

/** The pack's package name, the prefix of its node types in workflows. */
export const PACKAGE_NAME = 'n8n-nodes-bedrock';

type N8nCore = typeof import('n8n-core');
type N8nWorkflow = typeof import('n8n-workflow');
type Di = typeof import('@n8n/di');

interface Engine {
	core: N8nCore;
	workflow: N8nWorkflow;
	di: Di;
	nodeTypes: PackNodeTypes;
	credentialTypes: Record<string, ICredentialType>;
	userFolder: string;
}

/** Where n8n writes its log during tests. */
export async function n8nLogFile(): Promise<string> {
	return path.join((await getEngine()).userFolder, 'n8n.log');
}

/**
 * A CommonJS `require` (under jest, jest's own): n8n-workflow's ESM build does not load under
 * Node's native ESM, and n8n itself loads packages as CommonJS. (Why jest shares Node's error
 * classes: test/environment.js.)
 */
function nodeRequire(from: string): NodeJS.Require {
	return process.getBuiltinModule('node:module').createRequire(from);
}

const USER_FOLDER_PREFIX = 'n8n-bedrock-test-';

/**
 * Removes the user folders of harness processes that have ended. Each process removes its own
 * at exit, but jest ends its workers without running exit handlers, and the binary data of a
 * test run (the fault suite's thousands of images) stays behind: hundreds of MB per run. Folders
 * are named after their process ID, so a folder whose process is gone is no one's.
 */
export function removeFoldersOfEndedProcesses(): void {
	const pattern = new RegExp(`^${USER_FOLDER_PREFIX}(\\d+)-`);
	for (const name of readdirSync(tmpdir())) {
		const pid = Number(pattern.exec(name)?.[1]);
		if (!pid || pid === process.pid || processAlive(pid)) continue;
		rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
	}
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: it exists, under another user.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** One engine per process: Node's module cache (and n8n's DI container) outlive a test file. */
const ENGINE_KEY = Symbol.for('n8n-nodes-bedrock.test-engine');
const processState = process as unknown as Record<symbol, Promise<Engine> | undefined>;

/** A node type registry: the pack's nodes plus the harness's own test nodes. */
class PackNodeTypes implements INodeTypes {
	readonly types: Record<string, INodeType | IVersionedNodeType> = {};

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const type = this.getByName(nodeType);
		return 'nodeVersions' in type ? type.getNodeType(version) : type;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/**
 * Boots n8n-core once per test file: a fresh n8n user folder (settings, encryption key,
 * binary data), the binary data service in filesystem mode, and the pack loaded from dist/.
 */
export async function getEngine(): Promise<Engine> {
	processState[ENGINE_KEY] ??= (async () => {
		removeFoldersOfEndedProcesses();
		const userFolder = mkdtempSync(path.join(tmpdir(), `${USER_FOLDER_PREFIX}${process.pid}-`));
		process.env.N8N_USER_FOLDER = userFolder;
		process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
		process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
		// n8n's own log (node errors included) goes to a file tests can read, e.g. to prove no
		// secret is ever logged.
		process.env.N8N_LOG_OUTPUT = 'file';
		process.env.N8N_LOG_FILE_LOCATION = path.join(userFolder, 'n8n.log');
		process.env.N8N_LOG_LEVEL ??= 'debug';
		process.on('exit', () => rmSync(userFolder, { recursive: true, force: true }));

		// Node's own require, as n8n uses: the CommonJS builds (n8n-workflow's ESM build does not
		// load under Node's native ESM), and one module instance shared with the pack's dist/ code.
		const load = nodeRequire(path.join(PACK_ROOT, 'package.json'));
		const core = load('n8n-core') as N8nCore;
		const workflow = load('n8n-workflow') as N8nWorkflow;
		// n8n-core's own copy of the DI container: its services are registered there.
		const di = nodeRequire(load.resolve('n8n-core'))('@n8n/di') as Di;
		const binaryData = di.Container.get(core.BinaryDataService);
		await binaryData.init();

		const loader = new core.PackageDirectoryLoader(PACK_ROOT);
		await loader.loadAll();
		const nodeTypes = new PackNodeTypes();
		for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
			nodeTypes.types[`${PACKAGE_NAME}.${name}`] = type;
		}
		for (const [name, type] of Object.entries(testNodeTypes)) nodeTypes.types[name] = type;
		const credentialTypes: Record<string, ICredentialType> = {};
		for (const [name, { type }] of Object.entries(loader.credentialTypes)) {
			credentialTypes[name] = type;
		}
		return { core, workflow, di, nodeTypes, credentialTypes, userFolder };
	})();
	return await processState[ENGINE_KEY];
}

/** An item a test feeds into a workflow: JSON plus binaries given as bytes. */
export interface InputItem {
	json?: IDataObject;
	binary?: Record<string, { data: Buffer; fileName?: string; mimeType?: string }>;
}

export const TEST_INPUT_NODE_TYPE = 'test.input';

/**
 * The start node of every test workflow: emits the items in its `items` parameter, storing
 * their binaries through n8n's `prepareBinaryData` as a real upstream node (Read File, HTTP
 * Request…) would.
 */
const testInputNode: INodeType = {
	description: {
		displayName: 'Test Input',
		name: 'testInput',
		group: ['input'],
		version: 1,
		description: 'Emits the items a test gives it',
		defaults: { name: 'Test Input' },
		inputs: ['main'],
		outputs: ['main'],
		// n8n drops parameters a node does not declare.
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	},
	async execute(this: IExecuteFunctions) {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as Array<{
			json: IDataObject;
			binary?: Record<string, { base64: string; fileName?: string; mimeType?: string }>;
		}>;
		const output: INodeExecutionData[] = [];
		for (const [index, item] of items.entries()) {
			const binary: INodeExecutionData['binary'] = {};
			for (const [key, file] of Object.entries(item.binary ?? {})) {
				binary[key] = await this.helpers.prepareBinaryData(
					Buffer.from(file.base64, 'base64'),
					file.fileName,
					file.mimeType,
				);
			}
			output.push({
				json: item.json,
				...(item.binary ? { binary } : {}),
				pairedItem: { item: index },
			});
		}
		return [output];
	},
};

const testNodeTypes: Record<string, INodeType> = { [TEST_INPUT_NODE_TYPE]: testInputNode };

function credentialsHelper(
	workflow: N8nWorkflow,
	data: Record<string, ICredentialDataDecryptedObject>,
) {
	class Helper extends workflow.ICredentialsHelper {
		getParentTypes() {
			return [];
		}
		isCredentialUsableByNode() {
			return true;
		}
		async authenticate(
			_credentials: ICredentialDataDecryptedObject,
			_type: string,
			options: never,
		) {
			return options;
		}
		async preAuthentication() {
			return undefined;
		}
		async runPreAuthentication() {
			return undefined;
		}
		async getCredentials(): Promise<never> {
			throw new Error('not used by the pack');
		}
		async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
			const credentials = data[type];
			if (!credentials) throw new Error(`No test credentials for ${type}`);
			return { ...credentials };
		}
		async updateCredentials() {}
		async updateCredentialsOauthTokenData() {}
		getCredentialsProperties() {
			return [];
		}
	}
	return new Helper();
}

/** A node of a test workflow; `type` may omit the pack prefix (`bedrockImage`). */
export interface TestNode {
	name: string;
	type: string;
	parameters?: IDataObject;
	typeVersion?: number;
	continueOnFail?: boolean;
	/** n8n's Retry On Fail: the node runs again (up to `maxTries` times) when it fails. */
	retryOnFail?: boolean;
	maxTries?: number;
	/** Milliseconds between tries (n8n's default 1000). */
	waitBetweenTries?: number;
	/** Defaults to the pack's credential for every pack node. */
	credentials?: INode['credentials'];
}

export interface RunOptions {
	/** Nodes in order; each is connected to the next unless `connections` is given. */
	nodes: TestNode[];
	connections?: Record<string, string[]>;
	/** Items fed to the first node (through a Test Input node). */
	input?: InputItem[];
	/** Credential data by credential type name, e.g. `{ awsBedrockApi: {...} }`. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	mode?: WorkflowExecuteMode;
	/** Called once the execution runs, with a function that cancels it (as "Stop" does in n8n). */
	onStart?: (cancel: () => void) => void;
}

export interface RunResult {
	run: IRun;
	/** The items a node output on its first output (last run). */
	output(nodeName: string): INodeExecutionData[];
	/** The error a node failed with, if any. */
	error(nodeName?: string): Error | undefined;
	/** The bytes of a binary property of an output item. */
	binary(item: INodeExecutionData, property?: string): Promise<Buffer>;
	/** Execution metadata of a node's last run (e.g. token usage reported by nodes). */
	metadata(nodeName: string): IDataObject | undefined;
	/**
	 * The execution's custom data (`$execution.customData`, what nodes set with
	 * `this.customData`), as n8n stores it with the execution.
	 */
	customData(): Record<string, string>;
}

const INPUT_NODE_NAME = 'Test Input';

function toWorkflowNodes(options: RunOptions): INode[] {
	const inputNode: INode = {
		id: 'input',
		name: INPUT_NODE_NAME,
		type: TEST_INPUT_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {
			items: JSON.stringify(
				(options.input ?? [{ json: {} }]).map((item) => ({
					json: item.json ?? {},
					...(item.binary
						? {
								binary: Object.fromEntries(
									Object.entries(item.binary).map(([key, file]) => [
										key,
										{
											base64: file.data.toString('base64'),
											fileName: file.fileName,
											mimeType: file.mimeType,
										},
									]),
								),
							}
						: {}),
				})),
			),
		},
	};
	const nodes = options.nodes.map((node, index): INode => {
		const type = node.type.includes('.') ? node.type : `${PACKAGE_NAME}.${node.type}`;
		const isPackNode = type.startsWith(`${PACKAGE_NAME}.`);
		return {
			id: `node-${index}`,
			name: node.name,
			type,
			typeVersion: node.typeVersion ?? 1,
			position: [(index + 1) * 200, 0],
			parameters: (node.parameters ?? {}) as INode['parameters'],
			...(node.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			...(node.retryOnFail
				? {
						retryOnFail: true,
						...(node.maxTries !== undefined ? { maxTries: node.maxTries } : {}),
						...(node.waitBetweenTries !== undefined
							? { waitBetweenTries: node.waitBetweenTries }
							: {}),
					}
				: {}),
			...(node.credentials || isPackNode
				? {
						credentials: node.credentials ?? {
							awsBedrockApi: { id: 'test', name: 'Test credential' },
						},
					}
				: {}),
		};
	});
	return [inputNode, ...nodes];
}

function toConnections(options: RunOptions) {
	const edges: Record<string, string[]> = options.connections ?? {};
	if (!options.connections) {
		const names = [INPUT_NODE_NAME, ...options.nodes.map((node) => node.name)];
		for (let i = 0; i < names.length - 1; i++) edges[names[i]] = [names[i + 1]];
	}
	if (options.connections && !edges[INPUT_NODE_NAME] && options.nodes[0]) {
		edges[INPUT_NODE_NAME] = [options.nodes[0].name];
	}
	return Object.fromEntries(
		Object.entries(edges).map(([from, targets]) => [
			from,
			{ main: [targets.map((node) => ({ node, type: 'main' as const, index: 0 }))] },
		]),
	);
}

/** Runs a workflow through n8n-core and waits for it to finish. */
export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	const { core, workflow: n8nWorkflow, di, nodeTypes } = await getEngine();
	const nodes = toWorkflowNodes(options);
	const workflow = new n8nWorkflow.Workflow({
		id: 'test-workflow',
		name: 'Test workflow',
		nodes,
		connections: toConnections(options),
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});

	const hooks = new core.ExecutionLifecycleHooks(options.mode ?? 'manual', `exec-${Date.now()}`, {
		id: 'test-workflow',
		name: 'Test workflow',
		nodes,
		connections: workflow.connectionsBySourceNode,
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	const finished = new Promise<IRun>((resolve) =>
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)),
	);

	const additionalData = {
		credentialsHelper: credentialsHelper(n8nWorkflow, options.credentials ?? {}),
		hooks,
		executionId: `exec-${Date.now()}`,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		variables: {},
		setExecutionStatus: () => undefined,
		sendDataToUI: () => undefined,
		logAiEvent: () => undefined,
		externalSecretsProxy: di.Container.get(core.ExternalSecretsProxy),
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not part of these tests');
		},
		startRunnerTask: async () => {
			throw new Error('Code nodes are not part of these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData = {
		version: 1,
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node: nodes[0], data: { main: [[{ json: {} }]] }, source: null }],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as IRunExecutionData;

	const execution = new core.WorkflowExecute(
		additionalData,
		options.mode ?? 'manual',
		runExecutionData,
	);
	const running = execution.processRunExecutionData(workflow);
	options.onStart?.(() => running.cancel());
	const run = await running.catch(async () => await finished);
	const { BinaryDataService } = core;

	const lastRun = (nodeName: string) => run.data.resultData.runData[nodeName]?.at(-1);
	return {
		run,
		output: (nodeName) => lastRun(nodeName)?.data?.main?.[0] ?? [],
		error: (nodeName) =>
			(nodeName ? lastRun(nodeName)?.error : run.data.resultData.error) as Error | undefined,
		binary: async (item, property = 'data') => {
			const binary = item.binary?.[property];
			if (!binary) throw new Error(`The item has no binary property "${property}"`);
			return await di.Container.get(BinaryDataService).getAsBuffer(binary);
		},
		metadata: (nodeName) => lastRun(nodeName)?.metadata as IDataObject | undefined,
		customData: () => ({ ...(run.data.resultData.metadata ?? {}) }),
	};
}

/**
 * Adds a node type for test workflows, next to the Test Input node (e.g. a node that attaches
 * binary data from a pool, for the fuzz tests). Its name must contain a dot: `test.fuzzFiles`.
 */
export async function registerTestNodeType(name: string, type: INodeType): Promise<void> {
	const { nodeTypes } = await getEngine();
	nodeTypes.types[name] = type;
}

/** A node type of the pack as n8n loaded it (for its `methods`: listSearch, credentialTest). */
export async function packNodeType(name: string): Promise<INodeType> {
	const { nodeTypes } = await getEngine();
	return nodeTypes.getByNameAndVersion(`${PACKAGE_NAME}.${name}`);
}
