/**
 * Dry Run: what a run would send, as output items, with nothing sent. A request is shown as
 * built, except that the bytes of input files are summarised: an image as
 * `{ "$image": { mimeType, bytes, width, height, sha256 } }`, other bytes as
 * `{ "$bytes": { bytes, sha256 } }`, so that no base64 lands in the execution's JSON.
 */
import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { imageInfo } from '../imageInfo';

/** Strings shorter than this are never taken for base64 data (prompts, IDs, colors). */
const MIN_BASE64_LENGTH = 64;
/** A base64 string that is not an image is summarised from this length on. */
const MAX_PLAIN_STRING = 4096;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function summary(bytes: Buffer): IDataObject {
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const image = imageInfo(bytes);
	if (image) {
		return {
			$image: {
				mimeType: `image/${image.format}`,
				bytes: bytes.length,
				width: image.width,
				height: image.height,
				sha256,
			},
		};
	}
	return { $bytes: { bytes: bytes.length, sha256 } };
}

function summariseString(value: string): unknown {
	if (value.length < MIN_BASE64_LENGTH || value.length % 4 !== 0 || !BASE64.test(value)) {
		return value;
	}
	const bytes = Buffer.from(value, 'base64');
	const summarised = summary(bytes);
	return '$image' in summarised || value.length >= MAX_PLAIN_STRING ? summarised : value;
}

/**
 * A copy of a request with every file summarised: base64 strings that hold an image (or any
 * long base64), and byte arrays (Converse attachments).
 */
export function summariseRequest(value: unknown): unknown {
	if (typeof value === 'string') return summariseString(value);
	if (value instanceof Uint8Array) return summary(Buffer.from(value));
	if (Array.isArray(value)) return value.map(summariseRequest);
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value).map(([key, member]) => [key, summariseRequest(member)]),
		);
	}
	return value;
}
