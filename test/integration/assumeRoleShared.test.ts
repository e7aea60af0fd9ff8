/**
 * One role session per process for concurrent first uses. An n8n worker starts several
 * executions at once, and each Bedrock Image item builds a runtime client while the lifecycle
 * lookup builds a control-plane client: all of them arrive before the first AssumeRole answers,
 * and must still share one session (found by `npm run scale`, which counts AssumeRole calls
 * per worker in queue mode).
 */
import { runWorkflow } from '../../tooling/harness/n8n.ts';
import { ROLE_ARN, byId, emulatorCredentials, useEmulator } from './helpers.ts';

const emulator = useEmulator({ latencyMs: 100 });

test('parallel executions with one assume-role credential assume the role once', async () => {
	const credentials = emulatorCredentials(emulator.current, {
		authentication: 'assumeRole',
		roleArn: ROLE_ARN,
		// Its own session name: a fingerprint no other test of this process has cached.
		roleSessionName: 'n8n-shared-session',
		region: 'us-west-2',
	});
	const generate = (execution: number) =>
		runWorkflow({
			nodes: [
				{
					name: 'Generate',
					type: 'bedrockImage',
					parameters: {
						resource: 'image',
						operation: 'generate',
						modelId: byId('stability.stable-image-core-v1:1'),
						prompt: '={{ $json.prompt }}',
						aspectRatio: '1:1',
						outputFormat: 'png',
						options: { concurrency: 3 },
					},
				},
			],
			input: [1, 2, 3].map((item) => ({ json: { prompt: `lighthouse ${execution}.${item}` } })),
			credentials,
		});

	const runs = await Promise.all([1, 2, 3].map(generate));

	for (const run of runs) {
		expect(run.error('Generate')).toBeUndefined();
		expect(run.output('Generate')).toHaveLength(3);
	}
	expect(emulator.current.control.counters().assumeRole).toBe(1);
	const invocations = emulator.current.control
		.requests()
		.filter((request) => request.operation === 'InvokeModel');
	expect(invocations).toHaveLength(9);
	for (const invocation of invocations) {
		expect(invocation.identity).toBe(
			'arn:aws:sts::123456789012:assumed-role/EmulatorBedrockRole/n8n-shared-session',
		);
	}
});
