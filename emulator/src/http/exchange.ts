/**
 * One request/response pair, the same for HTTP/1.1 and HTTP/2 (node's HTTP/2 compatibility
 * API mirrors `IncomingMessage`/`ServerResponse`). Headers are lower-cased. Of the HTTP/2
 * pseudo-headers only `:authority` is kept: over HTTP/2 the AWS SDK replaces `host` with
 * `:authority` and signs that (`@aws-sdk/middleware-host-header`).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';

import type { RequestLogEntry } from '../requestLog.ts';

export type AnyRequest = IncomingMessage | Http2ServerRequest;
export type AnyResponse = ServerResponse | Http2ServerResponse;

/** What both response classes offer (their overloads are too different to call through the union). */
export interface ResponseWriter {
	readonly headersSent: boolean;
	readonly destroyed: boolean;
	readonly writableEnded: boolean;
	writeHead(statusCode: number, headers: Record<string, string>): unknown;
	write(chunk: Buffer): boolean;
	end(chunk?: Buffer): unknown;
	on(event: 'close', listener: () => void): unknown;
	destroy(): unknown;
}

export interface Exchange {
	requestId: string;
	startedAt: number;
	method: string;
	rawPath: string;
	rawQuery: string;
	headers: Record<string, string>;
	body: Buffer;
	httpVersion: string;
	remoteAddress: string;
	request: AnyRequest;
	response: ResponseWriter;
	/** The request's log entry, once it has one (control API requests are not logged). */
	log?: RequestLogEntry;
	/** Set when the client goes away before the answer is complete. */
	clientAborted: boolean;
	/** Set when the emulator itself dropped the connection (an injected fault). */
	droppedByServer: boolean;
	/**
	 * The emulator's clock, for the `date` response header: the SDK corrects its own clock from
	 * it (clock-skew correction), as it does against AWS.
	 */
	now?: () => number;
}

/** Reads the whole request body (up to `maxBytes`, beyond which the request is refused). */
export function readExchange(
	request: AnyRequest,
	response: AnyResponse,
	maxBytes: number,
): Promise<Exchange> {
	const exchange = openExchange(request, response);
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > maxBytes) {
				request.destroy(new Error('request body too large'));
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => {
			exchange.body = Buffer.concat(chunks);
			resolve(exchange);
		});
		request.on('error', reject);
	});
}

/** The exchange of a request whose body is not read yet (empty `body`; S3 uploads stream it). */
export function openExchange(request: AnyRequest, response: AnyResponse): Exchange {
	const url = request.url ?? '/';
	const queryStart = url.indexOf('?');
	const exchange: Exchange = {
		requestId: randomUUID(),
		startedAt: Date.now(),
		method: request.method ?? 'GET',
		rawPath: queryStart < 0 ? url : url.slice(0, queryStart),
		rawQuery: queryStart < 0 ? '' : url.slice(queryStart + 1),
		headers: normalizeHeaders(request.headers as Record<string, string | string[] | undefined>),
		body: Buffer.alloc(0),
		httpVersion: request.httpVersion,
		remoteAddress: request.socket?.remoteAddress ?? '',
		request,
		response: response as unknown as ResponseWriter,
		clientAborted: false,
		droppedByServer: false,
	};
	// `writableEnded`, not `writableFinished`: HTTP/2's compat response reports the latter true
	// once a stream the client reset has closed.
	response.on('close', () => {
		if (!response.writableEnded && !exchange.droppedByServer) exchange.clientAborted = true;
	});
	return exchange;
}

/** Ends the connection without an answer: the socket for HTTP/1.1, the session for HTTP/2. */
export function dropConnection(exchange: Exchange): void {
	exchange.droppedByServer = true;
	const request = exchange.request as Partial<Http2ServerRequest>;
	if (request.stream) {
		request.stream.session?.destroy();
		return;
	}
	(exchange.request as IncomingMessage).socket.destroy();
}

export function isLoopback(address: string): boolean {
	return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function normalizeHeaders(
	raw: Record<string, string | string[] | undefined>,
): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(raw)) {
		if (value === undefined || (name.startsWith(':') && name !== ':authority')) continue;
		headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}
