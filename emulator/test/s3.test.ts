/**
 * The emulator's S3 endpoint driven with @aws-sdk/client-s3 (path-style against the emulator's
 * URL, as the pack's S3 endpoint override) and with raw SigV4 requests and presigned URLs from
 * @smithy/signature-v4: objects, ranges, listings, bucket regions, signatures, IAM, faults.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

import {
	GetBucketLocationCommand,
	GetObjectCommand,
	HeadBucketCommand,
	HeadObjectCommand,
	ListObjectsV2Command,
	PutObjectCommand,
	type S3Client,
	paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

import { type RunningEmulator, startEmulator } from '../src/index.ts';
import { type Credentials, EXAMPLE_CREDENTIALS, captureError } from './sdkHarness.ts';
import { EAST_BUCKET, WEST_BUCKET, s3Client } from './videoHarness.ts';

const READ_ONLY = {
	accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
	secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
};
const SESSION = {
	accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	sessionToken: 'EmulatorConfiguredSessionToken/s3',
};

let emulator: RunningEmulator;
let s3: S3Client;

beforeAll(async () => {
	emulator = await startEmulator({
		identities: {
			accessKeys: [
				{ ...READ_ONLY, userName: 'reader', deniedActions: ['s3:PutObject', 's3:ListBucket'] },
				{ ...SESSION, expiration: new Date(Date.now() + 3_600_000).toISOString() },
			],
		},
	});
	s3 = s3Client(emulator.url);
});
afterAll(() => emulator.stop());
afterEach(() => emulator.control.reset());

const put = (key: string, body: string | Buffer | Readable, extra: Record<string, unknown> = {}) =>
	s3.send(new PutObjectCommand({ Bucket: WEST_BUCKET, Key: key, Body: body, ...extra }));
const get = (key: string, extra: Record<string, unknown> = {}, client = s3) =>
	client.send(new GetObjectCommand({ Bucket: WEST_BUCKET, Key: key, ...extra }));

describe('objects', () => {
	test('PutObject then GetObject and HeadObject: body, type, metadata, MD5 ETag, CRC32 checksum', async () => {
		const body = 'hello from the emulator';
		const written = await put('notes/a b+c.txt', body, {
			ContentType: 'text/plain',
			Metadata: { source: 'n8n' },
		});
		const md5 = createHash('md5').update(body).digest('hex');
		expect(written.ETag).toBe(`"${md5}"`);
		expect(written.ChecksumCRC32).toEqual(expect.any(String));

		const read = await get('notes/a b+c.txt');
		expect(await read.Body?.transformToString()).toBe(body);
		expect(read).toMatchObject({
			ContentType: 'text/plain',
			ContentLength: body.length,
			ETag: `"${md5}"`,
			Metadata: { source: 'n8n' },
			ChecksumCRC32: written.ChecksumCRC32,
		});
		const head = await s3.send(
			new HeadObjectCommand({ Bucket: WEST_BUCKET, Key: 'notes/a b+c.txt' }),
		);
		expect(head).toMatchObject({
			ContentLength: body.length,
			ContentType: 'text/plain',
			AcceptRanges: 'bytes',
		});
		expect(head.LastModified).toBeInstanceOf(Date);
	});

	test('a stream body arrives as aws-chunked with a CRC32 trailer and is stored decoded', async () => {
		const parts = [Buffer.alloc(70_000, 1), Buffer.alloc(50_000, 2), Buffer.from('end')];
		const whole = Buffer.concat(parts);
		await put('blobs/stream.bin', Readable.from(parts), { ContentLength: whole.length });
		const entry = emulator.control.requests().find((request) => request.operation === 'PutObject');
		expect(entry?.headers['x-amz-content-sha256']).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
		expect(entry?.headers['content-encoding']).toBe('aws-chunked');
		const read = Buffer.from(await (await get('blobs/stream.bin')).Body!.transformToByteArray());
		expect(read.equals(whole)).toBe(true);
	});

	test('an 8 MB object streams back byte for byte', async () => {
		const big = Buffer.alloc(8 * 1024 * 1024);
		for (let i = 0; i < big.length; i += 4096) big.writeUInt32BE(i, i);
		await put('big/file.bin', big);
		const read = await get('big/file.bin');
		const hash = createHash('sha256');
		for await (const chunk of read.Body as Readable) hash.update(chunk as Buffer);
		expect(hash.digest('hex')).toBe(createHash('sha256').update(big).digest('hex'));
	});

	test.each([
		['bytes=0-4', 'hello', 'bytes 0-4/11'],
		['bytes=6-', 'world', 'bytes 6-10/11'],
		['bytes=-3', 'rld', 'bytes 8-10/11'],
		['bytes=6-99', 'world', 'bytes 6-10/11'],
	])('Range %s answers 206 with %s', async (range, text, contentRange) => {
		await put('range.txt', 'hello world');
		const read = await get('range.txt', { Range: range });
		expect(read.$metadata.httpStatusCode).toBe(206);
		expect(await read.Body?.transformToString()).toBe(text);
		expect(read.ContentRange).toBe(contentRange);
		expect(read.ChecksumCRC32).toBeUndefined();
	});

	test('an unsatisfiable range is 416 InvalidRange', async () => {
		await put('range.txt', 'hello world');
		expect(await captureError(get('range.txt', { Range: 'bytes=11-20' }))).toMatchObject({
			name: 'InvalidRange',
			status: 416,
			message: 'The requested range is not satisfiable',
		});
	});

	test('a missing key is 404 NoSuchKey; HEAD has no body, the SDK calls it NotFound', async () => {
		expect(await captureError(get('nope.mp4'))).toMatchObject({
			name: 'NoSuchKey',
			status: 404,
			message: 'The specified key does not exist.',
		});
		expect(
			await captureError(s3.send(new HeadObjectCommand({ Bucket: WEST_BUCKET, Key: 'nope.mp4' }))),
		).toMatchObject({ name: 'NotFound', status: 404 });
	});

	test('without s3:ListBucket a missing key is 403 AccessDenied, as S3 documents', async () => {
		const reader = s3Client(emulator.url, { credentials: READ_ONLY });
		expect(await captureError(get('nope.mp4', {}, reader))).toMatchObject({
			name: 'AccessDenied',
			status: 403,
			message:
				'User: arn:aws:iam::123456789012:user/reader is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::bedrock-emulator-us-west-2/nope.mp4" because no identity-based policy allows the s3:GetObject action',
		});
	});

	test('an identity without s3:PutObject is denied with the action and resource named', async () => {
		const reader = s3Client(emulator.url, { credentials: READ_ONLY });
		const error = await captureError(
			reader.send(new PutObjectCommand({ Bucket: WEST_BUCKET, Key: 'out/x.png', Body: 'x' })),
		);
		expect(error).toMatchObject({
			name: 'AccessDenied',
			status: 403,
			message:
				'User: arn:aws:iam::123456789012:user/reader is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::bedrock-emulator-us-west-2/out/x.png" because no identity-based policy allows the s3:PutObject action',
		});
		expect(emulator.control.s3.objects(WEST_BUCKET)).toEqual([]);
	});

	test('a bucket that does not exist is 404 NoSuchBucket', async () => {
		const error = await captureError(
			s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'x' })),
		);
		expect(error).toMatchObject({
			name: 'NoSuchBucket',
			status: 404,
			message: 'The specified bucket does not exist',
		});
	});

	test('temporary credentials work with their session token', async () => {
		const session = s3Client(emulator.url, { credentials: SESSION });
		await session.send(new PutObjectCommand({ Bucket: WEST_BUCKET, Key: 's.txt', Body: 'ok' }));
		expect(await (await get('s.txt', {}, session)).Body?.transformToString()).toBe('ok');
	});
});

describe('integrity and signatures', () => {
	/** A PUT signed like the SDK signs it, sent with fetch so that the body can differ. */
	async function rawPut(
		key: string,
		signed: string,
		sent: string,
		headers: Record<string, string> = {},
	) {
		const url = new URL(emulator.url);
		const signer = new SignatureV4({
			credentials: EXAMPLE_CREDENTIALS,
			region: 'us-west-2',
			service: 's3',
			sha256: Sha256,
			uriEscapePath: false,
		});
		const request = await signer.sign(
			new HttpRequest({
				method: 'PUT',
				protocol: 'http:',
				hostname: url.hostname,
				port: Number(url.port),
				path: `/${WEST_BUCKET}/${key}`,
				headers: {
					host: url.host,
					'x-amz-content-sha256': createHash('sha256').update(signed).digest('hex'),
					...headers,
				},
				body: signed,
			}),
		);
		return fetch(`${emulator.url}/${WEST_BUCKET}/${key}`, {
			method: 'PUT',
			headers: request.headers,
			body: sent,
		});
	}

	test('a body that differs from its x-amz-content-sha256 is XAmzContentSHA256Mismatch and not stored', async () => {
		const response = await rawPut('t.txt', 'signed body', 'other body!');
		expect(response.status).toBe(400);
		const text = await response.text();
		expect(text).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
		expect(text).toContain(
			`<S3ComputedContentSHA256>${createHash('sha256').update('other body!').digest('hex')}</S3ComputedContentSHA256>`,
		);
		expect(emulator.control.s3.objects(WEST_BUCKET)).toEqual([]);
	});

	test('a wrong CRC32 header is BadDigest', async () => {
		const response = await rawPut('t.txt', 'same', 'same', { 'x-amz-checksum-crc32': 'AAAAAA==' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(
			'<Code>BadDigest</Code><Message>The CRC32 you specified did not match the calculated checksum.</Message>',
		);
	});

	test('a wrong secret is SignatureDoesNotMatch with the canonical request; an unknown key InvalidAccessKeyId', async () => {
		const wrong = s3Client(emulator.url, {
			credentials: {
				accessKeyId: EXAMPLE_CREDENTIALS.accessKeyId,
				secretAccessKey: 'not-the-secret',
			},
		});
		const mismatch = await captureError(get('x', {}, wrong));
		expect(mismatch).toMatchObject({
			name: 'SignatureDoesNotMatch',
			status: 403,
			message:
				'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
		});
		expect(mismatch.error.CanonicalRequest).toContain('GET\n/bedrock-emulator-us-west-2/x\n');
		const unknown = s3Client(emulator.url, {
			credentials: { accessKeyId: 'ASIAI44QH8DHBEXAMPLE', secretAccessKey: 'x' },
		});
		expect(await captureError(get('x', {}, unknown))).toMatchObject({
			name: 'InvalidAccessKeyId',
			status: 403,
			message: 'The AWS Access Key Id you provided does not exist in our records.',
		});
	});

	test('a clock 20 minutes off is RequestTimeTooSkewed (S3 allows 15)', async () => {
		const skewed = s3Client(emulator.url, { systemClockOffset: 20 * 60 * 1000 });
		expect(await captureError(get('x', {}, skewed))).toMatchObject({
			name: 'RequestTimeTooSkewed',
			status: 403,
			message: 'The difference between the request time and the current time is too large.',
		});
	});
});

describe('presigned GET URLs', () => {
	async function presign(
		key: string,
		options: {
			expiresIn?: number;
			signingDate?: Date;
			region?: string;
			credentials?: Credentials;
			query?: Record<string, string>;
		} = {},
	): Promise<string> {
		const url = new URL(emulator.url);
		const signer = new SignatureV4({
			credentials: options.credentials ?? EXAMPLE_CREDENTIALS,
			region: options.region ?? 'us-west-2',
			service: 's3',
			sha256: Sha256,
			uriEscapePath: false,
			applyChecksum: false,
		});
		const path = `/${WEST_BUCKET}/${key.split('/').map(encodeURIComponent).join('/')}`;
		const signed = await signer.presign(
			new HttpRequest({
				method: 'GET',
				protocol: 'http:',
				hostname: url.hostname,
				port: Number(url.port),
				path,
				headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
				query: { 'x-id': 'GetObject', ...options.query },
			}),
			{
				expiresIn: options.expiresIn ?? 900,
				...(options.signingDate ? { signingDate: options.signingDate } : {}),
			},
		);
		const query = Object.entries(signed.query ?? {})
			.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value as string)}`)
			.join('&');
		return `${emulator.url}${signed.path}?${query}`;
	}

	test('a valid URL downloads the object without any header', async () => {
		await put('videos/abc/output file+1.mp4', 'not really a video', { ContentType: 'video/mp4' });
		const response = await fetch(await presign('videos/abc/output file+1.mp4'));
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('video/mp4');
		expect(await response.text()).toBe('not really a video');
	});

	test('response-content-disposition in the signed query sets the download name', async () => {
		await put('v.mp4', 'x', { ContentType: 'video/mp4' });
		const response = await fetch(
			await presign('v.mp4', {
				query: { 'response-content-disposition': 'attachment; filename="clip.mp4"' },
			}),
		);
		expect(response.headers.get('content-disposition')).toBe('attachment; filename="clip.mp4"');
	});

	test('temporary credentials put their session token in the URL', async () => {
		await put('t.txt', 'token');
		const url = await presign('t.txt', { credentials: SESSION });
		expect(url).toContain('X-Amz-Security-Token=');
		expect((await fetch(url)).status).toBe(200);
		// The request log keeps neither the signature nor the token.
		const logged = JSON.stringify(emulator.control.requests());
		expect(logged).not.toContain(encodeURIComponent(SESSION.sessionToken));
		expect(logged).toContain('X-Amz-Signature=<redacted>');
	});

	test('past X-Amz-Expires: 403 AccessDenied "Request has expired"', async () => {
		await put('t.txt', 'late');
		const response = await fetch(
			await presign('t.txt', { expiresIn: 60, signingDate: new Date(Date.now() - 61_000) }),
		);
		expect(response.status).toBe(403);
		const text = await response.text();
		expect(text).toMatch(
			/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>AccessDenied<\/Code><Message>Request has expired<\/Message><X-Amz-Expires>60<\/X-Amz-Expires><Expires>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/Expires><ServerTime>/,
		);
	});

	test('a tampered URL (other key, altered signature) is SignatureDoesNotMatch', async () => {
		await put('a.txt', 'a');
		await put('b.txt', 'b');
		const url = await presign('a.txt');
		const otherKey = await fetch(url.replace('/a.txt?', '/b.txt?'));
		expect(otherKey.status).toBe(403);
		expect(await otherKey.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
		const altered = url.replace(
			/X-Amz-Signature=([0-9a-f])/,
			(_m, first: string) => `X-Amz-Signature=${first === '0' ? '1' : '0'}`,
		);
		expect((await fetch(altered)).status).toBe(403);
	});

	test('more than a week is AuthorizationQueryParametersError', async () => {
		const url = (await presign('a.txt')).replace(/X-Amz-Expires=\d+/, 'X-Amz-Expires=604801');
		const response = await fetch(url);
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(
			'<Code>AuthorizationQueryParametersError</Code><Message>X-Amz-Expires must be less than a week (in seconds) that is 604800</Message>',
		);
	});

	test('a URL signed for another region than the bucket names the expected region', async () => {
		await put('a.txt', 'a');
		const response = await fetch(await presign('a.txt', { region: 'us-east-1' }));
		expect(response.status).toBe(400);
		expect(response.headers.get('x-amz-bucket-region')).toBe('us-west-2');
		expect(await response.text()).toContain(
			"<Code>AuthorizationQueryParametersError</Code><Message>Error parsing the X-Amz-Credential parameter; the region 'us-east-1' is wrong; expecting 'us-west-2'</Message><Region>us-west-2</Region>",
		);
	});
});

describe('buckets and regions', () => {
	test('HeadBucket reports the region; signed for another region it is 301 with x-amz-bucket-region', async () => {
		expect(await s3.send(new HeadBucketCommand({ Bucket: WEST_BUCKET }))).toMatchObject({
			BucketRegion: 'us-west-2',
		});
		const east = s3Client(emulator.url, { region: 'us-east-1' });
		const error = await captureError(east.send(new HeadBucketCommand({ Bucket: WEST_BUCKET })));
		expect(error.status).toBe(301);
		const response = (error.error as { $response?: { headers: Record<string, string> } }).$response;
		expect(response?.headers['x-amz-bucket-region']).toBe('us-west-2');
	});

	test('HeadBucket denied (no s3:ListBucket) is 403 and still carries the region; a missing bucket is 404', async () => {
		const reader = s3Client(emulator.url, { credentials: READ_ONLY });
		const denied = await captureError(reader.send(new HeadBucketCommand({ Bucket: WEST_BUCKET })));
		expect(denied.status).toBe(403);
		expect(
			(denied.error as { $response?: { headers: Record<string, string> } }).$response?.headers[
				'x-amz-bucket-region'
			],
		).toBe('us-west-2');
		expect(
			await captureError(s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' }))),
		).toMatchObject({
			name: 'NotFound',
			status: 404,
		});
	});

	test('GetObject signed for the wrong region is 400 AuthorizationHeaderMalformed naming the right one', async () => {
		await put('a.txt', 'a');
		const east = s3Client(emulator.url, { region: 'us-east-1' });
		expect(await captureError(get('a.txt', {}, east))).toMatchObject({
			name: 'AuthorizationHeaderMalformed',
			status: 400,
			message:
				"The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'us-west-2'",
		});
	});

	test('GetBucketLocation works from any region; us-east-1 has an empty LocationConstraint', async () => {
		const east = s3Client(emulator.url, { region: 'us-east-1' });
		expect(await east.send(new GetBucketLocationCommand({ Bucket: WEST_BUCKET }))).toMatchObject({
			LocationConstraint: 'us-west-2',
		});
		const location = await east.send(new GetBucketLocationCommand({ Bucket: EAST_BUCKET }));
		expect(location.LocationConstraint).toBeUndefined();
	});

	test('the control API creates a bucket in any region over HTTP and rejects invalid names', async () => {
		const created = await fetch(`${emulator.url}/__emulator/s3/buckets`, {
			method: 'POST',
			body: JSON.stringify({ name: 'team-videos-frankfurt', region: 'eu-central-1' }),
		});
		expect(created.status).toBe(201);
		expect(await created.json()).toEqual({
			name: 'team-videos-frankfurt',
			region: 'eu-central-1',
			ownerAccountId: '123456789012',
			objectCount: 0,
		});
		const frankfurt = s3Client(emulator.url, { region: 'eu-central-1' });
		expect(
			await frankfurt.send(new HeadBucketCommand({ Bucket: 'team-videos-frankfurt' })),
		).toMatchObject({
			BucketRegion: 'eu-central-1',
		});
		const invalid = await fetch(`${emulator.url}/__emulator/s3/buckets`, {
			method: 'POST',
			body: JSON.stringify({ name: 'Bad_Name', region: 'eu-central-1' }),
		});
		expect(invalid.status).toBe(400);
		expect(((await invalid.json()) as { error: string }).error).toContain(
			"breaks S3's naming rules",
		);
	});
});

describe('ListObjectsV2', () => {
	beforeEach(async () => {
		for (const key of ['a/1.mp4', 'a/2.mp4', 'a/sub/3.mp4', 'b/4.mp4', 'c.txt'])
			await put(key, key);
	});

	test('prefix, delimiter and common prefixes', async () => {
		const root = await s3.send(new ListObjectsV2Command({ Bucket: WEST_BUCKET, Delimiter: '/' }));
		expect(root.Contents?.map((object) => object.Key)).toEqual(['c.txt']);
		expect(root.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['a/', 'b/']);
		expect(root.KeyCount).toBe(3);
		const a = await s3.send(
			new ListObjectsV2Command({ Bucket: WEST_BUCKET, Prefix: 'a/', Delimiter: '/' }),
		);
		expect(a.Contents?.map((object) => object.Key)).toEqual(['a/1.mp4', 'a/2.mp4']);
		expect(a.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['a/sub/']);
		expect(a.Contents?.[0]).toMatchObject({ Size: 7, StorageClass: 'STANDARD' });
	});

	test('every page through the SDK paginator, and StartAfter', async () => {
		const keys: string[] = [];
		let pages = 0;
		for await (const page of paginateListObjectsV2(
			{ client: s3, pageSize: 2 },
			{ Bucket: WEST_BUCKET },
		)) {
			pages += 1;
			keys.push(...(page.Contents ?? []).map((object) => object.Key as string));
		}
		expect(pages).toBe(3);
		expect(keys).toEqual(['a/1.mp4', 'a/2.mp4', 'a/sub/3.mp4', 'b/4.mp4', 'c.txt']);
		const after = await s3.send(
			new ListObjectsV2Command({ Bucket: WEST_BUCKET, StartAfter: 'a/sub/3.mp4' }),
		);
		expect(after.Contents?.map((object) => object.Key)).toEqual(['b/4.mp4', 'c.txt']);
	});

	test('a common prefix is not repeated on the next page', async () => {
		const first = await s3.send(
			new ListObjectsV2Command({ Bucket: WEST_BUCKET, Delimiter: '/', MaxKeys: 1 }),
		);
		expect(first.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['a/']);
		const second = await s3.send(
			new ListObjectsV2Command({
				Bucket: WEST_BUCKET,
				Delimiter: '/',
				MaxKeys: 1,
				ContinuationToken: first.NextContinuationToken,
			}),
		);
		expect(second.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['b/']);
	});
});

test('faults of the control API apply to S3 operations in S3 terms (SlowDown)', async () => {
	await put('x', 'x');
	emulator.control.addFault({ kind: 'throttle', operation: 'GetObject' });
	expect(await captureError(get('x'))).toMatchObject({
		name: 'SlowDown',
		status: 503,
		message: 'Please reduce your request rate.',
	});
	expect(await (await get('x')).Body?.transformToString()).toBe('x');
});
