/**
 * The emulator's command line (`npm run emulator -- …`), run as Node runs it: TypeScript by
 * type stripping, in the foreground, printing its URL and stopping on SIGINT/SIGTERM.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';

import {
	EXAMPLE_API_KEY,
	captureError,
	controlPlaneClient,
	runtimeClient,
	userText,
} from './sdkHarness.ts';

const EXTRA_KEY = {
	accessKeyId: 'AKIAEMULATORCLIUSER0',
	secretAccessKey: 'cli/test/secret/key/for/the/emulator/0000',
};

function startCli(args: string[]): ChildProcessWithoutNullStreams {
	return spawn(process.execPath, ['emulator/src/cli.ts', ...args], {
		cwd: process.cwd(),
	});
}

function waitForUrl(child: ChildProcessWithoutNullStreams): Promise<string> {
	return new Promise((resolve, reject) => {
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
			if (match) resolve(match[0]);
		});
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('exit', (code) =>
			reject(new Error(`exited with ${code} before listening: ${output}`)),
		);
	});
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
	return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('npm run emulator', () => {
	it('serves with the flags given and stops on SIGINT', async () => {
		const directory = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
		const identities = join(directory, 'identities.json');
		writeFileSync(
			identities,
			JSON.stringify({ accessKeys: [{ ...EXTRA_KEY, userName: 'cli-user' }] }),
		);
		const child = startCli([
			'--port',
			'0',
			'--latency',
			'120',
			'--region',
			'us-west-2',
			'--identities',
			identities,
		]);
		try {
			const url = await waitForUrl(child);
			const { modelSummaries } = await controlPlaneClient(url, { apiKey: EXAMPLE_API_KEY }).send(
				new ListFoundationModelsCommand({
					byProvider: 'Stability AI',
					byInferenceType: 'ON_DEMAND',
				}),
			);
			expect(modelSummaries?.map((model) => model.modelId)).toContain('stability.sd3-5-large-v1:0');
			const started = Date.now();
			const response = await runtimeClient(url, { credentials: EXTRA_KEY }).send(
				new ConverseCommand({ modelId: 'amazon.nova-micro-v1:0', messages: [userText('hi')] }),
			);
			expect(response.stopReason).toBe('end_turn');
			expect(Date.now() - started).toBeGreaterThanOrEqual(110);
		} finally {
			child.kill('SIGINT');
		}
		expect(await exitCode(child)).toBe(0);
	});

	it('stops on SIGTERM and then refuses connections', async () => {
		const child = startCli(['--port', '0']);
		const url = await waitForUrl(child);
		child.kill('SIGTERM');
		expect(await exitCode(child)).toBe(0);
		const error = await captureError(
			controlPlaneClient(url).send(new ListFoundationModelsCommand({})),
		);
		expect(error.message).toMatch(/ECONNREFUSED/);
	});

	it('judges the model lifecycle at the --now date', async () => {
		const child = startCli(['--port', '0', '--region', 'us-west-2', '--now', '2025-03-01']);
		try {
			const url = await waitForUrl(child);
			const { modelSummaries = [] } = await controlPlaneClient(url, {
				apiKey: EXAMPLE_API_KEY,
			}).send(new ListFoundationModelsCommand({ byProvider: 'Stability AI' }));
			// SDXL 1.0: Legacy from 2024-11-21, end of life 2025-05-20 (catalog/lifecycle.ts).
			expect(
				modelSummaries.find((model) => model.modelId === 'stability.stable-diffusion-xl-v1')
					?.modelLifecycle,
			).toEqual({
				status: 'LEGACY',
				legacyTime: new Date('2024-11-21T00:00:00Z'),
				endOfLifeTime: new Date('2025-05-20T00:00:00Z'),
			});
		} finally {
			child.kill('SIGINT');
		}
		expect(await exitCode(child)).toBe(0);
	});

	it.each([
		['--port', 'abc'],
		['--now', '1 March 2025'],
	])('rejects a bad flag value: %s %s', async (flag, value) => {
		const child = startCli([flag, value]);
		expect(await exitCode(child)).toBe(2);
	});
});
