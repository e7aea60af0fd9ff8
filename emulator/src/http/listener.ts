/**
 * One TCP port for HTTP/1.1 and cleartext HTTP/2 with prior knowledge (h2c): the first bytes
 * of each connection decide. An HTTP/2 client starts with the connection preface
 * `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n` (RFC 9113 §3.4); anything else is HTTP/1.1.
 *
 * The AWS SDK's Bedrock runtime client speaks HTTP/2 by default and the control-plane client
 * HTTP/1.1 (aws-sdk-js-v3 `clients/client-bedrock-runtime/src/runtimeConfig.ts` uses
 * `NodeHttp2Handler`, `clients/client-bedrock` `NodeHttpHandler`), so both must work on the
 * same endpoint. The peeked bytes are put back with `unshift`; node's HTTP/2 session reads
 * data already buffered on the socket.
 */
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';

import type { AnyRequest, AnyResponse } from './exchange.ts';

const PREFACE_START = Buffer.from('PRI ', 'latin1');

export interface DualProtocolListener {
	port: number;
	/** Closes the listener and destroys every open connection, including hung ones. */
	close(): Promise<void>;
}

export function listenDualProtocol(
	port: number,
	host: string,
	handler: (request: AnyRequest, response: AnyResponse) => void,
): Promise<DualProtocolListener> {
	const sockets = new Set<net.Socket>();
	const sessions = new Set<http2.ServerHttp2Session>();
	const http1 = http.createServer({ keepAliveTimeout: 5000 }, handler);
	const h2c = http2.createServer({}, handler);
	h2c.on('session', (session) => {
		sessions.add(session);
		session.on('close', () => sessions.delete(session));
	});

	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		sniff(socket, (isHttp2) => {
			if (isHttp2) {
				h2c.emit('connection', socket);
			} else {
				http1.emit('connection', socket);
				socket.resume();
			}
		});
	});

	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			const address = server.address() as net.AddressInfo;
			resolve({
				port: address.port,
				close: () =>
					new Promise<void>((done) => {
						for (const session of sessions) session.destroy();
						for (const socket of sockets) socket.destroy();
						http1.closeAllConnections();
						server.close(() => done());
					}),
			});
		});
	});
}

/** Waits for enough bytes to tell the protocols apart, then puts them back. */
function sniff(socket: net.Socket, decide: (isHttp2: boolean) => void): void {
	let received = Buffer.alloc(0);
	const onData = (chunk: Buffer) => {
		received = Buffer.concat([received, chunk]);
		const compared = Math.min(received.length, PREFACE_START.length);
		const isPrefix = received.subarray(0, compared).equals(PREFACE_START.subarray(0, compared));
		if (isPrefix && received.length < PREFACE_START.length) return;
		socket.off('data', onData);
		socket.pause();
		socket.unshift(received);
		decide(isPrefix);
	};
	socket.on('data', onData);
}
