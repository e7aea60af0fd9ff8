/**
 * Retries for Bedrock calls: throttling, transient network failures and 5xx answers are
 * retried with exponential backoff and full jitter; everything else fails at once.
 *
 * Why our own loop rather than the SDK's retry strategy (the SDK clients run with
 * `maxAttempts: 1`):
 * - the SDK sleeps between attempts with a timer nothing can cancel, so stopping a workflow
 *   would wait for the backoff; here the sleep ends when the execution is cancelled;
 * - the SDK's standard strategy draws retries from a token bucket per client, and one client
 *   serves a whole batch of items: a burst of throttling would drain it and fail items that
 *   should have waited;
 * - the caller learns how many attempts were made, so the final error can say so.
 *
 * The classification follows the SDK's own (smithy-typescript,
 * packages/service-error-classification/src/constants.ts).
 */

/** Smithy's backoff constants: base delays for throttling and other retryable errors, and the cap. */
const THROTTLING_BASE_DELAY_MS = 500;
const TRANSIENT_BASE_DELAY_MS = 100;
const MAX_DELAY_MS = 20_000;

const THROTTLING_CODES = new Set([
	'ThrottlingException',
	'TooManyRequestsException',
	'RequestLimitExceeded',
	'Throttling',
	'SlowDown',
]);
/** Modeled as retryable on Bedrock (smithy `@retryable` trait), answered with 429 while a model loads. */
const MODEL_NOT_READY = 'ModelNotReadyException';
const TRANSIENT_CODES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EAI_AGAIN',
	'ERR_HTTP2_STREAM_ERROR',
	'ERR_HTTP2_SESSION_ERROR',
]);
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);

export type RetryReason = 'throttling' | 'transient';

interface ErrorShape {
	name?: string;
	code?: string;
	message?: string;
	$retryable?: unknown;
	$metadata?: { httpStatusCode?: number; clockSkewCorrected?: boolean };
}

/** Why an error is worth another attempt, or `undefined` when it is final. */
export function retryReason(error: unknown): RetryReason | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const e = error as ErrorShape;
	if (e.name === 'AbortError') return undefined;
	const status = e.$metadata?.httpStatusCode;
	if (status === 429 || THROTTLING_CODES.has(e.name ?? '') || e.name === MODEL_NOT_READY) {
		return 'throttling';
	}
	if (e.$retryable !== undefined) return 'transient';
	if (TRANSIENT_CODES.has(e.name ?? '') || NETWORK_CODES.has(e.code ?? '')) return 'transient';
	if (status !== undefined && TRANSIENT_STATUS.has(status)) return 'transient';
	// The SDK corrects its clock offset after a skew error; the next attempt is signed right.
	if (e.$metadata?.clockSkewCorrected) return 'transient';
	return undefined;
}

export interface RetryOptions {
	/** Total attempts, the first included (≥ 1). */
	maxAttempts: number;
	/** Ends the waiting between attempts (and is handed to each attempt). */
	signal?: AbortSignal;
	/** Injected in unit tests. */
	random?: () => number;
}

/** Thrown error, annotated with what the loop did. */
export interface RetriedError {
	attempts: number;
	lastRetryReason?: RetryReason;
}

/** Full-jitter exponential backoff: a random delay in [0, min(cap, base·2^(retry−1))]. */
export function backoffDelay(retry: number, reason: RetryReason, random = Math.random): number {
	const base = reason === 'throttling' ? THROTTLING_BASE_DELAY_MS : TRANSIENT_BASE_DELAY_MS;
	return Math.floor(random() * Math.min(MAX_DELAY_MS, base * 2 ** (retry - 1)));
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	signal?.throwIfAborted();
	if (ms <= 0) return;
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal?.reason);
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

/**
 * Runs `attempt` until it succeeds, fails with a final error, or `maxAttempts` is reached.
 * The error thrown carries `attempts` (and the last retry reason) as own properties.
 */
export async function withRetries<T>(
	attempt: (attemptNumber: number) => Promise<T>,
	{ maxAttempts, signal, random }: RetryOptions,
): Promise<T> {
	let lastReason: RetryReason | undefined;
	for (let attemptNumber = 1; ; attemptNumber++) {
		const outcome = await attempt(attemptNumber).then(
			(value) => ({ ok: true as const, value }),
			(error: unknown) => ({ ok: false as const, error }),
		);
		if (outcome.ok) return outcome.value;
		const reason = retryReason(outcome.error);
		if (!reason || attemptNumber >= maxAttempts || signal?.aborted) {
			if (typeof outcome.error === 'object' && outcome.error !== null) {
				Object.assign(outcome.error, {
					attempts: attemptNumber,
					lastRetryReason: reason ?? lastReason,
				});
			}
			throw outcome.error;
		}
		lastReason = reason;
		await sleep(backoffDelay(attemptNumber, reason, random), signal);
	}
}
