/**
 * The video model families the node knows, and which one a model ID belongs to.
 */
import { unitsCost, type CostEstimate } from '../../shared/cost';

import { lumaRay } from './lumaRay';
import { novaReel } from './novaReel';
import type { VideoFamily } from './types';

export const VIDEO_FAMILIES: readonly VideoFamily[] = [lumaRay, novaReel];

export function familyOfModelId(modelId: string): VideoFamily | undefined {
	return VIDEO_FAMILIES.find((family) =>
		family.modelIdMarkers.some((marker) => modelId.includes(marker)),
	);
}

export function familyById(id: string): VideoFamily | undefined {
	return VIDEO_FAMILIES.find((family) => family.id === id);
}

/**
 * What a job's video costs on demand: its seconds at the per-second rate of its foundation
 * model and resolution, from the shared price table (nodes/shared/cost/prices.ts), the one
 * source of the node's prices, overrides included.
 */
export function estimateVideoPrice(
	baseModelId: string | undefined,
	modelId: string,
	seconds: number,
	resolution: string,
): CostEstimate {
	return unitsCost(baseModelId, modelId, 'second', seconds, { resolution });
}

export type { VideoFamily, VideoRequest } from './types';
