/**
 * The build's n8n metadata (dist/known, dist/types, made by n8n-core's generator): with it, n8n
 * lists the pack's nodes at start-up without loading their code. It must exist, be used by
 * n8n's lazy loader, and describe exactly what the code does (a stale file would show the
 * editor fields the node no longer has).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

import type { ICredentialType, INodeType, INodeTypeDescription } from 'n8n-workflow';

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};

const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;

/** Node's own require: the built classes are CommonJS, loaded as n8n loads them. */
const load = process.getBuiltinModule('node:module').createRequire(`${process.cwd()}/package.json`);

test("n8n's lazy loader reads the metadata and loads none of the pack's code", () => {
	const output = execFileSync(process.execPath, ['tooling/measure-load.js'], { encoding: 'utf8' });
	const { startup } = JSON.parse(output) as {
		startup: {
			lazy: boolean;
			nodes: number;
			credentials: number;
			modulesLoaded: string[];
			awsSdkModules: string[];
		};
	};
	expect(startup).toMatchObject({
		lazy: true,
		nodes: packageJson.n8n.nodes.length,
		credentials: packageJson.n8n.credentials.length,
		modulesLoaded: [],
		awsSdkModules: [],
	});
});

test('every node and credential in the metadata is described as its class describes it', () => {
	const known =
		readJson<Record<string, { sourcePath: string; className: string }>>('dist/known/nodes.json');
	const types = readJson<INodeTypeDescription[]>('dist/types/nodes.json');
	expect(
		Object.values(known)
			.map((entry) => entry.sourcePath)
			.sort(),
	).toEqual([...packageJson.n8n.nodes].sort());
	for (const [name, { sourcePath, className }] of Object.entries(known)) {
		const NodeClass = (load(`./${sourcePath}`) as Record<string, new () => INodeType>)[className];
		const { description } = new NodeClass();
		const listed = types.find((type) => type.name === name);
		expect(listed?.properties).toEqual(JSON.parse(JSON.stringify(description.properties)));
		expect(listed?.credentials).toEqual(description.credentials);
	}

	const credentialTypes = readJson<ICredentialType[]>('dist/types/credentials.json');
	const knownCredentials = readJson<Record<string, { sourcePath: string; className: string }>>(
		'dist/known/credentials.json',
	);
	for (const [name, { sourcePath, className }] of Object.entries(knownCredentials)) {
		const CredentialClass = (load(`./${sourcePath}`) as Record<string, new () => ICredentialType>)[
			className
		];
		expect(credentialTypes.find((type) => type.name === name)?.properties).toEqual(
			JSON.parse(JSON.stringify(new CredentialClass().properties)),
		);
	}
});
