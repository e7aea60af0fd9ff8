/**
 * The pack in the real n8n editor, driven in headless Chromium like a person would: the AWS
 * (Bedrock) credential created in the UI and tested against the emulator, each of the four nodes
 * added through the node creator with its model list loaded from the emulator and its fields
 * following the chosen operation and model family, a step executed in the editor, Bedrock Text
 * offered to an AI Agent as a tool, an AI Agent (with n8n's AWS Bedrock Chat Model on the
 * emulator) calling Bedrock Image as a tool, and the bold headline n8n shows for Bedrock's
 * errors. Assertions are on the DOM; the screenshots in artifacts/e2e/ are for people.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { startEmulator, type RunningEmulator } from '../../emulator/src/index.ts';
import { emulatorCredentialData } from '../../tooling/harness/credentials.ts';
import { describeE2e } from './gate.ts';
import { launchBrowser, type BrowserSession } from './browser.ts';
import {
	addNode,
	canvasEdges,
	closeNodePanel,
	executeStep,
	executeWorkflow,
	outputPanelText,
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
import {
	EMULATOR_ACCESS_KEY_ID,
	EMULATOR_SECRET_ACCESS_KEY,
	emulatorCredential,
} from '../../tooling/n8n/examples.ts';
import { createN8nInstance, type N8nInstance } from '../../tooling/n8n/n8nInstance.ts';
import { n8nToolDir, repoRoot } from '../../tooling/n8n/paths.ts';
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
			for (const endpoint of [
				'runtimeEndpoint',
				'controlPlaneEndpoint',
				'stsEndpoint',
				's3Endpoint',
			]) {
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
		'Bedrock Video: Luma Ray2 from the model list, its fields, a video made by "Execute step"',
		async () => {
			const { page } = browser;
			const started = Date.now();
			await openNewWorkflow(page, server.url);
			await addNode(page, { search: 'Manual Trigger' });
			const name = await addNode(page, { search: 'Bedrock Video', action: 'Generate a video' });
			expect(await panelTitle(page)).toBe(name);
			// No model yet: no model fields, but the bucket the job writes to.
			const empty = await panelParameterLabels(page);
			expect(empty).toEqual(expect.arrayContaining(['Operation', 'Model', 'Output S3 URI']));
			expect(empty).not.toContain('Prompt');

			// The region's video models only (us-west-2: Ray2).
			const models = await resourceLocatorItems(page, 'modelId');
			const ray2 = models.find((item) => item.includes('(luma.ray-v2:0)'));
			expect(ray2).toMatch(/^Ray v2 \(luma\.ray-v2:0\)/);
			expect(models.join('\n')).not.toMatch(/stable-image|stable-diffusion|nova-lite/);
			await pickResourceLocatorItem(page, ray2!);
			const fields = await panelParameterLabels(page);
			expect(fields).toEqual(
				expect.arrayContaining([
					'Prompt',
					'Aspect Ratio',
					'Resolution',
					'Duration',
					'Loop',
					'Start Frame Field',
					'End Frame Field',
					'Output S3 URI',
					'Options',
				]),
			);
			// Nova Reel's fields belong to the other family.
			expect(fields).not.toContain('Seed');
			await screenshot(page, 'bedrock-video-panel-ray2');

			await parameterInput(page, 'prompt')
				.locator('textarea, [contenteditable="true"]')
				.first()
				.fill('A red fox runs through fresh snow at dawn');
			await parameterInput(page, 'outputS3Uri')
				.locator('input, textarea, [contenteditable="true"]')
				.first()
				.fill('s3://bedrock-emulator-us-west-2/editor');
			await selectParameterOption(page, 'resolution', '540p');
			emulator.control.reset();
			// The emulator's job runs 3 s; the node polls, then streams the MP4 from S3.
			const output = await executeStep(page, 2 * MINUTE);
			expect(output).toMatch(/1 item/);
			expect(output).toMatch(/File Name:\s*ray-v2-0-\d{8}-\d{6}-[a-z0-9]+\.mp4/);
			expect(output).toMatch(/Mime Type:\s*video\/mp4/);
			const startCalls = emulator.control
				.requests()
				.filter((entry) => entry.operation === 'StartAsyncInvoke');
			expect(startCalls.map((entry) => [entry.region, entry.status])).toEqual([['us-west-2', 200]]);
			expect(startCalls[0].body).toMatchObject({
				modelId: 'luma.ray-v2:0',
				modelInput: {
					prompt: 'A red fox runs through fresh snow at dawn',
					aspect_ratio: '16:9',
					resolution: '540p',
					duration: '5s',
					loop: false,
				},
				outputDataConfig: {
					s3OutputDataConfig: { s3Uri: 's3://bedrock-emulator-us-west-2/editor' },
				},
			});
			expect(
				emulator.control
					.requests()
					.filter((entry) => entry.operation === 'GetObject')
					.map((entry) => entry.status),
			).toEqual([200]);
			await screenshot(page, 'bedrock-video-panel-ray2-executed');
			await closeNodePanel(page);
			recordTiming(
				'browser: Bedrock Video panel checks and one execution',
				(Date.now() - started) / 1000,
			);
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
		'an AI Agent runs Bedrock Image as a tool and gets an answer it can read',
		async () => {
			const { page } = browser;
			// n8n's own AWS credential for its AWS Bedrock Chat Model, and the pack's, both on the
			// emulator (whose Converse calls a tool when asked to "use the tool").
			const chatCredential = await server.request<{ id: string }>('POST', '/rest/credentials', {
				name: 'AWS (emulator)',
				type: 'aws',
				data: {
					region: 'us-west-2',
					accessKeyId: EMULATOR_ACCESS_KEY_ID,
					secretAccessKey: EMULATOR_SECRET_ACCESS_KEY,
					customEndpoints: true,
					bedrockEndpoint: emulator.url,
					bedrockRuntimeEndpoint: emulator.url,
				},
			});
			const { name: packCredentialName, type, data } = emulatorCredential(emulator.url);
			const packCredential = await server.request<{ id: string }>('POST', '/rest/credentials', {
				name: `${packCredentialName} (agent tool)`,
				type,
				data,
			});
			const workflow = await server.request<{ id: string }>('POST', '/rest/workflows', {
				name: 'Agent with Bedrock Image',
				active: false,
				settings: { executionOrder: 'v1' },
				nodes: [
					{
						id: 'trigger',
						name: 'Manual Trigger',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						id: 'agent',
						name: 'AI Agent',
						type: '@n8n/n8n-nodes-langchain.agent',
						typeVersion: 3.1,
						position: [220, 0],
						parameters: {
							promptType: 'define',
							text: 'Use the tool to draw a lighthouse at dusk',
							options: {},
						},
					},
					{
						id: 'model',
						name: 'AWS Bedrock Chat Model',
						type: '@n8n/n8n-nodes-langchain.lmChatAwsBedrock',
						typeVersion: 1.2,
						position: [160, 220],
						parameters: { model: 'amazon.nova-lite-v1:0', options: {} },
						credentials: { aws: { id: chatCredential.id, name: 'AWS (emulator)' } },
					},
					{
						id: 'tool',
						name: 'Bedrock Image',
						type: 'n8n-nodes-bedrock.bedrockImageTool',
						typeVersion: 1,
						position: [320, 220],
						parameters: {
							resource: 'image',
							operation: 'generate',
							modelId: { __rl: true, mode: 'id', value: 'stability.stable-image-core-v1:1' },
							prompt: "={{ $fromAI('prompt', 'What the image shows', 'string') }}",
							aspectRatio: '1:1',
						},
						credentials: {
							awsBedrockApi: { id: packCredential.id, name: `${packCredentialName} (agent tool)` },
						},
					},
				],
				connections: {
					'Manual Trigger': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
					'AWS Bedrock Chat Model': {
						ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
					},
					'Bedrock Image': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
				},
			});

			emulator.control.reset();
			await page.goto(`${server.url}/workflow/${workflow.id}`);
			await executeWorkflow(page, 'AI Agent');
			await screenshot(page, 'agent-with-bedrock-image-tool-executed');

			// The model asked for the tool; the pack made the image with the model's prompt.
			const calls = emulator.control.requests();
			const converse = calls.filter((entry) => entry.operation === 'Converse');
			expect(converse.map((entry) => [entry.modelId, entry.status])).toEqual([
				['amazon.nova-lite-v1:0', 200],
				['amazon.nova-lite-v1:0', 200],
			]);
			const invoked = calls.filter((entry) => entry.operation === 'InvokeModel');
			expect(
				invoked.map((entry) => [entry.modelId, (entry.body as { prompt?: string }).prompt]),
			).toEqual([
				['stability.stable-image-core-v1:1', 'Use the tool to draw a lighthouse at dusk'],
			]);

			// The agent's answer, in its output panel, carries the tool's compact answer: the summary
			// sentence, model, file name and size, and no image bytes.
			await openNodePanel(page, 'AI Agent');
			const output = await outputPanelText(page);
			expect(output).toMatch(
				/The tool answered: .*Made a 1024x1024 PNG image with stability\.stable-image-core-v1:1/s,
			);
			expect(output).toMatch(/stable-image-core-v1-1-\d+\.png/);
			expect(output).not.toMatch(/iVBOR/);
			await screenshot(page, 'agent-output-with-bedrock-image-answer');
			await closeNodePanel(page);

			// The tool's own panel shows the same short answer; its run data keeps the image as
			// binary data (read through the REST API, flattened as n8n stores it).
			await openNodePanel(page, 'Bedrock Image');
			expect(await outputPanelText(page)).toMatch(/Made a 1024x1024 PNG image/);
			await screenshot(page, 'bedrock-image-tool-run');
			const filter = encodeURIComponent(JSON.stringify({ workflowId: workflow.id }));
			const executions = await server.request<{ results: Array<{ id: string; status: string }> }>(
				'GET',
				`/rest/executions?filter=${filter}`,
			);
			expect(executions.results.map((execution) => execution.status)).toEqual(['success']);
			const full = await server.request<{ data: string }>(
				'GET',
				`/rest/executions/${executions.results[0].id}`,
			);
			const flatted = createRequire(join(n8nToolDir(), 'node_modules', 'n8n', 'package.json'))(
				'flatted',
			) as { parse(text: string): unknown };
			const runData = (
				flatted.parse(full.data) as {
					resultData: { runData: Record<string, Array<{ data?: Record<string, unknown> }>> };
				}
			).resultData.runData;
			const [toolItem] = (
				runData['Bedrock Image'][0].data?.ai_tool as Array<
					Array<{ json: Record<string, unknown>; binary?: Record<string, { mimeType?: string }> }>
				>
			)[0];
			expect(Object.keys(toolItem.json)[0]).toBe('summary');
			expect(toolItem.binary?.data?.mimeType).toBe('image/png');
			await closeNodePanel(page);
		},
		5 * MINUTE,
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
			const trigger = {
				id: randomUUID(),
				name: 'Run',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			};
			const steps = [
				bedrockNode('End of Life', 'bedrockImage', generate('amazon.nova-canvas-v1:0'), east, 0),
				bedrockNode('Wrong Secret', 'bedrockText', converse(), wrongSecret, 0),
				bedrockNode('Throttled', 'bedrockText', converse({ maxAttempts: 2 }), west, 0),
				bedrockNode(
					'No Model Access',
					'bedrockImage',
					generate('stability.stable-image-ultra-v1:1'),
					west,
					0,
				),
			];
			// One workflow per step: after a failed step, n8n 2.41's next partial execution of another
			// node in the same workflow fails in the editor itself ("Cannot read properties of null
			// (reading 'Run')", packages/core/src/execution-engine/partial-execution-utils).
			const workflowOf = new Map<string, string>();
			for (const step of steps) {
				const created = await server.request<{ id: string }>('POST', '/rest/workflows', {
					name: `Bedrock error headline: ${step.name}`,
					active: false,
					nodes: [trigger, step],
					connections: { Run: { main: [[{ node: step.name, type: 'main', index: 0 }]] } },
					settings: { executionOrder: 'v1' },
				});
				workflowOf.set(step.name, created.id);
			}

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
				await page.goto(`${server.url}/workflow/${workflowOf.get(c.node)}`);
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
