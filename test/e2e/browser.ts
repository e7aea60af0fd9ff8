/**
 * Headless Debian Chromium driven by playwright-core (which never downloads a browser).
 *
 * The flags are the ones verified on these machines: without the background-networking ones
 * Chromium keeps trying to reach Google's hosts, which this closed network refuses. Each session
 * gets a fresh profile folder, removed on close.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, selectors, type BrowserContext, type Page } from 'playwright-core';

import { artifactsDir, repoRoot } from '../../tooling/n8n/paths.ts';
import { runToCompletion } from '../../tooling/n8n/processes.ts';

export const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export function chromiumPath(): string {
	return process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
}

/** Installs Debian's Chromium with tooling/e2e/install-chromium.sh when it is missing. */
export async function ensureChromium(): Promise<string> {
	if (existsSync(chromiumPath())) return chromiumPath();
	const logFile = join(artifactsDir(), 'logs', 'install-chromium.log');
	const result = await runToCompletion(
		'bash',
		[join(repoRoot(), 'tooling', 'e2e', 'install-chromium.sh')],
		{
			env: process.env,
			logFile,
			timeoutMs: 10 * 60_000,
		},
	);
	if (result.exitCode !== 0 || !existsSync(chromiumPath())) {
		throw new Error(`Could not install Chromium (log: ${logFile})`);
	}
	return chromiumPath();
}

export type BrowserSession = {
	context: BrowserContext;
	page: Page;
	close(): Promise<void>;
};

let testIdsConfigured = false;

export async function launchBrowser(
	options: { viewport?: { width: number; height: number } } = {},
): Promise<BrowserSession> {
	const executablePath = await ensureChromium();
	if (!testIdsConfigured) {
		// n8n's editor marks its elements with data-test-id, so page.getByTestId() works with it.
		selectors.setTestIdAttribute('data-test-id');
		testIdsConfigured = true;
	}
	const profile = mkdtempSync(join(tmpdir(), 'e2e-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath,
		headless: true,
		args: CHROMIUM_FLAGS,
		viewport: options.viewport ?? { width: 1440, height: 900 },
	});
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		close: async () => {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		},
	};
}
