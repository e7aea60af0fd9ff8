/**
 * A model family: the Bedrock image models that share one request and response shape, the
 * operations they can do, the fields each operation shows for them, how an item's fields
 * become request bodies, how the answer is read, what a request is billed on and how the
 * family's content filter refuses a request. Everything the node knows about a family is here, so
 * adding a family is its file (under `stability/` or `amazon/`, by vendor) plus one line in
 * `./index.ts`.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { OperationKey } from '../actions/operations';
import type { PriceFacts } from '../../shared/cost';
import type { ItemParams } from '../../shared/fields';

export interface TaskInput {
	params: ItemParams;
	/** The model field's value: model ID, profile ID or ARN, as it is invoked. */
	modelId: string;
	/** The foundation model behind it, when known (profile prefix removed, ARN resolved). */
	baseModelId?: string;
}

/** The request bodies of one item: one per InvokeModel call, in order. */
export interface TaskPlan {
	bodies: Array<Record<string, unknown>>;
	/** The prompt as sent, reported in the output. */
	prompt?: string;
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
}

/** What one request is billed on: the images it makes and the facts that pick their price row. */
export interface ImageBilling {
	images: number;
	/** Size (the image's width and height), steps, quality: what the price table's tiers compare. */
	facts: PriceFacts;
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
}
