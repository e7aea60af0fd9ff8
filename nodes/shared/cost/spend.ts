/**
 * The spend of one node run, added to the execution's custom data so that the executions list
 * can show and filter what a run cost (https://docs.n8n.io/workflows/executions/custom-executions-data/):
 *
 * - `bedrock_spend_usd`: the estimated spend of every Bedrock node of the execution so far;
 * - `bedrock_spend_models`: the same by model, `model=usd;model=usd`, largest first;
 * - `bedrock_unpriced_calls`: calls no price was known for (only when there were some);
 * - `bedrock_dry_run_usd`: what the Dry Run items of the execution would cost.
 *
 * n8n keeps at most 10 custom data keys per execution, keys up to 50 characters and values up
 * to 255 (packages/core/src/execution-engine/node-execution-context/utils/execution-metadata.ts):
 * four keys at most, and a models list cut to 255 characters (`;+N more`). Each node run reads
 * what earlier nodes wrote and adds to it. Where n8n offers no custom data (older versions, or
 * when the limit of 10 keys is already used by the workflow) the figures stay in the items.
 */
import type { IExecuteFunctions, IWorkflowExecutionCustomData } from 'n8n-workflow';

export const SPEND_KEY = 'bedrock_spend_usd';
export const MODELS_KEY = 'bedrock_spend_models';
export const UNPRICED_KEY = 'bedrock_unpriced_calls';
export const DRY_RUN_KEY = 'bedrock_dry_run_usd';

const MAX_VALUE_LENGTH = 255;

/** USD with up to 8 decimals (a short text call costs millionths of a dollar), no trailing zeros. */
const amount = (usd: number) => usd.toFixed(8).replace(/\.?0+$/, '') || '0';

/** `a=0.1;b=0.2` → Map; a `+N more` tail is dropped. */
export function parseModels(value: string | undefined): Map<string, number> {
	const models = new Map<string, number>();
	for (const entry of (value ?? '').split(';')) {
		const at = entry.lastIndexOf('=');
		const usd = Number(entry.slice(at + 1));
		if (at > 0 && Number.isFinite(usd)) models.set(entry.slice(0, at), usd);
	}
	return models;
}

/** The models, largest spend first, within n8n's value length. */
export function formatModels(models: Map<string, number>): string {
	const entries = [...models.entries()]
		.sort((a, b) => b[1] - a[1])
		.map(([model, usd]) => `${model}=${amount(usd)}`);
	for (let kept = entries.length; kept >= 0; kept--) {
		const rest = entries.length - kept;
		const value = [...entries.slice(0, kept), ...(rest > 0 ? [`+${rest} more`] : [])].join(';');
		if (value.length <= MAX_VALUE_LENGTH) return value;
	}
	return '';
}

/** The custom data of the run, or undefined where n8n does not offer it. */
function customDataOf(context: IExecuteFunctions): IWorkflowExecutionCustomData | undefined {
	try {
		const data = context.customData;
		return typeof data?.getAll === 'function' ? data : undefined;
	} catch {
		// n8n throws when the context has no execution data (e.g. a node run as an AI tool).
		return undefined;
	}
}

export class SpendLedger {
	private readonly models = new Map<string, number>();
	private unpriced = 0;
	private dryRun = 0;
	private dryRunItems = 0;
	/** The priced spend of this node run so far. */
	total = 0;

	/** One paid call's (or item's) cost; null when no price was known. */
	add(modelId: string, usd: number | null): void {
		if (usd === null) {
			this.unpriced++;
			return;
		}
		this.total += usd;
		this.models.set(modelId, (this.models.get(modelId) ?? 0) + usd);
	}

	/** A Dry Run item's estimate: nothing was spent. */
	addDryRun(usd: number | null): void {
		this.dryRunItems++;
		if (usd !== null) this.dryRun += usd;
	}

	/** Adds this run's figures to the execution's custom data. */
	report(context: IExecuteFunctions): void {
		const data = customDataOf(context);
		if (!data) return;
		const existing = data.getAll();
		const added = (key: string, value: number) => amount(Number(existing[key] ?? 0) + value);
		const update: Record<string, string> = {};
		if (this.models.size > 0 || this.unpriced > 0) {
			update[SPEND_KEY] = added(SPEND_KEY, this.total);
			const models = parseModels(existing[MODELS_KEY]);
			for (const [model, usd] of this.models) models.set(model, (models.get(model) ?? 0) + usd);
			if (models.size > 0) update[MODELS_KEY] = formatModels(models);
		}
		if (this.unpriced > 0) update[UNPRICED_KEY] = added(UNPRICED_KEY, this.unpriced);
		if (this.dryRunItems > 0) update[DRY_RUN_KEY] = added(DRY_RUN_KEY, this.dryRun);
		try {
			// One key at a time: n8n drops a new key past its limit, and keeps the rest.
			for (const [key, value] of Object.entries(update)) data.set(key, value);
		} catch {
			// Manual runs throw on keys n8n refuses; ours are valid, and the items keep the figures.
		}
	}
}
