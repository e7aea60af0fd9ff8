/**
 * SigV4 the way S3 verifies it, for the `Authorization` header and for presigned URLs
 * (query-string auth: X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires,
 * X-Amz-SignedHeaders, X-Amz-Signature, X-Amz-Security-Token).
 *
 * Where S3 differs from the other services (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html,
 * sigv4-query-string-auth.html, sigv4-streaming.html):
 * - the canonical URI is the path encoded once (each segment URI-encoded, no normalization);
 * - the payload hash is the `x-amz-content-sha256` header, which is required: the hex SHA-256
 *   of the body, `UNSIGNED-PAYLOAD`, or a streaming marker such as
 *   `STREAMING-UNSIGNED-PAYLOAD-TRAILER` (what @aws-sdk/client-s3 sends for a stream body:
 *   `aws-chunked` content with a trailing `x-amz-checksum-crc32`); presigned URLs always sign
 *   `UNSIGNED-PAYLOAD`;
 * - the clock may be 15 minutes off (RequestTimeTooSkewed);
 * - errors are S3's XML codes: InvalidAccessKeyId, SignatureDoesNotMatch, InvalidToken,
 *   ExpiredToken, AccessDenied "Request has expired", AuthorizationQueryParametersError.
 */
import { timingSafeEqual } from 'node:crypto';

import type { IdentityStore, Principal } from '../auth/identities.ts';
import {
	ALGORITHM,
	type CredentialScope,
	canonicalRequest,
	computeSignature,
	escapeUri,
	parseAmzDate,
	parseAuthorizationHeader,
	stringToSign,
} from '../auth/sigv4.ts';
import { S3Error } from './errors.ts';

export const MAX_S3_CLOCK_SKEW_MS = 15 * 60 * 1000;
/** "X-Amz-Expires must be less than a week (in seconds) that is 604800". */
export const MAX_PRESIGNED_SECONDS = 604_800;
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
const STREAMING_SIGNED = [
	'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
	'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
	'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD',
	'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER',
];

export interface S3RequestParts {
	method: string;
	rawPath: string;
	rawQuery: string;
	headers: Record<string, string>;
}

/** How the body is to be read and checked. */
export type PayloadMode =
	| { kind: 'sha256'; hex: string }
	| { kind: 'unsigned' }
	| { kind: 'aws-chunked-trailer' };

export interface S3Authenticated {
	principal: Principal;
	accessKeyId: string;
	/** Region of the credential scope. */
	region: string;
	payload: PayloadMode;
	presigned: boolean;
}

/** True when the request is signed for S3 (header or presigned URL). */
export function isS3Signed(
	headers: Record<string, string | string[] | undefined>,
	url: string,
): boolean {
	const authorization = headers.authorization;
	if (
		typeof authorization === 'string' &&
		/Credential=[^,\s]*\/s3\/aws4_request/.test(authorization)
	)
		return true;
	const query = url.indexOf('?') < 0 ? '' : url.slice(url.indexOf('?') + 1);
	const credential = new URLSearchParams(query).get('X-Amz-Credential');
	return credential !== null && credential.endsWith('/s3/aws4_request');
}

export function authenticateS3(
	request: S3RequestParts,
	store: IdentityStore,
	now: number,
): S3Authenticated {
	const query = new URLSearchParams(request.rawQuery);
	return query.has('X-Amz-Credential')
		? authenticatePresigned(request, query, store, now)
		: authenticateHeader(request, store, now);
}

function authenticateHeader(
	request: S3RequestParts,
	store: IdentityStore,
	now: number,
): S3Authenticated {
	const authorization = request.headers.authorization ?? '';
	if (!authorization.startsWith(`${ALGORITHM} `)) {
		throw new S3Error('InvalidArgument', 400, 'Unsupported Authorization Type', [
			['ArgumentName', 'Authorization'],
			['ArgumentValue', authorization],
		]);
	}
	const parsed = parseAuthorizationHeader(authorization);
	if (!parsed.credential || !parsed.signedHeaders || !parsed.signature) {
		throw malformedHeader('the Credential, SignedHeaders and Signature parameters are required');
	}
	const amzDate = request.headers['x-amz-date'] ?? request.headers.date;
	const requestTime = amzDate ? parseAmzDate(amzDate) : Number.NaN;
	if (!amzDate || Number.isNaN(requestTime)) {
		throw new S3Error(
			'AccessDenied',
			403,
			'AWS authentication requires a valid Date or x-amz-date header',
		);
	}
	checkScope(parsed.credential, amzDate, 'header');
	if (Math.abs(requestTime - now) > MAX_S3_CLOCK_SKEW_MS) {
		throw new S3Error(
			'RequestTimeTooSkewed',
			403,
			'The difference between the request time and the current time is too large.',
			[
				['RequestTime', amzDate],
				['ServerTime', new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z')],
				['MaxAllowedSkewMilliseconds', String(MAX_S3_CLOCK_SKEW_MS)],
			],
		);
	}
	const contentSha = request.headers['x-amz-content-sha256'];
	if (contentSha === undefined) {
		throw new S3Error(
			'InvalidRequest',
			400,
			'Missing required header for this request: x-amz-content-sha256',
		);
	}
	const payload = payloadMode(contentSha);
	const stored = findKey(
		store,
		parsed.credential.accessKeyId,
		request.headers['x-amz-security-token'],
		now,
	);
	verify(
		request,
		parsed.credential,
		parsed.signedHeaders,
		parsed.signature,
		amzDate,
		contentSha,
		stored.secretAccessKey,
	);
	return {
		principal: stored.principal,
		accessKeyId: parsed.credential.accessKeyId,
		region: parsed.credential.region,
		payload,
		presigned: false,
	};
}

function authenticatePresigned(
	request: S3RequestParts,
	query: URLSearchParams,
	store: IdentityStore,
	now: number,
): S3Authenticated {
	const algorithm = query.get('X-Amz-Algorithm');
	if (algorithm !== ALGORITHM) throw queryError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
	const credentialText = query.get('X-Amz-Credential') ?? '';
	const [accessKeyId = '', date = '', region = '', service = '', terminator = ''] =
		credentialText.split('/');
	const credential: CredentialScope = { accessKeyId, date, region, service, terminator };
	const amzDate = query.get('X-Amz-Date') ?? '';
	const requestTime = parseAmzDate(amzDate);
	if (!/^\d{8}T\d{6}Z$/.test(amzDate) || Number.isNaN(requestTime))
		throw queryError(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
	const expiresText = query.get('X-Amz-Expires') ?? '';
	const expires = Number(expiresText);
	if (!/^\d+$/.test(expiresText)) throw queryError('X-Amz-Expires should be a number');
	if (expires > MAX_PRESIGNED_SECONDS)
		throw queryError(
			`X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGNED_SECONDS}`,
		);
	const signedHeaders = (query.get('X-Amz-SignedHeaders') ?? '').split(';').filter(Boolean);
	const signature = query.get('X-Amz-Signature') ?? '';
	if (signedHeaders.length === 0 || !signature)
		throw queryError(
			'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
		);
	checkScope(credential, amzDate, 'query');
	if (requestTime > now + MAX_S3_CLOCK_SKEW_MS)
		throw new S3Error('AccessDenied', 403, 'Request is not valid yet');
	if (now > requestTime + expires * 1000) {
		throw new S3Error('AccessDenied', 403, 'Request has expired', [
			['X-Amz-Expires', expiresText],
			['Expires', isoSeconds(requestTime + expires * 1000)],
			['ServerTime', isoSeconds(now)],
		]);
	}
	const stored = findKey(store, accessKeyId, query.get('X-Amz-Security-Token') ?? undefined, now);
	verify(
		request,
		credential,
		signedHeaders,
		signature,
		amzDate,
		UNSIGNED_PAYLOAD,
		stored.secretAccessKey,
	);
	return {
		principal: stored.principal,
		accessKeyId,
		region,
		payload: { kind: 'unsigned' },
		presigned: true,
	};
}

function payloadMode(contentSha: string): PayloadMode {
	if (/^[0-9a-f]{64}$/.test(contentSha)) return { kind: 'sha256', hex: contentSha };
	if (contentSha === UNSIGNED_PAYLOAD) return { kind: 'unsigned' };
	if (contentSha === STREAMING_UNSIGNED_TRAILER) return { kind: 'aws-chunked-trailer' };
	if (STREAMING_SIGNED.includes(contentSha)) {
		throw new S3Error(
			'NotImplemented',
			501,
			'A header you provided implies functionality that is not implemented',
			[['Header', 'x-amz-content-sha256']],
		);
	}
	throw new S3Error(
		'InvalidArgument',
		400,
		`x-amz-content-sha256 must be UNSIGNED-PAYLOAD, ${STREAMING_UNSIGNED_TRAILER}, ${STREAMING_SIGNED.join(', ')} or a valid sha256 value.`,
		[
			['ArgumentName', 'x-amz-content-sha256'],
			['ArgumentValue', contentSha],
		],
	);
}

function findKey(
	store: IdentityStore,
	accessKeyId: string,
	token: string | undefined,
	now: number,
) {
	const stored = store.findAccessKey(accessKeyId);
	if (!stored) {
		throw new S3Error(
			'InvalidAccessKeyId',
			403,
			'The AWS Access Key Id you provided does not exist in our records.',
			[['AWSAccessKeyId', accessKeyId]],
		);
	}
	if (stored.sessionToken === undefined ? token !== undefined : token !== stored.sessionToken) {
		throw new S3Error('InvalidToken', 400, 'The provided token is malformed or otherwise invalid.');
	}
	if (stored.sessionToken !== undefined && (stored.expiresAt ?? Infinity) <= now) {
		throw new S3Error('ExpiredToken', 400, 'The provided token has expired.');
	}
	return stored;
}

function checkScope(credential: CredentialScope, amzDate: string, where: 'header' | 'query'): void {
	const problem =
		credential.terminator !== 'aws4_request'
			? `Incorrect terminal "${credential.terminator}". This endpoint uses "aws4_request".`
			: credential.date !== amzDate.slice(0, 8)
				? 'Invalid credential date. Date is not the same as X-Amz-Date.'
				: !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(credential.region)
					? `the region '${credential.region}' is wrong`
					: undefined;
	if (!problem) return;
	throw where === 'header'
		? malformedHeader(problem)
		: queryError(`Error parsing the X-Amz-Credential parameter; ${problem}`);
}

function verify(
	request: S3RequestParts,
	credential: CredentialScope,
	signedHeaders: string[],
	signature: string,
	amzDate: string,
	payloadHash: string,
	secretAccessKey: string,
): void {
	if (!signedHeaders.includes('host')) {
		throw new S3Error(
			'AccessDenied',
			403,
			'There were headers present in the request which were not signed',
			[['HeadersNotSigned', 'host']],
		);
	}
	const canonical = canonicalRequest({ ...request, body: Buffer.alloc(0) }, signedHeaders, {
		uri: s3CanonicalUri(request.rawPath),
		payloadHash,
	});
	const toSign = stringToSign(amzDate, credential, canonical);
	const expected = computeSignature(secretAccessKey, credential, toSign);
	const a = Buffer.from(expected);
	const b = Buffer.from(signature);
	if (a.length === b.length && timingSafeEqual(a, b)) return;
	throw new S3Error(
		'SignatureDoesNotMatch',
		403,
		'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
		[
			['AWSAccessKeyId', credential.accessKeyId],
			['StringToSign', toSign],
			['SignatureProvided', signature],
			['StringToSignBytes', hexBytes(toSign)],
			['CanonicalRequest', canonical],
			['CanonicalRequestBytes', hexBytes(canonical)],
		],
	);
}

/** Each path segment decoded and URI-encoded once, as S3 computes it; `/` kept. */
export function s3CanonicalUri(rawPath: string): string {
	return rawPath
		.split('/')
		.map((segment) => {
			try {
				return escapeUri(decodeURIComponent(segment));
			} catch {
				return segment;
			}
		})
		.join('/');
}

function malformedHeader(problem: string): S3Error {
	return new S3Error(
		'AuthorizationHeaderMalformed',
		400,
		`The authorization header is malformed; ${problem}`,
	);
}

function queryError(message: string): S3Error {
	return new S3Error('AuthorizationQueryParametersError', 400, message);
}

function hexBytes(text: string): string {
	return [...Buffer.from(text, 'utf8')].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

function isoSeconds(epochMs: number): string {
	return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
