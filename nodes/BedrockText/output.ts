/**
 * The fields every output item carries about its call: which model answered where, how long
 * it took, what it cost, and whether the model is on its way out.
 */
import type { IDataObject } from 'n8n-workflow';

import { tokensCost, type CostEstimate } from '../shared/cost';
import type { TokenCounts } from './tokenUsage';

export interface CallInfo {
	/** The model field's value, as called. */
	modelId: string;
	/** The foundation model behind it, when known. */
	foundationModelId?: string;
	region: string;
	requestId?: string;
	attempts: number;
	/** Wall time of the call, retries included. */
	latencyMs: number;
	/** Unknown for native bodies when Bedrock sent no token counts. */
	usage?: TokenCounts;
	lifecycleNotice?: string;
}

/** The cost of a call from its token counts, when Bedrock sent them. */
export function callCost(
	call: Pick<CallInfo, 'modelId' | 'foundationModelId' | 'usage'>,
): CostEstimate {
	return call.usage
		? tokensCost(call.foundationModelId, call.modelId, call.usage)
		: { usd: null, priceSource: 'Bedrock returned no token counts, so no estimate' };
}

export function callFields(call: CallInfo, cost: CostEstimate = callCost(call)): IDataObject {
	return {
		latencyMs: call.latencyMs,
		modelId: call.modelId,
		...(call.foundationModelId && call.foundationModelId !== call.modelId
			? { foundationModelId: call.foundationModelId }
			: {}),
		region: call.region,
		requestId: call.requestId ?? null,
		attempts: call.attempts,
		estimatedCostUsd: cost.usd,
		priceSource: cost.priceSource,
		...(call.lifecycleNotice ? { lifecycleNotice: call.lifecycleNotice } : {}),
	};
}
