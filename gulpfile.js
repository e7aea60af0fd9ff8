/**
 * The pack's build: clean → compile TypeScript → copy static files → n8n metadata, and a watch
 * task.
 *
 * Static files are what `n8n-node build` copies too: icons (svg/png) and codex files
 * (`*.node.json`, read by n8n's loader next to each compiled node).
 */
const { src, dest, series, parallel, watch: gulpWatch } = require('gulp');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const staticGlobs = [
	'icons/**/*.{svg,png}',
	'nodes/**/*.{svg,png}',
	'nodes/**/*.node.json',
	'credentials/**/*.{svg,png}',
];

function clean() {
	return fs.promises.rm(path.join(__dirname, 'dist'), { recursive: true, force: true });
}

function run(command, args) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: 'inherit', cwd: __dirname });
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`)),
		);
	});
}

function compile() {
	return run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json']);
}

function copyStatic() {
	// `base: '.'` keeps the folder structure: nodes/X/x.svg → dist/nodes/X/x.svg
	return src(staticGlobs, { base: '.', encoding: false }).pipe(dest('dist'));
}

/**
 * n8n's own metadata generator (n8n-core's `n8n-generate-metadata`, as n8n-nodes-base is built):
 * dist/known and dist/types describe the nodes and credential as JSON. n8n loads installed
 * packages that have them lazily: at start-up it reads the JSON and loads a node's code on its
 * first use (docs/benchmark.md, start-up).
 */
function metadata() {
	return run(process.execPath, [
		path.join(__dirname, 'node_modules', 'n8n-core', 'bin', 'generate-metadata'),
	]);
}

const build = series(clean, parallel(compile, copyStatic), metadata);

function watch() {
	gulpWatch(
		['nodes/**/*.ts', 'credentials/**/*.ts'],
		{ ignoreInitial: false },
		series(compile, metadata),
	);
	gulpWatch(staticGlobs, { ignoreInitial: false }, copyStatic);
}

exports.clean = clean;
exports.compile = compile;
exports['copy:static'] = copyStatic;
exports.metadata = metadata;
exports.build = build;
exports.watch = series(build, watch);
exports.default = build;
