/**
 * `npm start` (through tooling/demo.sh, which installed n8n and built the pack): the pinned n8n
 * with this pack installed from its tarball, the example workflows and their credential imported,
 * the scheduled image example and the scheduled video example run once, and the editor left
 * running until Ctrl-C.
 *
 * State lives in .n8n-demo/ (git-ignored; BEDROCK_DEMO_DIR moves it) and is kept between runs:
 * n8n's database, the images (files/bedrock-images/), the videos (files/bedrock-videos/), the
 * encryption key and each run's logs. `--fresh` starts over.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative, resolve } from 'node:path';

import { startEmulator, type RunningEmulator } from '../../emulator/src/index.ts';
import { ffprobe, requireVideoTools } from '../../emulator/src/video/tools.ts';
import {
	EXAMPLES,
	EXAMPLE_CREDENTIAL,
	exampleNode,
	loadExample,
	scheduledImagesWritingTo,
	scheduledVideoWritingTo,
	type Workflow,
} from '../n8n/examples.ts';
import { pngSize } from '../n8n/images.ts';
import { createN8nInstance, type N8nInstance } from '../n8n/n8nInstance.ts';
import { N8N_VERSION, repoRoot } from '../n8n/paths.ts';
import { describeFailure, nodeItems } from '../n8n/runData.ts';
import type { N8nServer, Owner } from '../n8n/server.ts';
import {
	USAGE,
	chooseTarget,
	credentialFor,
	parseArguments,
	planImageJobs,
	planVideoJob,
	type DemoOptions,
	type JobPlan,
	type Target,
	type VideoPlan,
} from './target.ts';

/** The editor account of the local demo (loopback only, shown on the console). */
const DEMO_OWNER: Owner = {
	email: 'demo@example.com',
	password: 'Bedrock-Demo-1',
	firstName: 'Bedrock',
	lastName: 'Demo',
};

const MODEL_CHECK_ID = 'bedrockDemoCheck';
const SCHEDULED = EXAMPLES.scheduledImages;
const SCHEDULED_VIDEO = EXAMPLES.scheduledVideo;
/**
 * How long the emulator's video jobs run (its default is 3 s; Ray2 on AWS takes minutes): short,
 * so that `npm start -- --once` stays quick, long enough that the node polls a running job.
 */
const DEMO_VIDEO_JOB_SECONDS = 2;

const started = Date.now();
const print = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
	const since = Date.now();
	process.stdout.write(`• ${label} … `);
	try {
		const result = await work();
		print(seconds(since));
		return result;
	} catch (error) {
		print('failed');
		throw error;
	}
}

/** Fails early, with the flag to use, when another program holds a port. */
async function assertPortFree(port: number, flag: string): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const probe = createServer();
		probe.once('error', () =>
			reject(new Error(`Port ${port} is in use; choose another with ${flag} <port>`)),
		);
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
	});
}

/** Lists the region's invocable image models with the pack itself, through the credential. */
function modelCheckWorkflow(): Workflow {
	return {
		id: MODEL_CHECK_ID,
		name: 'npm start: image models of the region',
		active: false,
		nodes: [
			{
				id: 'b5d0c4e2-0000-4000-8000-000000000001',
				name: 'Run Now',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'b5d0c4e2-0000-4000-8000-000000000002',
				name: 'Image Models',
				type: 'n8n-nodes-bedrock.bedrockListModels',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					operation: 'listInvocableModels',
					outputModality: 'IMAGE',
					includeLegacy: true,
				},
				credentials: { awsBedrockApi: { ...EXAMPLE_CREDENTIAL } },
			},
		],
		connections: { 'Run Now': { main: [[{ node: 'Image Models', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** The scheduled job limited to the prompts the region can run, each with the model it has. */
function adaptScheduledJob(workflow: Workflow, plans: JobPlan[]): boolean {
	const prompts = exampleNode(workflow, 'Prompts');
	const document = JSON.parse(String(prompts.parameters.jsonOutput)) as {
		prompts: Array<{ model: string }>;
	};
	const runnable = document.prompts.filter(
		(prompt) => plans.find((plan) => plan.model === prompt.model)?.modelId,
	);
	let changed = runnable.length !== document.prompts.length;
	document.prompts = runnable;
	prompts.parameters.jsonOutput = `${JSON.stringify(document, null, 2)}\n`;
	for (const plan of plans) {
		const model = exampleNode(workflow, plan.node).parameters.modelId as { value: string };
		if (plan.modelId && plan.modelId !== model.value) {
			model.value = plan.modelId;
			changed = true;
		}
	}
	return changed;
}

/** .n8n-demo/ with the encryption key its database was made with (a new folder gets a new key). */
function prepareFolder(folder: string, fresh: boolean): string {
	const keyFile = join(folder, 'encryption-key');
	if (fresh || !existsSync(keyFile)) rmSync(folder, { recursive: true, force: true });
	mkdirSync(folder, { recursive: true });
	if (!existsSync(keyFile)) {
		writeFileSync(keyFile, `${randomBytes(24).toString('hex')}\n`, { mode: 0o600 });
	}
	return readFileSync(keyFile, 'utf8').trim();
}

/** Why the emulator cannot render videos here (ffmpeg or ffprobe missing), or undefined. */
function videoToolsProblem(): string | undefined {
	try {
		requireVideoTools();
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

/** "1280x720 h264, 5.0 s, 24 fps": what ffprobe reads from the file, or why it could not. */
async function describeVideo(file: string): Promise<string> {
	try {
		const probe = await ffprobe(file);
		const [frames, per] = probe.frameRate.split('/').map(Number);
		const fps = per ? Math.round((frames / per) * 100) / 100 : probe.frameRate;
		return `${probe.width}x${probe.height} ${probe.codec}, ${probe.duration.toFixed(1)} s, ${fps} fps`;
	} catch {
		return 'not read: ffprobe is missing or the file is no video';
	}
}

/**
 * The scheduled video example, once: the MP4 files it wrote, read back from disk. A video job the
 * demo skips (no ffmpeg for the emulator, no bucket on AWS) is reported and does not fail it.
 */
async function runVideoJob(n8n: N8nInstance, plan: VideoPlan): Promise<boolean> {
	if (!plan.run) {
		print(`\nVideo example skipped: ${plan.reason}`);
		return true;
	}
	const run = await step('run "Bedrock: scheduled video job" once (Luma Ray2)', () =>
		n8n.executeWorkflow(SCHEDULED_VIDEO.id, { allowFailure: true, timeoutMs: 20 * 60_000 }),
	);
	if (run.status !== 'success') {
		print(`\nThe scheduled video job failed:\n${describeFailure(run)}`);
		return false;
	}
	print('\nVideos written:');
	const videos = nodeItems(run, 'Generate Video (Luma Ray2)');
	for (const [index, item] of nodeItems(run, 'Write Videos to Disk').entries()) {
		const file = String(item.json.fileName);
		const size = `${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB`;
		const cost = videos[index]?.json.estimatedCostUsd;
		print(
			`  ${relative(process.cwd(), file)}  (${await describeVideo(file)}, ${size}, ${String(item.json.modelId)}${typeof cost === 'number' ? `, $${cost.toFixed(2)} on AWS` : ''})`,
		);
	}
	return true;
}

async function main(options: DemoOptions): Promise<void> {
	const target: Target = chooseTarget(process.env, options.forceEmulator);
	const folder = process.env.BEDROCK_DEMO_DIR
		? resolve(process.env.BEDROCK_DEMO_DIR)
		: join(repoRoot(), '.n8n-demo');
	// What shutdown() stops; filled in as things start.
	const running: { emulator?: RunningEmulator; server?: N8nServer } = {};
	let stopping = false;

	const shutdown = async (code: number) => {
		if (stopping) return;
		stopping = true;
		print('\nStopping n8n and the emulator …');
		await running.server?.stop();
		await running.emulator?.stop();
		// Whatever else is still running (an n8n CLI command) is killed on exit (processes.ts).
		process.exit(code);
	};
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));

	print(`n8n-nodes-bedrock demo: n8n ${N8N_VERSION} with this pack, Bedrock = ${target.describe}`);
	if (!options.once) await assertPortFree(options.port, '--port');
	if (target.kind === 'emulator') {
		await assertPortFree(options.emulatorPort, '--emulator-port');
		running.emulator = await step(`start the emulator on port ${options.emulatorPort}`, () =>
			startEmulator({ port: options.emulatorPort, videoJobSeconds: DEMO_VIDEO_JOB_SECONDS }),
		);
	}

	const encryptionKey = prepareFolder(folder, options.fresh);
	const n8n: N8nInstance = await createN8nInstance({
		name: 'demo',
		folder,
		encryptionKey,
		logsDir: join(folder, 'logs', new Date().toISOString().replace(/[:.]/g, '-')),
		env: target.kind === 'aws' ? target.n8nEnv : {},
	});
	const imageFolder = join(n8n.filesDir, 'bedrock-images');
	mkdirSync(imageFolder, { recursive: true });
	const videoFolder = join(n8n.filesDir, 'bedrock-videos');
	mkdirSync(videoFolder, { recursive: true });
	const videoPlan = planVideoJob(target, process.env, videoToolsProblem());

	await step('pack this pack and install it into n8n (as Settings › Community nodes does)', () =>
		n8n.installPackageFromSource(repoRoot()),
	);
	await step('import the credential "AWS Bedrock"', () =>
		n8n.importCredentials(credentialFor(target, running.emulator?.url)),
	);
	const scheduled = scheduledImagesWritingTo(imageFolder);
	await step('import the six example workflows', () =>
		n8n.importWorkflows([
			scheduled,
			loadExample('editChain'),
			loadExample('modelDiscovery'),
			loadExample('textPipeline'),
			loadExample('scheduledBudget'),
			scheduledVideoWritingTo(videoFolder, videoPlan.s3Uri),
			modelCheckWorkflow(),
		]),
	);

	const check = await step(
		`ask Bedrock List Models which image models ${target.region} offers`,
		() => n8n.executeWorkflow(MODEL_CHECK_ID, { allowFailure: true }),
	);
	let plans: JobPlan[] = [];
	if (check.status !== 'success') {
		print(`  Listing the models failed:\n${describeFailure(check)}`);
	} else {
		plans = planImageJobs(
			nodeItems(check, 'Image Models').map((item) => item.json),
			target.region,
		);
		for (const plan of plans) {
			print(`  ${plan.label}: ${plan.modelId ?? `skipped, ${plan.reason}`}`);
		}
		if (adaptScheduledJob(scheduled, plans)) {
			await step('re-import the scheduled job with the models of this region', () =>
				n8n.importWorkflow(scheduled),
			);
		}
	}

	let ranOk = false;
	if (plans.some((plan) => plan.modelId)) {
		const run = await step('run "Bedrock: scheduled image job" once', () =>
			n8n.executeWorkflow(SCHEDULED.id, { allowFailure: true, timeoutMs: 10 * 60_000 }),
		);
		if (run.status === 'success') {
			ranOk = true;
			print('\nImages written:');
			const written = (run.runData['Write Images to Disk'] ?? []).flatMap((_, runIndex) =>
				nodeItems(run, 'Write Images to Disk', { runIndex }),
			);
			for (const item of written) {
				const file = String(item.json.fileName);
				// What is on disk, read back, not what the node reported.
				const bytes = readFileSync(file);
				let shape = 'not a PNG';
				try {
					const { width, height } = pngSize(bytes);
					shape = `${width}x${height} PNG`;
				} catch {
					// Another format (e.g. Output Format JPEG): the line says so.
				}
				const size = `${(bytes.length / 1024).toFixed(0)} KiB`;
				print(
					`  ${relative(process.cwd(), file)}  (${shape}, ${size}, ${String(item.json.modelId)})`,
				);
			}
		} else {
			print(`\nThe scheduled image job failed:\n${describeFailure(run)}`);
		}
	} else {
		print('\nNo image model of the example is available here; try AWS_REGION=us-west-2.');
	}

	const videoOk = await runVideoJob(n8n, videoPlan);

	if (options.once) {
		print(`\nDone in ${seconds(started)}.`);
		await shutdown(ranOk && videoOk ? 0 : 1);
		return;
	}

	running.server = await step(`start the n8n editor on port ${options.port}`, () =>
		n8n.startServer({ port: options.port, owner: DEMO_OWNER }),
	);
	const base = `http://localhost:${options.port}`;
	print(`\nReady in ${seconds(started)}.`);
	print(`  Editor:   ${base}   (sign in as ${DEMO_OWNER.email} / ${DEMO_OWNER.password})`);
	for (const [name, example] of Object.entries(EXAMPLES)) {
		print(`  ${name.padEnd(16)} ${base}/workflow/${example.id}`);
	}
	print(`  Images:   ${relative(process.cwd(), imageFolder)}/`);
	print(`  Videos:   ${relative(process.cwd(), videoFolder)}/`);
	print(`  Logs:     ${relative(process.cwd(), n8n.logsDir)}/`);
	print('Ctrl-C stops n8n and the emulator.');
}

let parsed: DemoOptions | 'help';
try {
	parsed = parseArguments(process.argv.slice(2));
} catch (error) {
	process.stderr.write(`${(error as Error).message}\n`);
	process.exit(2);
}
if (parsed === 'help') {
	print(USAGE);
} else {
	main(parsed).catch((error: Error) => {
		process.stderr.write(`\nnpm start failed: ${error.message}\n`);
		process.exit(1);
	});
}
