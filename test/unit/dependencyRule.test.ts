/**
 * The repository's dependency rule (docs/development.md, "Layout and the dependency rule"),
 * checked on every import of every source file:
 *
 * - nodes/ and credentials/ (what n8n loads) import neither emulator/, tooling/ nor tests;
 * - emulator/src imports only emulator/src and Node's built-in modules (the published
 *   `bedrock-emulator` has no dependencies); its tests (emulator/test) may add npm packages;
 * - tooling/ imports no tests;
 * - nothing imports tests (test/, emulator/test), except other tests.
 *
 * Imports are read from the TypeScript syntax tree (comments and strings that merely look like
 * imports do not count): import and export declarations, `import x = require()`, `import()`
 * calls and `import('…')` types, `require()`, `require.resolve()` and `jest.mock()`-style calls.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

import ts from 'typescript';

type Area = 'product' | 'emulator' | 'emulatorTests' | 'tooling' | 'tests' | 'elsewhere';
type Target = Area | 'builtin' | 'package';

const ROOT = path.resolve(__dirname, '..', '..');
const SCANNED = ['nodes', 'credentials', 'emulator', 'tooling', 'test'];
const SOURCE = /\.(ts|js|mjs|cjs)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist']);

const AREA_NAMES: Record<Target, string> = {
	product: 'nodes/ or credentials/',
	emulator: 'emulator/src',
	emulatorTests: 'the emulator tests',
	tooling: 'tooling/',
	tests: 'test/',
	elsewhere: 'the repository root',
	builtin: 'a Node built-in module',
	package: 'an npm package',
};

/** What each area may import; anything else breaks the rule. */
const ALLOWED: Record<Area, ReadonlySet<Target>> = {
	product: new Set(['product', 'elsewhere', 'builtin', 'package']),
	emulator: new Set(['emulator', 'builtin']),
	emulatorTests: new Set(['emulator', 'emulatorTests', 'builtin', 'package']),
	tooling: new Set(['product', 'emulator', 'tooling', 'elsewhere', 'builtin', 'package']),
	tests: new Set([
		'product',
		'emulator',
		'emulatorTests',
		'tooling',
		'tests',
		'elsewhere',
		'builtin',
		'package',
	]),
	elsewhere: new Set(['product', 'emulator', 'tooling', 'elsewhere', 'builtin', 'package']),
};

const BUILTINS = new Set(builtinModules);

/** The area of a repository path (forward slashes, relative to the root). */
function areaOf(file: string): Area {
	const [top, sub] = file.split('/');
	if (top === 'nodes' || top === 'credentials') return 'product';
	if (top === 'emulator') return sub === 'test' ? 'emulatorTests' : 'emulator';
	if (top === 'tooling') return 'tooling';
	if (top === 'test') return 'tests';
	return 'elsewhere';
}

function targetOf(file: string, specifier: string): Target {
	if (specifier.startsWith('.') || specifier.startsWith('/')) {
		const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
		return resolved.startsWith('../') ? 'elsewhere' : areaOf(resolved);
	}
	if (specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0])) return 'builtin';
	return 'package';
}

/** Every module specifier `source` imports, in order. */
function importsOf(fileName: string, source: string): string[] {
	const sourceFile = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false);
	const found: string[] = [];
	const literal = (node: ts.Node | undefined) => {
		if (node && ts.isStringLiteralLike(node)) found.push(node.text);
	};
	const visit = (node: ts.Node): void => {
		if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
			literal(node.moduleSpecifier);
		} else if (
			ts.isImportEqualsDeclaration(node) &&
			ts.isExternalModuleReference(node.moduleReference)
		) {
			literal(node.moduleReference.expression);
		} else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
			literal(node.argument.literal);
		} else if (ts.isCallExpression(node)) {
			const callee = node.expression.getText(sourceFile);
			if (
				node.expression.kind === ts.SyntaxKind.ImportKeyword ||
				/^(require|require\.resolve|jest\.(mock|doMock|requireActual|requireMock))$/.test(callee)
			) {
				literal(node.arguments[0]);
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(sourceFile);
	return found;
}

interface SourceFile {
	/** Relative to the repository root, forward slashes. */
	path: string;
	source: string;
}

/** One line per import that breaks the rule: the file, the import, what it reaches. */
function ruleViolations(files: readonly SourceFile[]): string[] {
	const violations: string[] = [];
	for (const file of files) {
		const area = areaOf(file.path);
		for (const specifier of importsOf(file.path, file.source)) {
			const target = targetOf(file.path, specifier);
			if (!ALLOWED[area].has(target)) {
				violations.push(
					`${file.path} imports '${specifier}' (${AREA_NAMES[target]}), which ${AREA_NAMES[area]} may not import`,
				);
			}
		}
	}
	return violations;
}

function repositorySources(): SourceFile[] {
	const files: SourceFile[] = [];
	const walk = (folder: string) => {
		for (const entry of readdirSync(path.join(ROOT, folder), { withFileTypes: true })) {
			const relative = `${folder}/${entry.name}`;
			if (entry.isDirectory()) {
				if (!SKIPPED_FOLDERS.has(entry.name)) walk(relative);
			} else if (SOURCE.test(entry.name)) {
				files.push({ path: relative, source: readFileSync(path.join(ROOT, relative), 'utf8') });
			}
		}
	};
	for (const folder of SCANNED) walk(folder);
	return files;
}

describe('the dependency rule', () => {
	it('holds for every source file of the repository', () => {
		const files = repositorySources();
		// The scan reaches every area, so an empty result means something.
		expect(new Set(files.map((file) => areaOf(file.path)))).toEqual(
			new Set(['product', 'emulator', 'emulatorTests', 'tooling', 'tests']),
		);
		expect(files.length).toBeGreaterThan(150);
		expect(ruleViolations(files)).toEqual([]);
	});

	it('names the file and the import of each violation', () => {
		const violations = ruleViolations([
			{
				path: 'nodes/BedrockImage/x.ts',
				source: "import { startEmulator } from '../../emulator/src/index.ts';",
			},
			{
				path: 'credentials/X.credentials.ts',
				source: "import type { A } from '../tooling/harness/credentials.ts';",
			},
			{
				path: 'nodes/shared/y.ts',
				source: "export * from '../../test/integration/helpers';",
			},
			{
				path: 'emulator/src/a.ts',
				source:
					"import { BedrockClient } from '@aws-sdk/client-bedrock';\nconst n = await import('../../nodes/shared/labels');",
			},
			{
				path: 'emulator/src/b.ts',
				source: "import type { X } from '../test/sdkHarness.ts';",
			},
			{
				path: 'tooling/bench/c.ts',
				source:
					"const h = require('../../test/integration/helpers');\ntype T = import('../../emulator/test/sdkHarness.ts').X;",
			},
			{ path: 'test/unit/d.test.ts', source: "jest.mock('../../tooling/n8n/paths');" },
		]);
		expect(violations).toEqual([
			"nodes/BedrockImage/x.ts imports '../../emulator/src/index.ts' (emulator/src), which nodes/ or credentials/ may not import",
			"credentials/X.credentials.ts imports '../tooling/harness/credentials.ts' (tooling/), which nodes/ or credentials/ may not import",
			"nodes/shared/y.ts imports '../../test/integration/helpers' (test/), which nodes/ or credentials/ may not import",
			"emulator/src/a.ts imports '@aws-sdk/client-bedrock' (an npm package), which emulator/src may not import",
			"emulator/src/a.ts imports '../../nodes/shared/labels' (nodes/ or credentials/), which emulator/src may not import",
			"emulator/src/b.ts imports '../test/sdkHarness.ts' (the emulator tests), which emulator/src may not import",
			"tooling/bench/c.ts imports '../../test/integration/helpers' (test/), which tooling/ may not import",
			"tooling/bench/c.ts imports '../../emulator/test/sdkHarness.ts' (the emulator tests), which tooling/ may not import",
		]);
	});

	it('allows what the rule allows', () => {
		expect(
			ruleViolations([
				{
					path: 'nodes/shared/z.ts',
					source:
						"import { NodeOperationError } from 'n8n-workflow';\nimport { x } from '../BedrockText/y';\nimport { createHash } from 'node:crypto';",
				},
				{
					path: 'emulator/src/z.ts',
					source: "import { inflateSync } from 'zlib';\nimport { validate } from './schema.ts';",
				},
				{
					path: 'emulator/test/z.test.ts',
					source:
						"import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';\nimport { runtimeClient } from './sdkHarness.ts';",
				},
				{
					path: 'tooling/scale/z.ts',
					source:
						"import { startEmulator } from '../../emulator/src/index.ts';\nimport { x } from '../n8n/paths.ts';",
				},
				{
					path: 'test/integration/z.test.ts',
					source:
						"import { runWorkflow } from '../../tooling/harness/n8n.ts';\nimport { h } from './helpers.ts';\n// import { no } from '../../nowhere';\nconst s = \"from '../../test/x'\";",
				},
			]),
		).toEqual([]);
	});
});
