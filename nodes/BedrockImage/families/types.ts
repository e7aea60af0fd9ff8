/**
 * A model family: the Bedrock image models that share one request and response shape, the
 * operations they can do, the fields each operation shows for them, the Bedrock operation
 * their requests go through (InvokeModel or Converse), how an item's fields become request
 * bodies, how the answer is read, what a request is billed on and how the family's content
 * filter refuses a request. Everything the node knows about a family is here, so adding a
 * family is its file (under `stability/` or `amazon/`, by vendor) plus one line in `./index.ts`.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { OperationKey } from '../actions/operations';
import type { PriceFacts, TextRequestSize } from '../../shared/cost';
import type { ItemParams } from '../../shared/fields';

export interface TaskInput {
	params: ItemParams;
	/** The model field's value: model ID, profile ID or ARN, as it is invoked. */
	modelId: string;
	/** The foundation model behind it, when known (profile prefix removed, ARN resolved). */
	baseModelId?: string;
}

/**
 * The Bedrock operation a family's requests go through:
 * - `invokeModel`: each planned body is the model's native JSON request body, and
 *   `parseResponse` gets the model's JSON answer;
 * - `converse`: each planned body is a Converse request without `modelId` (`messages`,
 *   `system`, `inferenceConfig`…, image bytes as `Uint8Array`), and `parseResponse` gets
 *   Converse's answer (`output.message.content`, `stopReason`, `usage`) as the SDK returns it
 *   (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html).
 */
export type ImageApi = 'invokeModel' | 'converse';

/** The size the prompt asks for, when the model takes it as a hint rather than a parameter. */
export interface SizeHint {
	/** As reported: `16:9`, `1280x720`. */
	label: string;
	/** Width divided by height. */
	ratio: number;
}

/** The request bodies of one item: one per call, in order; the calls may run in parallel. */
export interface TaskPlan {
	bodies: Array<Record<string, unknown>>;
	/** The prompt as sent, reported in the output. */
	prompt?: string;
	/**
	 * Set when the size is only asked for in the prompt: the output reports it next to the size
	 * of the image made, with a notice when their aspect ratios differ.
	 */
	sizeHint?: SizeHint;
}

export interface FamilyTask {
	/** The fields this operation shows for this family (the node adds when to show them). */
	properties: INodeProperties[];
	/** Reads and checks the item's fields and input images; never calls Bedrock. */
	plan(input: TaskInput): Promise<TaskPlan>;
}

export interface GeneratedImage {
	data: Buffer;
	/** The seed that produced it, when the model reports or the request fixed one. */
	seed?: number;
	/** The model's finish reason, `SUCCESS` when it reports none. */
	finishReason: string;
}

export interface ParsedResponse {
	images: GeneratedImage[];
	/** The mask the model used, when the request asked for it (`returnMask`). */
	mask?: Buffer;
	/** Set when a content filter removed some or all images: the filter and its verdict. */
	filtered?: string;
	/** Set when the model failed without filtering (e.g. "Inference error"). */
	failure?: string;
	/** What to do about `filtered` or `failure`, when the family knows better than the node. */
	hint?: string;
	/** Text the model wrote beside its images (Converse answers). */
	text?: string;
	/** Token counts, for models billed by token (Converse answers). */
	usage?: TokenUsage;
}

export interface TokenUsage {
	inputTokens: number;
	outputTokens: number;
	totalTokens: number;
}

/** What one request is billed on: the images it makes and the facts that pick their price row. */
export interface ImageBilling {
	images: number;
	/** Size (the image's width and height), steps, quality: what the price table's tiers compare. */
	facts: PriceFacts;
	/**
	 * Set for models billed by token (Converse answers): the request's size, for an upper bound
	 * before the call; after it, the answer's `usage` is priced instead.
	 */
	tokens?: TextRequestSize;
}

export interface ImageFamily {
	/** Stable key, the value of the node's Model Family option. */
	id: string;
	/** `Stability SDXL 1.0`, `Amazon Nova Canvas`… */
	displayName: string;
	/**
	 * Text found in every model ID, profile ID and foundation-model ARN of the family (one of
	 * them). The editor uses them to show the family's fields, the node to detect the family;
	 * no two families share a marker. Plain text (`_cnd.includes`) rather than regular
	 * expressions: n8n runs displayOptions regexes in a `vm` sandbox with a time limit
	 * (packages/workflow/src/safe-regex.ts), slow and fragile on a busy host.
	 */
	modelIdMarkers: readonly string[];
	/** A model ID of the family, for placeholders and documentation. */
	exampleModelId: string;
	tasks: Partial<Record<OperationKey, FamilyTask>>;
	/** How the requests reach Bedrock; InvokeModel when left out. */
	api?: ImageApi;
	/**
	 * A sentence every output item of the family carries (and the editor shows with its
	 * fields), e.g. that the model is a preview and where it is offered.
	 */
	notice?: string;
	/** Reads the model's answer to one call. */
	parseResponse(body: unknown, request: Record<string, unknown>): ParsedResponse;
	/**
	 * The family's price rule for one request body: how many images it makes and the facts its
	 * price tier depends on. The prices themselves are rows of the price table
	 * (nodes/shared/cost/prices.ts), where an administrator can correct them.
	 */
	billing(body: Record<string, unknown>): ImageBilling;
	/**
	 * The text of a ValidationException by which the family's content filter refuses a request
	 * (no image is made); the node reports it as a content-filter error with what to do.
	 * Families whose filter answers with a normal response (and a reason) leave it out.
	 */
	contentFilterRefusal?: RegExp;
	/**
	 * What to know when AWS denies access to the family's models, put before the usual advice
	 * (e.g. that a preview model needs preview access for the account).
	 */
	accessHint?: string;
}
