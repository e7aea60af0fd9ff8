/**
 * Test helper for the image-model conformance tests: invokes a model and normalises the
 * answer to { status, body } or a thrown { name, status, message } like the SDK's exceptions.
 */
import { AwsError } from './errors.ts';
import { inspectImage, type ImageInfo } from './images/inspect.ts';
import { imageHandlers } from './models/images/index.ts';

export interface InvokeOutcome {
	status: number;
	body: Record<string, unknown>;
}

export interface InvokeFailure {
	name: string;
	status: number;
	message: string;
}

/** Region each family is called in (the server's region plan); profiles map to their base model. */
export function baseModelId(modelId: string): string {
	return modelId.replace(/^(us|eu|apac|global)\./, '');
}

export async function invokeImageModel(modelId: string, body: unknown): Promise<InvokeOutcome> {
	const base = baseModelId(modelId);
	const handler = imageHandlers[base];
	if (!handler) throw new Error(`no image handler for ${base}`);
	const result = await handler(JSON.parse(JSON.stringify(body)), {
		modelId: base,
		requestedModelId: modelId,
		headers: { 'content-type': 'application/json' },
		region: base.startsWith('amazon.nova') ? 'eu-west-1' : 'us-west-2',
	});
	return { status: 200, body: result.body as Record<string, unknown> };
}

/** Invokes and expects a failure; returns it in the SDK's terms. */
export async function invokeExpectingError(modelId: string, body: unknown): Promise<InvokeFailure> {
	try {
		await invokeImageModel(modelId, body);
	} catch (error) {
		if (error instanceof AwsError)
			return { name: error.name, status: error.status, message: error.message };
		throw error;
	}
	throw new Error(`expected ${modelId} to reject ${JSON.stringify(body).slice(0, 200)}`);
}

export function decodeOutput(base64: unknown): ImageInfo {
	if (typeof base64 !== 'string') throw new Error(`expected a base64 image, got ${typeof base64}`);
	return inspectImage(Buffer.from(base64, 'base64'));
}

/** The `Malformed input request: …` envelope Bedrock puts around JSON-schema violations. */
export function malformedMessage(details: string): string {
	return `Malformed input request: ${details}, please reformat your input and try again.`;
}
