/**
 * The idempotency token of an item's StartAsyncInvoke.
 *
 * Bedrock starts no second job for a token it has seen with the same request
 * (`clientRequestToken`,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_StartAsyncInvoke.html).
 * Left unset, the SDK sends a random one per call, so a retried item would start, and pay for,
 * a second video. The token is derived from what identifies the item's attempt (the execution,
 * the node, the item) and from the request itself: a retry of the item (n8n's Retry On Fail, a
 * retried call) sends the same token and gets the first job back, while a changed request
 * (another prompt, model or bucket) gets a new token, as AWS would otherwise refuse it with a
 * ConflictException.
 *
 * Form: `n8n-` + 24 hex digits of the item + `-` + 24 hex digits of the request: 53 printable
 * ASCII characters, within the API's `[!-~]{1,256}`.
 */
import { createHash } from 'node:crypto';

export interface TokenSource {
	executionId: string;
	nodeName: string;
	itemIndex: number;
	/** What StartAsyncInvoke is asked: model, modelInput, output configuration. */
	request: unknown;
}

/** JSON with object keys sorted: the same request gives the same text whatever its key order. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (typeof value === 'object' && value !== null) {
		const entries = Object.entries(value)
			.filter(([, member]) => member !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

function hex(text: string, length: number): string {
	return createHash('sha256').update(text).digest('hex').slice(0, length);
}

export const TOKEN_PATTERN = /^[!-~]{1,256}$/;

export function clientRequestToken(source: TokenSource): string {
	const item = hex(JSON.stringify([source.executionId, source.nodeName, source.itemIndex]), 24);
	const request = hex(canonicalJson(source.request), 24);
	return `n8n-${item}-${request}`;
}
