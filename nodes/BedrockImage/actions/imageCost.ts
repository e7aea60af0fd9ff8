/**
 * What a request of Bedrock Image costs: the family's billing rule (how many images, which
 * tier facts) priced by the shared price table.
 */
import { unitsCost, type CostEstimate } from '../../shared/cost';
import type { ImageFamily } from '../families/types';

export interface PricedModel {
	family: ImageFamily;
	/** The model field's value, as called (a `global.` profile is priced as such). */
	modelId: string;
	/** The foundation model behind it; without it there is no price (an unresolved ARN). */
	baseModelId?: string;
}

/** The estimate of one request body before its call: every image it asks for. */
export function requestCost(model: PricedModel, body: Record<string, unknown>): CostEstimate {
	const { images, facts } = model.family.billing(body);
	return unitsCost(model.baseModelId, model.modelId, 'image', images, facts);
}

/** The cost of one image the model returned, at its actual size. */
export function imageCost(
	model: PricedModel,
	body: Record<string, unknown>,
	size: { width: number; height: number },
): CostEstimate {
	const { facts } = model.family.billing(body);
	return unitsCost(model.baseModelId, model.modelId, 'image', 1, { ...facts, ...size });
}
