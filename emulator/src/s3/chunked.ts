/**
 * Decodes an `aws-chunked` body (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html):
 * `<hex size>[;chunk-signature=…]\r\n<data>\r\n` … `0\r\n` then trailing headers
 * (`x-amz-checksum-crc32:…\r\n`) and an empty line. @aws-sdk/client-s3 sends it for stream
 * bodies with `x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER`.
 */
import { Transform, type TransformCallback } from 'node:stream';

import { S3Error } from './errors.ts';

const MAX_LINE = 4096;

export class AwsChunkedDecoder extends Transform {
	/** Trailing headers, names lower-cased, once the body has ended. */
	readonly trailers: Record<string, string> = {};
	private buffer: Buffer = Buffer.alloc(0);
	private state: 'size' | 'data' | 'data-end' | 'trailer' | 'done' = 'size';
	private remaining = 0;

	override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
		this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
		try {
			this.drain();
			done();
		} catch (error) {
			done(error as Error);
		}
	}

	override _flush(done: TransformCallback): void {
		done(this.state === 'done' ? null : incomplete());
	}

	private drain(): void {
		for (;;) {
			if (this.state === 'data') {
				if (this.buffer.length === 0) return;
				const take = Math.min(this.remaining, this.buffer.length);
				this.push(this.buffer.subarray(0, take));
				this.buffer = this.buffer.subarray(take);
				this.remaining -= take;
				if (this.remaining > 0) return;
				this.state = 'data-end';
				continue;
			}
			if (this.state === 'done') {
				this.buffer = Buffer.alloc(0);
				return;
			}
			const end = this.buffer.indexOf('\r\n');
			if (end < 0) {
				if (this.buffer.length > MAX_LINE) throw incomplete();
				return;
			}
			const line = this.buffer.subarray(0, end).toString('latin1');
			this.buffer = this.buffer.subarray(end + 2);
			if (this.state === 'data-end') {
				if (line !== '') throw incomplete();
				this.state = 'size';
			} else if (this.state === 'size') {
				const size = Number.parseInt(line.split(';')[0], 16);
				if (!/^[0-9a-fA-F]+$/.test(line.split(';')[0]) || Number.isNaN(size)) throw incomplete();
				if (size === 0) this.state = 'trailer';
				else {
					this.remaining = size;
					this.state = 'data';
				}
			} else if (line === '') {
				this.state = 'done';
			} else {
				const colon = line.indexOf(':');
				if (colon < 0) throw incomplete();
				this.trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
			}
		}
	}
}

function incomplete(): S3Error {
	return new S3Error('IncompleteBody', 400, 'The request body terminated unexpectedly');
}
