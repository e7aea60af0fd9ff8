import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

/** Code n8n never loads: the emulator (its own package), tooling and tests. */
const TOOLING = ['emulator/**/*.ts', 'test/**/*.ts', 'tooling/**/*.ts'];

export default [
	globalIgnores([
		'dist',
		'emulator/dist',
		'node_modules',
		'.tools',
		'.n8n-run',
		'.bench',
		'artifacts',
		'coverage',
	]),
	...configWithoutCloudSupport,
	{
		files: ['package.json'],
		rules: {
			// The one deliberate exception to n8n's community rules. This pack targets self-hosted
			// n8n and calls Bedrock through the official AWS SDK (SigV4 and bearer auth, assume
			// role with refresh, the host credential chain, retries, timeouts), which n8n Cloud's
			// zero-dependency rule cannot accommodate. The SDK is loaded lazily on first use, so
			// n8n's start-up does not pay for it.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		// The community-node rules govern what n8n loads: nodes/ and credentials/. The offline
		// emulator, the tooling (n8n harness, benchmark, scale run, demo) and the tests are not in
		// the pack; they start processes, print to the console and hold the AWS documentation's
		// example keys, and stay under the TypeScript rules only.
		files: TOOLING,
		rules: Object.fromEntries(
			Object.keys(
				configWithoutCloudSupport.find((c) => c.plugins?.['@n8n/community-nodes'])?.rules ?? {},
			)
				.filter((rule) => rule.startsWith('@n8n/community-nodes/'))
				.map((rule) => [rule, 'off'])
				.concat([['no-console', 'off']]),
		),
	},
];
