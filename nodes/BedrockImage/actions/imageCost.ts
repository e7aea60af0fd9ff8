/**
 * What a request of Bedrock Image costs: the family's billing rule (how many images, which
 * tier facts) priced by the shared price table. A family billed by token (Nova 2 Omni, through
 * Converse) is priced before its call by an upper bound of its tokens, after it by the
 * answer's token counts, shared by the call's images.
 */
import { costBeforeAnswer, tokensCost, unitsCost, type CostEstimate } from '../../shared/cost';
import type { ImageFamily, TokenUsage } from '../families/types';

export interface PricedModel {
	family: ImageFamily;
	/** The model field's value, as called (a `global.` profile is priced as such). */
	modelId: string;
	/** The foundation model behind it; without it there is no price (an unresolved ARN). */
	baseModelId?: string;
}

/** The estimate of one request body before its call: every image it asks for. */
export function requestCost(model: PricedModel, body: Record<string, unknown>): CostEstimate {
	const { images, facts, tokens } = model.family.billing(body);
	if (tokens) return costBeforeAnswer(model.baseModelId, model.modelId, tokens);
	return unitsCost(model.baseModelId, model.modelId, 'image', images, facts);
}

/**
 * The cost of each image one call returned: at its actual size, or, for a family billed by
 * token, the call's tokens split evenly over its images.
 */
export function imageCosts(
	model: PricedModel,
	body: Record<string, unknown>,
	sizes: ReadonlyArray<{ width: number; height: number }>,
	usage?: TokenUsage,
): CostEstimate[] {
	const { facts, tokens } = model.family.billing(body);
	if (tokens) {
		const call = usage
			? tokensCost(model.baseModelId, model.modelId, {
					inputTokens: usage.inputTokens,
					outputTokens: usage.outputTokens,
					cacheReadInputTokens: 0,
					cacheWriteInputTokens: 0,
				})
			: // No usage in the answer: the bound before the call is all that is known.
				requestCost(model, body);
		const share =
			call.usd === null ? null : Number((call.usd / Math.max(1, sizes.length)).toPrecision(6));
		return sizes.map(() => ({ ...call, usd: share }));
	}
	return sizes.map((size) =>
		unitsCost(model.baseModelId, model.modelId, 'image', 1, { ...facts, ...size }),
	);
}
