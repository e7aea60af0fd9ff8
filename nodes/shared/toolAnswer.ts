/**
 * What a generating node answers when it runs as an AI-agent tool.
 *
 * n8n's AI Agent (n8n 2.41) reads a tool's answer from the items' JSON only: binary data is
 * dropped (https://github.com/n8n-io/n8n/issues/38357). n8n-core's `makeHandleToolInvocation`
 * keeps `item.json` and logs that the binary data "was omitted"
 * (packages/core/src/execution-engine/node-execution-context/utils/get-input-connection-data.ts),
 * and the AI Agent's engine requests read `item.json` of the tool node's run
 * (packages/@n8n/nodes-langchain/utils/agent-execution/buildSteps.ts).
 * An answer made of the full item JSON (request IDs, attempts, price sources…) is noise to a
 * language model. So in tool mode each item's JSON becomes a short, flat object the agent can
 * read and repeat — a one-sentence `summary`, then model, file name, MIME type, size, seed,
 * estimated cost, and the S3 URI and link when the result was stored there — while the binary
 * stays on the item for the workflow's own later steps and the execution view.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * Whether the node runs as an AI-agent tool. n8n makes a tool variant of every `usableAsTool`
 * node, whose type name ends in `Tool` (`n8n-nodes-bedrock.bedrockImageTool`; n8n-workflow's
 * `convertNodeToAiTool` and `isToolType`, packages/workflow/src/node-helpers.ts). The AI Agent
 * runs it as a node of the workflow (engine requests, where `isToolExecution()` is false), or
 * through a supply-data context whose `isToolExecution()` is true: either one counts.
 */
export function runsAsTool(context: IExecuteFunctions): boolean {
	const typeName = context.getNode().type.split('.').pop() ?? '';
	if (typeName.endsWith('Tool')) return true;
	// Older n8n versions have no isToolExecution.
	const probe = context as Partial<Pick<IExecuteFunctions, 'isToolExecution'>>;
	return typeof probe.isToolExecution === 'function' && probe.isToolExecution.call(context);
}

/** The item fields an agent can use, in the order it reads them: `[item field, answer field]`. */
const KEPT_FIELDS: ReadonlyArray<[from: string, to: string]> = [
	['modelId', 'model'],
	['fileName', 'fileName'],
	['mimeType', 'mimeType'],
	['width', 'width'],
	['height', 'height'],
	['resolution', 'resolution'],
	['videoSeconds', 'videoSeconds'],
	['seed', 'seed'],
	['status', 'status'],
	['invocationArn', 'invocationArn'],
	['failureMessage', 'failureMessage'],
	['estimatedCostUsd', 'estimatedCostUsd'],
	['s3Uri', 's3Uri'],
	['url', 'url'],
	['urlExpiresAt', 'urlExpiresAt'],
	['text', 'modelText'],
	['sizeNotice', 'sizeNotice'],
	['contentFilter', 'contentFilter'],
];

function isPlainValue(value: unknown): value is string | number | boolean {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** "a 1344x768 PNG image", "a 720p MP4 video (5 s)"… from the item's size and MIME type. */
function describeFile(json: IDataObject, noun: string): string {
	const size =
		typeof json.width === 'number' && typeof json.height === 'number'
			? `${json.width}x${json.height} `
			: typeof json.resolution === 'string'
				? `${json.resolution} `
				: '';
	const subtype = typeof json.mimeType === 'string' ? json.mimeType.split('/')[1] : undefined;
	const format = subtype ? `${subtype === 'jpeg' ? 'JPEG' : subtype.toUpperCase()} ` : '';
	const seconds = typeof json.videoSeconds === 'number' ? ` (${json.videoSeconds} s)` : '';
	const words = `${size}${format}${noun}${seconds}`;
	// "an" before a vowel sound: "an image", "an 896x1152 …", "an MP4 video".
	return `${/^(8|[aeiouAEIOU]|[FHLMNRSX][A-Z0-9])/.test(words) ? 'an' : 'a'} ${words}`;
}

function costSentence(json: IDataObject): string[] {
	return typeof json.estimatedCostUsd === 'number'
		? [`Estimated cost: $${json.estimatedCostUsd}.`]
		: [];
}

/** An asynchronous job without its file yet (started, in progress, failed). */
function jobSummary(json: IDataObject, noun: string): string {
	const parts = [
		`The ${noun} job ${String(json.invocationArn)} of ${String(json.modelId)} is ${String(json.status)}.`,
	];
	if (typeof json.failureMessage === 'string') parts.push(`Failure: ${json.failureMessage}`);
	else if (typeof json.s3Uri === 'string') {
		parts.push(`The ${noun} ${json.status === 'Completed' ? 'is' : 'will be'} at ${json.s3Uri}.`);
	}
	return [...parts, ...costSentence(json)].join(' ');
}

function summaryOf(json: IDataObject, noun: string): string {
	if (json.fileName === undefined && typeof json.status === 'string') return jobSummary(json, noun);
	const seed = typeof json.seed === 'number' ? ` (seed ${json.seed})` : '';
	const parts = [`Made ${describeFile(json, noun)} with ${String(json.modelId)}${seed}.`];
	if (typeof json.url === 'string') parts.push(`Link: ${json.url}`);
	else if (typeof json.s3Uri === 'string') parts.push(`Stored at ${json.s3Uri}.`);
	else
		parts.push(
			`The file ${String(json.fileName)} is attached to the workflow item as binary data (no link).`,
		);
	return [...parts, ...costSentence(json)].join(' ');
}

/** One item's answer: the compact JSON; an error item keeps its error and description. */
function answerOf(item: INodeExecutionData, noun: string): INodeExecutionData {
	const { json } = item;
	if (json.error !== undefined) {
		const failed: IDataObject = { error: json.error };
		if (isPlainValue(json.description)) failed.description = json.description;
		return { ...item, json: failed };
	}
	const answer: IDataObject = { summary: summaryOf(json, noun) };
	for (const [from, to] of KEPT_FIELDS) {
		const value = json[from];
		if (isPlainValue(value)) answer[to] = value;
	}
	return { ...item, json: answer };
}

/**
 * The items as an agent tool answers: each item's JSON replaced by its compact answer
 * (`noun`: `image`, `video`), binary data and pairing unchanged.
 */
export function toolAnswer(items: INodeExecutionData[], noun: string): INodeExecutionData[] {
	return items.map((item) => answerOf(item, noun));
}
