/**
 * Scenario 6: Bedrock Text (Converse, Nova Micro in us-east-1) inside real n8n-core against
 * the raw SDK's ConverseCommand with the same body, same emulator and latency: the node's
 * per-item overhead at concurrency 1, and the batch speed-up at concurrency 8.
 */
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

const MODEL = 'amazon.nova-micro-v1:0';
const REGION = 'us-east-1';

const question = (i: number) => `Question number ${i}: what is the capital of France?`;

async function runNode(url: string, items: number, concurrency: number): Promise<void> {
	const result = await runWorkflow({
		nodes: [
			{
				name: 'Text',
				type: 'bedrockText',
				parameters: {
					operation: 'converse',
					modelId: { __rl: true, mode: 'id', value: MODEL },
					prompt: '={{ $json.question }}',
					options: { concurrency, timeoutSeconds: 120 },
				},
			},
		],
		input: Array.from({ length: items }, (_, i) => ({ json: { question: question(i) } })),
		credentials: nodeCredentials(url, REGION),
	});
	const error = result.error('Text') ?? result.error();
	if (error) throw error;
	const output = result.output('Text');
	if (output.length !== items || output.some((item) => typeof item.json.text !== 'string')) {
		throw new Error(`the node returned ${output.length} answers, expected ${items}`);
	}
}

type RawClient = Awaited<ReturnType<typeof rawRuntimeClient>>;

async function runRaw(client: RawClient, items: number, concurrency: number): Promise<void> {
	const { ConverseCommand } = await import('@aws-sdk/client-bedrock-runtime');
	let answered = 0;
	await pool(items, concurrency, async (i) => {
		const output = await client.send(
			new ConverseCommand({
				modelId: MODEL,
				messages: [{ role: 'user', content: [{ text: question(i) }] }],
			}),
		);
		if (output.output?.message?.content?.[0]?.text) answered++;
	});
	if (answered !== items) throw new Error(`the raw loop got ${answered} answers`);
}

export async function textScenario(
	emulator: BenchEmulator,
	settings: { quick: boolean; repeats: number },
): Promise<Row[]> {
	const items = settings.quick ? 4 : 64;
	const latencyMs = settings.quick ? 20 : 300;
	const concurrency = settings.quick ? 4 : 8;
	const repeats = settings.quick ? 1 : settings.repeats;
	const client = await rawRuntimeClient(emulator.url, REGION);
	await emulator.configure({ latencyMs: 0 });
	await runNode(emulator.url, 2, 1);
	await runRaw(client, 2, 1);
	await emulator.configure({ latencyMs });

	const runs: Record<string, Measured[]> = { node1: [], raw1: [], nodeN: [], rawN: [] };
	for (let r = 0; r < repeats; r++) {
		const order: Array<[keyof typeof runs, () => Promise<void>]> = [
			['node1', () => runNode(emulator.url, items, 1)],
			['raw1', () => runRaw(client, items, 1)],
			['nodeN', () => runNode(emulator.url, items, concurrency)],
			['rawN', () => runRaw(client, items, concurrency)],
		];
		if (r % 2 === 1) order.reverse();
		for (const [name, work] of order) {
			await settle();
			runs[name].push(await measure(work));
		}
		log(
			`6: repeat ${r + 1}/${repeats}: node c1 ${fmt.s(runs.node1[r].wallMs)}, raw c1 ${fmt.s(runs.raw1[r].wallMs)}, node c${concurrency} ${fmt.s(runs.nodeN[r].wallMs)}, raw c${concurrency} ${fmt.s(runs.rawN[r].wallMs)}`,
		);
	}
	client.destroy();
	const wall = (name: keyof typeof runs) => median(runs[name].map((run) => run.wallMs));
	const ratios = runs.node1.map((run, r) => run.wallMs / runs.raw1[r].wallMs);
	const ratio = median(ratios);
	const overheadPerItem = median(
		runs.node1.map((run, r) => (run.wallMs - runs.raw1[r].wallMs) / items),
	);
	const cpuPerItem = median(runs.node1.map((run, r) => (run.cpuMs - runs.raw1[r].cpuMs) / items));
	const nodeSpeedUp = wall('node1') / wall('nodeN');
	const rawSpeedUp = wall('raw1') / wall('rawN');
	const ideal = Math.min(concurrency, items);
	return [
		{
			scenario: `6. Text per-item overhead: ${items} Converse calls (Nova Micro), ${latencyMs} ms latency, concurrency 1 (wall)`,
			node: fmt.s(wall('node1')),
			raw: fmt.s(wall('raw1')),
			ratio: fmt.ratio(ratio),
			target: '≤ 1.03 (as 1.)',
			met: ratio <= 1.03,
			notes: [
				`ratios per repeat: ${ratios.map(fmt.ratio).join(', ')}; node overhead per item ${fmt.ms(overheadPerItem)} wall, ${fmt.ms(cpuPerItem)} CPU beyond the raw loop`,
			],
		},
		{
			scenario: `6. Text batch speed-up: ${items} Converse calls, concurrency ${concurrency} vs 1`,
			node: fmt.x(nodeSpeedUp),
			raw: fmt.x(rawSpeedUp),
			ratio: fmt.ratio(nodeSpeedUp / rawSpeedUp),
			target: `≥ ${settings.quick ? ideal - 1 : 7}x (as 2.)`,
			met: nodeSpeedUp >= (settings.quick ? ideal - 1 : 7),
			notes: [
				`node ${fmt.s(wall('node1'))} → ${fmt.s(wall('nodeN'))}, raw SDK ${fmt.s(wall('raw1'))} → ${fmt.s(wall('rawN'))} (ideal ${ideal}x)`,
			],
		},
	];
}
