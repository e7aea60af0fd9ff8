/**
 * Getting a node package into n8n the way users do: `npm pack` it, then install the tarball into
 * the instance's community-nodes folder (`<N8N_USER_FOLDER>/.n8n/nodes`).
 *
 * The install repeats, step by step, what n8n 2.41's own installer does when someone installs a
 * community package in Settings (CommunityPackagesService.downloadPackage): unpack the tarball
 * into `nodes/node_modules/<name>`, drop its dev/peer/optional dependencies from its package.json,
 * run `npm install` inside it with n8n's flags, and record it in `nodes/package.json`. At start,
 * n8n loads every `n8n-nodes-*` folder there; peer dependencies such as n8n-workflow resolve to
 * n8n's own copy because n8n puts its node_modules on NODE_PATH. Only the source of the tarball
 * differs: n8n fetches it from the registry, we build it from the working tree.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { runToCompletion } from './processes.ts';

const execFileAsync = promisify(execFile);

export type PackedPackage = { name: string; version: string; tarball: string };

type Manifest = {
	name: string;
	version: string;
	dependencies?: Record<string, string>;
	devDependencies?: unknown;
	peerDependencies?: unknown;
	optionalDependencies?: unknown;
	n8n?: { nodes?: string[]; credentials?: string[] };
};

function readManifest(path: string): Manifest {
	return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/**
 * Packs the package in `packageDir` into `destination` with `npm pack` (so `files`, `.npmignore`
 * and the rest apply exactly as on publish). Fails early if files the `n8n` block lists are
 * missing, which for this pack means `npm run build` has not run.
 */
export async function packPackage(
	packageDir: string,
	destination: string,
	env: NodeJS.ProcessEnv,
	logFile: string,
): Promise<PackedPackage> {
	const manifest = readManifest(join(packageDir, 'package.json'));
	const listed = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	const missing = listed.filter((file) => !existsSync(join(packageDir, file)));
	if (missing.length) {
		throw new Error(
			`${manifest.name}: files listed in package.json "n8n" are missing (build first): ${missing.join(', ')}`,
		);
	}
	mkdirSync(destination, { recursive: true });
	const result = await runToCompletion(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
		{ cwd: packageDir, env, logFile, timeoutMs: 120_000 },
	);
	if (result.exitCode !== 0) {
		throw new Error(`npm pack failed in ${packageDir} (see ${logFile})`);
	}
	const [packed] = JSON.parse(result.stdout.slice(result.stdout.indexOf('['))) as Array<{
		filename: string;
	}>;
	return {
		name: manifest.name,
		version: manifest.version,
		tarball: join(destination, packed.filename),
	};
}

/**
 * Installs a packed community package into an instance's nodes folder, as n8n's installer does.
 * Returns the folder the package landed in.
 */
/**
 * What n8n does to an extracted community package before `npm install` in it: these are removed,
 * so the package's runtime dependencies come from the registry while n8n-workflow and friends
 * come from n8n itself.
 */
export function asCommunityInstall(manifest: Record<string, unknown>): Record<string, unknown> {
	const kept = { ...manifest };
	for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies']) {
		delete kept[key];
	}
	return kept;
}

/** The flags of n8n 2.41's `npm install` for a community package (CommunityPackagesService). */
export const COMMUNITY_INSTALL_ARGS = [
	'install',
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--ignore-scripts=true',
	'--package-lock=false',
];

export async function installPackageTarball(
	nodesDir: string,
	tarball: string,
	env: NodeJS.ProcessEnv,
	logFile: string,
): Promise<string> {
	const staging = join(nodesDir, '.staging');
	rmSync(staging, { recursive: true, force: true });
	mkdirSync(staging, { recursive: true });
	await execFileAsync('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
	const manifest = readManifest(join(staging, 'package.json'));
	if (!/^(@[^/]+\/)?n8n-nodes-/.test(manifest.name)) {
		throw new Error(
			`n8n only loads packages named n8n-nodes-* or @scope/n8n-nodes-*, not ${manifest.name}`,
		);
	}

	const packageDir = join(nodesDir, 'node_modules', manifest.name);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(join(packageDir, '..'), { recursive: true });
	await execFileAsync('mv', [staging, packageDir]);

	writeFileSync(
		join(packageDir, 'package.json'),
		JSON.stringify(asCommunityInstall(manifest), null, 2),
	);

	const result = await runToCompletion('npm', COMMUNITY_INSTALL_ARGS, {
		cwd: packageDir,
		env,
		logFile,
		timeoutMs: 300_000,
	});
	if (result.exitCode !== 0) {
		throw new Error(`npm install of ${manifest.name} into ${nodesDir} failed (see ${logFile})`);
	}

	recordInLedger(nodesDir, manifest.name, manifest.version);
	return packageDir;
}

/** `nodes/package.json` is n8n's ledger of installed community packages. */
function recordInLedger(nodesDir: string, name: string, version: string): void {
	const ledgerPath = join(nodesDir, 'package.json');
	const ledger = existsSync(ledgerPath)
		? (JSON.parse(readFileSync(ledgerPath, 'utf8')) as { dependencies?: Record<string, string> })
		: { name: 'installed-nodes', private: true, dependencies: {} };
	ledger.dependencies = { ...ledger.dependencies, [name]: version };
	writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2));
}
