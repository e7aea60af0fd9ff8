/**
 * How the SDK clients read a response body: into one buffer of the length the response
 * announces, chunk by chunk as they arrive.
 *
 * Why not the SDK's default collector: it keeps every chunk until the end and then copies them
 * into a new array, so a 2.4 MB image answer briefly takes twice its size outside the JS heap,
 * and the chunks stay allocated until the garbage collector gets to them. With eight images in
 * flight that was a large part of the pack's peak memory (docs/benchmark.md, memory). Here each
 * chunk is garbage as soon as it is copied.
 *
 * Bodies without a usable Content-Length, or longer than announced, are collected as the SDK
 * does.
 */
import type { IncomingMessage } from 'node:http';

/** Chunks concatenated (the SDK's way), after `head` already received. */
async function collectRest(stream: AsyncIterable<Buffer>, head: Buffer[]): Promise<Uint8Array> {
	const chunks = [...head];
	for await (const chunk of stream) chunks.push(chunk);
	return Buffer.concat(chunks);
}

export async function collectBody(stream: unknown): Promise<Uint8Array> {
	if (stream instanceof Uint8Array) return stream;
	const message = stream as IncomingMessage;
	if (typeof message?.[Symbol.asyncIterator] !== 'function') {
		// Not a Node stream (never the case with the pack's HTTP handler): the SDK's own collector.
		const { streamCollector } = await import('@smithy/node-http-handler');
		return await streamCollector(stream as Parameters<typeof streamCollector>[0]);
	}
	const declared = Number(message.headers?.['content-length']);
	if (!Number.isSafeInteger(declared) || declared <= 0) return await collectRest(message, []);

	const body = Buffer.allocUnsafe(declared);
	let length = 0;
	const iterator = message[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
	for (;;) {
		const next = await iterator.next();
		if (next.done) break;
		const chunk = next.value;
		if (length + chunk.length > declared) {
			// More than announced: keep everything, in order.
			const rest = { [Symbol.asyncIterator]: () => iterator };
			return await collectRest(rest, [body.subarray(0, length), chunk]);
		}
		chunk.copy(body, length);
		length += chunk.length;
	}
	return length === declared ? body : body.subarray(0, length);
}
