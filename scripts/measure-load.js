/**
 * Loads every node and credential module the pack registers (what n8n does for each
 * installed package at start-up) in this fresh process, and reports the time it took and
 * which AWS SDK modules got loaded (there should be none: the SDK loads on first use).
 *
 *   node scripts/measure-load.js [packRoot]   → prints one JSON line
 */
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
const { n8n } = require(path.join(root, 'package.json'));
const files = [...n8n.credentials, ...n8n.nodes].map((file) => path.join(root, file));

// n8n-workflow is loaded by n8n itself before any package; it is not the pack's cost.
require('n8n-workflow');

const started = performance.now();
const classes = files.map((file) => {
	const exports = require(file);
	const [name, Class] = Object.entries(exports)[0];
	new Class(); // n8n instantiates each class to read its description
	return name;
});
const loadMs = performance.now() - started;

const awsSdkModules = Object.keys(require.cache).filter((file) => /[\\/]@(aws-sdk|smithy)[\\/]/.test(file));
process.stdout.write(`${JSON.stringify({ loadMs, classes, files: files.length, awsSdkModules })}\n`);
