/**
 * Jest projects:
 * - unit: pure functions and mocked contexts, fast.
 * - integration: real n8n-core WorkflowExecute + the offline emulator over HTTP (dist/ must be built).
 * - emulator: conformance of the offline emulator, driven by the raw AWS SDK.
 * - e2e: the pinned real n8n (CLI and editor in headless Chromium); slow, run it with --runInBand
 *   (`npm run test:e2e`, which installs what it needs first). E2E=0 skips it.
 *
 * `npm test` runs unit, emulator and integration; `npm run test:all` adds e2e and more.
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

module.exports = {
	// Generous: CI machines have 2 cores, and the emulator renders and encodes real images.
	testTimeout: 30_000,
	// A worker per core. Jest's default (cores − 1) runs a 2-core machine's suites in band, while
	// much of their time is spent waiting on emulator processes, spawned CLIs and sockets: two
	// workers halve `npm test`'s jest step there (about 150 s → 75 s).
	maxWorkers: '100%',
	projects: [
		{ ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...common, displayName: 'emulator', testMatch: ['<rootDir>/emulator/test/**/*.test.ts'] },
		{
			...common,
			displayName: 'integration',
			testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
		},
		{ ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
	],
};
