/**
 * The response body collector of the pack's SDK clients: one buffer of the announced length,
 * filled chunk by chunk; bodies without a usable length, or longer than announced, are kept
 * whole as the SDK's collector would.
 */
import { Readable } from 'node:stream';

import { collectBody } from '../../nodes/shared/transport/bodyCollector';

/** A response-like stream: chunks plus the headers an IncomingMessage carries. */
function response(chunks: Buffer[], contentLength?: number | string): Readable {
	const stream = Readable.from(chunks);
	return Object.assign(stream, {
		headers: contentLength === undefined ? {} : { 'content-length': String(contentLength) },
	});
}

const bytes = (length: number, seed = 1) =>
	Buffer.from(Array.from({ length }, (_, i) => (i * 31 + seed) % 256));

test('a body of the announced length, from many chunks', async () => {
	const body = bytes(200_000);
	const chunks = Array.from({ length: 13 }, (_, i) => body.subarray(i * 16_384, (i + 1) * 16_384));
	const collected = await collectBody(response(chunks, body.length));
	expect(Buffer.from(collected).equals(body)).toBe(true);
	expect(collected.byteLength).toBe(body.length);
});

test('shorter than announced: only the bytes received', async () => {
	const collected = await collectBody(response([bytes(10), bytes(5, 7)], 100));
	expect(Buffer.from(collected).equals(Buffer.concat([bytes(10), bytes(5, 7)]))).toBe(true);
});

test('longer than announced: every byte, in order', async () => {
	const chunks = [bytes(8), bytes(8, 2), bytes(8, 3)];
	const collected = await collectBody(response(chunks, 12));
	expect(Buffer.from(collected).equals(Buffer.concat(chunks))).toBe(true);
});

test.each([undefined, '', 'abc', -1, 0])('no usable length (%p): every byte', async (length) => {
	const chunks = [bytes(3), bytes(4, 5)];
	const collected = await collectBody(response(chunks, length));
	expect(Buffer.from(collected).equals(Buffer.concat(chunks))).toBe(true);
});

test('an empty body', async () => {
	expect((await collectBody(response([], 0))).byteLength).toBe(0);
});

test('bytes already collected are returned as they are', async () => {
	const body = new Uint8Array([1, 2, 3]);
	expect(await collectBody(body)).toBe(body);
});
