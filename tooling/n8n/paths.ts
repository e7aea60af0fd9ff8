/**
 * Where the end-to-end machinery finds things: the repository, the pinned n8n, Node 24 and the
 * folders it writes to. Paths are derived from the working directory (not from this module's
 * location) so the code runs unchanged under jest (CommonJS) and plain `node file.ts` (ESM).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The n8n release the tests run against; tooling/n8n/install.sh installs the same default. */
export const N8N_VERSION = process.env.N8N_VERSION ?? '2.41.1';

const PACKAGE_NAME = 'n8n-nodes-bedrock';

let cachedRoot: string | undefined;

/** The repository root: the nearest folder upwards from the working directory holding the pack. */
export function repoRoot(): string {
	if (cachedRoot) return cachedRoot;
	let dir = resolve(process.cwd());
	for (;;) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && readPackageName(manifest) === PACKAGE_NAME) {
			cachedRoot = dir;
			return dir;
		}
		const parent = dirname(dir);
		if (parent === dir) {
			throw new Error(`Run from inside the ${PACKAGE_NAME} repository (cwd: ${process.cwd()})`);
		}
		dir = parent;
	}
}

function readPackageName(manifest: string): string | undefined {
	try {
		return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
	} catch {
		return undefined;
	}
}

export function n8nToolDir(): string {
	return join(repoRoot(), '.tools', `n8n-${N8N_VERSION}`);
}

/** n8n's own entry script; run it with {@link nodeBinary} rather than through the shebang. */
export function n8nEntryScript(): string {
	return join(n8nToolDir(), 'node_modules', 'n8n', 'bin', 'n8n');
}

/**
 * The Node that tooling/node24.sh chose (NODE24_BIN: the one on PATH when it is 24 or newer, else
 * the one it installed into .tools/node24). n8n 2.x refuses older Node, and the SQLite binding was
 * compiled for this Node's ABI, so n8n always runs on it, whatever runs the tests.
 */
export function nodeBinary(): string {
	return process.env.NODE24_BIN ?? process.execPath;
}

/** That Node's headers, for native addons (tooling/node24.sh exports them as npm_config_nodedir). */
export function node24HeadersDir(): string {
	const dir = process.env.npm_config_nodedir;
	if (!dir || !existsSync(join(dir, 'include', 'node', 'node.h'))) {
		throw new Error(
			`No Node headers in npm_config_nodedir (${dir ?? 'unset'}): run through tooling/node24.sh`,
		);
	}
	return dir;
}

/** Per-run n8n user folders (git-ignored); removed when a run is disposed. */
export function runsRoot(): string {
	return join(repoRoot(), '.n8n-run');
}

/** Screenshots and logs kept after the run for people and CI (git-ignored). */
export function artifactsDir(): string {
	return join(repoRoot(), 'artifacts', 'e2e');
}
