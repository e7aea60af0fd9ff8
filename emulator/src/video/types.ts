/**
 * The contract between the async-invoke operations and the video model families: a family
 * validates a `modelInput` document the way the model does and answers with the plan of the
 * job — what the finished video looks like and which files the job writes.
 */

export interface VideoPlan {
	width: number;
	height: number;
	fps: number;
	/** Seconds of `output.mp4`. */
	durationSeconds: number;
	/** Nova Reel multi-shot: one `shot_000N.mp4` of `shotSeconds` per shot next to `output.mp4`. */
	shots?: { count: number; shotSeconds: number };
	/** Nova Reel writes `manifest.json` and `generation-status.json` next to the video. */
	statusFiles: boolean;
	/** Every text of the request, for the content-filter triggers. */
	texts: string[];
	/** What the request asked for, echoed in the emulator's manifest (never secrets or image bytes). */
	summary: Record<string, unknown>;
}

/** Reads objects of the emulator's S3 store, for image sources given as `s3Location`. */
export type ObjectReader = (bucket: string, key: string) => Buffer | undefined;

export interface VideoRequestContext {
	/** Base foundation-model ID, e.g. `amazon.nova-reel-v1:1`. */
	modelId: string;
	readObject: ObjectReader;
}

/** Validates `modelInput` (throws the ValidationException the model answers) and plans the job. */
export type VideoFamily = (modelInput: unknown, context: VideoRequestContext) => VideoPlan;
