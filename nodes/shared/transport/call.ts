/**
 * One Bedrock call: the client for the region, the item's timeout and the execution's
 * cancellation combined into one abort signal, retries, and every failure described.
 */
import type { BedrockCredentials } from '../credentials';
import { getClient, type ClientByService, type Service } from './clients';
import { describeCallError, type CallDescription } from './errors';
import { withRetries } from './retry';

export interface CallOptions {
	/** The whole call, retries included; 0 or undefined waits as long as the SDK does. */
	timeoutMs?: number;
	/** Total attempts (≥ 1); throttling, 5xx and network failures are retried. */
	maxAttempts?: number;
	/** The execution's cancel signal (`this.getExecutionCancelSignal()`). */
	signal?: AbortSignal;
}

export const DEFAULT_MAX_ATTEMPTS = 4;

/** The credential's secret values, which no error message may repeat. */
function secretsOf(credentials: BedrockCredentials): string[] {
	const secrets: string[] = [];
	if ('apiKey' in credentials) secrets.push(credentials.apiKey);
	if ('keys' in credentials && credentials.keys) {
		secrets.push(credentials.keys.secretAccessKey);
		if (credentials.keys.sessionToken) secrets.push(credentials.keys.sessionToken);
	}
	return secrets;
}

export interface CallResult<T> {
	result: T;
	attempts: number;
	/** Wall time of the call, retries and backoff included. */
	latencyMs: number;
}

export async function callBedrock<S extends Service, T>(
	credentials: BedrockCredentials,
	service: S,
	call: CallDescription,
	send: (client: ClientByService[S], abortSignal: AbortSignal) => Promise<T>,
	options: CallOptions = {},
): Promise<CallResult<T>> {
	const started = performance.now();
	const timeout =
		options.timeoutMs && options.timeoutMs > 0 ? AbortSignal.timeout(options.timeoutMs) : undefined;
	const signals = [options.signal, timeout].filter((s): s is AbortSignal => s !== undefined);
	const abortSignal = signals.length === 1 ? signals[0] : AbortSignal.any(signals);
	let attempts = 0;
	try {
		const client = await getClient(service, credentials, call.region);
		const result = await withRetries(
			async (attempt) => {
				attempts = attempt;
				return await send(client, abortSignal);
			},
			{
				maxAttempts: Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
				signal: abortSignal,
			},
		);
		return { result, attempts, latencyMs: Math.round(performance.now() - started) };
	} catch (error) {
		if (typeof error === 'object' && error !== null && !('attempts' in error)) {
			Object.assign(error, { attempts: Math.max(attempts, 1) });
		}
		throw describeCallError(error, call, {
			secrets: secretsOf(credentials),
			cancelled: options.signal?.aborted === true,
			...(timeout?.aborted && !options.signal?.aborted
				? { timedOutAfterMs: options.timeoutMs }
				: {}),
		});
	}
}
