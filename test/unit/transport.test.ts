/**
 * The transport's pure parts: retry classification and backoff, error descriptions, regions
 * and ARNs, endpoint overrides, credential parsing.
 */
import { resolveEndpointOverride } from '../../nodes/shared/aws/endpoints';
import { isValidRegion, parseBedrockArn, regionFromModelArn } from '../../nodes/shared/aws/regions';
import {
	fingerprint,
	hostCredentialsAllowed,
	parseCredentials,
} from '../../nodes/shared/credentials';
import { describeCallError, profilePrefixFor } from '../../nodes/shared/transport/errors';
import { backoffDelay, retryReason, sleep, withRetries } from '../../nodes/shared/transport/retry';

const keys = {
	accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

describe('retryReason', () => {
	test.each([
		[{ name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } }, 'throttling'],
		[
			{ name: 'ModelNotReadyException', $metadata: { httpStatusCode: 429 }, $retryable: {} },
			'throttling',
		],
		[{ name: 'ServiceUnavailableException', $metadata: { httpStatusCode: 503 } }, 'transient'],
		[{ name: 'InternalServerException', $metadata: { httpStatusCode: 500 } }, 'transient'],
		[{ name: 'Error', code: 'ECONNRESET' }, 'transient'],
		[{ name: 'TimeoutError' }, 'transient'],
		[
			{
				name: 'InvalidSignatureException',
				$metadata: { httpStatusCode: 403, clockSkewCorrected: true },
			},
			'transient',
		],
	])('%o is retried (%s)', (error, reason) => {
		expect(retryReason(error)).toBe(reason);
	});

	test.each([
		[{ name: 'ValidationException', $metadata: { httpStatusCode: 400 } }],
		[{ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } }],
		[{ name: 'InvalidSignatureException', $metadata: { httpStatusCode: 403 } }],
		[{ name: 'ServiceQuotaExceededException', $metadata: { httpStatusCode: 400 } }],
		[{ name: 'AbortError' }],
		['a string'],
	])('%o is final', (error) => {
		expect(retryReason(error)).toBeUndefined();
	});
});

describe('backoff', () => {
	test('full jitter below an exponential cap, throttling waits longer', () => {
		expect(backoffDelay(1, 'throttling', () => 0.999)).toBe(499);
		expect(backoffDelay(3, 'throttling', () => 0.999)).toBe(1998);
		expect(backoffDelay(3, 'transient', () => 0.999)).toBe(399);
		expect(backoffDelay(20, 'throttling', () => 0.999)).toBe(19_980);
		expect(backoffDelay(5, 'throttling', () => 0)).toBe(0);
	});

	test('retries until success and reports nothing extra', async () => {
		let calls = 0;
		const value = await withRetries(
			async () => {
				calls++;
				if (calls < 3) throw Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
				return 'ok';
			},
			{ maxAttempts: 5, random: () => 0 },
		);
		expect([value, calls]).toEqual(['ok', 3]);
	});

	test('gives up after maxAttempts and says how many attempts were made', async () => {
		const error = await withRetries(
			async () => {
				throw Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
			},
			{ maxAttempts: 3, random: () => 0 },
		).catch((e: unknown) => e);
		expect(error).toMatchObject({ attempts: 3, lastRetryReason: 'throttling' });
	});

	test('a final error is not retried', async () => {
		let calls = 0;
		await expect(
			withRetries(
				async () => {
					calls++;
					throw Object.assign(new Error('bad'), { name: 'ValidationException' });
				},
				{ maxAttempts: 5 },
			),
		).rejects.toMatchObject({ attempts: 1 });
		expect(calls).toBe(1);
	});

	test('cancellation ends the wait between attempts at once', async () => {
		const controller = new AbortController();
		const started = Date.now();
		setTimeout(() => controller.abort(new Error('stopped')), 50);
		await expect(sleep(60_000, controller.signal)).rejects.toThrow('stopped');
		expect(Date.now() - started).toBeLessThan(1000);
	});
});

describe('describeCallError', () => {
	const call = {
		operation: 'InvokeModel',
		region: 'eu-west-1',
		modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
	};

	test('on-demand not supported names the profile ID to use', () => {
		const error = describeCallError(
			{
				name: 'ValidationException',
				message:
					'Invocation of model ID anthropic.claude-3-7-sonnet-20250219-v1:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.',
				$metadata: { httpStatusCode: 400, requestId: 'req-1' },
			},
			call,
		);
		expect(error.hint).toContain('"eu.anthropic.claude-3-7-sonnet-20250219-v1:0"');
		expect(error).toMatchObject({
			code: 'ValidationException',
			httpStatus: 400,
			requestId: 'req-1',
			attempts: 1,
		});
	});

	test('throttling past the retry budget says how often it retried', () => {
		const error = describeCallError(
			{
				name: 'ThrottlingException',
				message: 'Too many requests',
				attempts: 4,
				$metadata: { httpStatusCode: 429 },
			},
			call,
		);
		expect(error.message).toBe('Bedrock is throttling requests (retried 3 times)');
		expect(error.description).toContain(
			'AWS answered ThrottlingException (HTTP 429): Too many requests',
		);
	});

	test.each([
		[
			"You don't have access to the model with the specified model ID.",
			/Enable the model for this account and region/,
		],
		[
			'User: arn:aws:iam::123456789012:user/x is not authorized to perform: bedrock:InvokeModel on resource',
			/bedrock:InvokeModel/,
		],
	])('access denied: %s', (message, hint) => {
		expect(describeCallError({ name: 'AccessDeniedException', message }, call).hint).toMatch(hint);
	});

	test('timeouts and cancellations are told apart', () => {
		expect(describeCallError(new Error('aborted'), call, { timedOutAfterMs: 5000 })).toMatchObject({
			code: 'Timeout',
			message: 'Bedrock did not answer within 5 s',
		});
		expect(describeCallError(new Error('aborted'), call, { cancelled: true }).code).toBe(
			'Cancelled',
		);
	});

	test('profile prefixes follow the geography', () => {
		expect(
			[
				'us-east-1',
				'ca-central-1',
				'eu-central-2',
				'ap-south-1',
				'us-gov-west-1',
				'me-central-1',
			].map(profilePrefixFor),
		).toEqual(['us', 'us', 'eu', 'apac', 'us-gov', 'global']);
	});
});

describe('regions and ARNs', () => {
	test.each([
		'us-east-1',
		'eu-central-2',
		'cn-northwest-1',
		'us-gov-west-1',
		'us-iso-east-1',
		'us-isob-east-1',
		'ap-southeast-7',
	])('%s is a region', (region) => expect(isValidRegion(region)).toBe(true));

	test.each([
		'',
		'us-east',
		'US-EAST-1',
		'us-east-1.evil.com',
		'us-east-1/',
		'../etc',
		'us_east_1',
	])('%s is not', (region) => expect(isValidRegion(region)).toBe(false));

	test('model ARNs carry their region, in every partition', () => {
		expect(
			regionFromModelArn(
				'arn:aws:bedrock:eu-west-3:123456789012:inference-profile/eu.amazon.nova-pro-v1:0',
			),
		).toBe('eu-west-3');
		expect(
			regionFromModelArn(
				'arn:aws-cn:bedrock:cn-north-1::foundation-model/amazon.titan-text-express-v1',
			),
		).toBe('cn-north-1');
		expect(
			parseBedrockArn('arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:provisioned-model/abc'),
		).toEqual({
			region: 'us-gov-west-1',
			accountId: '123456789012',
			resourceType: 'provisioned-model',
			resourceId: 'abc',
		});
		expect(regionFromModelArn('us.amazon.nova-pro-v1:0')).toBeUndefined();
	});
});

describe('endpoint overrides', () => {
	test('{region} is replaced, the trailing slash dropped', () => {
		expect(
			resolveEndpointOverride(
				'https://vpce-1.bedrock-runtime.{region}.vpce.amazonaws.com/',
				'eu-west-1',
				'Bedrock Runtime Endpoint',
			),
		).toBe('https://vpce-1.bedrock-runtime.eu-west-1.vpce.amazonaws.com');
		expect(resolveEndpointOverride('  ', 'eu-west-1', 'Bedrock Endpoint')).toBeUndefined();
	});

	test.each([
		['ftp://host', /only http/],
		['https://user:secret@host', /user name or password/],
		['https://host/?x=1', /query string/],
		['not a url', /expected a URL/],
	])('%s is refused', (value, reason) => {
		expect(() => resolveEndpointOverride(value, 'us-east-1', 'Bedrock Endpoint')).toThrow(reason);
		try {
			resolveEndpointOverride(value, 'us-east-1', 'Bedrock Endpoint');
		} catch (error) {
			expect(String(error)).not.toContain('secret');
		}
	});
});

describe('credential parsing', () => {
	test('access keys, trimmed, with the optional session token', () => {
		expect(
			parseCredentials({
				authentication: 'accessKeys',
				region: 'eu-west-1',
				accessKeyId: ` ${keys.accessKeyId} `,
				secretAccessKey: keys.secretAccessKey,
				sessionToken: '',
			}),
		).toEqual({
			mode: 'accessKeys',
			region: 'eu-west-1',
			endpoints: {},
			keys,
		});
	});

	test('assume role defaults and checks', () => {
		expect(
			parseCredentials({
				authentication: 'assumeRole',
				...keys,
				roleArn: 'arn:aws:iam::123456789012:role/R',
			}),
		).toMatchObject({
			role: {
				roleArn: 'arn:aws:iam::123456789012:role/R',
				sessionName: 'n8n-bedrock',
				durationSeconds: 3600,
			},
		});
		expect(() =>
			parseCredentials({
				authentication: 'assumeRole',
				...keys,
				roleArn: 'arn:aws:iam::123456789012:role/R',
				roleDurationSeconds: 100,
			}),
		).toThrow(/900–43200/);
		expect(() =>
			parseCredentials({
				authentication: 'assumeRole',
				...keys,
				roleArn: 'arn:aws:iam::123456789012:role/R',
				roleSessionName: 'x',
			}),
		).toThrow(/2–64 characters/);
	});

	test('endpoint overrides only when enabled; custom regions', () => {
		expect(
			parseCredentials({ ...keys, customEndpoints: false, runtimeEndpoint: 'http://x' }).endpoints,
		).toEqual({});
		expect(
			parseCredentials({ ...keys, region: 'custom', customRegion: 'ap-southeast-6' }).region,
		).toBe('ap-southeast-6');
		expect(() => parseCredentials({ ...keys, region: 'custom', customRegion: 'moon-1' })).toThrow(
			/not an AWS region name/,
		);
	});

	test('missing secrets are named, never echoed', () => {
		expect(() => parseCredentials({ authentication: 'apiKey' })).toThrow('API Key is empty');
		expect(() => parseCredentials({ accessKeyId: keys.accessKeyId })).toThrow(
			'Secret Access Key is empty',
		);
	});

	test('fingerprints differ by content and hide it', () => {
		const a = parseCredentials({ ...keys });
		const b = parseCredentials({ ...keys, secretAccessKey: 'other' });
		expect(fingerprint(a)).not.toBe(fingerprint(b));
		expect(fingerprint(a)).toBe(fingerprint(parseCredentials({ ...keys })));
		expect(fingerprint(a)).not.toContain(keys.accessKeyId);
	});

	test('the host chain needs the instance opt-in', () => {
		expect(hostCredentialsAllowed({})).toBe(false);
		expect(hostCredentialsAllowed({ N8N_BEDROCK_ALLOW_HOST_CREDENTIALS: 'TRUE' })).toBe(true);
		expect(hostCredentialsAllowed({ N8N_BEDROCK_ALLOW_HOST_CREDENTIALS: '1' })).toBe(false);
	});
});
