/**
 * The requests the emulator received, for tests and benchmarks to assert what was sent.
 * Secrets never enter the log: `authorization` is reduced to its scheme and credential scope,
 * `x-amz-security-token` is dropped, and long strings in bodies (base64 images, documents)
 * are replaced by their length and a hash prefix.
 */
import { createHash } from 'node:crypto';

import type { Exchange } from './http/exchange.ts';

export interface RequestLogEntry {
	id: string;
	/** ISO-8601 time the request arrived. */
	time: string;
	method: string;
	/** Path and query as received (still percent-encoded). */
	path: string;
	httpVersion: string;
	operation?: string;
	/** The model ID of the path, URL-decoded (profile IDs and ARNs as sent). */
	modelId?: string;
	/** The base foundation model it resolved to. */
	resolvedModelId?: string;
	region?: string;
	/** Access key ID, `bearer`, or the assumed-role ARN. */
	identity?: string;
	headers: Record<string, string>;
	/** Parsed JSON body (or STS form parameters), long strings replaced; null when there is none. */
	body: unknown;
	status?: number;
	errorType?: string;
	/** Fault the control API injected, if any. */
	fault?: string;
	durationMs?: number;
	/** The client closed the connection or stream before the answer was complete. */
	clientAborted: boolean;
}

export const MAX_LOGGED_STRING = 256;

export class RequestLog {
	private entries: RequestLogEntry[] = [];
	private readonly capacity: number;

	constructor(capacity = 1000) {
		this.capacity = capacity;
	}

	add(entry: RequestLogEntry): void {
		this.entries.push(entry);
		if (this.entries.length > this.capacity) this.entries.shift();
	}

	/** Logs the exchange's entry and completes it (duration, abort) when the answer ends. */
	track(exchange: Exchange, entry: RequestLogEntry): void {
		this.add(entry);
		exchange.log = entry;
		exchange.response.on('close', () => {
			entry.durationMs = Date.now() - exchange.startedAt;
			entry.clientAborted = exchange.clientAborted;
		});
	}

	list(): RequestLogEntry[] {
		return this.entries.map((entry) => structuredClone(entry));
	}

	clear(): void {
		this.entries = [];
	}
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
	const redacted: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (name === 'x-amz-security-token') continue;
		redacted[name] = name === 'authorization' ? redactAuthorization(value) : value;
	}
	return redacted;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20261121/us-east-1/bedrock/aws4_request` or `Bearer`. */
function redactAuthorization(value: string): string {
	const scheme = value.split(' ')[0];
	const credential = /Credential=([^,\s]+)/.exec(value);
	return credential ? `${scheme} Credential=${credential[1]}` : scheme;
}

export function redactBody(value: unknown): unknown {
	if (typeof value === 'string') {
		if (value.length <= MAX_LOGGED_STRING) return value;
		const digest = createHash('sha256').update(value).digest('hex').slice(0, 16);
		return `<${value.length} chars sha256:${digest}>`;
	}
	if (Array.isArray(value)) return value.map(redactBody);
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value).map(([key, member]) => [key, redactBody(member)]),
		);
	}
	return value;
}
