/**
 * Bedrock Video's pure parts: the idempotency token, S3 URIs, where a job's video is, its
 * file name, the price rule, and the S3 endpoint override in the credential.
 */
import { invocationIdOf, videoFileName, videoLocation } from '../../nodes/BedrockVideo/actions/job';
import { estimateVideoPrice } from '../../nodes/BedrockVideo/models';
import {
	canonicalJson,
	clientRequestToken,
	TOKEN_PATTERN,
	type TokenSource,
} from '../../nodes/BedrockVideo/token';
import { parseCredentials } from '../../nodes/shared/credentials';
import { describeCallError } from '../../nodes/shared/transport/errors';
import { formatS3Uri, joinKey, parseS3Uri } from '../../nodes/shared/transport/s3';

const source: TokenSource = {
	executionId: '1234',
	nodeName: 'Bedrock Video',
	itemIndex: 0,
	request: {
		modelId: 'luma.ray-v2:0',
		modelInput: { prompt: 'a fox', duration: '5s', resolution: '720p' },
		output: 's3://bucket/videos',
	},
};

describe('clientRequestToken', () => {
	test('the same item and request give the same token, within the API’s pattern and length', () => {
		const token = clientRequestToken(source);
		expect(token).toBe(clientRequestToken({ ...source }));
		expect(token).toMatch(TOKEN_PATTERN);
		expect(token).toMatch(/^n8n-[0-9a-f]{24}-[0-9a-f]{24}$/);
		expect(token.length).toBeLessThanOrEqual(256);
	});

	test('key order does not matter: the request is hashed as canonical JSON', () => {
		const reordered = {
			...source,
			request: {
				output: 's3://bucket/videos',
				modelInput: { resolution: '720p', duration: '5s', prompt: 'a fox' },
				modelId: 'luma.ray-v2:0',
			},
		};
		expect(clientRequestToken(reordered)).toBe(clientRequestToken(source));
		expect(canonicalJson({ b: [1, { d: 1, c: undefined }], a: 'x' })).toBe(
			'{"a":"x","b":[1,{"d":1}]}',
		);
	});

	test.each([
		['another execution', { executionId: '1235' }],
		['another node', { nodeName: 'Bedrock Video1' }],
		['another item', { itemIndex: 1 }],
	])('%s changes the item half, not the request half', (_case, change) => {
		const [, item, request] = clientRequestToken(source).split('-');
		const [, otherItem, otherRequest] = clientRequestToken({ ...source, ...change }).split('-');
		expect(otherItem).not.toBe(item);
		expect(otherRequest).toBe(request);
	});

	test.each([
		['prompt', { modelInput: { prompt: 'a dog', duration: '5s', resolution: '720p' } }],
		['model', { modelId: 'amazon.nova-reel-v1:0' }],
		['bucket', { output: 's3://other/videos' }],
	])('a changed %s changes the request half', (_case, change) => {
		const [, item, request] = clientRequestToken(source).split('-');
		const changed = { ...source, request: { ...(source.request as object), ...change } };
		const [, sameItem, otherRequest] = clientRequestToken(changed).split('-');
		expect(sameItem).toBe(item);
		expect(otherRequest).not.toBe(request);
	});
});

describe('S3 URIs', () => {
	test.each([
		['s3://my-bucket', { bucket: 'my-bucket', key: '' }],
		['s3://my-bucket/videos', { bucket: 'my-bucket', key: 'videos' }],
		['s3://my.bucket.1/a/b/', { bucket: 'my.bucket.1', key: 'a/b/' }],
	])('%s parses', (uri, location) => {
		expect(parseS3Uri(uri)).toEqual(location);
		expect(formatS3Uri(location)).toBe(uri);
	});

	test.each([
		['https://bucket/key', 'https://bucket/key'],
		['s3://UPPER/key', 's3://UPPER/key'],
		['s3://ab', 's3://ab'],
		['s3://-bucket/x', 's3://-bucket/x'],
		['a URI over 1,024 characters', `s3://bucket/${'k'.repeat(1020)}`],
	])('%s is not one', (_case, uri) => expect(parseS3Uri(uri)).toBeUndefined());

	test('joinKey', () => {
		expect(joinKey('', 'output.mp4')).toBe('output.mp4');
		expect(joinKey('videos/', 'abc')).toBe('videos/abc');
	});
});

describe('the video of a job', () => {
	const arn = 'arn:aws:bedrock:us-west-2:123456789012:async-invoke/abcd1234efgh';
	const job = (s3Uri: string) => ({
		invocationArn: arn,
		modelArn: 'arn:aws:bedrock:us-west-2::foundation-model/luma.ray-v2:0',
		submitTime: new Date('2026-12-06T10:15:00Z'),
		status: 'Completed' as const,
		outputDataConfig: { s3OutputDataConfig: { s3Uri } },
		$metadata: {},
	});

	test('output.mp4 in the folder Get reports (prefix + invocation ID), or the ID added to a bare prefix', () => {
		expect(invocationIdOf(arn)).toBe('abcd1234efgh');
		expect(videoLocation(job('s3://bkt/videos/abcd1234efgh'))).toEqual({
			bucket: 'bkt',
			key: 'videos/abcd1234efgh/output.mp4',
		});
		expect(videoLocation(job('s3://bkt/videos'))).toEqual({
			bucket: 'bkt',
			key: 'videos/abcd1234efgh/output.mp4',
		});
		expect(videoLocation(job('s3://bkt'))).toEqual({
			bucket: 'bkt',
			key: 'abcd1234efgh/output.mp4',
		});
	});

	test('file name: model, submit time, invocation ID', () => {
		expect(videoFileName(job('s3://bkt/videos'))).toBe('ray-v2-0-20261206-101500-abcd1234efgh.mp4');
	});
});

describe('estimateVideoPrice (the shared price table)', () => {
	test.each([
		['luma.ray-v2:0', 5, '720p', 7.5],
		['luma.ray-v2:0', 9, '540p', 6.75],
		['amazon.nova-reel-v1:1', 120, '720p', 9.6],
	])('%s, %d s at %s: $%d', (model, seconds, resolution, usd) => {
		expect(estimateVideoPrice(model, model, seconds, resolution).usd).toBe(usd);
	});

	test('unknown models and resolutions have no price', () => {
		expect(estimateVideoPrice('luma.ray-v3:0', 'luma.ray-v3:0', 5, '720p')).toMatchObject({
			usd: null,
			noPrice: true,
		});
		expect(estimateVideoPrice('luma.ray-v2:0', 'luma.ray-v2:0', 5, '1080p').priceSource).toMatch(
			/No second price row of luma\.ray-v2:0 fits this request/,
		);
		expect(
			estimateVideoPrice(
				undefined,
				'arn:aws:bedrock:us-west-2:123456789012:application-inference-profile/abc',
				5,
				'720p',
			).usd,
		).toBeNull();
	});
});

test('the credential’s S3 Endpoint is read with the other overrides, only with Custom Endpoints on', () => {
	const data = {
		authentication: 'accessKeys',
		accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
		secretAccessKey: 'secret-secret',
		region: 'us-west-2',
		s3Endpoint: ' http://127.0.0.1:8777 ',
	};
	expect(parseCredentials({ ...data, customEndpoints: true }).endpoints).toEqual({
		s3: 'http://127.0.0.1:8777',
	});
	expect(parseCredentials(data).endpoints).toEqual({});
});

describe('S3 errors', () => {
	const call = (operation: string, resource: string) => ({
		operation,
		region: 'us-west-2',
		service: 's3' as const,
		resource,
	});
	const answered = (name: string, status: number, message = 'UnknownError') => ({
		name,
		message,
		$fault: 'client',
		$metadata: { httpStatusCode: status, requestId: 'req-1' },
	});

	test.each([
		[
			'HeadBucket 404 (no body: the SDK names it NotFound)',
			answered('NotFound', 404),
			call('HeadBucket', 's3://missing-bucket'),
			'The S3 bucket s3://missing-bucket does not exist',
			/Check the bucket name/,
		],
		[
			'HeadBucket 403 (no body: the SDK names it Unknown)',
			answered('Unknown', 403),
			call('HeadBucket', 's3://my-bucket'),
			'AWS denied HeadBucket on s3://my-bucket',
			/s3:ListBucket on arn:aws:s3:::my-bucket/,
		],
		[
			'GetObject NoSuchKey',
			answered('NoSuchKey', 404, 'The specified key does not exist.'),
			call('GetObject', 's3://my-bucket/v/abc/output.mp4'),
			'S3 has no object s3://my-bucket/v/abc/output.mp4',
			/lifecycle rule/,
		],
		[
			'GetObject signed for another region',
			answered(
				'AuthorizationHeaderMalformed',
				400,
				"the region 'us-west-2' is wrong; expecting 'eu-west-1'",
			),
			call('GetObject', 's3://my-bucket/k'),
			'The S3 bucket of s3://my-bucket/k is not in us-west-2',
			/another region/,
		],
		[
			'GetObject denied by KMS',
			answered('AccessDenied', 403, 'User is not authorized to perform: kms:Decrypt'),
			call('GetObject', 's3://my-bucket/k'),
			'AWS denied GetObject on s3://my-bucket/k',
			/kms:Decrypt/,
		],
		[
			'SlowDown after retries',
			{ ...answered('SlowDown', 503, 'Please reduce your request rate.'), attempts: 4 },
			call('GetObject', 's3://my-bucket/k'),
			'S3 is throttling requests (retried 3 times)',
			/Concurrency/,
		],
	])('%s', (_case, error, described, headline, hint) => {
		const result = describeCallError(error, described);
		expect(result.message).toBe(headline);
		expect(result.description).toMatch(hint);
		expect(result.requestId).toBe('req-1');
	});

	test('an unreachable S3 endpoint names S3, not Bedrock', () => {
		const result = describeCallError(
			{ name: 'Error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' },
			{ ...call('GetObject', 's3://b/k'), endpoint: 'http://127.0.0.1:9' },
		);
		expect(result.message).toBe('Cannot reach the S3 endpoint http://127.0.0.1:9');
	});
});
