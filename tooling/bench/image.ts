/**
 * Scenarios 1 and 2: Bedrock Image inside real n8n-core against the equivalent raw SDK loop,
 * same emulator, same latency, interleaved in one process.
 *
 * Every item asks SD3.5 Large (us-west-2) for a 1024x1024 PNG with the same prompt and seed,
 * so the emulator serves the same realistic 1.7 MB image from its cache and the difference
 * between the two sides is what each does with it: the node runs n8n's per-item machinery,
 * validates its fields, decodes the image and stores it in the binary data store (filesystem
 * mode); the raw loop sends, parses the JSON and decodes the base64.
 */
import type { InvokeModelCommandOutput } from '@aws-sdk/client-bedrock-runtime';

import { runWorkflow } from '../harness/n8n.ts';
import type { BenchEmulator, Measured, Row } from './lib.ts';
import {
	fmt,
	log,
	measure,
	median,
	nodeCredentials,
	pool,
	rawRuntimeClient,
	settle,
} from './lib.ts';

const MODEL = 'stability.sd3-5-large-v1:0';
const REGION = 'us-west-2';
const PROMPT = 'A lighthouse on a cliff at dusk, oil painting';
const SEED = 42;
/** What the node sends for these parameters (checked against the emulator's log by the tests). */
const BODY = JSON.stringify({
	prompt: PROMPT,
	mode: 'text-to-image',
	aspect_ratio: '1:1',
	output_format: 'png',
	seed: SEED,
});

async function runNode(url: string, items: number, concurrency: number): Promise<void> {
	const result = await runWorkflow({
		nodes: [
			{
				name: 'Image',
				type: 'bedrockImage',
				parameters: {
					resource: 'image',
					operation: 'generate',
					modelId: { __rl: true, mode: 'id', value: MODEL },
					// An expression, as in a batch where each item brings its prompt.
					prompt: '={{ $json.prompt }}',
					modelOptions: { seed: SEED },
					options: { concurrency, timeoutSeconds: 120 },
				},
			},
		],
		input: Array.from({ length: items }, () => ({ json: { prompt: PROMPT } })),
		credentials: nodeCredentials(url, REGION),
	});
	const error = result.error('Image') ?? result.error();
	if (error) throw error;
	const output = result.output('Image');
	if (output.length !== items || output.some((item) => !item.binary?.data?.id)) {
		throw new Error(`the node returned ${output.length} items, expected ${items} stored images`);
	}
}

type RawClient = Awaited<ReturnType<typeof rawRuntimeClient>>;

async function runRaw(client: RawClient, items: number, concurrency: number): Promise<number> {
	const { InvokeModelCommand } = await import('@aws-sdk/client-bedrock-runtime');
	let decodedBytes = 0;
	await pool(items, concurrency, async () => {
		const response: InvokeModelCommandOutput = await client.send(
			new InvokeModelCommand({
				modelId: MODEL,
				body: BODY,
				contentType: 'application/json',
				accept: 'application/json',
			}),
		);
		const answer = JSON.parse(Buffer.from(response.body).toString('utf8')) as { images: string[] };
		decodedBytes += Buffer.from(answer.images[0], 'base64').length;
	});
	if (decodedBytes === 0) throw new Error('the raw loop decoded nothing');
	return decodedBytes;
}

export interface ImageSettings {
	quick: boolean;
	repeats: number;
}

/** Warm-up: the SDK loaded, clients and connections made, the lifecycle lookup cached. */
async function warmUp(emulator: BenchEmulator, client: RawClient): Promise<number> {
	await emulator.configure({ latencyMs: 0 });
	await runNode(emulator.url, 2, 1);
	const bytes = await runRaw(client, 2, 1);
	return bytes / 2;
}

export async function perItemOverhead(
	emulator: BenchEmulator,
	settings: ImageSettings,
): Promise<Row[]> {
	const items = settings.quick ? 3 : 50;
	const latencyMs = settings.quick ? 20 : 300;
	const repeats = settings.quick ? 1 : settings.repeats;
	const client = await rawRuntimeClient(emulator.url, REGION);
	const imageBytes = await warmUp(emulator, client);
	await emulator.configure({ latencyMs });

	const node: Measured[] = [];
	const raw: Measured[] = [];
	for (let r = 0; r < repeats; r++) {
		// Alternate which side goes first, so a drift in machine load hits both alike.
		const order = r % 2 === 0 ? ['node', 'raw'] : ['raw', 'node'];
		for (const side of order) {
			await settle();
			if (side === 'node') node.push(await measure(() => runNode(emulator.url, items, 1)));
			else raw.push(await measure(() => runRaw(client, items, 1)));
		}
		log(
			`1: repeat ${r + 1}/${repeats}: node ${fmt.s(node[r].wallMs)} (${fmt.ms(node[r].cpuMs)} CPU), raw ${fmt.s(raw[r].wallMs)} (${fmt.ms(raw[r].cpuMs)} CPU)`,
		);
	}
	client.destroy();
	const ratios = node.map((run, r) => run.wallMs / raw[r].wallMs);
	const ratio = median(ratios);
	const extraCpuPerItem = median(node.map((run, r) => (run.cpuMs - raw[r].cpuMs) / items));
	const nodeCpuPerItem = median(node.map((run) => run.cpuMs / items));
	const rawCpuPerItem = median(raw.map((run) => run.cpuMs / items));
	return [
		{
			scenario: `1. Per-item overhead: ${items} images 1024x1024 PNG (${fmt.mb(imageBytes)} each), ${latencyMs} ms latency, concurrency 1 (wall)`,
			node: fmt.s(median(node.map((run) => run.wallMs))),
			raw: fmt.s(median(raw.map((run) => run.wallMs))),
			ratio: fmt.ratio(ratio),
			target: '≤ 1.03',
			met: ratio <= 1.03,
			notes: [
				`ratios per repeat (node/raw): ${ratios.map(fmt.ratio).join(', ')}`,
				`CPU per item: node ${fmt.ms(nodeCpuPerItem)}, raw SDK ${fmt.ms(rawCpuPerItem)} (the raw loop also parses and base64-decodes)`,
			],
		},
		{
			scenario:
				'1. Node CPU time per item beyond the raw SDK loop (n8n-core, validation, binary store)',
			node: fmt.ms(extraCpuPerItem),
			raw: '–',
			ratio: '–',
			target: 'reported',
		},
	];
}

export async function batchSpeedUp(
	emulator: BenchEmulator,
	settings: ImageSettings,
): Promise<Row[]> {
	const items = settings.quick ? 8 : 64;
	const latencyMs = settings.quick ? 50 : 500;
	const concurrency = settings.quick ? 4 : 8;
	const client = await rawRuntimeClient(emulator.url, REGION);
	await warmUp(emulator, client);
	await emulator.configure({ latencyMs });

	const runs: Record<string, Measured> = {};
	for (const [name, work] of [
		['node c1', () => runNode(emulator.url, items, 1)],
		[`node c${concurrency}`, () => runNode(emulator.url, items, concurrency)],
		['raw c1', () => runRaw(client, items, 1)],
		[`raw c${concurrency}`, () => runRaw(client, items, concurrency)],
	] as const) {
		await settle();
		runs[name] = await measure(work);
		log(`2: ${name}: ${fmt.s(runs[name].wallMs)}`);
	}
	client.destroy();
	const nodeSpeedUp = runs['node c1'].wallMs / runs[`node c${concurrency}`].wallMs;
	const rawSpeedUp = runs['raw c1'].wallMs / runs[`raw c${concurrency}`].wallMs;
	const ideal = Math.min(concurrency, items);
	return [
		{
			scenario: `2. Batch speed-up: ${items} images, ${latencyMs} ms latency, concurrency ${concurrency} vs 1`,
			node: fmt.x(nodeSpeedUp),
			raw: fmt.x(rawSpeedUp),
			ratio: fmt.ratio(nodeSpeedUp / rawSpeedUp),
			target: `≥ ${settings.quick ? ideal - 1 : 7}x`,
			met: nodeSpeedUp >= (settings.quick ? ideal - 1 : 7),
			notes: [
				`node: ${fmt.s(runs['node c1'].wallMs)} at concurrency 1, ${fmt.s(runs[`node c${concurrency}`].wallMs)} at ${concurrency}; raw SDK: ${fmt.s(runs['raw c1'].wallMs)} and ${fmt.s(runs[`raw c${concurrency}`].wallMs)} (ideal ${ideal}x)`,
				'Emulator throttling assumed: none (no fault configured: every request is answered after the fixed latency, whatever the concurrency). Bedrock applies per-model request quotas; above them, more concurrency only turns into retried ThrottlingExceptions (the fault suite covers that).',
			],
		},
	];
}
