/**
 * Test helper for the image-model conformance tests: the raw AWS SDK (default HTTP/2 handler,
 * SigV4 with the AWS documentation's example keys) against an emulator started for the test
 * file. Answers are normalised to { status, body }, failures to { name, status, message }.
 */
import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { inspectImage, type ImageInfo } from '../src/images/inspect.ts';
import { startEmulator, type RunningEmulator } from '../src/index.ts';

export interface InvokeOutcome {
	status: number;
	contentType?: string;
	requestId?: string;
	body: Record<string, unknown>;
}

export interface InvokeFailure {
	name: string;
	status?: number;
	message: string;
}

const CREDENTIALS = {
	accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

let emulator: RunningEmulator | undefined;
const clients = new Map<string, BedrockRuntimeClient>();

/**
 * Starts the emulator before the file's tests and stops it (and the SDK clients) after them.
 * `now`: the date the lifecycle is judged at (retired families: `lifecycleDates.ts`).
 */
export function useImageEmulator(now?: string): void {
	beforeAll(async () => {
		emulator = await startEmulator(now ? { now } : {});
	});
	afterAll(async () => {
		for (const client of clients.values()) client.destroy();
		clients.clear();
		await emulator?.stop();
		emulator = undefined;
	});
}

/**
 * The region each model is called in, per the emulator's region plan: Nova Canvas in
 * eu-west-1 (also us-east-1); the Stability and Titan image models (and the `us.` profiles of
 * the image services) in us-west-2.
 */
export function regionFor(modelId: string): string {
	return modelId.includes('nova-canvas') ? 'eu-west-1' : 'us-west-2';
}

/** Runs the enclosing describe block's tests at `date` (a family retired since, still Active then). */
export function atDate(date: string): void {
	beforeAll(() => {
		emulator?.control.configure({ now: date });
	});
	afterAll(() => {
		emulator?.control.configure({ now: null });
	});
}

function clientFor(region: string): BedrockRuntimeClient {
	if (!emulator) throw new Error('call useImageEmulator() in the test file');
	let client = clients.get(region);
	if (!client) {
		client = new BedrockRuntimeClient({
			region,
			endpoint: emulator.url,
			credentials: CREDENTIALS,
			maxAttempts: 1,
		});
		clients.set(region, client);
	}
	return client;
}

export async function invokeImageModel(
	modelId: string,
	body: unknown,
	region = regionFor(modelId),
): Promise<InvokeOutcome> {
	const response = await clientFor(region).send(
		new InvokeModelCommand({
			modelId,
			body: JSON.stringify(body),
			contentType: 'application/json',
			accept: 'application/json',
		}),
	);
	return {
		status: response.$metadata.httpStatusCode ?? 0,
		contentType: response.contentType,
		requestId: response.$metadata.requestId,
		body: JSON.parse(new TextDecoder().decode(response.body)) as Record<string, unknown>,
	};
}

/** Invokes and expects a failure; returns it as the SDK reports it. */
export async function invokeExpectingError(
	modelId: string,
	body: unknown,
	region = regionFor(modelId),
): Promise<InvokeFailure> {
	try {
		await invokeImageModel(modelId, body, region);
	} catch (error) {
		const failure = error as {
			name: string;
			message: string;
			$metadata?: { httpStatusCode?: number };
		};
		return {
			name: failure.name,
			status: failure.$metadata?.httpStatusCode,
			message: failure.message,
		};
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
