/**
 * A video model family: the Bedrock models that share one `modelInput` shape for
 * StartAsyncInvoke, the fields the editor shows for them, how an item's fields become the
 * `modelInput` (checked before any call), how long the video will be and at which resolution
 * (its price tier in the shared price table).
 * Everything the node knows about a family is in its file; `./index.ts` lists them.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { ItemParams } from '../../shared/fields';

export interface VideoRequestInput {
	params: ItemParams;
	/** The model field's value: model ID or ARN, as it is invoked. */
	modelId: string;
	/** The foundation model behind it, when the ID names one. */
	baseModelId?: string;
}

/** What an item asks for: the `modelInput` as sent and what it describes. */
export interface VideoRequest {
	modelInput: Record<string, unknown>;
	/** Seconds of video the job will make (what it is billed by). */
	videoSeconds: number;
	/** `720p`, `540p`: the price tier. */
	resolution: string;
	/** `text-to-video`, `image-to-video`, `multi-shot-automated`… */
	task: string;
	/** The prompt(s) as sent, for the output. */
	prompt: string;
}

export interface VideoFamily {
	id: string;
	displayName: string;
	/** Substrings of model IDs that belong to the family (`luma.ray`). */
	modelIdMarkers: string[];
	exampleModelId: string;
	/** The fields the Generate Video and Start Only operations show for this family. */
	properties: INodeProperties[];
	/** Reads and checks the item's fields and input images; never calls AWS. */
	build(input: VideoRequestInput): Promise<VideoRequest>;
}
