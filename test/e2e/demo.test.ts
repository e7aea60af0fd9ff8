/**
 * The README's main command, run as a user runs it: `npm start -- --once` makes the scheduled
 * example's images with the emulator; without --once it leaves the editor running with the
 * examples until Ctrl-C, and with AWS credentials in the environment it uses them instead of the
 * emulator (here the emulator stands in for AWS through the SDK's endpoint variables, since no
 * machine here reaches AWS). The decisions that need no n8n are checked directly first.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

import { startEmulator, type RunningEmulator } from '../../emulator/src/index.ts';
import {
	chooseTarget,
	parseArguments,
	planImageJobs,
	type InvocableModel,
} from '../../tooling/demo/target.ts';
import { describeE2e } from './gate.ts';
import { launchBrowser } from './browser.ts';
import { canvasNodeNames, nodesWithIssues, screenshot, signIn } from './editor.ts';
import {
	EMULATOR_ACCESS_KEY_ID,
	EMULATOR_SECRET_ACCESS_KEY,
	EXAMPLES,
	loadExample,
} from '../../tooling/n8n/examples.ts';
import { pngSize } from '../../tooling/n8n/images.ts';
import { artifactsDir, repoRoot, runsRoot } from '../../tooling/n8n/paths.ts';
import { freePort } from '../../tooling/n8n/ports.ts';
import { runToCompletion, spawnInBackground } from '../../tooling/n8n/processes.ts';
import { recordTiming } from './timings.ts';

const MINUTE = 60_000;
const DEMO_OWNER = { email: 'demo@example.com', password: 'Bedrock-Demo-1' };

describe('npm start: decisions without n8n', () => {
	test('options: --once, ports, --emulator, --fresh; unknown options and bad ports are refused', () => {
		expect(parseArguments([])).toEqual({
			once: false,
			port: 5678,
			emulatorPort: 8777,
			forceEmulator: false,
			fresh: false,
		});
		expect(
			parseArguments(['--once', '--port', '5800', '--emulator-port', '9000', '--emulator']),
		).toMatchObject({ once: true, port: 5800, emulatorPort: 9000, forceEmulator: true });
		expect(parseArguments(['--help'])).toBe('help');
		expect(() => parseArguments(['--port', 'x'])).toThrow(/--port needs a port number/);
		expect(() => parseArguments(['--onse'])).toThrow(/Unknown option --onse/);
	});

	test('the emulator unless AWS credentials are in the environment; AWS without endpoint overrides', () => {
		expect(chooseTarget({}, false)).toMatchObject({ kind: 'emulator', region: 'us-west-2' });
		const keys = {
			AWS_ACCESS_KEY_ID: EMULATOR_ACCESS_KEY_ID,
			AWS_SECRET_ACCESS_KEY: EMULATOR_SECRET_ACCESS_KEY,
			AWS_SESSION_TOKEN: 'session-token',
			AWS_REGION: 'eu-west-1',
		};
		const aws = chooseTarget(keys, false);
		expect(aws).toMatchObject({
			kind: 'aws',
			region: 'eu-west-1',
			credential: {
				type: 'awsBedrockApi',
				data: {
					authentication: 'accessKeys',
					accessKeyId: EMULATOR_ACCESS_KEY_ID,
					secretAccessKey: EMULATOR_SECRET_ACCESS_KEY,
					sessionToken: 'session-token',
					region: 'eu-west-1',
				},
			},
		});
		if (aws.kind !== 'aws') throw new Error('expected AWS');
		expect(aws.credential.data).not.toHaveProperty('customEndpoints');
		// What is printed names the key by its first characters only.
		expect(aws.describe).not.toContain(EMULATOR_ACCESS_KEY_ID);
		expect(aws.describe).not.toContain(EMULATOR_SECRET_ACCESS_KEY);
		expect(chooseTarget(keys, true).kind).toBe('emulator');

		expect(
			chooseTarget({ AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-emulator' }, false),
		).toMatchObject({
			kind: 'aws',
			region: 'us-west-2',
			credential: { data: { authentication: 'apiKey', apiKey: 'bedrock-api-key-emulator' } },
		});
		expect(
			chooseTarget({ AWS_PROFILE: 'dev', AWS_DEFAULT_REGION: 'us-east-1' }, false),
		).toMatchObject({
			kind: 'aws',
			region: 'us-east-1',
			credential: { data: { authentication: 'hostChain' } },
			n8nEnv: { N8N_BEDROCK_ALLOW_HOST_CREDENTIALS: 'true' },
		});
		expect(
			chooseTarget({ ...keys, AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'https://vpce.example' }, false),
		).toMatchObject({
			credential: { data: { customEndpoints: true, runtimeEndpoint: 'https://vpce.example' } },
		});
	});

	test('each prompt gets the first model the region can invoke that is not past its end of life', () => {
		const now = new Date('2026-12-06T00:00:00Z');
		const listed: InvocableModel[] = [
			{ invokeWith: 'stability.sd3-5-large-v1:0', endOfLifeTime: '2026-12-01T00:00:00Z' },
			{ invokeWith: 'stability.stable-image-ultra-v1:0', lifecycleStatus: 'LEGACY' },
			{ invokeWith: 'us.stability.stable-image-ultra-v1:1', lifecycleStatus: 'ACTIVE' },
		];
		const plans = planImageJobs(listed, 'us-east-1', now);
		expect(plans.map((plan) => [plan.model, plan.modelId])).toEqual([
			['sd35', undefined],
			['ultra', 'us.stability.stable-image-ultra-v1:1'],
		]);
		expect(plans[0].reason).toMatch(/us-east-1 offers none of stability.sd3-5-large-v1:0/);
		// Only Active models are candidates: a retired Ultra v1:0 is never picked.
		expect(planImageJobs(listed.slice(0, 2), 'us-east-1', now)[1].modelId).toBeUndefined();
	});
});

/** The environment of a user's shell: no AWS credentials, none of jest's or npm's variables. */
function userEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (key.startsWith('AWS_') || key.startsWith('npm_') || key === 'NODE_ENV') continue;
		if (key === 'JEST_WORKER_ID' || key === 'BEDROCK_DEMO_DIR') continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}

/** The promise's value, or undefined when it takes longer than `ms` (the timer never lingers). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<undefined>((done) => {
		timer = setTimeout(() => done(undefined), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

async function portAnswers(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

describeE2e('npm start: the README main command', () => {
	const demoDir = join(runsRoot(), `demo-${randomBytes(3).toString('hex')}`);
	const logs = join(artifactsDir(), 'logs', 'demo');

	afterAll(() => {
		if (process.env.E2E_KEEP_RUN !== '1') rmSync(demoDir, { recursive: true, force: true });
	});

	test(
		'npm start -- --once: emulator, pack, examples, the scheduled job run once, images printed',
		async () => {
			const emulatorPort = await freePort();
			const result = await runToCompletion(
				'npm',
				['start', '--', '--once', '--emulator-port', String(emulatorPort)],
				{
					cwd: repoRoot(),
					env: userEnvironment({ BEDROCK_DEMO_DIR: demoDir }),
					logFile: join(logs, 'npm-start-once.log'),
					timeoutMs: 15 * MINUTE,
				},
			);
			recordTiming('npm start -- --once (n8n installed, pack built)', result.seconds);
			expect(result.stdout).toContain('Bedrock = the offline Bedrock emulator (us-west-2)');
			expect(result.exitCode).toBe(0);

			const folder = join(demoDir, 'files', 'bedrock-images');
			const files = readdirSync(folder).sort();
			expect(files).toEqual([
				expect.stringMatching(/-sd3-5-large-v1-0-5\.png$/),
				expect.stringMatching(/-stable-image-ultra-v1-1-\d+\.png$/),
			]);
			for (const file of files) {
				expect(pngSize(readFileSync(join(folder, file)))).toEqual({ width: 1024, height: 1024 });
				// The console says where each image is.
				expect(result.stdout).toContain(`${file}  (1024x1024 PNG`);
			}
			// Everything it started has stopped: the emulator's port is free again.
			expect(await portAnswers(emulatorPort)).toBe(false);
		},
		16 * MINUTE,
	);

	test(
		'with AWS credentials in the environment it uses them; the editor shows the examples until Ctrl-C',
		async () => {
			// The emulator plays AWS in us-east-1, which offers neither SD3.5 Large nor Stable Image
			// Ultra v1:1: the demo says so, skips the run and still serves the editor.
			const standIn: RunningEmulator = await startEmulator({ port: 0 });
			const port = await freePort();
			// The log is appended to, and it is where readiness is read from: start it empty.
			const logFile = join(logs, 'npm-start-aws.log');
			rmSync(logFile, { force: true });
			const demo = spawnInBackground('bash', ['tooling/demo.sh', '--port', String(port)], {
				cwd: repoRoot(),
				env: userEnvironment({
					BEDROCK_DEMO_DIR: demoDir,
					AWS_ACCESS_KEY_ID: EMULATOR_ACCESS_KEY_ID,
					AWS_SECRET_ACCESS_KEY: EMULATOR_SECRET_ACCESS_KEY,
					AWS_REGION: 'us-east-1',
					AWS_ENDPOINT_URL_BEDROCK_RUNTIME: standIn.url,
					AWS_ENDPOINT_URL_BEDROCK: standIn.url,
				}),
				logFile,
			});
			const browser = await launchBrowser();
			try {
				const started = Date.now();
				let output = '';
				while (!output.includes('Ctrl-C stops')) {
					if (Date.now() - started > 10 * MINUTE) throw new Error(`demo not ready:\n${output}`);
					const exited = await within(demo.exited, 500);
					output = readFileSync(demo.logFile, 'utf8');
					if (exited !== undefined) throw new Error(`demo exited (${String(exited)}):\n${output}`);
				}
				recordTiming(
					'npm start until the editor is ready (second run, AWS mode)',
					(Date.now() - started) / 1000,
				);
				expect(output).toContain(
					'Bedrock = AWS in us-east-1 with access key AKIA… (custom endpoints)',
				);
				expect(output).toMatch(/the rose \(SD3\.5 Large\): skipped, us-east-1 offers none/);
				expect(output).toMatch(/No image model of the example is available here/);
				expect(output).toContain(`Editor:   http://localhost:${port}`);
				// The models were asked for with the environment's key, in its region.
				const listing = standIn.control
					.requests()
					.find((entry) => entry.operation === 'ListFoundationModels');
				expect(listing).toMatchObject({ region: 'us-east-1', identity: EMULATOR_ACCESS_KEY_ID });
				expect(
					standIn.control.requests().filter((entry) => entry.operation === 'InvokeModel'),
				).toEqual([]);

				// The editor is served with the five examples, every node known and configured.
				const { page } = browser;
				await signIn(page, `http://127.0.0.1:${port}`, {
					...DEMO_OWNER,
					firstName: '',
					lastName: '',
				});
				for (const [name, example] of Object.entries(EXAMPLES)) {
					await page.goto(`http://127.0.0.1:${port}/workflow/${example.id}`);
					await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
					// Sticky notes are drawn, but not as canvas nodes.
					const expected = loadExample(name as keyof typeof EXAMPLES)
						.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote')
						.map((node) => node.name)
						.sort();
					const shown = (await canvasNodeNames(page)).sort();
					expect(shown).toEqual(expected);
					expect(await nodesWithIssues(page)).toEqual([]);
					await screenshot(page, `example-${example.file.replace(/^examples\/|\.json$/g, '')}`);
				}
			} finally {
				await browser.close();
				// Ctrl-C: the terminal signals the whole foreground process group.
				if (demo.pid) process.kill(-demo.pid, 'SIGINT');
				const code = (await within(demo.exited, 60_000)) ?? 'still running';
				await demo.stop();
				await standIn.stop();
				expect(code).toBe(0);
			}
			expect(readFileSync(demo.logFile, 'utf8')).toContain('Stopping n8n and the emulator');
			expect(await portAnswers(port)).toBe(false);
			expect(existsSync(join(demoDir, 'home', '.n8n', 'database.sqlite'))).toBe(true);
		},
		16 * MINUTE,
	);
});
