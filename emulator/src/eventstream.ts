/**
 * `application/vnd.amazon.eventstream` frames, as ConverseStream and
 * InvokeModelWithResponseStream send them
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html;
 * smithy-typescript `eventstream-codec/EventStreamCodec.ts`, `HeaderMarshaller.ts`).
 *
 *   [total_len u32][headers_len u32][prelude_crc u32][headers][payload][message_crc u32]
 *
 * All integers big-endian; CRCs are CRC-32 (IEEE) over the prelude and over everything
 * before the message CRC. Only string headers (type 7) are needed by Bedrock's events.
 */
import { crc32 } from 'node:zlib';

const STRING_HEADER_TYPE = 7;
const PRELUDE_LENGTH = 12;
const CRC_LENGTH = 4;

export function encodeFrame(headers: Record<string, string>, payload: Buffer): Buffer {
	const headerBytes = encodeHeaders(headers);
	const totalLength = PRELUDE_LENGTH + headerBytes.length + payload.length + CRC_LENGTH;
	const frame = Buffer.alloc(totalLength);
	frame.writeUInt32BE(totalLength, 0);
	frame.writeUInt32BE(headerBytes.length, 4);
	frame.writeUInt32BE(crc32(frame.subarray(0, 8)), 8);
	headerBytes.copy(frame, PRELUDE_LENGTH);
	payload.copy(frame, PRELUDE_LENGTH + headerBytes.length);
	frame.writeUInt32BE(crc32(frame.subarray(0, totalLength - CRC_LENGTH)), totalLength - CRC_LENGTH);
	return frame;
}

function encodeHeaders(headers: Record<string, string>): Buffer {
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(headers)) {
		const nameBytes = Buffer.from(name, 'utf8');
		const valueBytes = Buffer.from(value, 'utf8');
		const header = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
		header.writeUInt8(nameBytes.length, 0);
		nameBytes.copy(header, 1);
		header.writeUInt8(STRING_HEADER_TYPE, 1 + nameBytes.length);
		header.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
		valueBytes.copy(header, 4 + nameBytes.length);
		parts.push(header);
	}
	return Buffer.concat(parts);
}

/** An event frame: `:event-type`, `:content-type`, `:message-type` in the order of a live capture. */
export function eventFrame(eventType: string, payload: Record<string, unknown>): Buffer {
	return encodeFrame(
		{ ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' },
		Buffer.from(JSON.stringify({ ...payload, p: padding(eventType, payload) }), 'utf8'),
	);
}

/**
 * A modeled exception in the middle of a stream, e.g. `modelStreamErrorException`
 * (the exception type is the lower-camel-case member name of the stream union).
 */
export function exceptionFrame(exceptionType: string, body: Record<string, unknown>): Buffer {
	return encodeFrame(
		{
			':exception-type': exceptionType,
			':content-type': 'application/json',
			':message-type': 'exception',
		},
		Buffer.from(JSON.stringify(body), 'utf8'),
	);
}

const PADDING_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Bedrock pads every event with a `p` member of `abcd…` characters of varying length so
 * that frame sizes do not reveal token lengths. Derived from the event so output is
 * deterministic.
 */
function padding(eventType: string, payload: Record<string, unknown>): string {
	const seed = JSON.stringify(payload).length + eventType.length;
	return PADDING_ALPHABET.slice(0, 1 + ((seed * 7) % PADDING_ALPHABET.length));
}
