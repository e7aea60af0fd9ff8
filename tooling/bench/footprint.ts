/**
 * Scenario 5: what installing the pack adds to an n8n host. The built pack is packed with
 * `npm pack` and installed the way n8n 2.41 installs a community package
 * (`CommunityPackagesService.downloadPackage`): the tarball extracted, its dev, peer and
 * optional dependencies removed from package.json, then `npm install` with scripts ignored,
 * no lockfile and a shallow tree (plus `--omit=dev`). The size is the package folder with its
 * node_modules, in bytes of file content.
 *
 * `--quick` (CI) installs nothing: it walks the production dependency closure in this
 * checkout's node_modules instead, which needs no registry.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { asCommunityInstall, COMMUNITY_INSTALL_ARGS } from '../n8n/communityPackage.ts';
import type { Row } from './lib.ts';
import { fmt, log } from './lib.ts';

const run = promisify(execFile);
/** Issue 15: at most 30 MB with the S3 client (`@aws-sdk/client-s3`, for Bedrock Video) added. */
const TARGET = 30 * 1024 * 1024;

/** Bytes of every file under `dir`; nested node_modules are skipped when `ownOnly`. */
function sizeOf(dir: string, ownOnly = false): number {
	let total = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (ownOnly && entry.name === 'node_modules') continue;
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) total += sizeOf(full, ownOnly);
		else if (entry.isFile()) total += statSync(full).size;
	}
	return total;
}

/** The packages directly under a node_modules folder (scoped ones as `@scope/name`). */
function packagesIn(nodeModules: string): string[] {
	let names: string[] = [];
	try {
		names = readdirSync(nodeModules);
	} catch {
		return [];
	}
	return names.flatMap((name) => {
		if (name.startsWith('.')) return [];
		if (name.startsWith('@')) {
			return readdirSync(path.join(nodeModules, name)).map((inner) => `${name}/${inner}`);
		}
		return [name];
	});
}

/** Size per installed package (every copy, nested ones included), biggest first. */
function packageSizes(root: string): Map<string, number> {
	const sizes = new Map<string, number>();
	const visit = (nodeModules: string) => {
		for (const name of packagesIn(nodeModules)) {
			const dir = path.join(nodeModules, name);
			sizes.set(name, (sizes.get(name) ?? 0) + sizeOf(dir, true));
			visit(path.join(dir, 'node_modules'));
		}
	};
	visit(path.join(root, 'node_modules'));
	return new Map([...sizes].sort((a, b) => b[1] - a[1]));
}

interface Footprint {
	total: number;
	pack: number;
	tarball?: number;
	packages: Map<string, number>;
	method: string;
}

async function packTarball(into: string): Promise<string> {
	const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', into], {
		maxBuffer: 16 * 1024 * 1024,
	});
	const [{ filename }] = JSON.parse(stdout) as Array<{ filename: string }>;
	return path.join(into, filename);
}

async function installed(): Promise<Footprint> {
	const work = mkdtempSync(path.join(tmpdir(), 'bench-footprint-'));
	try {
		const tarball = await packTarball(work);
		const dir = path.join(work, 'package');
		await run('mkdir', ['-p', dir]);
		await run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
		const packageJsonPath = path.join(dir, 'package.json');
		const packageJson = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as Record<
			string,
			unknown
		>;
		writeFileSync(packageJsonPath, JSON.stringify(asCommunityInstall(packageJson), null, 2));
		const pack = sizeOf(dir);
		log('5: npm install (production dependencies, as n8n installs community packages)…');
		await run('npm', [...COMMUNITY_INSTALL_ARGS, '--omit=dev', '--loglevel=error'], {
			cwd: dir,
			timeout: 10 * 60_000,
			maxBuffer: 16 * 1024 * 1024,
		});
		return {
			total: sizeOf(dir),
			pack,
			tarball: statSync(tarball).size,
			packages: packageSizes(dir),
			method: 'npm pack, then installed as n8n 2.41 installs community packages',
		};
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

/** The production closure of package.json in this checkout's node_modules (no registry). */
function localClosure(): Footprint {
	const root = process.cwd();
	const seen = new Map<string, string>();
	const resolve = (name: string, from: string): string | undefined => {
		for (let dir = from; ; dir = path.dirname(dir)) {
			const candidate = path.join(dir, 'node_modules', name);
			try {
				if (statSync(path.join(candidate, 'package.json')).isFile()) return candidate;
			} catch {
				// not here: look one level up
			}
			if (dir === path.dirname(dir)) return undefined;
		}
	};
	const visit = (dir: string) => {
		const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
			dependencies?: Record<string, string>;
			optionalDependencies?: Record<string, string>;
		};
		for (const name of Object.keys({
			...manifest.dependencies,
			...manifest.optionalDependencies,
		})) {
			const found = resolve(name, dir);
			if (!found || seen.has(found)) continue;
			seen.set(found, name);
			visit(found);
		}
	};
	visit(root);
	const packages = new Map<string, number>();
	for (const [dir, name] of seen) packages.set(name, (packages.get(name) ?? 0) + sizeOf(dir, true));
	const pack = sizeOf(path.join(root, 'dist')) + statSync(path.join(root, 'package.json')).size;
	const deps = [...packages.values()].reduce((sum, size) => sum + size, 0);
	return {
		total: pack + deps,
		pack,
		packages: new Map([...packages].sort((a, b) => b[1] - a[1])),
		method: "production closure of this checkout's node_modules (--quick: nothing installed)",
	};
}

export async function footprint(quick: boolean): Promise<Row[]> {
	const result = quick ? localClosure() : await installed();
	const top = [...result.packages].slice(0, 8);
	log(`5: ${fmt.mb(result.total)} in ${result.packages.size} packages`);
	return [
		{
			scenario: `5. Install footprint: the pack with its production dependencies (${result.packages.size} packages)`,
			node: fmt.mb(result.total),
			raw: '–',
			ratio: '–',
			target: '≤ 30 MB',
			met: result.total <= TARGET,
			notes: [
				`${result.method}; the pack itself ${fmt.mb(result.pack)}${result.tarball ? `, tarball ${fmt.mb(result.tarball)}` : ''}`,
				`biggest: ${top.map(([name, size]) => `${name} ${fmt.mb(size)}`).join(', ')}`,
			],
		},
	];
}
