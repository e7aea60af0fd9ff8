/**
 * Server-side AWS Signature Version 4: rebuilds the canonical request from what arrived on
 * the wire and recomputes the signature with the known secret.
 *
 * Mirrors the client signer of smithy-typescript (`@smithy/signature-v4`
 * `SignatureV4Base.ts`, `getCanonicalHeaders.ts`, `getCanonicalQuery.ts`): for every service
 * but S3 the already-encoded request path is normalized and URI-encoded once more, so
 * `/model/us.amazon.nova-lite-v1%3A0/converse` is signed as `…v1%253A0…`
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html, canonical URI).
 * Like every non-S3 service, the payload hash is computed from the body received, never
 * taken from `x-amz-content-sha256`, so a wrong header fails the signature check.
 */
import { createHash, createHmac } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';

export interface CredentialScope {
	accessKeyId: string;
	date: string;
	region: string;
	service: string;
	terminator: string;
}

export interface AuthorizationHeader {
	credential?: CredentialScope;
	signedHeaders?: string[];
	signature?: string;
}

/** What the verifier needs from a request: everything as received, headers lower-cased. */
export interface SignableRequest {
	method: string;
	rawPath: string;
	rawQuery: string;
	headers: Record<string, string>;
	body: Buffer;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20261121/us-east-1/bedrock/aws4_request, SignedHeaders=a;b, Signature=hex`. */
export function parseAuthorizationHeader(value: string): AuthorizationHeader {
	const parameters = value.slice(ALGORITHM.length).trim();
	const result: AuthorizationHeader = {};
	for (const part of parameters.split(',')) {
		const separator = part.indexOf('=');
		if (separator < 0) continue;
		const key = part.slice(0, separator).trim();
		const parameter = part.slice(separator + 1).trim();
		if (key === 'Credential') {
			const [accessKeyId = '', date = '', region = '', service = '', terminator = ''] =
				parameter.split('/');
			result.credential = { accessKeyId, date, region, service, terminator };
		} else if (key === 'SignedHeaders') {
			result.signedHeaders = parameter.split(';').filter((name) => name.length > 0);
		} else if (key === 'Signature') {
			result.signature = parameter;
		}
	}
	return result;
}

/** `encodeURIComponent` plus `!'()*`, as smithy's `escapeUri`. */
export function escapeUri(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

export function canonicalUri(rawPath: string): string {
	const segments: string[] = [];
	for (const segment of rawPath.split('/')) {
		if (segment.length === 0 || segment === '.') continue;
		if (segment === '..') segments.pop();
		else segments.push(segment);
	}
	const trailingSlash = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
	const normalized = `${rawPath.startsWith('/') ? '/' : ''}${segments.join('/')}${trailingSlash}`;
	return escapeUri(normalized).replace(/%2F/g, '/');
}

export function canonicalQuery(rawQuery: string): string {
	const pairs: Array<[string, string]> = [];
	for (const part of rawQuery.split('&')) {
		if (part.length === 0) continue;
		const separator = part.indexOf('=');
		const key = safeDecode(separator < 0 ? part : part.slice(0, separator));
		const value = separator < 0 ? '' : safeDecode(part.slice(separator + 1));
		if (key.toLowerCase() === 'x-amz-signature') continue;
		pairs.push([escapeUri(key), escapeUri(value)]);
	}
	pairs.sort(([keyA, valueA], [keyB, valueB]) =>
		keyA === keyB ? compare(valueA, valueB) : compare(keyA, keyB),
	);
	return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

export function canonicalHeaderValue(value: string): string {
	return value
		.replace(/[\r\n]/g, ' ')
		.replace(/[ \t]+/g, ' ')
		.replace(/^ | $/g, '');
}

/**
 * S3 signs differently (s3/auth.ts): the path is encoded once, not normalized, and the payload
 * hash is the `x-amz-content-sha256` value (`UNSIGNED-PAYLOAD`, a streaming marker or the hex
 * SHA-256), so it passes both.
 */
export interface CanonicalOverrides {
	uri?: string;
	payloadHash?: string;
}

export function canonicalRequest(
	request: SignableRequest,
	signedHeaders: string[],
	overrides: CanonicalOverrides = {},
): string {
	const names = [...signedHeaders].map((name) => name.toLowerCase()).sort();
	const headerLines = names.map(
		(name) => `${name}:${canonicalHeaderValue(request.headers[name] ?? '')}`,
	);
	return [
		request.method,
		overrides.uri ?? canonicalUri(request.rawPath),
		canonicalQuery(request.rawQuery),
		...headerLines,
		'',
		names.join(';'),
		overrides.payloadHash ?? sha256Hex(request.body),
	].join('\n');
}

export function scopeString(scope: CredentialScope): string {
	return `${scope.date}/${scope.region}/${scope.service}/${scope.terminator}`;
}

export function stringToSign(amzDate: string, scope: CredentialScope, canonical: string): string {
	return [ALGORITHM, amzDate, scopeString(scope), sha256Hex(canonical)].join('\n');
}

export function computeSignature(
	secretAccessKey: string,
	scope: CredentialScope,
	toSign: string,
): string {
	let key: Buffer = hmac(`AWS4${secretAccessKey}`, scope.date);
	for (const part of [scope.region, scope.service, scope.terminator]) key = hmac(key, part);
	return createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
}

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** `20261121T085803Z` → epoch ms, or NaN. */
export function parseAmzDate(value: string): number {
	const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
	if (!match) return Date.parse(value);
	const [, year, month, day, hour, minute, second] = match;
	return Date.UTC(+year, +month - 1, +day, +hour, +minute, +second);
}

export function formatAmzDate(epochMs: number): string {
	return new Date(epochMs)
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z')
		.replace(/[-:]/g, '');
}

function hmac(key: string | Buffer, data: string): Buffer {
	return createHmac('sha256', key).update(data, 'utf8').digest();
}

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
