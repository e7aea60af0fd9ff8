/**
 * One item of any operation: model and family resolved, fields and input images checked (no
 * call before that), then the planned calls (one per body, through the family's API) in
 * parallel within the node's concurrency, each image stored as binary data and returned as
 * its own item.
 */
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { parseBedrockArn } from '../../shared/aws/regions';
import { lifecycleNotice } from '../../shared/lifecycle';
import { requiredModelId } from '../../shared/modelLocator';
import type { ParallelCalls } from '../../shared/runItems';
import type { CallOptions } from '../../shared/transport/call';
import type { BedrockConnection } from '../../shared/transport/connection';
import { BedrockCallError } from '../../shared/transport/errors';
import { storeImage } from '../binary';
import { AUTO_FAMILY, resolveModel } from './resolveModel';
import { ItemParams } from '../../shared/fields';
import { estimateImagePrice } from '../families';
import type { ImageFamily, ParsedResponse, SizeHint } from '../families/types';
import { IMAGE_SENDERS, type ImageSender } from './imageCalls';
import type { OperationKey } from './operations';
import { mergeFields, readInvokeSettings, type InvokeSettings } from './options';

export { MAX_BODY_BYTES } from './imageCalls';

export interface RunSettings {
	connection: BedrockConnection;
	operation: OperationKey;
	call: CallOptions;
	/** Tells the item runner this item makes no further call (`runItems`). */
	callsDone?: () => void;
	/** Runs the item's calls in parallel within the node's concurrency (`runItems`). */
	parallel?: ParallelCalls;
}

const FILTER_HINT =
	'A content filter stopped this request. Rephrase the prompt (or use another input image); Continue On Fail lets the other items go on.';

/**
 * A refusal by the family's content filter as its own error; an access denial with what the
 * family knows about access (a preview model's); any other error unchanged.
 */
function describeRefusal(error: unknown, family: ImageFamily): unknown {
	if (!BedrockCallError.is(error)) return error;
	if (
		error.code === 'ValidationException' &&
		family.contentFilterRefusal?.test(error.awsMessage ?? '') === true
	) {
		return withChanges(error, {
			code: 'ContentFiltered',
			message: `${family.displayName} content filter blocked the request: ${error.awsMessage ?? error.message}`,
			hint: FILTER_HINT,
		});
	}
	if (error.code === 'AccessDeniedException' && family.accessHint) {
		return withChanges(error, { hint: `${family.accessHint} ${error.hint}` });
	}
	return error;
}

function withChanges(
	error: BedrockCallError,
	changes: { code?: string; message?: string; hint: string },
): BedrockCallError {
	return new BedrockCallError({
		code: changes.code ?? error.code,
		message: changes.message ?? error.message,
		hint: changes.hint,
		attempts: error.attempts,
		...(error.httpStatus ? { httpStatus: error.httpStatus } : {}),
		...(error.requestId ? { requestId: error.requestId } : {}),
		...(error.awsMessage ? { awsMessage: error.awsMessage } : {}),
		...(error.awsCode ? { awsCode: error.awsCode } : {}),
	});
}

/** Whether a parameter (or a resource locator's value) is an expression. */
function isExpression(value: unknown): boolean {
	const raw = typeof value === 'object' && value !== null && 'value' in value ? value.value : value;
	return typeof raw === 'string' && raw.startsWith('=');
}

/**
 * `stability.stable-image-ultra-v1:1` → `stable-image-ultra-v1-1`: a file-name friendly model
 * name, the foundation model's ID without its provider (`provider.model`).
 */
function shortModelName(modelId: string, baseModelId?: string): string {
	const id = baseModelId ?? parseBedrockArn(modelId)?.resourceId ?? modelId;
	const last = id.slice(id.lastIndexOf('/') + 1);
	return last.replace(/^[a-z][a-z0-9-]*\.(?=[a-z])/, '').replace(/[^a-zA-Z0-9.-]+/g, '-');
}

interface CallOutcome {
	parsed: ParsedResponse;
	requestId?: string;
	region: string;
	latencyMs: number;
	attempts: number;
}

async function callOnce(
	run: RunSettings,
	family: ImageFamily,
	sender: ImageSender,
	modelId: string,
	body: Record<string, unknown>,
	settings: InvokeSettings,
): Promise<CallOutcome> {
	let sent;
	try {
		sent = await sender.send(run.connection, modelId, body, settings, run.call);
	} catch (error) {
		throw describeRefusal(error, family);
	}
	const { answer, requestId, region, latencyMs, attempts } = sent;
	const fail = (code: string, message: string, hint: string) =>
		new BedrockCallError({ code, message, hint, attempts, ...(requestId ? { requestId } : {}) });
	let parsed: ParsedResponse;
	try {
		parsed = family.parseResponse(answer, body);
	} catch (error) {
		throw fail(
			'UnexpectedResponse',
			(error as Error).message,
			'Bedrock answered in a shape this node does not know; retry, and report it with the request ID if it persists.',
		);
	}
	if (parsed.images.length === 0) {
		if (parsed.filtered)
			throw fail(
				'ContentFiltered',
				`${parsed.filtered}: no image was returned`,
				parsed.hint ?? FILTER_HINT,
			);
		throw fail(
			'ModelError',
			parsed.failure ?? 'The model returned no image',
			parsed.hint ?? 'Retry, or change the input.',
		);
	}
	return { parsed, requestId, region, latencyMs, attempts };
}

/** Calls one after the other, for a caller without the item runner's `parallel`. */
async function sequential<T>(tasks: ReadonlyArray<() => Promise<T>>): Promise<T[]> {
	const results: T[] = [];
	for (const task of tasks) results.push(await task());
	return results;
}

/** Aspect ratios closer than this count as the one asked for (sizes are rounded to steps). */
const RATIO_TOLERANCE = 0.03;

/** What the output says about a size that was only asked for in the prompt. */
function sizeReport(
	hint: SizeHint | undefined,
	family: ImageFamily,
	width: number,
	height: number,
): IDataObject {
	if (!hint) return {};
	const made = width / height;
	const differs = Math.abs(Math.log(made / hint.ratio)) > RATIO_TOLERANCE;
	return {
		requestedSize: hint.label,
		...(differs
			? {
					sizeNotice: `Asked for ${hint.label} in the prompt; ${family.displayName} made ${width}x${height}. The size is a request the model may not follow.`,
				}
			: {}),
	};
}

export async function runImageItem(
	context: IExecuteFunctions,
	run: RunSettings,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const params = new ItemParams(context, itemIndex);
	const modelId = requiredModelId(params);
	const { family, task, baseModelId } = await resolveModel(params, run.connection, run.operation, {
		modelId,
		explicitFamily: String(context.getNodeParameter('modelFamily', itemIndex, AUTO_FAMILY)),
		isExpression: isExpression(context.getNode().parameters.modelId),
	});
	const plan = await task.plan({ params, modelId, ...(baseModelId ? { baseModelId } : {}) });
	const settings = readInvokeSettings(params);
	const sender = IMAGE_SENDERS[family.api ?? 'invokeModel'];
	const bodies = plan.bodies.map((body) => mergeFields(body, settings.additionalFields));
	for (const body of bodies) sender.check(params, body);

	// Looked up while the first call runs; best effort, never fails the item.
	const notice = lifecycleNotice(run.connection, modelId, baseModelId).catch(() => undefined);
	const modelName = shortModelName(modelId, baseModelId);
	const calls = bodies.map(
		(body) => async () => await callOnce(run, family, sender, modelId, body, settings),
	);
	const outcomes = await (run.parallel ?? sequential)(calls);
	// The calls are over: the next item may call Bedrock while this one stores its images.
	run.callsDone?.();

	const items: INodeExecutionData[] = [];
	let imageNumber = 0;
	for (const [bodyIndex, outcome] of outcomes.entries()) {
		const body = bodies[bodyIndex];
		const { images, mask, filtered, text, usage } = outcome.parsed;
		const maskBinary: IBinaryData | undefined = mask
			? (await storeImage(context, mask, `${modelName}-mask`)).binary
			: undefined;
		for (const [index, image] of images.entries()) {
			imageNumber++;
			// Seeded images are named by seed (unique per call), others by their place in the item.
			const baseName =
				image.seed !== undefined
					? `${modelName}-${image.seed}${images.length > 1 ? `-${index + 1}` : ''}`
					: `${modelName}-${imageNumber}`;
			const stored = await storeImage(context, image.data, baseName);
			const price = baseModelId
				? estimateImagePrice({
						baseModelId,
						body,
						width: stored.width,
						height: stored.height,
						...(usage ? { usage, imagesInCall: images.length } : {}),
					})
				: undefined;
			const json: IDataObject = {
				modelId,
				...(baseModelId && baseModelId !== modelId ? { baseModelId } : {}),
				family: family.id,
				task: run.operation,
				...(plan.prompt !== undefined ? { prompt: plan.prompt } : {}),
				seed: image.seed ?? null,
				finishReason: image.finishReason,
				width: stored.width,
				height: stored.height,
				...sizeReport(plan.sizeHint, family, stored.width, stored.height),
				format: stored.format,
				mimeType: stored.mimeType,
				fileName: stored.fileName,
				fileSize: image.data.length,
				...(text !== undefined ? { text } : {}),
				...(usage ? { usage: { ...usage } } : {}),
				requestId: outcome.requestId ?? null,
				region: outcome.region,
				latencyMs: outcome.latencyMs,
				attempts: outcome.attempts,
				estimatedCostUsd: price?.usd ?? null,
				priceSource: price?.source ?? 'No per-image price known for this model',
				...(filtered
					? { contentFilter: `${filtered}: some of the requested images were not returned` }
					: {}),
			};
			items.push({
				json,
				binary: {
					[settings.outputField]: stored.binary,
					...(maskBinary ? { [settings.maskField]: maskBinary } : {}),
				},
				pairedItem: { item: itemIndex },
			});
		}
	}
	const notes = [await notice, family.notice].filter((note): note is string => !!note);
	if (notes.length > 0) for (const item of items) item.json.lifecycleNotice = notes.join(' ');
	return items;
}
