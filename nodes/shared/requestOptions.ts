/**
 * The batch and call settings every invoking node offers under "Options": how many items run
 * at once, how long one item may take, and how often throttled calls are retried.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_ATTEMPTS, type CallOptions } from './transport/call';

/** Text answers are small: four calls at a time is cheap and nearly four times as fast. */
export const DEFAULT_CONCURRENCY = 4;
const DEFAULT_TIMEOUT_SECONDS = 120;

/**
 * Fields for a node's "Options" collection. Image nodes pass a lower concurrency: each answer
 * in flight holds a few megabytes (the base64 answer and the decoded image).
 */
export const requestOptionFields = (
	defaultConcurrency = DEFAULT_CONCURRENCY,
): INodeProperties[] => [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 32 },
		default: defaultConcurrency,
		description:
			'How many items are sent to Bedrock at the same time. 1 sends them strictly one after the other. Output order always follows the input.',
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: DEFAULT_MAX_ATTEMPTS,
		description:
			'Attempts per item when Bedrock throttles, is briefly unavailable or the connection drops, with growing random waits between them (1 = no retry)',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_TIMEOUT_SECONDS,
		description: 'Longest time one item may take, retries included. 0 waits indefinitely.',
	},
];

export interface RequestSettings {
	concurrency: number;
	call: CallOptions;
}

/** Reads the settings from the "Options" collection named `collection`. */
export function readRequestSettings(
	context: IExecuteFunctions,
	collection = 'options',
	itemIndex = 0,
	defaultConcurrency = DEFAULT_CONCURRENCY,
): RequestSettings {
	const options = context.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	const number = (value: unknown, fallback: number) =>
		typeof value === 'number' && Number.isFinite(value) ? value : fallback;
	return {
		concurrency: Math.max(1, Math.floor(number(options.concurrency, defaultConcurrency))),
		call: {
			maxAttempts: Math.max(1, Math.floor(number(options.maxAttempts, DEFAULT_MAX_ATTEMPTS))),
			timeoutMs: Math.max(0, number(options.timeoutSeconds, DEFAULT_TIMEOUT_SECONDS) * 1000),
		},
	};
}
