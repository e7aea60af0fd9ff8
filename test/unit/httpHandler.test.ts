/**
 * The pack's HTTP layer against a real local server: idle keep-alive sockets follow the
 * server's `Keep-Alive: timeout=` hint (so a socket is never reused just as the server closes
 * it), and a call that takes longer than the idle timeout still completes.
 */
import { createServer, type Server } from 'node:http';
import { Socket, type AddressInfo } from 'node:net';

import { HttpRequest } from '@smithy/protocol-http';

import {
	createRequestHandler,
	IDLE_SOCKET_TIMEOUT_MS,
} from '../../nodes/shared/transport/httpHandler';

let server: Server;
let port: number;
let delayMs = 0;

beforeAll(async () => {
	server = createServer((_request, response) => {
		setTimeout(() => response.end('ok'), delayMs);
	});
	server.keepAliveTimeout = 3_000; // announced as "Keep-Alive: timeout=3"
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

function request(): HttpRequest {
	return new HttpRequest({
		protocol: 'http:',
		hostname: '127.0.0.1',
		port,
		method: 'GET',
		path: '/',
	});
}

async function body(stream: unknown): Promise<string> {
	let text = '';
	for await (const chunk of stream as AsyncIterable<Buffer>) text += chunk.toString();
	return text;
}

test('an idle socket is dropped 1 s before the server’s announced keep-alive timeout', async () => {
	const handler = await createRequestHandler();
	const { response } = await handler.handle(request());
	expect(response.headers['keep-alive']).toBe('timeout=3');
	expect(await body(response.body)).toBe('ok');
	// Let the agent take the socket back into its free list.
	await new Promise((resolve) => setImmediate(resolve));
	const agent = (handler as unknown as { config: { httpAgent: { freeSockets: object } } }).config
		.httpAgent;
	const free = Object.values(agent.freeSockets).flat() as Array<{ timeout?: number }>;
	expect(free).toHaveLength(1);
	expect(free[0].timeout).toBe(2_000);
	handler.destroy();
});

test('a call slower than the idle timeout is not cut by it', async () => {
	expect(IDLE_SOCKET_TIMEOUT_MS).toBeGreaterThan(2_000);
	const handler = await createRequestHandler();
	await body((await handler.handle(request())).response.body); // resolves the handler's config
	// The agent's timeout also applies to sockets in use: shorten it, on a new socket, and
	// count the timeouts that fire while the server takes its time.
	const agent = (
		handler as unknown as {
			config: { httpAgent: { options: { timeout: number }; destroy(): void } };
		}
	).config.httpAgent;
	agent.destroy();
	agent.options.timeout = 200;
	const timeouts: number[] = [];
	const emit = Socket.prototype.emit;
	jest.spyOn(Socket.prototype, 'emit').mockImplementation(function (
		this: Socket,
		event: string | symbol,
		...args: unknown[]
	) {
		if (event === 'timeout') timeouts.push(Date.now());
		return Reflect.apply(emit, this, [event, ...args]) as boolean;
	});
	delayMs = 800;
	try {
		const { response } = await handler.handle(request());
		expect(response.statusCode).toBe(200);
		expect(await body(response.body)).toBe('ok');
		expect(timeouts.length).toBeGreaterThan(0);
	} finally {
		delayMs = 0;
		jest.restoreAllMocks();
		handler.destroy();
	}
});
