/**
 * One item of any operation, in the cost guard's two steps (`../../shared/cost`): prepare
 * (model and family resolved, fields and input images checked, bodies built and priced, no
 * call), then run (one InvokeModel call per planned body, each image stored as binary data and
 * returned as its own item).
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
import { storeImage } from '../binary';
import { AUTO_FAMILY, resolveModel } from './resolveModel';
import { ItemParams } from '../../shared/fields';
import type { ImageFamily, ParsedResponse } from '../families/types';
import { imageCost, requestCost, type PricedModel } from './imageCost';
import type { OperationKey } from './operations';
import { mergeFields, readInvokeSettings, type InvokeSettings } from './options';

/**
 * InvokeModel's body limit: a blob of at most 25,000,000 bytes
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html).
 */
export const MAX_BODY_BYTES = 25_000_000;

export interface RunSettings {
	connection: BedrockConnection;
	operation: OperationKey;
	call: CallOptions;
}

const FILTER_HINT =
	'A content filter stopped this request. Rephrase the prompt (or use another input image); Continue On Fail lets the other items go on.';

/** A refusal by the family's content filter as its own error; any other error unchanged. */
function describeRefusal(error: unknown, family: ImageFamily): unknown {
	const filtered =
		BedrockCallError.is(error) &&
		error.code === 'ValidationException' &&
		family.contentFilterRefusal?.test(error.awsMessage ?? '') === true;
	return filtered ? contentFilterError(error, family) : error;
}

function contentFilterError(error: BedrockCallError, family: ImageFamily): BedrockCallError {
	return new BedrockCallError({
		code: 'ContentFiltered',
		message: `${family.displayName} content filter blocked the request: ${error.awsMessage ?? error.message}`,
		hint: FILTER_HINT,
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

async function invoke(
	run: RunSettings,
	family: ImageFamily,
	modelId: string,
	body: Record<string, unknown>,
	settings: InvokeSettings,
): Promise<CallOutcome> {
	let response;
	try {
		response = await run.connection.invokeModel({ modelId, body, ...settings.headers }, run.call);
	} catch (error) {
		throw describeRefusal(error, family);
	}
	const { result, attempts, latencyMs } = response;
	const fail = (code: string, message: string, hint: string) =>
		new BedrockCallError({
			code,
			message,
			hint,
			attempts,
			...(result.requestId ? { requestId: result.requestId } : {}),
		});
	let parsed: ParsedResponse;
	try {
		parsed = family.parseResponse(result.body, body);
	} catch (error) {
		throw fail(
			'UnexpectedResponse',
			(error as Error).message,
			'Bedrock answered in a shape this node does not know; retry, and report it with the request ID if it persists.',
		);
	}
	if (parsed.images.length === 0) {
		if (parsed.filtered)
			throw fail('ContentFiltered', `${parsed.filtered}: no image was returned`, FILTER_HINT);
		throw fail(
			'ModelError',
			parsed.failure ?? 'The model returned no image',
			'Retry, or change the input.',
		);
	}
	return { parsed, requestId: result.requestId, region: result.region, latencyMs, attempts };
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
	const bodies = plan.bodies.map((body) => mergeFields(body, settings.additionalFields));
	for (const body of bodies) {
		const bytes = Buffer.byteLength(JSON.stringify(body));
		if (bytes > MAX_BODY_BYTES) {
			params.fail(
				`The request would be ${bytes} bytes; Bedrock accepts at most ${MAX_BODY_BYTES} bytes per request`,
				'Use smaller input images (base64 adds a third to their size).',
			);
		}
	}
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
		requests: bodies.map((body) => ({ modelId, body, ...settings.headers })),
		estimate: sumCosts(bodies.map((body) => requestCost(priced, body))),
		run: async (tools) =>
			await invokeBodies(context, run, tools, itemIndex, {
				...priced,
				bodies,
				settings,
				prompt: plan.prompt,
			}),
	};
}

interface PlannedItem extends PricedModel {
	bodies: Array<Record<string, unknown>>;
	settings: InvokeSettings;
	prompt?: string;
}

/** One InvokeModel call per body, each image stored as binary data and returned as its own item. */
async function invokeBodies(
	context: IExecuteFunctions,
	run: RunSettings,
	tools: CallTools,
	itemIndex: number,
	planned: PlannedItem,
): Promise<INodeExecutionData[]> {
	const { family, modelId, baseModelId, bodies, settings } = planned;
	// Looked up while the first call runs; best effort, never fails the item.
	const notice = lifecycleNotice(run.connection, modelId, baseModelId).catch(() => undefined);
	const modelName = shortModelName(modelId, baseModelId);
	const items: INodeExecutionData[] = [];
	for (const [bodyIndex, body] of bodies.entries()) {
		const outcome = await invoke(run, family, modelId, body, settings);
		const { images, mask, filtered } = outcome.parsed;
		const sizes = images.map((image) => imageInfo(image.data) ?? { width: 0, height: 0 });
		const costs = sizes.map((size) => imageCost(planned, body, size));
		tools.spent(baseModelId ?? modelId, sumCosts(costs));
		// The last call is over: the next item may call Bedrock while this one stores its images.
		if (bodyIndex === bodies.length - 1) tools.callsDone();
		const maskBinary: IBinaryData | undefined = mask
			? (await storeImage(context, mask, `${modelName}-mask`)).binary
			: undefined;
		for (const [index, image] of images.entries()) {
			const suffix = images.length > 1 ? `-${index + 1}` : '';
			const baseName =
				image.seed !== undefined
					? `${modelName}-${image.seed}${suffix}`
					: `${modelName}${suffix || '-1'}`;
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
				format: stored.format,
				mimeType: stored.mimeType,
				fileName: stored.fileName,
				fileSize: image.data.length,
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
	const lifecycle = await notice;
	if (lifecycle) for (const item of items) item.json.lifecycleNotice = lifecycle;
	return items;
}
