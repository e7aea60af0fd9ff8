/**
 * The pack in the real n8n editor, driven in headless Chromium like a person would: the AWS
 * (Bedrock) credential created in the UI and tested against the emulator, each of the three nodes
 * added through the node creator with its model list loaded from the emulator and its fields
 * following the chosen operation and model family, a step executed in the editor, Bedrock Text
 * offered to an AI Agent as a tool, and the bold headline n8n shows for Bedrock's errors.
 * Assertions are on the DOM; the screenshots in artifacts/e2e/ are for people.
 */
import { randomUUID } from 'node:crypto';

import { startEmulator, type RunningEmulator } from '../../emulator/src/index.ts';
import { emulatorCredentialData } from '../../tooling/harness/credentials.ts';
import { describeE2e } from './gate.ts';
import { launchBrowser, type BrowserSession } from './browser.ts';
import {
	addNode,
	canvasEdges,
	closeNodePanel,
	executeStep,
	fillCredentialField,
	nodeCreatorHeader,
	nodeErrorShown,
	openNewCredential,
	openNewWorkflow,
	openNodePanel,
	panelParameterLabels,
	panelTitle,
	parameterInput,
	pickResourceLocatorItem,
	resourceLocatorItems,
	resourceLocatorValue,
	saveCredential,
	screenshot,
	searchConnectorCreator,
	searchNodeCreator,
	selectCredentialOption,
	selectParameterOption,
	signIn,
	toggleCredentialSwitch,
} from './editor.ts';
import { EMULATOR_ACCESS_KEY_ID, EMULATOR_SECRET_ACCESS_KEY } from '../../tooling/n8n/examples.ts';
import { createN8nInstance, type N8nInstance } from '../../tooling/n8n/n8nInstance.ts';
import { repoRoot } from '../../tooling/n8n/paths.ts';
import type { N8nServer } from '../../tooling/n8n/server.ts';
import { recordTiming, timed } from './timings.ts';

const MINUTE = 60_000;

// Items of the model pickers, as the pack labels them (name, ID, lifecycle): Active models.
const SD35 = 'Stable Diffusion 3.5 Large (stability.sd3-5-large-v1:0)';
const ULTRA = 'Stable Image Ultra 1.1 (stability.stable-image-ultra-v1:1)';
const SD35_PROFILE = 'marketing-sd35 (application profile)';
const CONSERVATIVE_UPSCALE =
	'US Stable Image Conservative Upscale (us.stability.stable-conservative-upscale-v1:0)';
const FAST_UPSCALE = 'US Stable Image Fast Upscale (us.stability.stable-fast-upscale-v1:0)';
const NOVA_LITE = 'Nova Lite (amazon.nova-lite-v1:0)';
const NOVA_MICRO = 'Nova Micro (amazon.nova-micro-v1:0)';

describeE2e('the Bedrock nodes in the real n8n editor (headless Chromium)', () => {
	let emulator: RunningEmulator;
	let n8n: N8nInstance;
	let server: N8nServer;
	let browser: BrowserSession;

	beforeAll(async () => {
		emulator = await startEmulator({ port: 0 });
		n8n = await createN8nInstance({ name: 'bedrock-editor' });
		await timed('pack + install the Bedrock pack (editor instance)', () =>
			n8n.installPackageFromSource(repoRoot()),
		);
		server = await n8n.startServer();
		recordTiming('n8n start with the Bedrock pack (spawn → ready → owner)', server.startSeconds);
		browser = await launchBrowser();
		await signIn(browser.page, server.url, server.owner);
	}, 20 * MINUTE);

	afterAll(async () => {
		await browser?.close();
		await n8n?.dispose();
		await emulator?.stop();
	}, MINUTE);

	test(
		'the AWS (Bedrock) credential is created in the UI, pointed at the emulator, and passes its test',
		async () => {
			const { page } = browser;
			const started = Date.now();
			await openNewCredential(page, server.url, 'AWS (Bedrock) API');
			await fillCredentialField(page, 'accessKeyId', EMULATOR_ACCESS_KEY_ID);
			// A wrong secret first: the test must be able to fail, and say why.
			await fillCredentialField(page, 'secretAccessKey', 'not-the-secret-of-this-key');
			await selectCredentialOption(page, 'region', 'US West (Oregon) - us-west-2');
			await toggleCredentialSwitch(page, 'customEndpoints');
			for (const endpoint of ['runtimeEndpoint', 'controlPlaneEndpoint', 'stsEndpoint', 's3Endpoint']) {
				await fillCredentialField(page, endpoint, emulator.url);
			}
			const refused = await saveCredential(page);
			expect(refused.ok).toBe(false);
			expect(refused.message).toMatch(/InvalidSignatureException/);
			expect(refused.message).toMatch(/check the Secret Access Key/);
			await screenshot(page, 'bedrock-credential-test-failed');

			emulator.control.reset();
			await fillCredentialField(page, 'secretAccessKey', EMULATOR_SECRET_ACCESS_KEY);
			const passed = await saveCredential(page);
			expect(passed).toEqual({
				ok: true,
				message: expect.stringMatching(/Connection tested successfully/),
			});
			// The test really asked the emulator, signed for us-west-2 with the key entered.
			expect(
				emulator.control.requests().map((entry) => [entry.operation, entry.region, entry.identity]),
			).toEqual([['ListFoundationModels', 'us-west-2', EMULATOR_ACCESS_KEY_ID]]);
			await screenshot(page, 'bedrock-credential-tested');
			recordTiming('browser: create and test the credential', (Date.now() - started) / 1000);

			const saved = await server.request<Array<{ type: string }>>('GET', '/rest/credentials');
			expect(saved.map((credential) => credential.type)).toEqual(['awsBedrockApi']);
		},
		3 * MINUTE,
	);

	test(
		'Bedrock Image: models from the emulator, fields per model family, an image made by "Execute step"',
		async () => {
			const { page } = browser;
			const started = Date.now();
			await openNewWorkflow(page, server.url);
			await addNode(page, { search: 'Manual Trigger' });
			// Found by its name in the node creator, with the pack's actions.
			expect(await searchNodeCreator(page, 'Bedrock')).toEqual(
				expect.arrayContaining(['Bedrock Image', 'Bedrock Text', 'Bedrock List Models']),
			);
			await page.keyboard.press('Escape');
			const name = await addNode(page, {
				search: 'Bedrock Image',
				action: 'Generate an image from text',
			});
			expect(await panelTitle(page)).toBe(name);
			// The only credential of the type is selected by itself; no model yet, so no family fields.
			const empty = await panelParameterLabels(page);
			expect(empty).toEqual([
				'Credential',
				'Resource',
				'Operation',
				'Model',
				'Model Family',
				'Options',
			]);

			const models = await resourceLocatorItems(page, 'modelId');
			// us-west-2's text-to-image models and profiles, and nothing that cannot generate.
			expect(models).toEqual(expect.arrayContaining([SD35, ULTRA, SD35_PROFILE]));
			expect(models.join('\n')).not.toMatch(/nova-lite|titan-text|remove-background|upscale/);
			// Models past their end of life are not offered.
			expect(models.join('\n')).not.toMatch(/End of life/);

			await pickResourceLocatorItem(page, SD35);
			expect(await resourceLocatorValue(page, 'modelId')).toBe(SD35);
			const sd35 = await panelParameterLabels(page);
			expect(sd35).toEqual(
				expect.arrayContaining([
					'Prompt',
					'Negative Prompt',
					'Aspect Ratio',
					'Output Format',
					'Model Options',
				]),
			);
			expect(sd35).not.toContain('Size');
			await screenshot(page, 'bedrock-image-panel-sd35');

			// An application profile does not name its model: no fields until the family is chosen.
			await resourceLocatorItems(page, 'modelId');
			await pickResourceLocatorItem(page, SD35_PROFILE);
			expect(await panelParameterLabels(page)).not.toContain('Prompt');
			await selectParameterOption(page, 'modelFamily', 'Stability SD3 / SD3.5 Large');
			const sd3 = await panelParameterLabels(page);
			expect(sd3).toEqual(expect.arrayContaining(['Prompt', 'Aspect Ratio', 'Output Format']));
			expect(sd3).not.toContain('Size');
			await selectParameterOption(page, 'modelFamily', 'Detect From Model');

			await resourceLocatorItems(page, 'modelId');
			await pickResourceLocatorItem(page, ULTRA);
			const ultra = await panelParameterLabels(page);
			expect(ultra).toEqual(expect.arrayContaining(['Prompt', 'Aspect Ratio', 'Output Format']));
			expect(ultra).not.toContain('Size');
			// Ultra v1:1 takes a negative prompt (docs/bedrock-image.md has the evidence).
			expect(ultra).toContain('Negative Prompt');

			// Run it from the editor: the image arrives as the binary field "data".
			await parameterInput(page, 'prompt')
				.locator('textarea, [contenteditable="true"]')
				.first()
				.fill('A car made out of vegetables.');
			emulator.control.reset();
			const output = await executeStep(page);
			expect(output).toMatch(/1 item/);
			expect(output).toMatch(/File Name:\s*stable-image-ultra-v1-1-\d+\.png/);
			expect(output).toMatch(/Mime Type:\s*image\/png/);
			// (The listing calls around it look up the model's lifecycle for the output's notice.)
			const invoked = emulator.control
				.requests()
				.filter((entry) => entry.operation === 'InvokeModel')
				.map((entry) => [entry.modelId, entry.region, entry.status]);
			expect(invoked).toEqual([['stability.stable-image-ultra-v1:1', 'us-west-2', 200]]);
			await screenshot(page, 'bedrock-image-panel-ultra-executed');

			// Another operation lists other models, and each upscaler brings its own fields.
			await selectParameterOption(page, 'resource', 'Edit');
			await selectParameterOption(page, 'operation', 'Upscale');
			const upscalers = await resourceLocatorItems(page, 'modelId');
			expect(upscalers).toEqual(expect.arrayContaining([CONSERVATIVE_UPSCALE, FAST_UPSCALE]));
			expect(upscalers.join('\n')).not.toMatch(/stable-diffusion-xl|remove-background/);
			await pickResourceLocatorItem(page, CONSERVATIVE_UPSCALE);
			const conservative = await panelParameterLabels(page);
			expect(conservative).toEqual(expect.arrayContaining(['Input Image Field', 'Prompt']));
			await resourceLocatorItems(page, 'modelId');
			await pickResourceLocatorItem(page, FAST_UPSCALE);
			const fast = await panelParameterLabels(page);
			expect(fast).toContain('Input Image Field');
			expect(fast).not.toContain('Prompt');
			await screenshot(page, 'bedrock-image-panel-upscale');
			await closeNodePanel(page);
			recordTiming(
				'browser: Bedrock Image panel checks and one execution',
				(Date.now() - started) / 1000,
			);
		},
		5 * MINUTE,
	);

	test(
		'Bedrock Text: chat models from the emulator, Converse and native-body fields, an answer by "Execute step"',
		async () => {
			const { page } = browser;
			await openNewWorkflow(page, server.url);
			await addNode(page, { search: 'Manual Trigger' });
			const name = await addNode(page, { search: 'Bedrock Text', action: 'Message a model' });
			expect(await panelTitle(page)).toBe(name);
			const converse = await panelParameterLabels(page);
			expect(converse).toEqual(
				expect.arrayContaining([
					'Operation',
					'Model',
					'Input',
					'Prompt',
					'System Prompt',
					'Attachments (Binary Properties)',
				]),
			);
			const models = await resourceLocatorItems(page, 'modelId');
			expect(models).toEqual(expect.arrayContaining([NOVA_LITE, NOVA_MICRO]));
			expect(models.join('\n')).not.toMatch(/stable-image|stable-diffusion/);
			await pickResourceLocatorItem(page, NOVA_LITE);
			expect(await resourceLocatorValue(page, 'modelId')).toBe(NOVA_LITE);

			await parameterInput(page, 'prompt')
				.locator('textarea, [contenteditable="true"]')
				.first()
				.fill('Name three colours of the sky');
			const output = await executeStep(page);
			expect(output).toMatch(/Emulated answer to "Name three colours of the sky"/);
			await screenshot(page, 'bedrock-text-panel-converse');

			await selectParameterOption(page, 'operation', 'Invoke With Native Body');
			// A new node (version 1.1) starts with a JSON body: Titan Text is retired.
			const native = await panelParameterLabels(page);
			expect(native).toEqual(expect.arrayContaining(['Body', 'Body (JSON)']));
			expect(native).not.toContain('System Prompt');
			expect(native).not.toContain('Prompt');
			await screenshot(page, 'bedrock-text-panel-native-body');
			await selectParameterOption(page, 'bodyType', 'Titan Text (From Fields)');
			expect(await panelParameterLabels(page)).toContain('Prompt');
			await closeNodePanel(page);
		},
		5 * MINUTE,
	);

	test(
		'Bedrock List Models: listing fields, and Get Model picks from every model of the region',
		async () => {
			const { page } = browser;
			await openNewWorkflow(page, server.url);
			await addNode(page, { search: 'Manual Trigger' });
			const name = await addNode(page, {
				search: 'Bedrock List Models',
				action: 'List invocable models',
			});
			expect(await panelTitle(page)).toBe(name);
			expect(await panelParameterLabels(page)).toEqual(
				expect.arrayContaining([
					'Output Modality',
					'Include Legacy Models',
					'Return All',
					'Simplify',
				]),
			);
			const output = await executeStep(page);
			// us-west-2's invocable image models and profiles (Legacy ones included by default, none
			// past its end of life): 3 text-to-image models, 13 services, the SD3.5 application
			// profile, and whatever Legacy models the emulator's date still has.
			const count = Number(/\b(\d+) items\b/.exec(output)?.[1]);
			expect(count).toBeGreaterThanOrEqual(17);
			expect(count).toBeLessThan(30);
			await screenshot(page, 'bedrock-list-models-panel');

			await selectParameterOption(page, 'operation', 'Get Model');
			expect(await panelParameterLabels(page)).toEqual(['Credential', 'Operation', 'Model']);
			const models = await resourceLocatorItems(page, 'modelId');
			// Text and image models alike.
			expect(models).toEqual(expect.arrayContaining([NOVA_LITE, ULTRA]));
			await pickResourceLocatorItem(page, ULTRA);
			await screenshot(page, 'bedrock-list-models-get-model');
			await closeNodePanel(page);
		},
		5 * MINUTE,
	);

	test(
		'Bedrock Text is offered to an AI Agent as a tool and connects to its Tool input',
		async () => {
			const { page } = browser;
			await openNewWorkflow(page, server.url);
			await addNode(page, { search: 'Manual Trigger' });
			const agent = await addNode(page, { search: 'AI Agent' });
			await closeNodePanel(page);
			const tools = await searchConnectorCreator(page, agent, 'ai_tool', 'Bedrock');
			expect(await nodeCreatorHeader(page)).toBe('Tools');
			expect(tools).toContain('Bedrock Text Tool');
			await screenshot(page, 'bedrock-text-offered-as-agent-tool');

			await page
				.locator('[data-test-id="node-creator-item-name"]')
				.getByText('Bedrock Text Tool', { exact: true })
				.first()
				.click();
			// The tool's panel opens, with the description the agent reads next to the node's fields.
			const labels = await panelParameterLabels(page);
			expect(labels).toEqual(expect.arrayContaining(['Tool Description', 'Model', 'Prompt']));
			const toolName = await panelTitle(page);
			await closeNodePanel(page);
			expect(await canvasEdges(page)).toContainEqual([toolName, agent]);
			await screenshot(page, 'bedrock-text-agent-tool-connected');
		},
		3 * MINUTE,
	);
	test(
		'the bold headline of a failed step says what Bedrock answered: end of life, a wrong secret, throttling, no model access',
		async () => {
			const { page } = browser;
			const started = Date.now();
			// Two more credentials, as the editor's REST API makes them: one in us-east-1 (where Nova
			// Canvas has reached its end of life), one in us-west-2 with a wrong secret access key.
			const credential = async (name: string, region: string, secret?: string) =>
				await server.request<{ id: string; name: string }>('POST', '/rest/credentials', {
					name,
					type: 'awsBedrockApi',
					data: emulatorCredentialData(emulator.url, region, {
						...(secret ? { secretAccessKey: secret } : {}),
					}),
				});
			const east = await credential('AWS Bedrock us-east-1', 'us-east-1');
			const wrongSecret = await credential(
				'AWS Bedrock wrong secret',
				'us-west-2',
				'not-the-secret-of-this-key',
			);
			const west = await credential('AWS Bedrock us-west-2', 'us-west-2');

			const bedrockNode = (
				name: string,
				type: 'bedrockImage' | 'bedrockText',
				parameters: Record<string, unknown>,
				using: { id: string; name: string },
				y: number,
			) => ({
				id: randomUUID(),
				name,
				type: `n8n-nodes-bedrock.${type}`,
				typeVersion: type === 'bedrockText' ? 1.1 : 1,
				position: [300, y],
				parameters,
				credentials: { awsBedrockApi: { id: using.id, name: using.name } },
			});
			const byId = (value: string) => ({ __rl: true, mode: 'id', value });
			const generate = (model: string) => ({
				resource: 'image',
				operation: 'generate',
				modelId: byId(model),
				prompt: 'A lighthouse at dusk',
				options: {},
			});
			const converse = (options: Record<string, unknown> = {}) => ({
				operation: 'converse',
				modelId: byId('amazon.nova-lite-v1:0'),
				prompt: 'Name three colours of the sky',
				options,
			});
			const nodes = [
				{
					id: randomUUID(),
					name: 'Run',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				bedrockNode('End of Life', 'bedrockImage', generate('amazon.nova-canvas-v1:0'), east, -300),
				bedrockNode('Wrong Secret', 'bedrockText', converse(), wrongSecret, -100),
				bedrockNode('Throttled', 'bedrockText', converse({ maxAttempts: 2 }), west, 100),
				bedrockNode(
					'No Model Access',
					'bedrockImage',
					generate('stability.stable-image-ultra-v1:1'),
					west,
					300,
				),
			];
			const workflow = await server.request<{ id: string }>('POST', '/rest/workflows', {
				name: 'Bedrock error headlines',
				active: false,
				nodes,
				connections: {
					Run: {
						main: [nodes.slice(1).map((node) => ({ node: node.name, type: 'main', index: 0 }))],
					},
				},
				settings: { executionOrder: 'v1' },
			});

			const control = async (path: string, body: unknown) => {
				const response = await fetch(`${emulator.url}/__emulator/${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
				});
				expect(response.ok).toBe(true);
			};
			const cases: Array<{
				node: string;
				arrange?: () => Promise<void>;
				/** Calls the emulator saw for the step (the lifecycle lookups aside). */
				calls: number;
				headline: string;
				description: RegExp;
				shot: string;
			}> = [
				{
					node: 'End of Life',
					calls: 1,
					headline: 'The model "amazon.nova-canvas-v1:0" has reached its end of life in us-east-1',
					description: /move to Stability’s current models: Stable Image Core or Ultra v1:1/,
					shot: 'bedrock-error-headline-end-of-life',
				},
				{
					node: 'Wrong Secret',
					calls: 1,
					headline:
						'AWS rejected the request signature: the secret access key does not match the access key ID',
					description: /check the Secret Access Key in the credential/,
					shot: 'bedrock-error-headline-wrong-secret',
				},
				{
					node: 'Throttled',
					arrange: () =>
						control('faults', { kind: 'throttle', count: 'always', operation: 'Converse' }),
					// Max Attempts 2: the first call and one retry, as the headline says.
					calls: 2,
					headline: 'Bedrock is throttling requests (retried once)',
					description: /lower the node's Concurrency, raise Max Attempts/,
					shot: 'bedrock-error-headline-throttled',
				},
				{
					node: 'No Model Access',
					arrange: () =>
						control('config', { accessDeniedModels: ['stability.stable-image-ultra-v1:1'] }),
					calls: 1,
					headline:
						'Access to the model "stability.stable-image-ultra-v1:1" is not granted in us-west-2',
					description: /Enable the model for this account and region/,
					shot: 'bedrock-error-headline-no-model-access',
				},
			];

			for (const c of cases) {
				// A fresh editor per step: after a failed step, n8n 2.41's next partial execution
				// fails in the editor itself ("Cannot read properties of null (reading 'Run')").
				await page.goto(`${server.url}/workflow/${workflow.id}`);
				await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
				emulator.control.reset();
				await c.arrange?.();
				await openNodePanel(page, c.node);
				await executeStep(page);
				const shown = await nodeErrorShown(page);
				expect([c.node, shown.headline]).toEqual([c.node, c.headline]);
				expect(shown.description).toMatch(c.description);
				const calls = emulator.control
					.requests()
					.filter((entry) => entry.operation === 'InvokeModel' || entry.operation === 'Converse');
				expect([c.node, calls.length]).toEqual([c.node, c.calls]);
				await screenshot(page, c.shot);
				await closeNodePanel(page);
			}
			recordTiming('browser: four failed steps and their headlines', (Date.now() - started) / 1000);
		},
		5 * MINUTE,
	);
});
