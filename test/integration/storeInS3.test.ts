/**
 * "Store in S3" of Bedrock Image and Bedrock Video, through real n8n-core against the emulator's
 * S3: each result written under its file name with its MIME type, the item's `s3Uri` and
 * presigned `url` (fetched with plain fetch, as a browser or an agent's user would), the link's
 * expiry, a bucket in another region, a denied PutObject, and the AI-agent tool answer.
 */
import type { IDataObject } from 'n8n-workflow';

import { registerAgentNodes, type AgentObservation } from '../../tooling/harness/agent.ts';
import { runWorkflow } from '../../tooling/harness/n8n.ts';
import { emulatorCredentials, useEmulator } from './helpers.ts';
import { byId, nodeError, NODE_NAME as IMAGE, runImageNode } from './imageHelpers.ts';
import {
	EU_BUCKET,
	FAST_JOBS,
	NODE_NAME as VIDEO,
	ray2,
	requireVideoTools,
	runVideoNode,
	WEST_BUCKET,
} from './videoHelpers.ts';

const emulator = useEmulator();

const CORE = {
	resource: 'image',
	operation: 'generate',
	modelId: byId('stability.stable-image-core-v1:1'),
	prompt: 'A lighthouse at dusk',
	modelOptions: { seed: 42 },
};

function withStore(options: IDataObject): IDataObject {
	return { ...CORE, options };
}

describe('Bedrock Image: Store in S3', () => {
	test('each image goes to s3://bucket/prefix/<file name>; the link serves the same bytes and type', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: {
				...withStore({ storeS3Uri: `s3://${WEST_BUCKET}/results/`, linkExpirySeconds: 600 }),
				numberOfImages: 2,
			},
		});
		expect(result.error()).toBeUndefined();
		const items = result.output(IMAGE);
		expect(items).toHaveLength(2);
		for (const item of items) {
			const { json } = item;
			expect(json.s3Uri).toBe(`s3://${WEST_BUCKET}/results/${String(json.fileName)}`);
			expect(json.s3Region).toBe('us-west-2');
			const bytes = await result.binary(item);
			const [object] = emulator.current.control.s3
				.objects(WEST_BUCKET)
				.filter((candidate) => candidate.key === `results/${String(json.fileName)}`);
			expect(object).toMatchObject({ size: bytes.length, contentType: json.mimeType });
			const answer = await fetch(json.url as string);
			expect(answer.status).toBe(200);
			expect(answer.headers.get('content-type')).toBe(json.mimeType);
			expect(Buffer.from(await answer.arrayBuffer()).equals(bytes)).toBe(true);
			const expires = Date.parse(json.urlExpiresAt as string) - Date.now();
			expect(expires).toBeGreaterThan(590_000);
			expect(expires).toBeLessThanOrEqual(600_000);
		}
	});

	test('Keep Binary off: the item has the link and no binary', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: withStore({ storeS3Uri: `s3://${WEST_BUCKET}`, keepBinary: false }),
		});
		expect(result.error()).toBeUndefined();
		const [item] = result.output(IMAGE);
		expect(item.binary).toBeUndefined();
		expect(item.json.s3Uri).toBe(`s3://${WEST_BUCKET}/stable-image-core-v1-1-42.png`);
		expect((await fetch(item.json.url as string)).status).toBe(200);
	});

	test('an expired link answers 403', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: withStore({ storeS3Uri: `s3://${WEST_BUCKET}/short`, linkExpirySeconds: 1 }),
		});
		const [item] = result.output(IMAGE);
		expect((await fetch(item.json.url as string)).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 2100));
		const late = await fetch(item.json.url as string);
		expect(late.status).toBe(403);
		expect(await late.text()).toContain('Request has expired');
	});

	test('a bucket in another region: written and signed for the bucket’s region', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: withStore({ storeS3Uri: `s3://${EU_BUCKET}/from-oregon` }),
		});
		expect(result.error()).toBeUndefined();
		const [item] = result.output(IMAGE);
		expect(item.json).toMatchObject({ s3Region: 'eu-west-1', region: 'us-west-2' });
		expect(item.json.url).toContain('%2Feu-west-1%2Fs3%2Faws4_request');
		const answer = await fetch(item.json.url as string);
		expect(Buffer.from(await answer.arrayBuffer()).equals(await result.binary(item))).toBe(true);
	});

	test('PutObject denied: the headline names the object, the hint s3:PutObject', async () => {
		emulator.current.control.configure({ deniedActions: ['s3:PutObject'] });
		const result = await runImageNode(emulator.current, {
			parameters: withStore({ storeS3Uri: `s3://${WEST_BUCKET}/denied` }),
		});
		const error = nodeError(result);
		expect(error?.message).toBe(
			`AWS denied PutObject on s3://${WEST_BUCKET}/denied/stable-image-core-v1-1-42.png`,
		);
		expect(error?.description).toContain(
			`s3:PutObject on arn:aws:s3:::${WEST_BUCKET}/denied/stable-image-core-v1-1-42.png`,
		);
	});

	test('a malformed S3 URI fails before any call, naming the field and the rule', async () => {
		const result = await runImageNode(emulator.current, {
			parameters: withStore({ storeS3Uri: 'https://example.com/bucket' }),
		});
		expect(nodeError(result)?.message).toMatch(
			/^Store in S3 must be s3:\/\/bucket or s3:\/\/bucket\/prefix/,
		);
		expect(
			emulator.current.control.requests().filter((r) => r.operation === 'InvokeModel'),
		).toHaveLength(0);
	});

	test('as an AI-agent tool the answer carries the link', async () => {
		await registerAgentNodes('bedrockImage');
		const result = await runWorkflow({
			nodes: [
				{
					name: 'Agent',
					type: 'test.agent',
					parameters: {
						mode: 'engine',
						toolNode: 'Bedrock Image',
						toolArguments: JSON.stringify({ prompt: 'A red kite' }),
					},
				},
				{
					name: 'Bedrock Image',
					type: 'bedrockImageTool',
					parameters: {
						...CORE,
						prompt: "={{ $fromAI('prompt') }}",
						options: { storeS3Uri: `s3://${WEST_BUCKET}/agent` },
					},
				},
			],
			connections: {},
			tools: { 'Bedrock Image': 'Agent' },
			credentials: emulatorCredentials(emulator.current, { region: 'us-west-2' }),
		});
		expect(result.error()).toBeUndefined();
		const { answer } = result.output('Agent')[0].json as unknown as AgentObservation;
		const [image] = answer as IDataObject[];
		expect(image.s3Uri).toBe(`s3://${WEST_BUCKET}/agent/stable-image-core-v1-1-42.png`);
		expect(image.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/bedrock-emulator-us-west-2\/agent\//);
		expect(image.summary).toContain(`Link: ${String(image.url)}`);
		expect((await fetch(image.url as string)).status).toBe(200);
	});
});

describe('Bedrock Video: Store in S3', () => {
	beforeEach(() => {
		requireVideoTools();
		emulator.current.control.configure(FAST_JOBS);
	});

	test('the MP4 goes to the chosen prefix under its file name, as video/mp4', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: ray2({}, { storeS3Uri: `s3://${EU_BUCKET}/clips` }),
		});
		expect(result.error()).toBeUndefined();
		const [item] = result.output(VIDEO);
		const fileName = String(item.json.fileName);
		expect(fileName).toMatch(/^ray-v2-0-\d{8}-\d{6}-\w{12}\.mp4$/);
		expect(item.json).toMatchObject({
			s3Uri: `s3://${EU_BUCKET}/clips/${fileName}`,
			s3Region: 'eu-west-1',
		});
		const bytes = await result.binary(item);
		const [object] = emulator.current.control.s3.objects(EU_BUCKET);
		expect(object).toMatchObject({
			key: `clips/${fileName}`,
			size: bytes.length,
			contentType: 'video/mp4',
		});
		const answer = await fetch(item.json.url as string);
		expect(answer.headers.get('content-type')).toBe('video/mp4');
		expect(Buffer.from(await answer.arrayBuffer()).equals(bytes)).toBe(true);
	});

	test('as an AI-agent tool the video answer carries the link', async () => {
		await registerAgentNodes('bedrockVideo');
		const result = await runWorkflow({
			nodes: [
				{
					name: 'Agent',
					type: 'test.agent',
					parameters: {
						mode: 'engine',
						toolNode: 'Bedrock Video',
						toolArguments: JSON.stringify({ prompt: 'A red fox in the snow' }),
					},
				},
				{
					name: 'Bedrock Video',
					type: 'bedrockVideoTool',
					parameters: ray2(
						{ prompt: "={{ $fromAI('prompt') }}" },
						{ storeS3Uri: `s3://${WEST_BUCKET}/agent-clips` },
					),
				},
			],
			connections: {},
			tools: { 'Bedrock Video': 'Agent' },
			credentials: emulatorCredentials(emulator.current, { region: 'us-west-2' }),
		});
		expect(result.error()).toBeUndefined();
		const { answer } = result.output('Agent')[0].json as unknown as AgentObservation;
		const [video] = answer as IDataObject[];
		expect(video.s3Uri).toMatch(new RegExp(`^s3://${WEST_BUCKET}/agent-clips/ray-v2-0-.+\\.mp4$`));
		expect(video.summary).toContain(`Link: ${String(video.url)}`);
		const link = await fetch(video.url as string);
		expect(link.status).toBe(200);
		expect(link.headers.get('content-type')).toBe('video/mp4');
	});
});
