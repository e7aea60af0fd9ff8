/**
 * Helpers for the Bedrock Image integration tests: run the node against the emulator, feed it
 * input images, and check what it sent (the emulator's request log) and what it returned
 * (binary data decoded with the emulator's own codecs, independent of the node's header reader).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { RunningEmulator } from '../../emulator/src/index.ts';
import { decodePng } from '../../emulator/src/images/png.ts';
import { inspectImage } from '../../emulator/src/images/inspect.ts';
import { makeTestImage, type TestImageOptions } from '../../emulator/src/images/output.ts';
import type { RequestLogEntry } from '../../emulator/src/requestLog.ts';
import { runWorkflow, type InputItem, type RunResult } from '../../tooling/harness/n8n.ts';
import { emulatorCredentials } from './helpers.ts';

export const NODE_NAME = 'Image';

export interface ImageRun {
	parameters: IDataObject;
	input?: InputItem[];
	/** The credential's region (default us-west-2, where the Stability and Titan models are). */
	region?: string;
	continueOnFail?: boolean;
	onStart?: (cancel: () => void) => void;
}

/** Runs one Bedrock Image node over the input items. */
export async function runImageNode(emulator: RunningEmulator, run: ImageRun): Promise<RunResult> {
	return await runWorkflow({
		nodes: [
			{
				name: NODE_NAME,
				type: 'bedrockImage',
				parameters: run.parameters,
				...(run.continueOnFail ? { continueOnFail: true } : {}),
			},
		],
		input: run.input,
		credentials: emulatorCredentials(emulator, { region: run.region ?? 'us-west-2' }),
		...(run.onStart ? { onStart: run.onStart } : {}),
	});
}

/** A model field value as the editor stores it ("By ID"). */
export function byId(modelId: string): IDataObject {
	return { __rl: true, mode: 'id', value: modelId };
}

export function byArn(arn: string): IDataObject {
	return { __rl: true, mode: 'arn', value: arn };
}

export interface TestFile {
	data: Buffer;
	fileName?: string;
	mimeType?: string;
}

/** A PNG/JPEG/WebP test image as a binary input. */
export function imageFile(options: TestImageOptions): TestFile {
	const format = options.format ?? 'png';
	return {
		data: makeTestImage(options),
		fileName: `input.${format === 'jpeg' ? 'jpg' : format}`,
		mimeType: `image/${format}`,
	};
}

/** One input item carrying the given binary files. */
export function itemWith(files: Record<string, TestFile>, json: IDataObject = {}): InputItem {
	return { json, binary: files };
}

/** What logged base64 images are shown as in expected bodies. */
export const IMAGE = '<image>';

/** A logged body with every base64 image (logged as `<N chars sha256:…>`) replaced by `<image>`. */
export function markImages(value: unknown): unknown {
	if (typeof value === 'string') return /^<\d+ chars sha256:/.test(value) ? IMAGE : value;
	if (Array.isArray(value)) return value.map(markImages);
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value).map(([key, member]) => [key, markImages(member)]),
		);
	}
	return value;
}

/** The InvokeModel requests the emulator received, in order. */
export function invocations(emulator: RunningEmulator): RequestLogEntry[] {
	return emulator.control.requests().filter((request) => request.operation === 'InvokeModel');
}

/** The only InvokeModel request body (fails when there is not exactly one). */
export function onlyInvocationBody(emulator: RunningEmulator): Record<string, unknown> {
	const calls = invocations(emulator);
	expect(calls).toHaveLength(1);
	return calls[0].body as Record<string, unknown>;
}

export interface ExpectedImage {
	width: number;
	height: number;
	format?: 'png' | 'jpeg' | 'webp';
	property?: string;
}

/**
 * Checks an output item's image: its bytes decode as the expected format and size (PNGs fully
 * decoded), and the item's MIME type, file name and JSON agree with the bytes.
 */
export async function expectImage(
	result: RunResult,
	item: INodeExecutionData,
	expected: ExpectedImage,
): Promise<Buffer> {
	const property = expected.property ?? 'data';
	const format = expected.format ?? 'png';
	const bytes = await result.binary(item, property);
	const info = inspectImage(bytes);
	expect({ format: info.format, width: info.width, height: info.height }).toEqual({
		format,
		width: expected.width,
		height: expected.height,
	});
	if (format === 'png') {
		const raster = decodePng(bytes);
		expect([raster.width, raster.height]).toEqual([expected.width, expected.height]);
	}
	const binary = item.binary?.[property];
	const extension = format === 'jpeg' ? 'jpg' : format;
	expect(binary?.mimeType).toBe(`image/${format}`);
	expect(binary?.fileName).toMatch(new RegExp(`\\.${extension}$`));
	if (property === 'data') {
		expect(item.json).toMatchObject({
			width: expected.width,
			height: expected.height,
			format,
			mimeType: `image/${format}`,
			fileName: binary?.fileName,
			fileSize: bytes.length,
		});
	}
	return bytes;
}

/** The error of the node, with its description (NodeApiError / NodeOperationError). */
export function nodeError(
	result: RunResult,
): { message: string; description?: string } | undefined {
	const error = result.error(NODE_NAME) as (Error & { description?: string }) | undefined;
	return error
		? { message: error.message, description: error.description ?? undefined }
		: undefined;
}
