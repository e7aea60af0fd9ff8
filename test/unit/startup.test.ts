/**
 * What n8n pays at start-up for this pack: loading every node and credential module must not
 * load the AWS SDK (it is imported lazily on the first call).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};

test('loading every node and credential module loads no @aws-sdk or @smithy module', () => {
	const output = execFileSync(process.execPath, ['tooling/measure-load.js'], { encoding: 'utf8' });
	const result = JSON.parse(output) as { classes: string[]; files: number; awsSdkModules: string[] };

	expect(result.files).toBe(packageJson.n8n.nodes.length + packageJson.n8n.credentials.length);
	expect(result.classes).toContain('AwsBedrockApi');
	expect(result.awsSdkModules).toEqual([]);
});
