/**
 * Budget (USD) per node run. Two ways to hold it, by when a node knows its cost:
 *
 * - by estimate (images, video): the price is known before the call, so the whole input is
 *   estimated before the first one; items run in input order while their sum fits, and none
 *   runs past the budget (`selectWithinBudget`);
 * - by usage (text): the price is known only from the answer's tokens, so spend is counted as
 *   answers come and no new item starts once it reaches the budget. Calls in flight finish: the
 *   run can end above the budget by at most `concurrency` calls (`BudgetError.reached`).
 */
import { FieldError } from '../fields';

/** Sums are compared with this slack, so that $0.1 + $0.2 fits a $0.3 budget. */
const EPSILON = 1e-9;

/** `$0.14`, `$12.40`, `$0.50`, `$0.0000214`: cents, and four significant digits below a dollar. */
export function usd(amount: number): string {
	if (amount >= 1 || amount === 0) return `$${amount.toFixed(2)}`;
	const digits = amount.toPrecision(4).replace(/0+$/, '');
	return `$${digits.length - digits.indexOf('.') - 1 < 2 ? amount.toFixed(2) : digits}`;
}

/** An item that a budget keeps from running, or a run that does not fit; names the budget. */
export class BudgetError extends FieldError {
	constructor(message: string, description?: string) {
		super(message, description);
		this.name = 'BudgetError';
	}

	/** By estimate: an item after the ones that fit. */
	static overBudget(own: number, fitting: Selection, budget: number): BudgetError {
		return new BudgetError(
			`Over budget: not sent (the ${fitting.admitted.length} items before item ${fitting.firstOver} use ${usd(fitting.total)} of the ${usd(budget)} budget)`,
			`This item's estimate is ${usd(own)}. Items run in input order until the next one does not fit the Budget (USD); raise it, or run the rest in another execution.`,
		);
	}

	/** By usage: an item that would start after the spend reached the budget. */
	static reached(spent: number, budget: number): BudgetError {
		return new BudgetError(
			`Budget reached: not sent (${usd(spent)} spent of the ${usd(budget)} budget by the items before)`,
			'The node counts each answer’s tokens and starts no new call once the Budget (USD) is used; calls already running finish, so a run ends at most Concurrency calls above it.',
		);
	}
}

export interface ItemCost {
	itemIndex: number;
	usd: number;
	/** The model the item calls, for the largest contributors. */
	modelId: string;
}

export interface Selection {
	/** Items that fit, in input order. */
	admitted: number[];
	/** Their estimated sum. */
	total: number;
	/** The first item that does not fit, if any: it and every later item stay unsent. */
	firstOver?: number;
	/** The estimate of the whole input. */
	estimate: number;
}

/**
 * The items that run under a budget: the longest run of items from the start of the input
 * whose estimates fit. It stops at the first item that does not fit rather than skipping it for
 * cheaper later ones, so that what ran is always a prefix of the input: the next execution can
 * take up where this one stopped.
 */
export function selectWithinBudget(costs: ItemCost[], budget: number): Selection {
	const admitted: number[] = [];
	let total = 0;
	let firstOver: number | undefined;
	for (const cost of costs) {
		if (firstOver === undefined && total + cost.usd <= budget + EPSILON) {
			admitted.push(cost.itemIndex);
			total += cost.usd;
		} else {
			firstOver ??= cost.itemIndex;
		}
	}
	const estimate = costs.reduce((sum, cost) => sum + cost.usd, 0);
	return { admitted, total, estimate, ...(firstOver !== undefined ? { firstOver } : {}) };
}

/** The largest items and models of an estimate, for the error that stops a run. */
export function largestContributors(costs: ItemCost[], count = 3): string {
	const items = [...costs]
		.sort((a, b) => b.usd - a.usd || a.itemIndex - b.itemIndex)
		.slice(0, count)
		.map((cost) => `item ${cost.itemIndex} ${usd(cost.usd)} (${cost.modelId})`);
	const byModel = new Map<string, { usd: number; items: number }>();
	for (const cost of costs) {
		const entry = byModel.get(cost.modelId) ?? { usd: 0, items: 0 };
		entry.usd += cost.usd;
		entry.items += 1;
		byModel.set(cost.modelId, entry);
	}
	const models = [...byModel.entries()]
		.sort((a, b) => b[1].usd - a[1].usd)
		.slice(0, count)
		.map(
			([modelId, entry]) =>
				`${modelId} ${usd(entry.usd)} over ${entry.items} item${entry.items === 1 ? '' : 's'}`,
		);
	return `Largest items: ${items.join(', ')}. By model: ${models.join(', ')}.`;
}

/** The error that stops a run whose estimate exceeds the budget, before any call. */
export function runOverBudget(
	costs: ItemCost[],
	selection: Selection,
	budget: number,
): BudgetError {
	return new BudgetError(
		`The estimated cost of this run, ${usd(selection.estimate)}, is over the Budget (USD) of ${usd(budget)}: nothing was sent`,
		`${largestContributors(costs)} The first ${selection.admitted.length} items (${usd(selection.total)}) fit. Raise the budget or send fewer items; with Continue On Fail the items that fit run and the rest become "over budget" items. Dry Run shows each item's estimate.`,
	);
}

/** An item under a budget whose cost cannot be estimated: running it could exceed the budget. */
export function unpricedUnderBudget(priceSource: string): BudgetError {
	return new BudgetError(
		`No price is known for this item, so the Budget (USD) cannot be held: not sent`,
		`${priceSource}. Add its price to the price override file (N8N_BEDROCK_PRICES_FILE, docs/cost.md) or clear the budget.`,
	);
}
