/**
 * The video model families the node knows, and which one a model ID belongs to.
 */
import { lumaRay } from './lumaRay';
import { novaReel } from './novaReel';
import type { VideoFamily, VideoPriceRule } from './types';

export const VIDEO_FAMILIES: readonly VideoFamily[] = [lumaRay, novaReel];

export function familyOfModelId(modelId: string): VideoFamily | undefined {
	return VIDEO_FAMILIES.find((family) =>
		family.modelIdMarkers.some((marker) => modelId.includes(marker)),
	);
}

export function familyById(id: string): VideoFamily | undefined {
	return VIDEO_FAMILIES.find((family) => family.id === id);
}

export interface PriceEstimate {
	usd: number;
	source: string;
}

/**
 * What a video of `seconds` costs on demand, by its foundation model and resolution; undefined
 * when no price is known.
 */
export function estimateVideoPrice(
	baseModelId: string | undefined,
	seconds: number,
	resolution: string,
): PriceEstimate | undefined {
	if (!baseModelId) return undefined;
	const rule: VideoPriceRule | undefined = familyOfModelId(baseModelId)?.prices[baseModelId];
	const perSecond = rule?.usdPerSecond[resolution];
	if (!rule || perSecond === undefined) return undefined;
	return { usd: Math.round(perSecond * seconds * 10_000) / 10_000, source: rule.source };
}

export type { VideoFamily, VideoRequest } from './types';
