/**
 * The cost guard shared by every invoking node: the price table and its override file,
 * estimates, Dry Run, Budget (USD) and the spend report to the execution's custom data.
 * docs/cost.md describes it for users and how a node adopts it.
 */
export { runGuarded, type CallTools, type GuardOptions, type PreparedItem } from './guard';
export {
	sumCosts,
	tokensCost,
	unitsCost,
	type CostEstimate,
	type TokenUsage,
} from './estimate';
export { costFields, readCostSettings, type CostSettings } from './options';
export type { PriceFacts } from './priceTable';
