/**
 * The real, pinned n8n installs, runs in an isolated user folder, and executes workflows from its
 * CLI; a community package packed with `npm pack` loads into it the way Settings installs one.
 * Built-in nodes only here: the pack's own example workflows reuse the same helpers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describeE2e } from './gate.ts';
import { PROBE_NODE_TYPE, PROBE_PACKAGE, installProbePackage } from './probePackage.ts';
import { ensureN8nInstalled } from '../../tooling/n8n/n8nInstall.ts';
import { createN8nInstance, type N8nInstance } from '../../tooling/n8n/n8nInstance.ts';
import type { WorkflowNode } from '../../tooling/n8n/examples.ts';
import { N8N_VERSION } from '../../tooling/n8n/paths.ts';
import { nodeItems, nodeJson } from '../../tooling/n8n/runData.ts';
import { recordTiming } from './timings.ts';

const MINUTE = 60_000;

/** Manual Trigger → Set (greeting: "hello") → `last`, the node under test. */
function greetingWorkflow(id: string, last: WorkflowNode) {
	const nodes: WorkflowNode[] = [
		{
			id: 'trigger',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'set',
			name: 'Set Greeting',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: {
				assignments: {
					assignments: [{ id: 'greeting', name: 'greeting', value: 'hello', type: 'string' }],
				},
				options: {},
			},
		},
		{ ...last, position: [440, 0] },
	];
	return {
		id,
		name: `E2E ${id}`,
		active: false,
		nodes,
		connections: {
			Start: { main: [[{ node: 'Set Greeting', type: 'main', index: 0 }]] },
			'Set Greeting': { main: [[{ node: last.name, type: 'main', index: 0 }]] },
		},
		settings: {},
	};
}

function codeNode(jsCode: string): WorkflowNode {
	return {
		id: 'code',
		name: 'Measure',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [0, 0],
		parameters: { jsCode },
	};
}

describeE2e(`real n8n ${N8N_VERSION} from the CLI`, () => {
	let n8n: N8nInstance;

	beforeAll(async () => {
		const installation = await ensureN8nInstalled();
		recordTiming('n8n install (this run; cached when the stamp is current)', installation.seconds);
		n8n = await createN8nInstance({ name: 'cli' });
	}, 20 * MINUTE);

	afterAll(async () => {
		await n8n?.dispose();
	}, MINUTE);

	test(
		'runs the pinned version in an isolated user folder',
		async () => {
			const result = await n8n.cli(['--version']);
			expect(result.stdout.trim()).toBe(N8N_VERSION);
		},
		2 * MINUTE,
	);

	test(
		'imports a built-in workflow and executes it with the expected output',
		async () => {
			const measure = codeNode(
				'return $input.all().map((item) => ({ json: { ...item.json, length: item.json.greeting.length } }));',
			);
			const id = await n8n.importWorkflow(greetingWorkflow('e2eBuiltinFlow01', measure));
			expect(id).toBe('e2eBuiltinFlow01');
			// The import created the instance's database and settings inside its own folder.
			expect(existsSync(join(n8n.userFolder, '.n8n', 'database.sqlite'))).toBe(true);
			const settings = JSON.parse(readFileSync(join(n8n.userFolder, '.n8n', 'config'), 'utf8')) as {
				encryptionKey?: string;
			};
			expect(settings.encryptionKey).toBe(n8n.encryptionKey);

			const run = await n8n.executeWorkflow(id);
			recordTiming('n8n execute (Manual Trigger → Set → Code)', run.seconds);
			expect(run.status).toBe('success');
			expect(nodeJson(run, 'Set Greeting')).toEqual([{ greeting: 'hello' }]);
			expect(nodeJson(run, 'Measure')).toEqual([{ greeting: 'hello', length: 5 }]);
		},
		3 * MINUTE,
	);

	test(
		'surfaces the failing node and its message',
		async () => {
			const failing = codeNode('throw new Error("deliberate failure");');
			const id = await n8n.importWorkflow(greetingWorkflow('e2eFailingFlow01', failing));
			await expect(n8n.executeWorkflow(id)).rejects.toThrow(/node "Measure".*deliberate failure/);

			const run = await n8n.executeWorkflow(id, { allowFailure: true });
			expect(run.status).toBe('error');
			expect(run.runData['Measure'][0].error?.message).toMatch(/deliberate failure/);
		},
		3 * MINUTE,
	);

	test(
		'writes binary data to disk inside the instance files folder',
		async () => {
			// Set → Convert to File (base64 → binary, stored by the filesystem binary mode) → Read/Write
			// Files from Disk, which may only write under N8N_RESTRICT_FILE_ACCESS_TO (n8n.filesDir).
			// The node does not create folders, so the file goes straight into the (existing) files folder.
			const target = join(n8n.filesDir, 'greeting.txt');
			const workflow = greetingWorkflow('e2eBinaryToDisk1', {
				id: 'convert',
				name: 'To File',
				type: 'n8n-nodes-base.convertToFile',
				typeVersion: 1.1,
				position: [0, 0],
				parameters: {
					operation: 'toBinary',
					sourceProperty: 'payload',
					options: { fileName: 'greeting.txt', mimeType: 'text/plain' },
				},
			});
			workflow.nodes[1].parameters = {
				assignments: {
					assignments: [
						{
							id: 'payload',
							name: 'payload',
							value: Buffer.from('hello from n8n').toString('base64'),
							type: 'string',
						},
					],
				},
				options: {},
			};
			workflow.nodes.push({
				id: 'write',
				name: 'Write',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1,
				position: [660, 0],
				parameters: { operation: 'write', fileName: target, dataPropertyName: 'data', options: {} },
			});
			Object.assign(workflow.connections, {
				'To File': { main: [[{ node: 'Write', type: 'main', index: 0 }]] },
			});

			const run = await n8n.executeWorkflow(await n8n.importWorkflow(workflow));
			const [converted] = nodeItems(run, 'To File');
			expect(converted.binary?.data).toMatchObject({
				mimeType: 'text/plain',
				fileName: 'greeting.txt',
			});
			// Filesystem mode: the item refers to a stored file instead of carrying the bytes.
			expect(converted.binary?.data.id).toMatch(/^filesystem/);
			expect(readFileSync(target, 'utf8')).toBe('hello from n8n');
		},
		3 * MINUTE,
	);

	test(
		'loads a community package from a packed tarball, as Settings installs one',
		async () => {
			const started = Date.now();
			const installedDir = await installProbePackage(n8n);
			recordTiming('pack + install a community package (probe)', (Date.now() - started) / 1000);

			expect(installedDir).toBe(join(n8n.nodesDir, 'node_modules', PROBE_PACKAGE));
			expect(existsSync(join(installedDir, 'node_modules', 'is-number'))).toBe(true);
			// Peer and dev dependencies are not installed: n8n provides n8n-workflow itself.
			expect(existsSync(join(installedDir, 'node_modules', 'n8n-workflow'))).toBe(false);
			const ledger = JSON.parse(readFileSync(join(n8n.nodesDir, 'package.json'), 'utf8')) as {
				dependencies: Record<string, string>;
			};
			expect(ledger.dependencies).toEqual({ [PROBE_PACKAGE]: '0.0.1' });

			const workflow = greetingWorkflow('e2eProbeFlow0001', {
				id: 'probe',
				name: 'Probe',
				type: PROBE_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { label: '42' },
			});
			const run = await n8n.executeWorkflow(await n8n.importWorkflow(workflow));
			expect(nodeJson(run, 'Probe')).toEqual([
				{ greeting: 'hello', label: '42', labelIsNumber: true, peerResolved: 'function' },
			]);
		},
		6 * MINUTE,
	);
});
