/**
 * Bedrock Image as an AI-agent tool, through real n8n-core against the emulator: the tool
 * variant n8n makes of the node, called the two ways n8n's agents call tools (engine request,
 * LangChain tool from the supply-data context), with its prompt from `$fromAI`. The agent must
 * get a short JSON it can read (summary, model, size, seed, file name, MIME type, cost), not
 * base64 or binary metadata; the image stays on the tool's item as binary data.
 */
import type { IDataObject } from 'n8n-workflow';

import { registerAgentNodes, type AgentObservation } from '../../tooling/harness/agent.ts';
import { runWorkflow } from '../../tooling/harness/n8n.ts';
import { emulatorCredentials, useEmulator } from './helpers.ts';
import { byId } from './imageHelpers.ts';
import { FAST_JOBS, RAY2, ray2, requireVideoTools, WEST_BUCKET } from './videoHelpers.ts';

const emulator = useEmulator();

beforeAll(async () => {
	await registerAgentNodes('bedrockImage');
	await registerAgentNodes('bedrockVideo');
});

async function askAgent(
	mode: 'engine' | 'supplyData',
	parameters: IDataObject,
	prompt: string,
	tool: { name: string; type: string } = { name: 'Bedrock Image', type: 'bedrockImageTool' },
) {
	const result = await runWorkflow({
		nodes: [
			{
				name: 'Agent',
				type: 'test.agent',
				parameters: {
					mode,
					toolNode: tool.name,
					toolArguments: JSON.stringify({ prompt }),
				},
			},
			{ name: tool.name, type: tool.type, parameters },
		],
		connections: {},
		tools: { [tool.name]: 'Agent' },
		credentials: emulatorCredentials(emulator.current, { region: 'us-west-2' }),
	});
	return result;
}

const STABLE_IMAGE_CORE = {
	resource: 'image',
	operation: 'generate',
	modelId: byId('stability.stable-image-core-v1:1'),
	prompt: "={{ $fromAI('prompt', 'What the image shows') }}",
	aspectRatio: '16:9',
	modelOptions: { seed: 42 },
};

describe.each(['engine', 'supplyData'] as const)('called by an agent (%s)', (mode) => {
	test('the agent gets a compact answer it can read; the image stays binary on the tool item', async () => {
		const result = await askAgent(mode, STABLE_IMAGE_CORE, 'A lighthouse at dusk');
		expect(result.error()).toBeUndefined();
		const [agentItem] = result.output('Agent');
		const { observation, answer } = agentItem.json as unknown as AgentObservation;
		const [image] = answer as IDataObject[];
		expect(answer).toHaveLength(1);
		expect(Object.keys(image)).toEqual([
			'summary',
			'model',
			'fileName',
			'mimeType',
			'width',
			'height',
			'seed',
			'estimatedCostUsd',
		]);
		expect(image).toMatchObject({
			model: 'stability.stable-image-core-v1:1',
			fileName: 'stable-image-core-v1-1-42.png',
			mimeType: 'image/png',
			width: 1344,
			height: 768,
			seed: 42,
		});
		expect(image.estimatedCostUsd).toBeGreaterThan(0);
		expect(image.summary).toBe(
			`Made a 1344x768 PNG image with stability.stable-image-core-v1:1 (seed 42). The file stable-image-core-v1-1-42.png is attached to the workflow item as binary data (no link). Estimated cost: $${String(image.estimatedCostUsd)}.`,
		);
		// Nothing the model cannot use: no base64, no binary metadata, short.
		expect(observation).not.toMatch(/iVBOR|"binary"|"data":|requestId|attempts/);
		expect(observation.length).toBeLessThan(600);
		// The prompt came from the agent's arguments, and the call was made with it.
		const [call] = emulator.current.control
			.requests()
			.filter((request) => request.operation === 'InvokeModel');
		expect((call.body as IDataObject).prompt).toBe('A lighthouse at dusk');
	});

	test('a failed call reaches the agent as an error it can read', async () => {
		const result = await askAgent(mode, STABLE_IMAGE_CORE, 'A lighthouse BEDROCK_FILTER');
		const [agentItem] = result.output('Agent');
		const text = JSON.stringify(agentItem?.json ?? result.error()?.message);
		expect(text).toMatch(/content filter/i);
		expect(text).not.toMatch(/iVBOR/);
	});
});

test('the tool run keeps the binary image on its item for the execution view', async () => {
	const result = await askAgent('engine', STABLE_IMAGE_CORE, 'A red kite');
	const toolRun = result.run.data.resultData.runData['Bedrock Image']?.at(-1);
	const [item] = (toolRun?.data?.ai_tool?.[0] ?? []) as Array<{
		binary?: Record<string, { mimeType: string; fileName?: string }>;
	}>;
	expect(item.binary?.data).toMatchObject({
		mimeType: 'image/png',
		fileName: 'stable-image-core-v1-1-42.png',
	});
});

test('Nova 2 Omni as a tool: the model text and the size the prompt asked for', async () => {
	const result = await askAgent(
		'engine',
		{
			resource: 'image',
			operation: 'generate',
			modelId: byId('us.amazon.nova-2-omni-v1:0'),
			prompt: "={{ $fromAI('prompt') }}",
			sizeHint: '2:1',
		},
		'A long harbour panorama',
	);
	const { answer } = result.output('Agent')[0].json as unknown as AgentObservation;
	const [image] = answer as IDataObject[];
	expect(image).toMatchObject({
		model: 'us.amazon.nova-2-omni-v1:0',
		fileName: 'nova-2-omni-v1-0-1.png',
		mimeType: 'image/png',
		width: 1536,
		height: 768,
	});
	expect(image.seed).toBeUndefined();
	expect(image.summary).toMatch(/^Made a 1536x768 PNG image with us\.amazon\.nova-2-omni-v1:0\. /);
});

test('Bedrock Video as a tool: the video, its length and its S3 URI in one sentence', async () => {
	requireVideoTools();
	emulator.current.control.configure(FAST_JOBS);
	const result = await askAgent(
		'engine',
		ray2({ prompt: "={{ $fromAI('prompt') }}" }),
		'A red fox in the snow',
		{ name: 'Bedrock Video', type: 'bedrockVideoTool' },
	);
	expect(result.error()).toBeUndefined();
	const { answer } = result.output('Agent')[0].json as unknown as AgentObservation;
	const [video] = answer as IDataObject[];
	expect(video).toMatchObject({
		model: RAY2,
		mimeType: 'video/mp4',
		status: 'Completed',
		s3Uri: expect.stringMatching(new RegExp(`^s3://${WEST_BUCKET}/videos/\\w+/output\\.mp4$`)),
	});
	expect(video.summary).toBe(
		`Made a ${String(video.resolution)} MP4 video (${String(video.videoSeconds)} s) with ${RAY2}. Stored at ${String(video.s3Uri)}. Estimated cost: $${String(video.estimatedCostUsd)}.`,
	);
	expect(JSON.stringify(answer)).not.toMatch(/clientRequestToken|polls|AAAA/);
});
