/**
 * The real n8n serves its editor, and headless Chromium can use it like a person: sign in, open a
 * new workflow, add a node through the node creator, open its panel and read its fields. A
 * community package installed from a tarball shows up in the node creator too. Screenshots land in
 * artifacts/e2e/ for people; the assertions are on the DOM.
 */
import { describeE2e } from './gate.ts';
import { launchBrowser, type BrowserSession } from './browser.ts';
import {
	addNode,
	canvasNodeNames,
	closeNodePanel,
	openNewWorkflow,
	openNodePanel,
	panelParameterLabels,
	panelTitle,
	pickResourceLocatorItem,
	resourceLocatorItems,
	resourceLocatorValue,
	screenshot,
	searchNodeCreator,
	selectParameterOption,
	signIn,
} from './editor.ts';
import { createN8nInstance, type N8nInstance } from '../../tooling/n8n/n8nInstance.ts';
import type { N8nServer } from '../../tooling/n8n/server.ts';
import { recordTiming, timed } from './timings.ts';
import { PROBE_DISPLAY_NAME, installProbePackage } from './probePackage.ts';

const MINUTE = 60_000;

/** A workflow for a resource locator to list: Execute Sub-workflow's picker lists the instance's own. */
const LISTED_SUB_WORKFLOW = {
	id: 'e2eListedSubFlow',
	name: 'Listed sub-workflow',
	active: false,
	nodes: [
		{
			id: 'trigger',
			name: 'When Executed by Another Workflow',
			type: 'n8n-nodes-base.executeWorkflowTrigger',
			typeVersion: 1.1,
			position: [0, 0],
			parameters: { inputSource: 'passthrough' },
		},
	],
	connections: {},
	settings: {},
};

describeE2e('real n8n editor in headless Chromium', () => {
	let n8n: N8nInstance;
	let server: N8nServer;
	let browser: BrowserSession;

	beforeAll(async () => {
		n8n = await createN8nInstance({ name: 'editor' });
		await installProbePackage(n8n);
		await n8n.importWorkflow(LISTED_SUB_WORKFLOW);
		server = await n8n.startServer();
		recordTiming('n8n start (spawn → ready → owner set up)', server.startSeconds);
		browser = await timed('Chromium launch', () => launchBrowser());
	}, 20 * MINUTE);

	afterAll(async () => {
		await browser?.close();
		await n8n?.dispose();
	}, MINUTE);

	test(
		'serves the editor and lets the owner sign in',
		async () => {
			const health = await fetch(`${server.url}/healthz`);
			expect(health.status).toBe(200);
			await timed('browser sign-in', () => signIn(browser.page, server.url, server.owner));
			expect(new URL(browser.page.url()).pathname).not.toMatch(/^\/(signin|setup)/);
			const me = await server.request<{ email: string; role: string }>('GET', '/rest/login');
			expect(me).toMatchObject({ email: server.owner.email, role: 'global:owner' });
		},
		2 * MINUTE,
	);

	test(
		'adds a Set node through the node creator and opens its panel',
		async () => {
			const started = Date.now();
			const { page } = browser;
			await openNewWorkflow(page, server.url);

			const added = await addNode(page, { search: 'Edit Fields', item: 'Edit Fields (Set)' });
			expect(added).toBe('Edit Fields');
			// n8n put a Manual Trigger in front, since the canvas had no trigger.
			expect(await canvasNodeNames(page)).toEqual(
				expect.arrayContaining(['When clicking ‘Execute workflow’', 'Edit Fields']),
			);
			expect(await panelTitle(page)).toBe('Edit Fields');
			expect(await panelParameterLabels(page)).toEqual(
				expect.arrayContaining(['Mode', 'Fields to Set', 'Include Other Input Fields']),
			);
			await screenshot(page, 'builtin-set-node-panel');

			// Switching an options field changes which fields the panel shows.
			await selectParameterOption(page, 'mode', 'JSON');
			const jsonModeLabels = await panelParameterLabels(page);
			expect(jsonModeLabels).toContain('JSON');
			expect(jsonModeLabels).not.toContain('Fields to Set');
			await selectParameterOption(page, 'mode', 'Manual Mapping');
			expect(await panelParameterLabels(page)).toContain('Fields to Set');

			await closeNodePanel(page);
			await openNodePanel(page, 'Edit Fields');
			expect(await panelParameterLabels(page)).toContain('Mode');
			await closeNodePanel(page);
			recordTiming(
				'browser check: new workflow, add Set, switch mode, reopen panel',
				(Date.now() - started) / 1000,
			);
		},
		3 * MINUTE,
	);

	test(
		'offers the tarball-installed community node and shows its fields',
		async () => {
			const { page } = browser;
			await openNewWorkflow(page, server.url);
			expect(await searchNodeCreator(page, 'E2E Probe')).toContain(PROBE_DISPLAY_NAME);
			await page.keyboard.press('Escape');

			const added = await addNode(page, { search: 'E2E Probe', item: PROBE_DISPLAY_NAME });
			expect(added).toBe(PROBE_DISPLAY_NAME);
			expect(await panelParameterLabels(page)).toEqual(['Label']);
			await screenshot(page, 'community-probe-node-panel');
		},
		3 * MINUTE,
	);

	test(
		'loads a resource locator list and picks an item',
		async () => {
			const { page } = browser;
			await openNewWorkflow(page, server.url);
			// With a trigger on the canvas the creator offers the node's actions.
			await addNode(page, { search: 'Manual Trigger' });
			const added = await addNode(page, {
				search: 'Execute Sub-workflow',
				action: 'Execute A Sub Workflow',
			});
			expect(added).toBe('Execute Workflow');
			expect(await resourceLocatorItems(page, 'workflowId')).toContain(LISTED_SUB_WORKFLOW.name);
			await pickResourceLocatorItem(page, LISTED_SUB_WORKFLOW.name);
			expect(await resourceLocatorValue(page, 'workflowId')).toBe(LISTED_SUB_WORKFLOW.name);
			await screenshot(page, 'builtin-resource-locator-picked');
		},
		3 * MINUTE,
	);
});
