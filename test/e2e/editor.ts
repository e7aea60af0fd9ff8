/**
 * Steps in the n8n 2.41 editor, located by the editor's own data-test-id attributes (the ones
 * n8n's Playwright suite uses) and by visible text where a user would read it.
 *
 *   await signIn(page, server.url, server.owner);
 *   await openNewWorkflow(page, server.url);
 *   const name = await addNode(page, { search: 'Bedrock Image', item: 'Bedrock Image' });
 *   expect(await panelParameterLabels(page)).toContain('Model');
 *   await screenshot(page, 'bedrock-image-panel');
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Locator, Page } from 'playwright-core';

import { artifactsDir } from '../../tooling/n8n/paths.ts';
import type { Owner } from '../../tooling/n8n/server.ts';

const byTestId = (page: Page | Locator, id: string) => page.locator(`[data-test-id="${id}"]`);

export async function signIn(page: Page, baseUrl: string, owner: Owner): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('input[name="emailOrLdapLoginId"]').fill(owner.email);
	await page.locator('input[name="password"]').fill(owner.password);
	await byTestId(page, 'form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });
}

/** Opens an empty workflow canvas (n8n creates the workflow and redirects to its id). */
export async function openNewWorkflow(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/new`);
	await byTestId(page, 'canvas-wrapper').waitFor({ timeout: 60_000 });
	await byTestId(page, 'node-creator-plus-button').waitFor();
}

/** The names of the nodes on the canvas, in DOM order. */
export async function canvasNodeNames(page: Page): Promise<string[]> {
	return await byTestId(page, 'canvas-node').evaluateAll((nodes) =>
		nodes.map((node) => node.getAttribute('data-node-name') ?? ''),
	);
}

/**
 * Opens the node creator, searches, and returns the names of the items listed. Leaves the creator
 * open; press Escape to close it.
 */
export async function searchNodeCreator(page: Page, search: string): Promise<string[]> {
	const searchBar = byTestId(page, 'node-creator-search-bar');
	if (!(await searchBar.isVisible())) await byTestId(page, 'node-creator-plus-button').click();
	const names = byTestId(page, 'node-creator-item-name');
	const read = async () => (await names.allTextContents()).map((name) => name.trim());
	const unfiltered = (await read()).join('\n');
	await searchBar.fill(search);
	// The list re-renders after a debounce: wait until it changed and then held still.
	let previous = '';
	const settled = await waitFor(async () => {
		const current = (await read()).join('\n');
		const stable = current === previous && current !== unfiltered;
		previous = current;
		return stable ? current : undefined;
	}, 10_000);
	return (settled ?? previous).split('\n').filter(Boolean);
}

export type AddNodeOptions = {
	/** What to type into the node creator's search bar. */
	search: string;
	/** The exact item name to pick from the results; defaults to `search`. */
	item?: string;
	/** For nodes whose creator entry lists actions: the action to pick (exact text). */
	action?: string;
};

/**
 * Adds a node through the node creator, as a user does: plus button, search, click the item.
 * What follows depends on the node: a built-in node is added at once; a node with actions lists
 * them (pass `action`); a community node first shows its details with an "Add to workflow" button
 * (or its actions). n8n adds a Manual Trigger first when the canvas has no trigger, and opens the
 * new node's panel. Returns the new node's name on the canvas.
 *
 * On an empty canvas the creator offers a node's triggers before its actions, so add a trigger
 * first (`addNode(page, { search: 'Manual Trigger' })`) before picking an action.
 */
export async function addNode(page: Page, options: AddNodeOptions): Promise<string> {
	const before = new Set(await canvasNodeNames(page));
	const itemName = options.item ?? options.search;
	const listed = await searchNodeCreator(page, options.search);
	if (!listed.includes(itemName)) {
		throw new Error(
			`Node creator shows no "${itemName}" for "${options.search}" (shown: ${listed.join(', ') || 'nothing'})`,
		);
	}
	await byTestId(page, 'node-creator-item-name')
		.getByText(itemName, { exact: true })
		.first()
		.click();

	const creator = byTestId(page, 'node-creator');
	const action = options.action
		? creator.getByText(options.action, { exact: true }).first()
		: undefined;
	const addToWorkflow = creator.getByRole('button', { name: 'Add to workflow' });
	let clickedThrough = false;
	const added = await waitFor(async () => {
		const fresh = (await canvasNodeNames(page)).filter((name) => !before.has(name));
		// With an automatic Manual Trigger, the node we asked for is the last one added.
		if (fresh.length) return fresh[fresh.length - 1];
		if (!clickedThrough && action && (await action.isVisible())) {
			await action.click();
			clickedThrough = true;
		} else if (!clickedThrough && !action && (await addToWorkflow.isVisible())) {
			await addToWorkflow.click();
			clickedThrough = true;
		}
		return undefined;
	}, 15_000);
	if (!added) {
		const evidence = await screenshot(page, `add-node-failed-${itemName.replace(/\W+/g, '-')}`);
		throw new Error(`"${itemName}" did not appear on the canvas (screenshot: ${evidence})`);
	}
	return added;
}

/** The node panel (NDV) root. */
export function nodePanel(page: Page): Locator {
	return byTestId(page, 'ndv');
}

/** Opens a canvas node's panel by double-clicking it, as a user would. */
export async function openNodePanel(page: Page, nodeName: string): Promise<Locator> {
	if (await nodePanel(page).isVisible()) await closeNodePanel(page);
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`).dblclick();
	await nodePanel(page).waitFor({ state: 'visible', timeout: 15_000 });
	return nodePanel(page);
}

export async function closeNodePanel(page: Page): Promise<void> {
	await byTestId(page, 'ndv-close-button').click();
	await nodePanel(page).waitFor({ state: 'hidden', timeout: 15_000 });
}

/** The title of the open node panel (the node's name). */
export async function panelTitle(page: Page): Promise<string> {
	return (await byTestId(nodePanel(page), 'node-title-container').innerText()).trim();
}

/**
 * The little of the DOM that label reading needs, spelled out because the test code compiles
 * without the DOM library (the callback runs in the browser, not in Node).
 */
type LabelElement = {
	offsetParent: unknown;
	textContent: string | null;
	cloneNode(deep: true): LabelElement;
	querySelectorAll(selector: string): { forEach(visit: (node: { remove(): void }) => void): void };
};

/** The labels of the parameters the open panel shows now, e.g. ['Mode', 'Fields to Set', …]. */
export async function panelParameterLabels(page: Page): Promise<string[]> {
	const parameters = byTestId(nodePanel(page), 'node-parameters');
	await parameters.waitFor({ state: 'visible', timeout: 15_000 });
	const labels = await byTestId(parameters, 'parameter-item')
		.locator('label')
		.evaluateAll((elements) =>
			(elements as unknown as LabelElement[])
				.filter((element) => element.offsetParent !== null)
				.map((element) => {
					// A label also holds the Fixed/Expression toggle; read the title alone.
					const title = element.cloneNode(true);
					title
						.querySelectorAll('[data-test-id$="options-container"]')
						.forEach((node) => node.remove());
					return (title.textContent ?? '')
						.replace(/\s+/g, ' ')
						.replace(/\s*\*$/, '')
						.trim();
				}),
		);
	return labels.filter(Boolean);
}

/** The input of one parameter in the open panel, by the parameter's internal name. */
export function parameterInput(page: Page, parameterName: string): Locator {
	return byTestId(nodePanel(page), `parameter-input-${parameterName}`);
}

/**
 * Picks an option of an options-type parameter in the open panel by its shown name, e.g. a model
 * family or an operation, and waits until the field shows it (so the fields that depend on it have
 * re-rendered by the time this returns).
 */
export async function selectParameterOption(
	page: Page,
	parameterName: string,
	optionName: string,
): Promise<void> {
	const input = parameterInput(page, parameterName);
	await input.click();
	// Every select's dropdown stays in the DOM; only the open one is visible.
	const option = page
		.locator('[data-test-id="parameter-input-item"]:visible')
		.filter({ has: page.getByText(optionName, { exact: true }) })
		.first();
	await option.click();
	const shown = input.locator('input').first();
	const deadline = Date.now() + 10_000;
	while ((await shown.inputValue()) !== optionName) {
		if (Date.now() > deadline) {
			throw new Error(
				`Parameter "${parameterName}" does not show "${optionName}" after selecting it`,
			);
		}
		await new Promise((done) => setTimeout(done, 100));
	}
}

/**
 * Opens the "From list" dropdown of a resource-locator parameter (the model pickers use one) and
 * returns the items it lists once loaded. An error the list shows instead (e.g. a failed
 * credential) is thrown with its message. The dropdown stays open for {@link pickResourceLocatorItem}.
 */
export async function resourceLocatorItems(page: Page, parameterName: string): Promise<string[]> {
	const locator = byTestId(nodePanel(page), `resource-locator-${parameterName}`);
	await byTestId(locator, 'rlc-input').click();
	const items = page.locator('[data-test-id="rlc-item"]:visible');
	const error = page.locator('[data-test-id="rlc-error-message"]:visible');
	// While the list loads, n8n shows skeleton rows (a CSS-module class, no test id) and may
	// already list the field's current value alone; only a list without skeletons that held still
	// for a few polls is the answer.
	const loading = page.locator('[class*="loadingItem"]:visible');
	let previous = '';
	let stablePolls = 0;
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (await error.count()) {
			throw new Error(
				`Resource locator "${parameterName}" shows an error: ${await error.first().innerText()}`,
			);
		}
		const texts = (await items.allInnerTexts()).map((text) => text.trim());
		const current = texts.join('\n');
		const settled = texts.length > 0 && (await loading.count()) === 0 && current === previous;
		stablePolls = settled ? stablePolls + 1 : 0;
		if (stablePolls >= 2) return texts;
		previous = current;
		await new Promise((done) => setTimeout(done, 200));
	}
	throw new Error(`Resource locator "${parameterName}" listed nothing within 30 s`);
}

/** What a resource-locator parameter shows now (the picked item's name in "From list" mode). */
export async function resourceLocatorValue(page: Page, parameterName: string): Promise<string> {
	const field = byTestId(
		byTestId(nodePanel(page), `resource-locator-${parameterName}`),
		'rlc-input',
	);
	const isInput = await field.evaluate((element) => element.tagName === 'INPUT');
	return await (isInput ? field : field.locator('input').first()).inputValue();
}

/** Picks an item from an open resource-locator list (see {@link resourceLocatorItems}). */
export async function pickResourceLocatorItem(page: Page, itemText: string): Promise<void> {
	const item = page
		.locator('[data-test-id="rlc-item"]:visible')
		.filter({ hasText: itemText })
		.first();
	await item.click();
	await item.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Saves a full-page screenshot as artifacts/e2e/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
	mkdirSync(artifactsDir(), { recursive: true });
	const path = join(artifactsDir(), `${name}.png`);
	// Dropdowns and toasts fade out over a few hundred milliseconds; let them finish for the picture.
	await page.waitForTimeout(400);
	await page.screenshot({ path, fullPage: true });
	return path;
}

async function waitFor<T>(
	probe: () => Promise<T | undefined>,
	timeoutMs: number,
): Promise<T | undefined> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const value = await probe();
		if (value !== undefined) return value;
		await new Promise((done) => setTimeout(done, 200));
	}
	return undefined;
}

// Credentials ---------------------------------------------------------------------------------

/** The credential edit modal. */
export function credentialModal(page: Page): Locator {
	return byTestId(page, 'editCredential-modal');
}

/**
 * Opens "Create credential" from the overview, picks the credential type by its display name in
 * the type search (e.g. 'AWS (Bedrock) API') and continues to the empty form.
 */
export async function openNewCredential(
	page: Page,
	baseUrl: string,
	typeName: string,
): Promise<void> {
	await page.goto(`${baseUrl}/home/credentials`);
	await byTestId(page, 'add-resource-credential').first().click();
	const typeSearch = byTestId(page, 'new-credential-type-select').locator('input').first();
	await typeSearch.waitFor({ timeout: 15_000 });
	await typeSearch.fill(typeName);
	await page
		.locator('[data-test-id="new-credential-type-select-option"]:visible')
		.filter({ has: page.getByText(typeName, { exact: true }) })
		.first()
		.click();
	await byTestId(page, 'new-credential-type-button').click();
	await byTestId(credentialModal(page), 'credential-connection-parameter')
		.first()
		.waitFor({ timeout: 15_000 });
}

/** A field of the open credential form, by the credential property's name. */
export function credentialInput(page: Page, name: string): Locator {
	return byTestId(credentialModal(page), `parameter-input-${name}`);
}

export async function fillCredentialField(page: Page, name: string, value: string): Promise<void> {
	await credentialInput(page, name).locator('input, textarea').first().fill(value);
}

/** Picks an option of an options field in the credential form by its shown name. */
export async function selectCredentialOption(
	page: Page,
	name: string,
	optionName: string,
): Promise<void> {
	await credentialInput(page, name).click();
	await page
		.locator('[data-test-id="parameter-input-item"]:visible')
		.filter({ has: page.getByText(optionName, { exact: true }) })
		.first()
		.click();
	const shown = credentialInput(page, name).locator('input').first();
	await expectValue(shown, optionName, `Credential field "${name}"`);
}

/** Flips a boolean (switch) field of the credential form. */
export async function toggleCredentialSwitch(page: Page, name: string): Promise<void> {
	await credentialInput(page, name).click();
}

export type CredentialTestResult = { ok: boolean; message: string };

/**
 * Saves the credential form; n8n then runs the credential's test and shows either "Connection
 * tested successfully" or "Couldn’t connect with these settings" with the test's message behind
 * "More details". Returns which, with that message.
 */
export async function saveCredential(page: Page): Promise<CredentialTestResult> {
	const modal = credentialModal(page);
	// A banner from an earlier save stays up until the new test answers, so wait for that answer
	// (the editor calls POST /rest/credentials/test after saving) and then for a banner that holds.
	const tested = page.waitForResponse(
		(response) =>
			response.url().includes('/rest/credentials/test') && response.request().method() === 'POST',
		{ timeout: 60_000 },
	);
	await byTestId(modal, 'credential-save-button').click();
	await tested;
	const success = byTestId(modal, 'credentials-config-container-test-success');
	const failure = modal.getByText('Couldn’t connect with these settings');
	let previous: string | undefined;
	const outcome = await waitFor(async () => {
		const shown = (await success.isVisible())
			? 'ok'
			: (await failure.isVisible())
				? 'failed'
				: undefined;
		const settled = shown !== undefined && shown === previous ? shown : undefined;
		previous = shown;
		return settled;
	}, 30_000);
	if (outcome === 'ok') return { ok: true, message: (await success.innerText()).trim() };
	if (outcome === 'failed') {
		const details = modal.getByText('More details').first();
		if (await details.isVisible()) await details.click();
		const text = await byTestId(modal, 'node-credentials-config-container').innerText();
		return { ok: false, message: text.replace(/\s+/g, ' ').trim() };
	}
	throw new Error('The credential test answered, but the form shows neither success nor failure');
}

export async function closeCredentialModal(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	await credentialModal(page).waitFor({ state: 'hidden', timeout: 15_000 });
}

// Running and AI tools ------------------------------------------------------------------------

/**
 * Clicks the open panel's "Execute step" and waits for the output panel to show a result or an
 * error. Returns the output panel's text (items, binary field cards, or the error).
 */
export async function executeStep(page: Page, timeoutMs = 60_000): Promise<string> {
	const panel = nodePanel(page);
	await byTestId(panel, 'node-execute-button').first().click();
	const output = byTestId(panel, 'output-panel');
	// The item count shows before the items render: wait until the text also held still.
	let previous = '';
	const text = await waitFor(async () => {
		const shown = await output.innerText().catch(() => '');
		const done = /\d+ items?\b|Error|Problem in node/i.test(shown) && shown === previous;
		previous = shown;
		return done ? shown : undefined;
	}, timeoutMs);
	if (text === undefined) {
		const evidence = await screenshot(page, 'execute-step-no-result');
		throw new Error(
			`"Execute step" showed no result within ${timeoutMs} ms (output panel: ${JSON.stringify(previous.slice(0, 300))}; screenshot: ${evidence})`,
		);
	}
	return text;
}

/**
 * The error the open panel's output shows after a failed step: the bold headline (n8n's
 * `node-error-message`, the error's `message`) and the description under it.
 */
export async function nodeErrorShown(
	page: Page,
): Promise<{ headline: string; description: string }> {
	const panel = nodePanel(page);
	const headline = byTestId(panel, 'node-error-message').first();
	await headline.waitFor({ state: 'visible', timeout: 15_000 });
	const description = byTestId(panel, 'node-error-description').first();
	return {
		headline: (await headline.innerText()).replace(/\s+/g, ' ').trim(),
		description: (await description.isVisible())
			? (await description.innerText()).replace(/\s+/g, ' ').trim()
			: '',
	};
}

/**
 * Opens the node creator from a canvas node's AI input (e.g. an AI Agent's "Tool" connector) and
 * searches it: the names it offers for that connection. Leaves the creator open.
 */
export async function searchConnectorCreator(
	page: Page,
	nodeName: string,
	connectionType: string,
	search: string,
): Promise<string[]> {
	const handle = page.locator(
		`[data-test-id="canvas-node-input-handle"][data-connection-type="${connectionType}"][data-node-name="${nodeName}"]`,
	);
	await byTestId(handle, 'canvas-handle-plus').click();
	const searchBar = byTestId(page, 'node-creator-search-bar');
	await searchBar.waitFor({ timeout: 15_000 });
	const names = page.locator('[data-test-id="node-creator-item-name"]:visible');
	const before = (await names.allInnerTexts()).join('\n');
	await searchBar.fill(search);
	let previous = '';
	const settled = await waitFor(async () => {
		const current = (await names.allInnerTexts()).map((name) => name.trim()).join('\n');
		const stable = current === previous && current !== before;
		previous = current;
		return stable ? current : undefined;
	}, 10_000);
	return (settled ?? previous).split('\n').filter(Boolean);
}

/** The header of the open node creator, e.g. "Tools" when opened from an agent's tool input. */
export async function nodeCreatorHeader(page: Page): Promise<string> {
	return (await byTestId(page, 'nodes-list-header').first().innerText()).trim();
}

/** The connections drawn on the canvas, as [source node, target node] pairs. */
export async function canvasEdges(page: Page): Promise<Array<[string, string]>> {
	return await byTestId(page, 'edge').evaluateAll((edges) =>
		edges.map((edge): [string, string] => [
			edge.getAttribute('data-source-node-name') ?? '',
			edge.getAttribute('data-target-node-name') ?? '',
		]),
	);
}

/** Names of the canvas nodes that show an issues marker (missing credential, unknown type…). */
export async function nodesWithIssues(page: Page): Promise<string[]> {
	return await page
		.locator('[data-test-id="canvas-node"]')
		.filter({ has: page.locator('[data-test-id="node-issues"]') })
		.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-node-name') ?? ''));
}

async function expectValue(input: Locator, expected: string, label: string): Promise<void> {
	const deadline = Date.now() + 10_000;
	while ((await input.inputValue()) !== expected) {
		if (Date.now() > deadline) throw new Error(`${label} does not show "${expected}"`);
		await new Promise((done) => setTimeout(done, 100));
	}
}
