/**
 * The answer an AI agent gets from a generating node run as a tool: when the node counts as a
 * tool, and the compact JSON each item becomes (links from S3 when present, errors kept).
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runsAsTool, toolAnswer } from '../../nodes/shared/toolAnswer';

function context(type: string, isToolExecution?: boolean): IExecuteFunctions {
	return {
		getNode: () => ({ type }),
		...(isToolExecution === undefined ? {} : { isToolExecution: () => isToolExecution }),
	} as unknown as IExecuteFunctions;
}

test.each([
	['n8n-nodes-bedrock.bedrockImageTool', undefined, true],
	['n8n-nodes-bedrock.bedrockImage', false, false],
	['n8n-nodes-bedrock.bedrockImage', true, true],
	['n8n-nodes-bedrock.bedrockImage', undefined, false],
	['n8n-nodes-bedrock.toolkitImage', false, false],
])('runsAsTool(%s, isToolExecution %s) is %s', (type, isTool, expected) => {
	expect(runsAsTool(context(type, isTool))).toBe(expected);
});

const stored: INodeExecutionData = {
	json: {
		modelId: 'us.amazon.nova-2-omni-v1:0',
		baseModelId: 'amazon.nova-2-omni-v1:0',
		family: 'novaOmni',
		prompt: 'Generate a 16:9 landscape image: A lighthouse',
		seed: null,
		width: 1344,
		height: 768,
		mimeType: 'image/png',
		fileName: 'nova-2-omni-v1-0-1.png',
		requestId: 'req-1',
		attempts: 1,
		usage: { inputTokens: 12, outputTokens: 1377, totalTokens: 1389 },
		text: 'A calm evening.',
		estimatedCostUsd: 0.003446,
		priceSource: 'low confidence',
		s3Uri: 's3://bucket/images/nova-2-omni-v1-0-1.png',
		url: 'https://bucket.s3.us-west-2.amazonaws.com/images/nova-2-omni-v1-0-1.png?X-Amz-Signature=abc',
		urlExpiresAt: '2026-12-06T12:00:00.000Z',
	},
	binary: {
		data: { data: 'filesystem-v2', mimeType: 'image/png', fileName: 'nova-2-omni-v1-0-1.png' },
	},
	pairedItem: { item: 3 },
};

test('an item stored in S3: the link in the summary and beside it; binary and pairing kept', () => {
	const [answer] = toolAnswer([stored], 'image');
	expect(answer.json).toEqual({
		summary:
			'Made a 1344x768 PNG image with us.amazon.nova-2-omni-v1:0. Link: https://bucket.s3.us-west-2.amazonaws.com/images/nova-2-omni-v1-0-1.png?X-Amz-Signature=abc Estimated cost: $0.003446.',
		model: 'us.amazon.nova-2-omni-v1:0',
		fileName: 'nova-2-omni-v1-0-1.png',
		mimeType: 'image/png',
		width: 1344,
		height: 768,
		estimatedCostUsd: 0.003446,
		s3Uri: 's3://bucket/images/nova-2-omni-v1-0-1.png',
		url: 'https://bucket.s3.us-west-2.amazonaws.com/images/nova-2-omni-v1-0-1.png?X-Amz-Signature=abc',
		urlExpiresAt: '2026-12-06T12:00:00.000Z',
		modelText: 'A calm evening.',
	});
	expect(answer.binary).toBe(stored.binary);
	expect(answer.pairedItem).toEqual({ item: 3 });
});

test('a finished video stored in S3: resolution, length and the S3 URI', () => {
	const [answer] = toolAnswer(
		[
			{
				json: {
					invocationArn: 'arn:aws:bedrock:us-west-2:123456789012:async-invoke/abc123def456',
					status: 'Completed',
					modelId: 'luma.ray-v2:0',
					s3Uri: 's3://videos/jobs/abc123def456/output.mp4',
					videoSeconds: 5,
					resolution: '720p',
					fileName: 'ray-v2-0-abc123def456.mp4',
					mimeType: 'video/mp4',
					estimatedCostUsd: null,
					polls: 4,
				},
			},
		],
		'video',
	);
	expect(answer.json.summary).toBe(
		'Made a 720p MP4 video (5 s) with luma.ray-v2:0. Stored at s3://videos/jobs/abc123def456/output.mp4.',
	);
	expect(answer.json).toMatchObject({ videoSeconds: 5, resolution: '720p', status: 'Completed' });
	expect(answer.json).not.toHaveProperty('estimatedCostUsd');
	expect(answer.json).not.toHaveProperty('polls');
});

test('a started job (no file yet) and a failed one say so', () => {
	const job = {
		invocationArn: 'arn:aws:bedrock:us-west-2:123456789012:async-invoke/abc123def456',
		modelId: 'luma.ray-v2:0',
		s3Uri: 's3://videos/jobs/abc123def456/output.mp4',
		estimatedCostUsd: 7.5,
	};
	const [started, failed] = toolAnswer(
		[
			{ json: { ...job, status: 'InProgress' } },
			{ json: { ...job, status: 'Failed', failureMessage: 'Blocked by our content filters.' } },
		],
		'video',
	);
	expect(started.json.summary).toBe(
		'The video job arn:aws:bedrock:us-west-2:123456789012:async-invoke/abc123def456 of luma.ray-v2:0 is InProgress. The video will be at s3://videos/jobs/abc123def456/output.mp4. Estimated cost: $7.5.',
	);
	expect(failed.json.summary).toMatch(/is Failed\. Failure: Blocked by our content filters\./);
});

test('an error item keeps its error and description only', () => {
	const [answer] = toolAnswer(
		[
			{
				json: {
					error: 'Content filter',
					description: 'Rephrase the prompt',
					code: 'ContentFiltered',
				},
				pairedItem: { item: 0 },
			},
		],
		'image',
	);
	expect(answer.json).toEqual({ error: 'Content filter', description: 'Rephrase the prompt' });
});
