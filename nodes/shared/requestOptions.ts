/**
 * The batch and call settings every invoking node offers under "Options": how many items run
 * at once, how long one item may take, how often throttled calls are retried, and the cost
 * guard's Dry Run and Budget (USD) (`./cost`).
 */
import { costFields, readCostSettings, type CostSettings } from './cost/options';
import { numberField, type Field, type ItemParams } from './fields';
import { DEFAULT_MAX_ATTEMPTS, type CallOptions } from './transport/call';

/** Text answers are small: four calls at a time is cheap and nearly four times as fast. */
export const DEFAULT_CONCURRENCY = 4;
const DEFAULT_TIMEOUT_SECONDS = 120;

export interface RequestSettings {
	concurrency: number;
	call: CallOptions;
	cost: CostSettings;
}

export interface RequestOptions {
	/** For the node's "Options" collection. */
	fields: Array<Field<number> | Field<boolean>>;
	/** The settings of an item's Options (`params.in('options')`), checked. */
	read(options: ItemParams): RequestSettings;
}

const maxAttempts = numberField({
	name: 'maxAttempts',
	displayName: 'Max Attempts',
	description:
		'Attempts per item when Bedrock throttles, is briefly unavailable or the connection drops, with growing random waits between them (1 = no retry)',
	default: DEFAULT_MAX_ATTEMPTS,
	min: 1,
	max: 10,
	integer: true,
});

const TIMEOUT_DESCRIPTION =
	'Longest time one item may take, retries included. 0 waits indefinitely.';

export interface TimeoutSpec {
	defaultSeconds: number;
	description: string;
}

/**
 * The settings with a node's default concurrency. Image nodes pass a lower one: each answer in
 * flight holds a few megabytes (the base64 answer and the decoded image). Video jobs run for
 * minutes: Bedrock Video passes its own timeout default and wording.
 */
export function requestOptions(
	defaultConcurrency = DEFAULT_CONCURRENCY,
	timeout: TimeoutSpec = {
		defaultSeconds: DEFAULT_TIMEOUT_SECONDS,
		description: TIMEOUT_DESCRIPTION,
	},
): RequestOptions {
	const timeoutSeconds = numberField({
		name: 'timeoutSeconds',
		displayName: 'Timeout (Seconds)',
		description: timeout.description,
		default: timeout.defaultSeconds,
		min: 0,
	});
	const concurrency = numberField({
		name: 'concurrency',
		displayName: 'Concurrency',
		description:
			'How many items are sent to Bedrock at the same time. 1 sends them strictly one after the other. Output order always follows the input.',
		default: defaultConcurrency,
		min: 1,
		max: 32,
		integer: true,
	});
	return {
		fields: [concurrency, maxAttempts, timeoutSeconds, ...costFields],
		read: (options) => ({
			concurrency: concurrency.read(options) ?? defaultConcurrency,
			cost: readCostSettings(options),
			call: {
				maxAttempts: maxAttempts.read(options) ?? DEFAULT_MAX_ATTEMPTS,
				timeoutMs: (timeoutSeconds.read(options) ?? timeout.defaultSeconds) * 1000,
			},
		}),
	};
}
