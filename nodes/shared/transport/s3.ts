/**
 * S3, as the pack needs it: where a bucket is, and an object as a stream.
 *
 * The client comes from the same cache, identity and HTTP layer as the Bedrock clients
 * (clients.ts): same credential, same role session, same proxy and keep-alive settings, and the
 * credential's optional S3 Endpoint override (path-style addressing then). `@aws-sdk/client-s3`
 * is imported on the first S3 call, never when n8n loads the pack.
 *
 * Calls go through `callBedrock` (timeout, cancellation, retries of throttling and 5xx) and fail
 * with a `BedrockCallError` whose headline names the bucket or object and, for a denial, the
 * permission it needs (errorHeadlines.ts, `explainS3Error`).
 */
import type { Readable } from 'node:stream';

import { resolveEndpointOverride } from '../aws/endpoints';
import { CredentialConfigError, type BedrockCredentials } from '../credentials';
import { callBedrock, type CallOptions } from './call';
import type { CallDescription } from './errors';
import { identityFor } from './identity';

/**
 * An S3 URI as Bedrock's async invocations take it: `s3://bucket` or `s3://bucket/prefix`, at
 * most 1,024 characters
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_AsyncInvokeS3OutputDataConfig.html).
 */
export const S3_URI_PATTERN = /^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/;
export const S3_URI_MAX_LENGTH = 1024;

export interface S3Location {
	bucket: string;
	/** Object key or key prefix, without a leading slash; '' for the bucket itself. */
	key: string;
}

/** `s3://bucket/a/b` → `{ bucket, key: 'a/b' }`; undefined when it is not an S3 URI. */
export function parseS3Uri(uri: string): S3Location | undefined {
	if (uri.length > S3_URI_MAX_LENGTH || !S3_URI_PATTERN.test(uri)) return undefined;
	const rest = uri.slice('s3://'.length);
	const slash = rest.indexOf('/');
	return slash < 0
		? { bucket: rest, key: '' }
		: { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
}

export function formatS3Uri({ bucket, key }: S3Location): string {
	return key ? `s3://${bucket}/${key}` : `s3://${bucket}`;
}

/** `prefix` + `/` + `name`, without doubled or leading slashes. */
export function joinKey(prefix: string, name: string): string {
	const head = prefix.replace(/\/+$/, '');
	return head ? `${head}/${name}` : name;
}

function describe(
	credentials: BedrockCredentials,
	operation: string,
	region: string,
	location: S3Location,
): CallDescription {
	return {
		operation,
		region,
		service: 's3',
		resource: formatS3Uri(location),
		...(credentials.endpoints.s3 ? { endpoint: credentials.endpoints.s3 } : {}),
	};
}

export interface BucketRegion {
	/** The bucket's region as S3 reports it (`x-amz-bucket-region`); undefined when S3 did not say. */
	region?: string;
	/**
	 * Whether the identity may list the bucket (HeadBucket answered 200). S3 still names the
	 * region on a 403, so the region check works without s3:ListBucket.
	 */
	listable: boolean;
}

interface HeadError {
	$metadata?: { httpStatusCode?: number };
	$response?: { headers?: Record<string, string | undefined> };
}

/**
 * Where a bucket is, from HeadBucket's `x-amz-bucket-region` header, which S3 sends with 200,
 * 301 (the request was signed for another region) and 403 answers
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html). Needs s3:ListBucket
 * for a 200; the region comes without it.
 *
 * @throws {BedrockCallError} no such bucket (404), or any other failure
 */
export async function headBucketRegion(
	credentials: BedrockCredentials,
	bucket: string,
	region: string,
	options: CallOptions = {},
): Promise<BucketRegion> {
	const { HeadBucketCommand } = await import('@aws-sdk/client-s3');
	const { result } = await callBedrock(
		credentials,
		's3',
		describe(credentials, 'HeadBucket', region, { bucket, key: '' }),
		async (client, abortSignal) => {
			const answer = await client
				.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal })
				.then(
					(output) => ({ output }),
					(error: unknown) => ({ error }),
				);
			if ('output' in answer) {
				const { BucketRegion } = answer.output;
				return { listable: true, ...(BucketRegion ? { region: BucketRegion } : {}) };
			}
			const { $metadata, $response } = (answer.error ?? {}) as HeadError;
			const status = $metadata?.httpStatusCode;
			const bucketRegion = $response?.headers?.['x-amz-bucket-region'];
			if ((status === 301 || status === 403) && bucketRegion) {
				return { listable: false, region: bucketRegion };
			}
			throw answer.error;
		},
		options,
	);
	return result;
}

export interface ObjectStream {
	/** The object's bytes as they arrive: consume or destroy it, or its connection stays taken. */
	body: Readable;
	contentLength?: number;
	contentType?: string;
	etag?: string;
}

/**
 * An object's content as a stream, for n8n's binary store to write as it arrives (a video is
 * 5–50 MB: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-luma.html).
 * `options.signal` and `options.timeoutMs` keep applying while the body streams.
 */
export async function getObjectStream(
	credentials: BedrockCredentials,
	location: S3Location,
	region: string,
	options: CallOptions = {},
): Promise<ObjectStream> {
	const { GetObjectCommand } = await import('@aws-sdk/client-s3');
	const { result } = await callBedrock(
		credentials,
		's3',
		describe(credentials, 'GetObject', region, location),
		async (client, abortSignal) =>
			await client.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }), {
				abortSignal,
			}),
		options,
	);
	if (!result.Body)
		throw new Error(`S3 answered GetObject of ${formatS3Uri(location)} without a body`);
	return {
		body: result.Body as Readable,
		...(result.ContentLength !== undefined ? { contentLength: result.ContentLength } : {}),
		...(result.ContentType ? { contentType: result.ContentType } : {}),
		...(result.ETag ? { etag: result.ETag } : {}),
	};
}

export interface PutObjectInput {
	/** The bytes: a buffer, or a stream of exactly `contentLength` bytes. */
	body: Buffer | Readable;
	contentType: string;
	contentLength: number;
	/** The file name browsers save or play it under (`Content-Disposition: inline`). */
	fileName?: string;
}

/**
 * Writes one object with PutObject: a single request, enough for images and videos (a single
 * PUT takes up to 5 GB: https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html).
 * Needs s3:PutObject on the key.
 *
 * @throws {BedrockCallError} denied (headline names s3:PutObject), no such bucket, other failures
 */
export async function putObject(
	credentials: BedrockCredentials,
	location: S3Location,
	input: PutObjectInput,
	region: string,
	options: CallOptions = {},
): Promise<{ etag?: string }> {
	const { PutObjectCommand } = await import('@aws-sdk/client-s3');
	// A stream can be sent once only: a retry would send an empty body.
	const once = Buffer.isBuffer(input.body) ? options : { ...options, maxAttempts: 1 };
	const { result } = await callBedrock(
		credentials,
		's3',
		describe(credentials, 'PutObject', region, location),
		async (client, abortSignal) =>
			await client.send(
				new PutObjectCommand({
					Bucket: location.bucket,
					Key: location.key,
					Body: input.body,
					ContentType: input.contentType,
					ContentLength: input.contentLength,
					...(input.fileName
						? { ContentDisposition: `inline; filename="${input.fileName.replace(/["\\]/g, '_')}"` }
						: {}),
				}),
				{ abortSignal },
			),
		once,
	);
	return result.ETag ? { etag: result.ETag } : {};
}

/** S3's limit for a SigV4 presigned URL: 7 days (https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html). */
export const MAX_LINK_EXPIRY_SECONDS = 604_800;

export interface PresignedUrl {
	url: string;
	/** When the link stops working: the requested expiry, or earlier when the credentials expire first. */
	expiresAt: Date;
}

/** `a b/c+d.png` → `a%20b/c%2Bd.png`: each segment encoded once, slashes kept (S3 does not double-encode). */
function encodeKey(key: string): string {
	return key
		.split('/')
		.map((segment) =>
			encodeURIComponent(segment).replace(
				/[!'()*]/g,
				(char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
			),
		)
		.join('/');
}

/**
 * A presigned HTTPS GET URL for an object, signed locally with SigV4 query parameters
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html) by the same
 * signer the SDK's presigner uses (@smithy/signature-v4 `presign`), with the identity and
 * endpoint the S3 client uses: virtual-hosted `https://<bucket>.s3.<region>.amazonaws.com`, or
 * path style under the credential's S3 Endpoint override. No request is made; the link works
 * while the identity may s3:GetObject the key. A URL signed with temporary credentials (role,
 * SSO, instance profile) stops working when they expire, whatever its own expiry
 * (https://repost.aws/knowledge-center/presigned-url-s3-bucket-expiration).
 */
export async function presignGetObject(
	credentials: BedrockCredentials,
	location: S3Location,
	region: string,
	expiresInSeconds: number,
): Promise<PresignedUrl> {
	const identity = await identityFor(credentials);
	if (identity.scheme !== 'sigv4') {
		throw new CredentialConfigError(
			'A Bedrock API key cannot sign S3 links: S3 accepts only AWS signatures. Use access keys, Assume Role or the host chain in the credential.',
		);
	}
	const source = identity.credentials;
	const resolved = typeof source === 'function' ? await source() : source;
	const override = resolveEndpointOverride(credentials.endpoints.s3, region, 'S3 Endpoint');
	// Bucket names with dots break the TLS wildcard of virtual-hosted names: path style for them
	// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html).
	const base = new URL(override ?? `https://s3.${region}.amazonaws.com`);
	const pathStyle = override !== undefined || location.bucket.includes('.');
	const hostname = pathStyle ? base.hostname : `${location.bucket}.${base.hostname}`;
	const prefix = base.pathname.replace(/\/+$/, '');
	const path = `${prefix}${pathStyle ? `/${location.bucket}` : ''}/${encodeKey(location.key)}`;
	const host = base.port ? `${hostname}:${base.port}` : hostname;
	// Loaded on the first link, like the S3 client (the same versions @aws-sdk/client-s3 uses).
	const [{ SignatureV4 }, { Sha256 }, { HttpRequest }] = await Promise.all([
		import('@smithy/signature-v4'),
		import('@smithy/core/checksum'),
		import('@smithy/core/transport'),
	]);
	const signer = new SignatureV4({
		credentials: resolved,
		region,
		service: 's3',
		sha256: Sha256,
		uriEscapePath: false,
		applyChecksum: false,
	});
	const now = new Date();
	const signed = await signer.presign(
		new HttpRequest({
			protocol: base.protocol,
			hostname,
			...(base.port ? { port: Number(base.port) } : {}),
			method: 'GET',
			path,
			headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
			query: { 'x-id': 'GetObject' },
		}),
		{ expiresIn: expiresInSeconds, signingDate: now },
	);
	const query = Object.entries(signed.query ?? {})
		.flatMap(([name, value]) =>
			(Array.isArray(value) ? value : [value ?? '']).map(
				(one) => `${encodeURIComponent(name)}=${encodeURIComponent(one)}`,
			),
		)
		.join('&');
	const requested = now.getTime() + expiresInSeconds * 1000;
	const expiration = resolved.expiration?.getTime();
	return {
		url: `${base.protocol}//${host}${path}?${query}`,
		expiresAt: new Date(expiration !== undefined ? Math.min(requested, expiration) : requested),
	};
}
