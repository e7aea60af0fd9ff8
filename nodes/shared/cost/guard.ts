/**
 * The cost guard every invoking node runs its items through: Dry Run, Budget (USD) and the
 * spend report, on top of the shared item runner (`../runItems`: concurrency, input order,
 * pairing, Continue On Fail, cancellation).
 *
 * A node adopts it by splitting its item work in two (docs/cost.md#adopting-the-cost-guard):
 * `prepare` reads and checks the item's fields and builds its requests with their estimated
 * cost, calling nothing that is billed; the `run` it returns makes the calls and reports each
 * call's cost through `tools.spent`. The guard then
 *
 * - on Dry Run, outputs one item per input item with the requests and the estimate, and calls
 *   nothing else;
 * - with a budget held by estimate, prepares every item first, runs the items that fit in
 *   input order and stops the others (or the whole run, without Continue On Fail) before any
 *   call;
 * - with a budget held by usage, runs items while the spend of finished calls is below the
 *   budget;
 * - in every case adds the run's spend to the execution's custom data (`./spend.ts`), also
 *   when the node fails.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { asNodeError, runItemsWithConnection } from '../runItems';
import type { BedrockConnection } from '../transport/connection';
import {
	BudgetError,
	runOverBudget,
	selectWithinBudget,
	unpricedUnderBudget,
	type ItemCost,
} from './budget';
import { summariseRequest } from './dryRun';
import type { CostEstimate } from './estimate';
import { overrideRows } from './overrides';
import type { CostSettings } from './options';
import { SpendLedger } from './spend';

export interface CallTools {
	/** The item makes no further call (`runItems`): the next item may start calling. */
	callsDone(): void;
	/** A finished call's cost, as priced after the answer. */
	spent(modelId: string, cost: CostEstimate): void;
}

/** One item, checked and built, with nothing sent yet. */
export interface PreparedItem {
	/** The model field's value, as it is called. */
	modelId: string;
	/** The foundation model behind it, when known and different. */
	baseModelId?: string;
	/** The node's operation (`generate`, `converse`…). */
	operation: string;
	/** Each request as it would be sent, in order. */
	requests: unknown[];
	/** What the Dry Run item shows besides the requests (family, prompt…). */
	details?: IDataObject;
	/** The estimate before any call. */
	estimate: CostEstimate;
	/** Makes the item's calls and returns its output items. */
	run(tools: CallTools): Promise<INodeExecutionData[]>;
}

export type PrepareItem = (
	connection: BedrockConnection,
	itemIndex: number,
) => Promise<PreparedItem>;

export interface GuardOptions {
	concurrency: number;
	cost: CostSettings;
	/**
	 * `estimate`: the estimate before the call is the price (images, video): a budget is held
	 * before the first call. `usage`: only the answer tells (text): a budget is held by the
	 * spend of finished calls.
	 */
	budgetBy: 'estimate' | 'usage';
}

/** The Dry Run item of a prepared item. */
function dryRunItem(prepared: PreparedItem, itemIndex: number): INodeExecutionData {
	const { estimate } = prepared;
	return {
		json: {
			dryRun: true,
			modelId: prepared.modelId,
			...(prepared.baseModelId && prepared.baseModelId !== prepared.modelId
				? { baseModelId: prepared.baseModelId }
				: {}),
			operation: prepared.operation,
			...prepared.details,
			requests: summariseRequest(prepared.requests) as IDataObject[],
			estimatedCostUsd: estimate.usd,
			priceSource: estimate.priceSource,
			...(estimate.basis ? { estimateBasis: estimate.basis } : {}),
		},
		pairedItem: { item: itemIndex },
	};
}

function withTools(ledger: SpendLedger, callsDone: () => void): CallTools {
	return { callsDone, spent: (modelId, cost) => ledger.add(modelId, cost.usd) };
}

/** Checks the price override file once per run: a broken file stops the node, whatever the items. */
function checkPriceFile(context: IExecuteFunctions): void {
	try {
		overrideRows();
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			description:
				'The administrator’s price file (N8N_BEDROCK_PRICES_FILE) is read before any call, so that estimates and budgets use the intended prices. Fix the row or unset the variable; docs/cost.md shows the format.',
		});
	}
}

/** By estimate: every item prepared (nothing sent), then the items that fit. */
async function runWithinEstimate(
	context: IExecuteFunctions,
	options: GuardOptions,
	budget: number,
	prepare: PrepareItem,
	ledger: SpendLedger,
): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const failed = new Map<number, Error>();
	const costs: ItemCost[] = [];
	await runItemsWithConnection(context, 1, async (connection, itemIndex) => {
		let failure: Error | undefined;
		try {
			const prepared = await prepare(connection, itemIndex);
			const { usd } = prepared.estimate;
			if (usd === null) failure = unpricedUnderBudget(prepared.estimate.priceSource);
			else costs.push({ itemIndex, usd, modelId: prepared.baseModelId ?? prepared.modelId });
		} catch (error) {
			failure = asNodeError(context, error, itemIndex);
		}
		// Without Continue On Fail the first bad item stops the node here, before any call.
		if (failure && !continueOnFail) throw failure;
		if (failure) failed.set(itemIndex, failure);
		return [];
	});
	const selection = selectWithinBudget(costs, budget);
	if (selection.firstOver !== undefined && !continueOnFail) {
		throw asNodeError(context, runOverBudget(costs, selection, budget), selection.firstOver);
	}
	const admitted = new Set(selection.admitted);
	const own = new Map(costs.map((cost) => [cost.itemIndex, cost.usd]));
	return await runItemsWithConnection(
		context,
		options.concurrency,
		async (connection, itemIndex, callsDone) =>
			await (await prepare(connection, itemIndex)).run(withTools(ledger, callsDone)),
		{
			admit: (itemIndex) =>
				failed.get(itemIndex) ??
				(admitted.has(itemIndex)
					? undefined
					: BudgetError.overBudget(own.get(itemIndex) ?? 0, selection, budget)),
		},
	);
}

/**
 * Runs the node's items under its cost settings. `prepare` must not call anything billed; the
 * `run` it returns reports every paid call's cost through `tools.spent`.
 */
export async function runGuarded(
	context: IExecuteFunctions,
	options: GuardOptions,
	prepare: PrepareItem,
): Promise<INodeExecutionData[]> {
	checkPriceFile(context);
	const ledger = new SpendLedger();
	const { dryRun, budgetUsd } = options.cost;
	try {
		if (dryRun) {
			const costs: ItemCost[] = [];
			const items = await runItemsWithConnection(context, 1, async (connection, itemIndex) => {
				const prepared = await prepare(connection, itemIndex);
				const { usd } = prepared.estimate;
				ledger.addDryRun(usd);
				if (usd !== null) costs.push({ itemIndex, usd, modelId: prepared.modelId });
				return [dryRunItem(prepared, itemIndex)];
			});
			// With a budget held by estimate, each item says whether the real run would send it.
			const fitting =
				budgetUsd !== undefined && options.budgetBy === 'estimate'
					? new Set(selectWithinBudget(costs, budgetUsd).admitted)
					: undefined;
			for (const item of items) {
				// Error items (Continue On Fail) are marked too: nothing downstream takes them for results.
				item.json.dryRun = true;
				const itemIndex = (item.pairedItem as { item: number }).item;
				if (fitting && item.json.error === undefined)
					item.json.withinBudget = fitting.has(itemIndex);
			}
			return items;
		}
		if (budgetUsd !== undefined && options.budgetBy === 'estimate') {
			return await runWithinEstimate(context, options, budgetUsd, prepare, ledger);
		}
		return await runItemsWithConnection(
			context,
			options.concurrency,
			async (connection, itemIndex, callsDone) => {
				const prepared = await prepare(connection, itemIndex);
				// A call nobody can price would leave the budget unheld.
				if (budgetUsd !== undefined && prepared.estimate.noPrice) {
					throw unpricedUnderBudget(prepared.estimate.priceSource);
				}
				return await prepared.run(withTools(ledger, callsDone));
			},
			budgetUsd === undefined
				? {}
				: {
						admit: () =>
							ledger.total >= budgetUsd ? BudgetError.reached(ledger.total, budgetUsd) : undefined,
					},
		);
	} finally {
		ledger.report(context);
	}
}
