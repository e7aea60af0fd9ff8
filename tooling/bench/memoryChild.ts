/**
 * One measurement of scenario 3, in a fresh process so that nothing of another run (heap,
 * module cache, binary files) is counted: the Bedrock Image node turns `count` items into
 * 1024x1024 PNGs (about 1.7 MB each) in n8n's filesystem binary-data mode, and the process's
 * peak RSS above its settled state before the run is reported.
 *
 *   node --expose-gc tooling/bench/memoryChild.ts <emulator url> <count> <concurrency> [node|raw]
 *     → prints {"count", "baselineRss", "peakRss", "growth", "samples", "wallMs"}
 *
 * `raw` runs the raw SDK loop instead, in the same kind of process, for comparison: send, parse,
 * decode, and write each image to a file, as the node's filesystem mode does.
 *
 * The peak: `peakRssGrowth` in lib.ts.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { getEngine, runWorkflow } from '../harness/n8n.ts';
import { nodeCredentials, peakRssGrowth, pool, rawRuntimeClient } from './lib.ts';

const PARAMETERS = {
	resource: 'image',
	operation: 'generate',
	modelId: { __rl: true, mode: 'id', value: 'stability.sd3-5-large-v1:0' },
	prompt: '={{ $json.prompt }}',
	modelOptions: { seed: 42 },
};

async function run(url: string, count: number, concurrency: number): Promise<void> {
	const result = await runWorkflow({
		nodes: [
			{
				name: 'Image',
				type: 'bedrockImage',
				parameters: { ...PARAMETERS, options: { concurrency } },
			},
		],
		input: Array.from({ length: count }, () => ({ json: { prompt: 'A lighthouse at dusk' } })),
		credentials: nodeCredentials(url, 'us-west-2'),
	});
	const error = result.error('Image') ?? result.error();
	if (error) throw error;
	if (result.output('Image').length !== count) throw new Error('missing output items');
}

const RAW_BODY = JSON.stringify({
	prompt: 'A lighthouse at dusk',
	mode: 'text-to-image',
	aspect_ratio: '1:1',
	output_format: 'png',
	seed: 42,
});

async function runRaw(url: string, count: number, concurrency: number): Promise<void> {
	const directory = await mkdtemp(path.join(tmpdir(), 'bench-raw-images-'));
	process.on('exit', () => rmSync(directory, { recursive: true, force: true }));
	let written = 0;
	const client = await rawRuntimeClient(url, 'us-west-2');
	const { InvokeModelCommand } = await import('@aws-sdk/client-bedrock-runtime');
	await pool(count, concurrency, async () => {
		const response = await client.send(
			new InvokeModelCommand({
				modelId: 'stability.sd3-5-large-v1:0',
				body: RAW_BODY,
				contentType: 'application/json',
				accept: 'application/json',
			}),
		);
		const answer = JSON.parse(Buffer.from(response.body).toString('utf8')) as { images: string[] };
		await writeFile(
			path.join(directory, `${written++}.png`),
			Buffer.from(answer.images[0], 'base64'),
		);
	});
}

async function main(): Promise<void> {
	const [url, countText, concurrencyText, side = 'node'] = process.argv.slice(2);
	const count = Number(countText);
	const concurrency = Number(concurrencyText);
	const work = side === 'raw' ? runRaw : run;
	process.env.N8N_LOG_LEVEL ??= 'info';
	await getEngine();
	// Warm-up: SDK loaded, client and connection made, lifecycle cached, the image encoded.
	const measured = await peakRssGrowth(
		() => work(url, 2, 1),
		() => work(url, count, concurrency),
	);
	process.stdout.write(`${JSON.stringify({ count, ...measured })}\n`);
	process.exit(0);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
