/**
 * One item of any operation, in the cost guard's two steps (`../../shared/cost`): prepare
 * (model and family resolved, fields and input images checked, bodies built and priced, no
 * call), then run (the planned calls, one per body through the family's API, in parallel
 * within the node's concurrency; each image stored as binary data and returned as its own
 * item).
 */
import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { parseBedrockArn } from '../../shared/aws/regions';
import { sumCosts, type CallTools, type PreparedItem } from '../../shared/cost';
import { imageInfo } from '../../shared/imageInfo';
import { lifecycleNotice } from '../../shared/lifecycle';
import { requiredModelId } from '../../shared/modelLocator';
import type { CallOptions } from '../../shared/transport/call';
import type { BedrockConnection } from '../../shared/transport/connection';
import { BedrockCallError } from '../../shared/transport/errors';
import { storeInS3 } from '../../shared/storeInS3';
import { storeImage } from '../binary';
import { AUTO_FAMILY, resolveModel } from './resolveModel';
import { ItemParams } from '../../shared/fields';
import type { ImageFamily, ParsedResponse, SizeHint } from '../families/types';
import { IMAGE_SENDERS, type ImageSender } from './imageCalls';
import { imageCosts, requestCost, type PricedModel } from './imageCost';
import type { OperationKey } from './operations';
import { mergeFields, readInvokeSettings, type InvokeSettings } from './options';

export { MAX_BODY_BYTES } from './imageCalls';

export interface RunSettings {
	connection: BedrockConnection;
	operation: OperationKey;
	call: CallOptions;
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

/**
 * One item checked and built: model and family resolved, fields and input images read, the
 * bodies planned and priced. Nothing billed is called (an application inference profile's
 * model may be looked up, a free control-plane read); `run` makes the calls.
 */
export async function prepareImageItem(
	context: IExecuteFunctions,
	run: RunSettings,
	itemIndex: number,
): Promise<PreparedItem> {
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
	const priced = { family, modelId, ...(baseModelId ? { baseModelId } : {}) };
	return {
		modelId,
		...(baseModelId ? { baseModelId } : {}),
		operation: run.operation,
		details: {
			family: family.id,
			...(plan.prompt !== undefined ? { prompt: plan.prompt } : {}),
			images: bodies.reduce((count, body) => count + family.billing(body).images, 0),
		},
		requests: bodies.map((body) => sender.request(modelId, body, settings)),
		estimate: sumCosts(bodies.map((body) => requestCost(priced, body))),
		run: async (tools) =>
			await callBodies(context, run, tools, itemIndex, {
				...priced,
				sender,
				bodies,
				settings,
				prompt: plan.prompt,
				sizeHint: plan.sizeHint,
			}),
	};
}

interface PlannedItem extends PricedModel {
	sender: ImageSender;
	bodies: Array<Record<string, unknown>>;
	settings: InvokeSettings;
	prompt?: string;
	sizeHint?: SizeHint;
}

/**
 * The item's calls, one per body, in parallel within the node's concurrency (`tools.parallel`:
 * the batch's call slots, so the bound holds across items and the budget's in-flight bound
 * with it); each call's cost reported as it ends, then each image stored as binary data and
 * returned as its own item.
 */
async function callBodies(
	context: IExecuteFunctions,
	run: RunSettings,
	tools: CallTools,
	itemIndex: number,
	planned: PlannedItem,
): Promise<INodeExecutionData[]> {
	const { family, modelId, baseModelId, sender, bodies, settings } = planned;
	// Looked up while the first call runs; best effort, never fails the item.
	const notice = lifecycleNotice(run.connection, modelId, baseModelId).catch(() => undefined);
	const modelName = shortModelName(modelId, baseModelId);
	const calls = bodies.map((body) => async () => {
		const outcome = await callOnce(run, family, sender, modelId, body, settings);
		const { images, usage } = outcome.parsed;
		const sizes = images.map((image) => imageInfo(image.data) ?? { width: 0, height: 0 });
		const costs = imageCosts(planned, body, sizes, usage);
		// Reported as each call ends, so that the spend is current while other calls run.
		tools.spent(baseModelId ?? modelId, sumCosts(costs));
		return { outcome, costs };
	});
	const outcomes = await (tools.parallel ?? sequential)(calls);
	// The calls are over: the next item may call Bedrock while this one stores its images.
	tools.callsDone();

	const items: INodeExecutionData[] = [];
	let imageNumber = 0;
	for (const { outcome, costs } of outcomes) {
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
			const cost = costs[index];
			const json: IDataObject = {
				modelId,
				...(baseModelId && baseModelId !== modelId ? { baseModelId } : {}),
				family: family.id,
				task: run.operation,
				...(planned.prompt !== undefined ? { prompt: planned.prompt } : {}),
				seed: image.seed ?? null,
				finishReason: image.finishReason,
				width: stored.width,
				height: stored.height,
				...sizeReport(planned.sizeHint, family, stored.width, stored.height),
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
				estimatedCostUsd: cost.usd,
				priceSource: cost.priceSource,
				...(filtered
					? { contentFilter: `${filtered}: some of the requested images were not returned` }
					: {}),
			};
			if (settings.store) {
				Object.assign(
					json,
					await storeInS3(
						context,
						run.connection.credentials,
						settings.store,
						{ ...stored, data: image.data, size: image.data.length },
						outcome.region,
						run.call,
					),
				);
			}
			const binary = {
				...(settings.store?.keepBinary === false ? {} : { [settings.outputField]: stored.binary }),
				...(maskBinary ? { [settings.maskField]: maskBinary } : {}),
			};
			items.push({
				json,
				...(Object.keys(binary).length > 0 ? { binary } : {}),
				pairedItem: { item: itemIndex },
			});
		}
	}
	const notes = [await notice, family.notice].filter((note): note is string => !!note);
	if (notes.length > 0) for (const item of items) item.json.lifecycleNotice = notes.join(' ');
	return items;
}
