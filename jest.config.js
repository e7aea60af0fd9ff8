/**
 * Jest projects:
 * - unit: pure functions and mocked contexts, fast.
 * - integration: real n8n-core WorkflowExecute + the offline emulator over HTTP (dist/ must be built).
 * - faults: the integration fault and fuzz suites (run in band by `npm test`).
 * - emulator: conformance of the offline emulator, driven by the raw AWS SDK.
 * - e2e: the pinned real n8n (CLI and editor in headless Chromium); slow, run it with --runInBand
 *   (`npm run test:e2e`, which installs what it needs first). E2E=0 skips it.
 *
 * `npm test` runs unit, emulator, integration and faults; `npm run test:all` adds e2e and more.
 *
 * Test code, tooling and the emulator are TypeScript with explicit `.ts` import extensions so that
 * Node 24 can also run them directly (type stripping), e.g. `node emulator/src/cli.ts`.
 */
const transform = {
	'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json', diagnostics: false }],
};

const common = {
	transform,
	// Run folders of the real n8n (e2e, demo) and the cached tools hold package.json files and
	// gigabytes of modules that are not ours: keep them out of jest's module map.
	modulePathIgnorePatterns: [
		'<rootDir>/.n8n-run/',
		'<rootDir>/.n8n-demo/',
		'<rootDir>/.tools/',
		'<rootDir>/emulator/dist/',
	],
	testEnvironment: '<rootDir>/test/environment.js',
	moduleFileExtensions: ['ts', 'js', 'json'],
	rootDir: __dirname,
};

const FAULT_SUITES = ['<rootDir>/test/integration/faults'];

module.exports = {
	// Generous: CI machines have 2 cores, and the emulator renders and encodes real images.
	testTimeout: 30_000,
	// A worker per core. Jest's default (cores − 1) runs a 2-core machine's suites in band, while
	// much of their time is spent waiting on emulator processes, spawned CLIs and sockets.
	maxWorkers: '100%',
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...common, displayName: 'emulator', testMatch: ['<rootDir>/emulator/test/**/*.test.ts'] },
		{
			...common,
			displayName: 'integration',
			testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
			testPathIgnorePatterns: FAULT_SUITES,
		},
		// The fault and fuzz suites: integration tests whose timing checks (timeouts, hung servers,
		// retries under chaos) want the machine to themselves, so tooling/test.sh runs them in band
		// after the rest.
		{
			...common,
			displayName: 'faults',
			testMatch: FAULT_SUITES.map((suite) => `${suite}*.test.ts`),
		},
		{ ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
	],
};
