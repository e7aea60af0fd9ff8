/**
 * The published package, as a user who never cloned this repository gets it: `npm pack` (whose
 * `prepack` compiles src/ into dist/), the tarball installed into an empty folder outside the
 * repository, its `bedrock-emulator` bin started on the Node running the tests (24), one signed
 * Bedrock call answered. Node refuses to strip types from files under node_modules
 * (ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING), so a tarball that shipped the TypeScript
 * sources, or a bin pointing at them, fails here and not in a user's `npx bedrock-emulator`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';

import { controlPlaneClient } from './sdkHarness.ts';

const packageDir = path.resolve(__dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
	name: string;
	version: string;
	bin: Record<string, string>;
};
// npm and the bin's `#!/usr/bin/env node` must find the Node running this test, not an older one.
// No node_modules/.bin on PATH: prepack finds TypeScript as npm finds it for anyone who runs
// `npm pack` in emulator/ (npm adds the .bin folders of emulator/ and its parents).
const PATH = [
	path.dirname(process.execPath),
	...(process.env.PATH ?? '')
		.split(path.delimiter)
		.filter((dir) => !/node_modules[\\/]\.bin$/.test(dir)),
].join(path.delimiter);
const env = {
	...process.env,
	PATH,
	// `npm test` hands the root's ignore-scripts=true (.npmrc) down to child npm processes;
	// the package's own prepack must run.
	npm_config_ignore_scripts: 'false',
};

function npm(args: string[], cwd: string): string {
	return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd,
		env,
		encoding: 'utf8',
	});
}

describe('the bedrock-emulator package', () => {
	let work: string;
	beforeAll(() => {
		work = mkdtempSync(path.join(tmpdir(), 'bedrock-emulator-pack-'));
	});
	afterAll(() => rmSync(work, { recursive: true, force: true }));

	it('packs compiled JavaScript whose bin serves Bedrock calls from an install outside the repository', async () => {
		const tarballName = npm(['pack', '--pack-destination', work], packageDir)
			.trim()
			.split('\n')
			.pop()!;
		expect(tarballName).toBe(`${manifest.name}-${manifest.version}.tgz`);
		const tarball = path.join(work, tarballName);

		const entries = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
		expect(entries).toContain(`package/${manifest.bin['bedrock-emulator']}`);
		expect(entries).toContain('package/README.md');
		expect(entries.filter((entry) => /\.ts$/.test(entry) && !/\.d\.ts$/.test(entry))).toEqual([]);

		const user = path.join(work, 'user');
		mkdirSync(user);
		writeFileSync(path.join(user, 'package.json'), '{"private":true}\n');
		// --offline: the package has no dependencies, so nothing may come from a registry.
		npm(['install', '--offline', tarball], user);
		const library = execFileSync(
			process.execPath,
			[
				'--input-type=module',
				'-e',
				"console.log(typeof (await import('bedrock-emulator')).startEmulator)",
			],
			{ cwd: user, env, encoding: 'utf8' },
		);
		expect(library.trim()).toBe('function');

		const child = spawn(
			path.join(user, 'node_modules', '.bin', 'bedrock-emulator'),
			['--port', '0'],
			{
				cwd: user,
				env,
			},
		);
		try {
			const url = await new Promise<string>((resolve, reject) => {
				let output = '';
				const collect = (chunk: Buffer) => {
					output += chunk.toString();
					const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
					if (match) resolve(match[1]);
				};
				child.stdout.on('data', collect);
				child.stderr.on('data', collect);
				child.on('exit', (code) =>
					reject(new Error(`bedrock-emulator exited (${code}): ${output}`)),
				);
			});
			const { modelSummaries } = await controlPlaneClient(url, { region: 'us-west-2' }).send(
				new ListFoundationModelsCommand({ byProvider: 'Stability AI' }),
			);
			expect(modelSummaries?.map((model) => model.modelId)).toContain('stability.sd3-5-large-v1:0');
		} finally {
			child.kill('SIGTERM');
		}
	}, 120_000);
});
