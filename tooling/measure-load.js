/**
 * What n8n pays for the pack, in this fresh process:
 *
 * - `startup`: what n8n 2.x does for each installed community package at start-up: n8n-core's
 *   `LazyPackageDirectoryLoader` reads the metadata the build generates (dist/known,
 *   dist/types) and loads no code of the pack (`lazy: true`, `modulesLoaded: []`); a package
 *   without that metadata would have all its modules loaded here.
 * - `loadMs`: the first use, loading every node and credential module the pack registers and
 *   instantiating each class (as n8n does to run a node, or at start-up for a package without
 *   metadata); `awsSdkModules` lists the AWS SDK modules that got loaded then: there should be
 *   none, the SDK loads on the first call.
 *
 *   node [--expose-gc] tooling/measure-load.js [packRoot]   → prints one JSON line
 */
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
const { n8n } = require(path.join(root, 'package.json'));
const files = [...n8n.credentials, ...n8n.nodes].map((file) => path.join(root, file));

const isSdk = (file) => /[\\/]@(aws-sdk|smithy)[\\/]/.test(file);
const isPack = (file) => file.startsWith(path.join(root, 'dist') + path.sep);

async function main() {
	// n8n-workflow, n8n-core and n8n's logger are loaded by n8n itself before any package: not
	// the pack's cost.
	require('n8n-workflow');
	const core = require('n8n-core');
	const fromCore = { paths: [require.resolve('n8n-core')] };
	const { Container } = require(require.resolve('@n8n/di', fromCore));
	const { Logger } = require(require.resolve('@n8n/backend-common', fromCore));
	Container.get(Logger);
	// n8n has used the file system (and libuv's thread pool) long before it loads packages.
	await require('node:fs/promises').readFile(path.join(root, 'package.json'));

	// A collection of n8n's own heap is n8n's cost, not the pack's: start each measurement on a
	// collected heap when allowed (node --expose-gc).
	global.gc?.();
	const before = new Set(Object.keys(require.cache));
	let started = performance.now();
	const cpu = process.cpuUsage();
	const loader = new core.LazyPackageDirectoryLoader(root);
	await loader.loadAll();
	const startupMs = performance.now() - started;
	const { user, system } = process.cpuUsage(cpu);
	const loadedAtStartup = Object.keys(require.cache).filter((file) => !before.has(file));
	const startup = {
		ms: startupMs,
		/** CPU time: on a busy machine the wall time also counts waits for the file reads. */
		cpuMs: (user + system) / 1000,
		lazy: loader.isLazyLoaded === true,
		nodes: loader.types.nodes.length,
		credentials: loader.types.credentials.length,
		modulesLoaded: loadedAtStartup.filter(isPack).map((file) => path.relative(root, file)),
		awsSdkModules: loadedAtStartup.filter(isSdk),
	};

	global.gc?.();
	started = performance.now();
	const classes = files.map((file) => {
		const exports = require(file);
		const [name, Class] = Object.entries(exports)[0];
		new Class(); // n8n instantiates each class to read its description
		return name;
	});
	const loadMs = performance.now() - started;

	const awsSdkModules = Object.keys(require.cache).filter(isSdk);
	process.stdout.write(
		`${JSON.stringify({ loadMs, classes, files: files.length, awsSdkModules, startup })}\n`,
	);
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
