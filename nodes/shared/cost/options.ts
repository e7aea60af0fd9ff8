/**
 * The two cost options every invoking node offers under "Options" (through
 * `../requestOptions`): Dry Run and Budget (USD). Read once per node run, from the first item.
 */
import { booleanField, numberField, type ItemParams } from '../fields';

export interface CostSettings {
	dryRun: boolean;
	/** USD per node run; undefined: no budget. */
	budgetUsd?: number;
}

export const dryRunField = booleanField({
	name: 'dryRun',
	displayName: 'Dry Run',
	description:
		'Whether to check every item and build its request without sending anything to Bedrock (nothing is billed). Each output item shows the request, its estimated cost and any error, and carries no binary data.',
	default: false,
});

export const budgetField = numberField({
	name: 'budgetUsd',
	displayName: 'Budget (USD)',
	description:
		'The most this node may spend each time it runs in an execution, from the price table’s list prices; 0 = no budget. Images and video: the whole input is estimated first and only the items that fit run. Text: items stop once the answers’ tokens reach it; calls in flight may add up to Concurrency calls.',
	default: 0,
	min: 0,
	precision: 2,
});

export const costFields = [dryRunField, budgetField];

export function readCostSettings(options: ItemParams): CostSettings {
	const budget = budgetField.read(options);
	return {
		dryRun: dryRunField.read(options) ?? false,
		...(budget ? { budgetUsd: budget } : {}),
	};
}
