/** Every video model the async-invoke operations serve, keyed by base foundation-model ID. */
import { lumaRay2 } from './lumaRay.ts';
import { novaReel } from './novaReel.ts';
import type { VideoFamily } from './types.ts';

const VIDEO_FAMILIES: Record<string, VideoFamily> = {
	'luma.ray-v2:0': lumaRay2,
	'amazon.nova-reel-v1:0': novaReel,
	'amazon.nova-reel-v1:1': novaReel,
};

export function videoFamilyFor(modelId: string): VideoFamily | undefined {
	return VIDEO_FAMILIES[modelId];
}

export type { VideoPlan, VideoFamily } from './types.ts';
