/**
 * The S3 endpoint of the emulator: the operations the pack needs for the objects async jobs
 * write and for "Store in S3" — GetObject (with Range), HeadObject, PutObject, HeadBucket,
 * GetBucketLocation and ListObjectsV2 — path-style (`/{bucket}/{key}`), on the emulator's port:
 * a request is S3's when its SigV4 credential scope names the `s3` service. Point
 * `@aws-sdk/client-s3` at the emulator with `endpoint` and `forcePathStyle: true`.
 *
 * Order of checks, as S3: authentication, bucket existence, bucket region (HeadBucket answers
 * 301 with `x-amz-bucket-region`, other requests 400 AuthorizationHeaderMalformed naming the
 * expected region), injected faults, IAM (`s3:GetObject`, `s3:PutObject`, `s3:ListBucket`,
 * `s3:GetBucketLocation`), the operation. A missing key is 404 NoSuchKey, or 403 AccessDenied
 * when the caller may not `s3:ListBucket`
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html, Permissions). Bodies
 * are streamed to and from disk.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { isDenied } from '../auth/authorize.ts';
import { AwsError } from '../errors.ts';
import {
	type AnyRequest,
	type AnyResponse,
	type Exchange,
	dropConnection,
	openExchange,
} from '../http/exchange.ts';
import { type RequestLogEntry, redactHeaders } from '../requestLog.ts';
import type { EmulatorState } from '../state.ts';
import { xml } from '../sts.ts';
import { type S3Authenticated, authenticateS3 } from './auth.ts';
import { AwsChunkedDecoder } from './chunked.ts';
import {
	S3Error,
	accessDenied,
	errorXml,
	fromAwsError,
	noSuchBucket,
	noSuchKey,
} from './errors.ts';
import type { Bucket, StoredObject, WriteDigest } from './store.ts';

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const MAX_KEYS = 1000;

interface S3Route {
	operation: string;
	bucket: string;
	key?: string;
	iamAction: string;
	resource: string;
}

interface S3Call {
	exchange: Exchange;
	state: EmulatorState;
	route: S3Route;
	auth: S3Authenticated;
	bucket: Bucket;
	/** S3 request ID (16 upper-case hex digits) and host ID, on every answer. */
	ids: { requestId: string; hostId: string };
}

export async function handleS3Request(
	state: EmulatorState,
	request: AnyRequest,
	response: AnyResponse,
): Promise<void> {
	const exchange = openExchange(request, response);
	exchange.now = () => state.now();
	exchange.requestId = randomBytes(8).toString('hex').toUpperCase();
	const ids = { requestId: exchange.requestId, hostId: randomBytes(48).toString('base64') };
	const entry = logEntry(exchange);
	state.log.track(exchange, entry);
	try {
		const route = matchS3Route(exchange);
		entry.operation = route.operation;
		const auth = authenticateS3(exchange, state.identities, state.now());
		entry.identity = auth.principal.label;
		entry.region = auth.region;
		const bucket = state.s3.bucket(route.bucket);
		if (!bucket) throw noSuchBucket(route.bucket);
		checkRegion(route, auth, bucket);

		const faults = state.faults.apply({
			rawPath: exchange.rawPath,
			decodedPath: safeDecode(exchange.rawPath),
			operation: route.operation,
			modelIds: [],
			streaming: false,
		});
		if (faults.labels.length > 0) entry.fault = faults.labels.join(',');
		if (faults.latencyMs > 0) await new Promise((done) => setTimeout(done, faults.latencyMs));
		if (faults.action?.kind === 'error') throw fromAwsError(faults.action.error);
		if (faults.action?.kind === 'drop') return dropConnection(exchange);
		if (faults.action?.kind === 'hang') return;

		const call: S3Call = { exchange, state, route, auth, bucket, ids };
		if (denied(call, route.iamAction)) {
			throw withRegion(
				accessDenied(auth.principal.arn, route.iamAction, route.resource),
				route,
				bucket,
			);
		}
		await OPERATIONS[route.operation](call);
	} catch (error) {
		if (exchange.clientAborted) return;
		const s3Error =
			error instanceof S3Error
				? error
				: error instanceof AwsError
					? fromAwsError(error)
					: internalError(error);
		sendError(exchange, s3Error, ids);
	}
}

const OPERATIONS: Record<string, (call: S3Call) => Promise<void> | void> = {
	HeadBucket: headBucket,
	GetBucketLocation: getBucketLocation,
	ListObjectsV2: listObjectsV2,
	GetObject: (call) => getObject(call, true),
	HeadObject: (call) => getObject(call, false),
	PutObject: putObject,
};

function matchS3Route(exchange: Exchange): S3Route {
	const { method, rawPath } = exchange;
	const query = new URLSearchParams(exchange.rawQuery);
	const match = /^\/([^/]+)(?:\/(.*))?$/.exec(rawPath);
	if (!match) throw notImplemented('ListBuckets');
	const bucket = safeDecode(match[1]);
	const key = match[2] ? safeDecode(match[2]) : undefined;
	const bucketArn = `arn:aws:s3:::${bucket}`;
	const route = (operation: string, iamAction: string, resource = bucketArn): S3Route => ({
		operation,
		bucket,
		...(key === undefined ? {} : { key }),
		iamAction,
		resource,
	});
	if (key === undefined) {
		if (method === 'HEAD') return route('HeadBucket', 's3:ListBucket');
		if (method === 'GET' && query.has('location'))
			return route('GetBucketLocation', 's3:GetBucketLocation');
		if (method === 'GET' && query.get('list-type') === '2')
			return route('ListObjectsV2', 's3:ListBucket');
		throw notImplemented(method === 'GET' ? 'ListObjects (version 1)' : `${method} on a bucket`);
	}
	const objectArn = `${bucketArn}/${key}`;
	if (method === 'GET') return route('GetObject', 's3:GetObject', objectArn);
	if (method === 'HEAD') return route('HeadObject', 's3:GetObject', objectArn);
	if (method === 'PUT' && exchange.headers['x-amz-copy-source'] === undefined)
		return route('PutObject', 's3:PutObject', objectArn);
	throw notImplemented(method === 'PUT' ? 'CopyObject' : `${method} on an object`);
}

/** A request signed for another region than the bucket's. */
function checkRegion(route: S3Route, auth: S3Authenticated, bucket: Bucket): void {
	if (auth.region === bucket.region || route.operation === 'GetBucketLocation') return;
	const headers = { 'x-amz-bucket-region': bucket.region };
	if (route.operation === 'HeadBucket') {
		throw new S3Error(
			'PermanentRedirect',
			301,
			'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
			[
				['Endpoint', `${bucket.name}.s3.${bucket.region}.amazonaws.com`],
				['Bucket', bucket.name],
			],
			headers,
		);
	}
	const problem = `the region '${auth.region}' is wrong; expecting '${bucket.region}'`;
	throw auth.presigned
		? new S3Error(
				'AuthorizationQueryParametersError',
				400,
				`Error parsing the X-Amz-Credential parameter; ${problem}`,
				[['Region', bucket.region]],
				headers,
			)
		: new S3Error(
				'AuthorizationHeaderMalformed',
				400,
				`The authorization header is malformed; ${problem}`,
				[['Region', bucket.region]],
				headers,
			);
}

function headBucket(call: S3Call): void {
	send(call, 200, {
		'x-amz-bucket-region': call.bucket.region,
		'x-amz-access-point-alias': 'false',
	});
}

/** `LocationConstraint` is empty for us-east-1 (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html). */
function getBucketLocation(call: S3Call): void {
	const region = call.bucket.region;
	const body =
		region === 'us-east-1'
			? `<LocationConstraint xmlns="${XMLNS}"/>`
			: `<LocationConstraint xmlns="${XMLNS}">${region}</LocationConstraint>`;
	sendXml(call, 200, body);
}

function listObjectsV2(call: S3Call): void {
	const query = new URLSearchParams(call.exchange.rawQuery);
	const prefix = query.get('prefix') ?? '';
	const delimiter = query.get('delimiter') ?? '';
	const startAfter = query.get('start-after') ?? '';
	const token = query.get('continuation-token');
	const urlEncoded = query.get('encoding-type') === 'url';
	const maxKeysText = query.get('max-keys');
	const maxKeys = maxKeysText === null ? MAX_KEYS : Number(maxKeysText);
	if (!Number.isInteger(maxKeys) || maxKeys < 0) {
		throw new S3Error(
			'InvalidArgument',
			400,
			'Provided max-keys not an integer or within integer range',
			[
				['ArgumentName', 'max-keys'],
				['ArgumentValue', String(maxKeysText)],
			],
		);
	}
	let after = startAfter;
	let skipPrefix: string | undefined;
	if (token !== null) {
		const decoded = decodeToken(token);
		if (decoded === undefined) {
			throw new S3Error('InvalidArgument', 400, 'The continuation token provided is incorrect', [
				['ArgumentName', 'continuation-token'],
			]);
		}
		if (decoded.key > after) after = decoded.key;
		skipPrefix = decoded.prefix;
	}

	// Keys and common prefixes in key order; a common prefix counts once towards max-keys.
	const entries: Array<{ key: string; object?: StoredObject }> = [];
	const seenPrefixes = new Set<string>();
	let truncated = false;
	let lastKey = '';
	for (const object of call.state.s3.sortedObjects(call.bucket.name)) {
		if (!object.key.startsWith(prefix) || (after && object.key <= after)) continue;
		if (skipPrefix !== undefined && object.key.startsWith(skipPrefix)) continue;
		const rest = object.key.slice(prefix.length);
		const cut = delimiter ? rest.indexOf(delimiter) : -1;
		const commonPrefix = cut >= 0 ? prefix + rest.slice(0, cut + delimiter.length) : undefined;
		if (commonPrefix && seenPrefixes.has(commonPrefix)) {
			lastKey = object.key;
			continue;
		}
		if (entries.length >= Math.min(maxKeys, MAX_KEYS)) {
			truncated = true;
			break;
		}
		if (commonPrefix) {
			seenPrefixes.add(commonPrefix);
			entries.push({ key: commonPrefix });
		} else {
			entries.push({ key: object.key, object });
		}
		lastKey = object.key;
	}
	const encode = (text: string) =>
		xml(urlEncoded ? encodeURIComponent(text).replace(/%2F/g, '/') : text);
	const contents = entries
		.filter((entry) => entry.object)
		.map(({ object }) => {
			const o = object as StoredObject;
			return `<Contents><Key>${encode(o.key)}</Key><LastModified>${new Date(o.lastModified).toISOString()}</LastModified><ETag>${xml(o.etag)}</ETag><ChecksumAlgorithm>CRC32</ChecksumAlgorithm><ChecksumType>FULL_OBJECT</ChecksumType><Size>${o.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
		})
		.join('');
	const prefixes = entries
		.filter((entry) => !entry.object)
		.map((entry) => `<CommonPrefixes><Prefix>${encode(entry.key)}</Prefix></CommonPrefixes>`)
		.join('');
	const optional = [
		token === null ? '' : `<ContinuationToken>${xml(token)}</ContinuationToken>`,
		truncated
			? `<NextContinuationToken>${encodeToken(lastKey, entries.at(-1)?.object ? undefined : entries.at(-1)?.key)}</NextContinuationToken>`
			: '',
		startAfter ? `<StartAfter>${encode(startAfter)}</StartAfter>` : '',
		delimiter ? `<Delimiter>${encode(delimiter)}</Delimiter>` : '',
		urlEncoded ? '<EncodingType>url</EncodingType>' : '',
	].join('');
	sendXml(
		call,
		200,
		`<ListBucketResult xmlns="${XMLNS}"><Name>${xml(call.bucket.name)}</Name><Prefix>${encode(prefix)}</Prefix><KeyCount>${entries.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${prefixes}${optional}</ListBucketResult>`,
	);
}

async function getObject(call: S3Call, withBody: boolean): Promise<void> {
	const { exchange, route } = call;
	const object = call.state.s3.object(call.bucket.name, route.key as string);
	if (!object) {
		throw denied(call, 's3:ListBucket')
			? accessDenied(call.auth.principal.arn, 's3:GetObject', route.resource)
			: noSuchKey(route.key as string);
	}
	const range = parseRange(exchange.headers.range, object.size);
	const query = new URLSearchParams(exchange.rawQuery);
	const headers: Record<string, string> = {
		...objectHeaders(object),
		'accept-ranges': 'bytes',
		'content-length': String(range ? range.end - range.start + 1 : object.size),
	};
	// Presigned URLs and callers may override response headers (response-content-type, ...).
	for (const name of [
		'content-type',
		'content-disposition',
		'content-language',
		'content-encoding',
		'cache-control',
		'expires',
	]) {
		const override = query.get(`response-${name}`);
		if (override !== null) headers[name] = override;
	}
	if (range) headers['content-range'] = `bytes ${range.start}-${range.end}/${object.size}`;
	else if (exchange.headers['x-amz-checksum-mode']?.toUpperCase() === 'ENABLED') {
		headers['x-amz-checksum-crc32'] = object.checksumCrc32;
		headers['x-amz-checksum-type'] = 'FULL_OBJECT';
	}
	const status = range ? 206 : 200;
	if (!withBody || object.size === 0) return send(call, status, headers);
	const stream = createReadStream(object.path, range ? { start: range.start, end: range.end } : {});
	await new Promise<void>((resolve, reject) => {
		stream.once('open', () => resolve());
		stream.once('error', reject);
	});
	start(call, status, headers);
	await pipeline(stream, exchange.response as unknown as NodeJS.WritableStream).catch(() => {
		// The client went away mid-download; the response is already closed.
	});
}

async function putObject(call: S3Call): Promise<void> {
	const { exchange, route, auth, state } = call;
	const headers = exchange.headers;
	const chunked = auth.payload.kind === 'aws-chunked-trailer';
	const decoder = chunked ? new AwsChunkedDecoder() : undefined;
	const source = decoder
		? (exchange.request as unknown as Readable).pipe(decoder)
		: (exchange.request as unknown as Readable);
	const metadata = Object.fromEntries(
		Object.entries(headers)
			.filter(([name]) => name.startsWith('x-amz-meta-'))
			.map(([name, value]) => [name.slice('x-amz-meta-'.length), value]),
	);
	const object = await state.s3.putStream(
		call.bucket.name,
		route.key as string,
		source,
		{ contentType: headers['content-type'], metadata },
		(digest) => checkUpload(call, digest, decoder?.trailers ?? {}),
	);
	const checksum = headers['x-amz-checksum-crc32'] ?? decoder?.trailers['x-amz-checksum-crc32'];
	send(call, 200, {
		etag: object.etag,
		'x-amz-server-side-encryption': 'AES256',
		...(checksum ? { 'x-amz-checksum-crc32': checksum, 'x-amz-checksum-type': 'FULL_OBJECT' } : {}),
	});
}

/** The integrity checks S3 makes on an upload, in the order it reports them. */
function checkUpload(call: S3Call, digest: WriteDigest, trailers: Record<string, string>): void {
	const { headers } = call.exchange;
	const payload = call.auth.payload;
	if (payload.kind === 'aws-chunked-trailer') {
		const declared = headers['x-amz-decoded-content-length'];
		if (declared !== undefined && Number(declared) !== digest.size) {
			throw new S3Error(
				'IncompleteBody',
				400,
				'You did not provide the number of bytes specified by the Content-Length HTTP header',
			);
		}
	}
	if (payload.kind === 'sha256' && payload.hex !== digest.sha256Hex) {
		throw new S3Error(
			'XAmzContentSHA256Mismatch',
			400,
			"The provided 'x-amz-content-sha256' header does not match what was computed.",
			[
				['ClientComputedContentSHA256', payload.hex],
				['S3ComputedContentSHA256', digest.sha256Hex],
			],
		);
	}
	const md5 = headers['content-md5'];
	if (md5 !== undefined && md5 !== Buffer.from(digest.md5Hex, 'hex').toString('base64')) {
		throw new S3Error(
			'BadDigest',
			400,
			'The Content-MD5 you specified did not match what we received.',
		);
	}
	const checks: Array<[string, string, string]> = [
		['x-amz-checksum-crc32', 'CRC32', digest.crc32Base64],
		['x-amz-checksum-sha256', 'SHA256', Buffer.from(digest.sha256Hex, 'hex').toString('base64')],
	];
	for (const [name, algorithm, actual] of checks) {
		const expected = headers[name] ?? trailers[name];
		if (expected !== undefined && expected !== actual) {
			throw new S3Error(
				'BadDigest',
				400,
				`The ${algorithm} you specified did not match the calculated checksum.`,
			);
		}
	}
}

function objectHeaders(object: StoredObject): Record<string, string> {
	return {
		'content-type': object.contentType,
		etag: object.etag,
		'last-modified': new Date(object.lastModified).toUTCString(),
		'x-amz-server-side-encryption': 'AES256',
		...Object.fromEntries(
			Object.entries(object.metadata).map(([name, value]) => [`x-amz-meta-${name}`, value]),
		),
	};
}

/** A single `bytes=` range (S3 serves one range per request); undefined for the whole object. */
function parseRange(
	header: string | undefined,
	size: number,
): { start: number; end: number } | undefined {
	if (!header) return undefined;
	const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!match || (match[1] === '' && match[2] === '')) return undefined;
	let start: number;
	let end: number;
	if (match[1] === '') {
		start = Math.max(0, size - Number(match[2]));
		end = size - 1;
	} else {
		start = Number(match[1]);
		end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
	}
	if (start >= size || start > end || (match[1] === '' && Number(match[2]) === 0)) {
		throw new S3Error('InvalidRange', 416, 'The requested range is not satisfiable', [
			['RangeRequested', header],
			['ActualObjectSize', String(size)],
		]);
	}
	return { start, end };
}

function denied(call: S3Call, action: string): boolean {
	return isDenied(action, [
		...call.state.settings.deniedActions,
		...call.auth.principal.deniedActions,
	]);
}

/** HeadBucket's 403 still carries the bucket's region (API_HeadBucket). */
function withRegion(error: S3Error, route: S3Route, bucket: Bucket): S3Error {
	if (route.operation !== 'HeadBucket') return error;
	return new S3Error(error.code, error.status, error.message, error.fields, {
		'x-amz-bucket-region': bucket.region,
	});
}

function notImplemented(what: string): S3Error {
	return new S3Error('NotImplemented', 501, `The offline emulator does not implement ${what}.`);
}

function internalError(error: unknown): S3Error {
	process.stderr.write(`[emulator] ${error instanceof Error ? error.stack : String(error)}\n`);
	return new S3Error('InternalError', 500, 'We encountered an internal error. Please try again.');
}

/** Opaque continuation tokens: the last key of the page, and the common prefix it ended in. */
function encodeToken(key: string, prefix?: string): string {
	return Buffer.from(
		JSON.stringify({ v: 1, key, ...(prefix === undefined ? {} : { prefix }) }),
		'utf8',
	).toString('base64');
}

function decodeToken(token: string): { key: string; prefix?: string } | undefined {
	try {
		const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Record<
			string,
			unknown
		>;
		if (parsed.v !== 1 || typeof parsed.key !== 'string') return undefined;
		return {
			key: parsed.key,
			...(typeof parsed.prefix === 'string' ? { prefix: parsed.prefix } : {}),
		};
	} catch {
		return undefined;
	}
}

function baseHeaders(call: Pick<S3Call, 'exchange' | 'state' | 'ids'>): Record<string, string> {
	return {
		'x-amz-request-id': call.ids.requestId,
		'x-amz-id-2': call.ids.hostId,
		date: new Date(call.state.now()).toUTCString(),
		server: 'AmazonS3',
	};
}

/** Writes the status and headers of a streamed answer. */
function start(call: S3Call, status: number, headers: Record<string, string>): void {
	if (call.exchange.log) call.exchange.log.status = status;
	call.exchange.response.writeHead(status, { ...headers, ...baseHeaders(call) });
}

function send(call: S3Call, status: number, headers: Record<string, string>, body = ''): void {
	const { response } = call.exchange;
	if (response.headersSent || response.destroyed) return;
	const payload = Buffer.from(body, 'utf8');
	start(call, status, { 'content-length': String(payload.length), ...headers });
	response.end(call.exchange.method === 'HEAD' ? undefined : payload);
}

function sendXml(call: S3Call, status: number, body: string): void {
	send(
		call,
		status,
		{ 'content-type': 'application/xml' },
		`<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
	);
}

function sendError(exchange: Exchange, error: S3Error, ids: S3Call['ids']): void {
	if (exchange.log) exchange.log.errorType = error.code;
	const { response } = exchange;
	if (response.headersSent || response.destroyed) return;
	const head = exchange.method === 'HEAD';
	const body = head
		? Buffer.alloc(0)
		: Buffer.from(errorXml(error, ids.requestId, ids.hostId), 'utf8');
	if (exchange.log) exchange.log.status = error.status;
	response.writeHead(error.status, {
		...error.headers,
		...(head ? {} : { 'content-type': 'application/xml' }),
		'content-length': String(body.length),
		'x-amz-request-id': ids.requestId,
		'x-amz-id-2': ids.hostId,
		date: new Date((exchange.now ?? Date.now)()).toUTCString(),
		server: 'AmazonS3',
	});
	response.end(head ? undefined : body);
	// An upload answered early: the rest of its body is not needed.
	if (!(exchange.request as unknown as Readable).readableEnded)
		(exchange.request as unknown as Readable).resume();
}

function logEntry(exchange: Exchange): RequestLogEntry {
	// Presigned URLs carry their signature and any session token in the query: keep only the key ID.
	const path = exchange.rawQuery
		? `${exchange.rawPath}?${exchange.rawQuery.replace(/(X-Amz-(Signature|Security-Token))=[^&]*/gi, '$1=<redacted>')}`
		: exchange.rawPath;
	return {
		id: exchange.requestId,
		time: new Date(exchange.startedAt).toISOString(),
		method: exchange.method,
		path,
		httpVersion: exchange.httpVersion,
		headers: redactHeaders(exchange.headers),
		body: null,
		clientAborted: false,
	};
}

function safeDecode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
