/**
 * The headline of every error a Bedrock call can end with, read from the real `NodeApiError`
 * of n8n-workflow, as the editor shows it in bold: each exception of the Bedrock, Bedrock
 * Runtime and STS service models, AWS's front-door errors, and the node's own timeout,
 * cancellation, network and credential errors. n8n rewrites messages that contain a Node.js
 * error code ("ResourceNotFoundException" contains ENOTFOUND) or that it was not given; the
 * headline must come out as written, with the description saying what to do and what AWS said.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { NodeApiError, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { CredentialConfigError } from '../../nodes/shared/credentials';
import { runItems } from '../../nodes/shared/runItems';
import {
	BedrockCallError,
	describeCallError,
	toNodeApiError,
	type CallDescription,
} from '../../nodes/shared/transport/errors';
import { EXPLAINED_ERROR_NAMES } from '../../nodes/shared/transport/errorHeadlines';

const NODE: INode = {
	id: 'node-1',
	name: 'Bedrock Image',
	type: 'n8n-nodes-bedrock.bedrockImage',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const INVOKE: CallDescription = {
	operation: 'InvokeModel',
	region: 'us-east-1',
	modelId: 'amazon.nova-canvas-v1:0',
};

/** An error shaped as the AWS SDK throws a service exception. */
function sdkError(name: string, status: number, message: string, attempts = 1) {
	return {
		name,
		message,
		$fault: status >= 500 ? 'server' : 'client',
		$metadata: { httpStatusCode: status, requestId: `req-${name}` },
		attempts,
	};
}

function nodeErrorOf(error: unknown, call: CallDescription = INVOKE): NodeApiError {
	return toNodeApiError(NODE, describeCallError(error, call));
}

/** The exception names a service model's `errors.d.ts` declares. */
function modelledNames(modelFile: string): string[] {
	const text = readFileSync(path.join(process.cwd(), 'node_modules', modelFile), 'utf8');
	return [...text.matchAll(/readonly name: "(\w+)"/g)].map((match) => match[1]);
}

describe('every exception of the service models has its own headline', () => {
	test.each([
		'@aws-sdk/client-bedrock-runtime/dist-types/models/errors.d.ts',
		'@aws-sdk/client-bedrock/dist-types/models/errors.d.ts',
		'@aws-sdk/nested-clients/dist-types/submodules/sts/models/errors.d.ts',
	])('%s', (modelFile) => {
		const names = modelledNames(modelFile);
		expect(names.length).toBeGreaterThanOrEqual(7);
		expect(names.filter((name) => !EXPLAINED_ERROR_NAMES.includes(name))).toEqual([]);
	});
});

interface Case {
	name: string;
	status: number;
	aws: string;
	headline: string;
	/** The start of the description: what to do. */
	hint: RegExp;
	attempts?: number;
	call?: CallDescription;
}

const CLAUDE = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const IAM_DENY =
	'User: arn:aws:iam::123456789012:user/n8n is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-canvas-v1:0 because no identity-based policy allows the bedrock:InvokeModel action';
const SCP_DENY =
	'User: arn:aws:sts::123456789012:assumed-role/n8n/worker is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-canvas-v1:0 with an explicit deny in a service control policy';
const MARKETPLACE =
	'Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe) to enable access to this model. Refer to the Amazon Bedrock documentation for further details. Your AWS Marketplace subscription for this model cannot be completed at this time. If you recently fixed this issue, try again after 5 minutes.';

/** The headline table. */
const CASES: Case[] = [
	// Bedrock and Bedrock Runtime
	{
		name: 'ValidationException',
		status: 400,
		aws: 'Malformed input request: #/seed: 4294967296 is not less or equal to 4294967295, please reformat your input and try again.',
		headline: 'Bedrock rejected the request: #/seed: 4294967296 is not less or equal to 4294967295',
		hint: /change the field or value its message names/,
	},
	{
		name: 'ValidationException',
		status: 400,
		aws: `Invocation of model ID ${CLAUDE} with on-demand throughput isn\u2019t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
		call: { operation: 'Converse', region: 'eu-west-1', modelId: CLAUDE },
		headline: `The model "${CLAUDE}" can only be called through an inference profile in eu-west-1`,
		hint: new RegExp(`^Use the model ID "eu\\.${CLAUDE.replace(/[.]/g, '\\.')}"`),
	},
	{
		name: 'ValidationException',
		status: 400,
		aws: "The provided model doesn't support on-demand throughput.",
		call: { operation: 'Converse', region: 'us-east-1', modelId: 'amazon.nova-pro-v1:0:300k' },
		headline: 'The model "amazon.nova-pro-v1:0:300k" cannot be called on demand',
		hint: /Provisioned Throughput/,
	},
	{
		name: 'ValidationException',
		status: 400,
		aws: 'The provided model identifier is invalid.',
		call: { operation: 'InvokeModel', region: 'us-east-1', modelId: 'stability.sd9-ultra' },
		headline: 'Bedrock does not know the model "stability.sd9-ultra" in us-east-1',
		hint: /typos .* offered in this region/,
	},
	{
		name: 'ValidationException',
		status: 400,
		aws: 'This model doesn\u2019t support system messages. Try again without system messages.',
		headline:
			'Bedrock rejected the request: This model doesn\u2019t support system messages. Try again without system messages.',
		hint: /leave System Prompt empty/,
	},
	{
		name: 'AccessDeniedException',
		status: 403,
		aws: "You don't have access to the model with the specified model ID.",
		headline: 'Access to the model "amazon.nova-canvas-v1:0" is not granted in us-east-1',
		hint: /Enable the model for this account and region/,
	},
	{
		name: 'AccessDeniedException',
		status: 403,
		aws: MARKETPLACE,
		headline:
			'Access to the model "amazon.nova-canvas-v1:0" is not granted: its AWS Marketplace subscription is missing',
		hint: /aws-marketplace:ViewSubscriptions and aws-marketplace:Subscribe/,
	},
	{
		name: 'AccessDeniedException',
		status: 403,
		aws: IAM_DENY,
		headline: 'The AWS identity is not allowed to call bedrock:InvokeModel',
		hint: /^Add bedrock:InvokeModel to the IAM policy/,
	},
	{
		name: 'AccessDeniedException',
		status: 403,
		aws: SCP_DENY,
		headline: 'The AWS identity is not allowed to call bedrock:InvokeModel',
		hint: /^An explicit deny in a service control policy blocks bedrock:InvokeModel/,
	},
	{
		name: 'AccessDeniedException',
		status: 403,
		aws: 'Authentication failed: Please make sure your API Key is valid.',
		headline: 'AWS does not accept the Bedrock API key',
		hint: /wrong, expired or revoked/,
	},
	{
		name: 'AccessDeniedException',
		status: 403,
		aws: 'Access denied.',
		headline: 'AWS denied access to Bedrock',
		hint: /check its IAM policy/,
	},
	{
		name: 'ResourceNotFoundException',
		status: 404,
		aws: 'This model version has reached the end of its life. Please refer to the AWS documentation for more details.',
		headline: 'The model "amazon.nova-canvas-v1:0" has reached its end of life in us-east-1',
		hint: /^Bedrock no longer serves this model version here: move to Stability’s current models: Stable Image Core or Ultra v1:1 .*stability\.sd3-5-large-v1:0.*Nova 2 Omni/,
	},
	{
		name: 'ResourceNotFoundException',
		status: 404,
		aws: 'This model version has reached the end of its life. Please refer to the AWS documentation for more details.',
		call: {
			operation: 'InvokeModel',
			region: 'us-west-2',
			modelId: 'stability.stable-image-core-v1:0',
		},
		headline:
			'The model "stability.stable-image-core-v1:0" has reached its end of life in us-west-2',
		hint: /^Bedrock no longer serves this model version here: move to Stable Image Core v1:1 \(stability\.stable-image-core-v1:1\)\. Bedrock List Models shows which of them us-west-2 offers\./,
	},
	{
		name: 'ResourceNotFoundException',
		status: 404,
		aws: 'This model version has reached the end of its life. Please refer to the AWS documentation for more details.',
		call: {
			operation: 'Converse',
			region: 'us-east-1',
			modelId: 'amazon.titan-text-express-v1',
		},
		headline: 'The model "amazon.titan-text-express-v1" has reached its end of life in us-east-1',
		hint: /^Bedrock no longer serves this model version here: pick a current model/,
	},
	{
		name: 'ResourceNotFoundException',
		status: 404,
		aws: 'Inference profile us.amazon.nova-omni-v9:0 not found.',
		call: {
			operation: 'GetInferenceProfile',
			region: 'us-east-1',
			modelId: 'us.amazon.nova-omni-v9:0',
		},
		headline: 'Bedrock has no model or inference profile "us.amazon.nova-omni-v9:0" in us-east-1',
		hint: /Check the ID or ARN and its region/,
	},
	{
		name: 'ResourceNotFoundException',
		status: 404,
		aws: 'The specified async invocation was not found.',
		call: {
			operation: 'GetAsyncInvoke',
			region: 'us-west-2',
			modelId: 'arn:aws:bedrock:us-west-2:123456789012:async-invoke/abc123',
		},
		headline:
			'Bedrock has no async invocation "arn:aws:bedrock:us-west-2:123456789012:async-invoke/abc123" in us-west-2',
		hint: /invocation ARN/,
	},
	{
		name: 'ResourceNotFoundException',
		status: 404,
		aws: 'Resource not found.',
		call: { operation: 'ListInferenceProfiles', region: 'us-east-1' },
		headline: 'Bedrock found no such resource in us-east-1',
		hint: /Check the ID or ARN/,
	},
	{
		name: 'ThrottlingException',
		status: 429,
		aws: 'Too many requests, please wait before trying again.',
		attempts: 4,
		headline: 'Bedrock is throttling requests (retried 3 times)',
		hint: /lower the node's Concurrency/,
	},
	{
		name: 'ThrottlingException',
		status: 429,
		aws: 'Too many tokens, please wait before trying again.',
		attempts: 2,
		headline: 'Bedrock is throttling requests (retried once)',
		hint: /Service Quotas/,
	},
	{
		name: 'ThrottlingException',
		status: 429,
		aws: 'Too many requests, please wait before trying again.',
		headline: 'Bedrock is throttling requests',
		hint: /raise Max Attempts/,
	},
	{
		name: 'ServiceQuotaExceededException',
		status: 400,
		aws: 'Your request exceeds the service quota for your account.',
		headline: 'An account quota for Bedrock is used up',
		hint: /Service Quotas → Amazon Bedrock/,
	},
	{
		name: 'ModelTimeoutException',
		status: 408,
		aws: 'Model has timed out in processing the request. Try your request again.',
		headline: 'The model "amazon.nova-canvas-v1:0" took too long to process the request',
		hint: /reduce the work per request/,
	},
	{
		name: 'ModelNotReadyException',
		status: 429,
		aws: 'Model is not ready for inference. Wait and try your request again.',
		attempts: 5,
		headline:
			'The model "amazon.nova-canvas-v1:0" is not ready to serve requests yet (retried 4 times)',
		hint: /still loading the model/,
	},
	{
		name: 'ModelErrorException',
		status: 424,
		aws: 'Received client error (400) from primary with message "invalid dimensions".',
		headline: 'The model "amazon.nova-canvas-v1:0" failed while processing the request',
		hint: /The model itself returned an error/,
	},
	{
		name: 'ModelStreamErrorException',
		status: 424,
		aws: 'The model stream encountered an error. Try your request again.',
		headline: 'The answer stream of the model "amazon.nova-canvas-v1:0" broke off with an error',
		hint: /^Retry the request/,
	},
	{
		name: 'InternalServerException',
		status: 500,
		aws: 'The system encountered an unexpected error during processing. Try your request again.',
		attempts: 4,
		headline: 'Bedrock had an internal error (retried 3 times)',
		hint: /on AWS's side/,
	},
	{
		name: 'ServiceUnavailableException',
		status: 503,
		aws: 'Bedrock is unable to process your request.',
		attempts: 4,
		headline: 'Bedrock is unavailable right now (retried 3 times)',
		hint: /AWS Health Dashboard/,
	},
	{
		name: 'ConflictException',
		status: 400,
		aws: 'The resource is being modified.',
		headline:
			'Bedrock refused the request: it conflicts with another operation on the same resource',
		hint: /wait for it to finish/,
	},
	{
		name: 'ResourceInUseException',
		status: 400,
		aws: 'The policy is referenced by a guardrail.',
		headline: 'Bedrock refused the request: the resource is in use',
		hint: /still refers to it/,
	},
	{
		name: 'TooManyTagsException',
		status: 400,
		aws: 'Too many tags.',
		headline: 'The resource would have more tags than Bedrock allows',
		hint: /at most 50 tags/,
	},
	// AWS's front door
	{
		name: 'UnrecognizedClientException',
		status: 403,
		aws: 'The security token included in the request is invalid.',
		headline: 'AWS does not recognize the access key or session token',
		hint: /does not recognize this access key ID or session token/,
	},
	{
		name: 'InvalidSignatureException',
		status: 403,
		aws: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
		headline:
			'AWS rejected the request signature: the secret access key does not match the access key ID',
		hint: /check the Secret Access Key in the credential/,
	},
	{
		name: 'InvalidSignatureException',
		status: 403,
		aws: 'Signature expired: 20261206T080000Z is now earlier than 20261206T081000Z (20261206T085500Z - 5 min.)',
		headline: "AWS rejected the request: its time is too far from AWS's clock",
		hint: /n8n host's clock/,
	},
	{
		name: 'IncompleteSignatureException',
		status: 400,
		aws: 'Authorization header requires existence of either a X-Amz-Date or a Date header.',
		headline: 'AWS rejected the request: its signature is incomplete',
		hint: /proxy or endpoint override/,
	},
	{
		name: 'MissingAuthenticationTokenException',
		status: 403,
		aws: 'Missing Authentication Token',
		headline: 'AWS received the request without credentials',
		hint: /Authorization header/,
	},
	{
		name: 'ExpiredTokenException',
		status: 403,
		aws: 'The security token included in the request is expired',
		headline: 'The session token has expired',
		hint: /fresh access key, secret and session token/,
	},
	// STS, when the credential assumes a role
	{
		name: 'ExpiredToken',
		status: 400,
		aws: 'The security token included in the request is expired',
		headline: 'The session token has expired',
		hint: /for Assume Role: fresh base credentials/,
	},
	{
		name: 'AccessDenied',
		status: 403,
		aws: 'User: arn:aws:iam::123456789012:user/n8n is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Bedrock',
		headline: 'AWS refused to let the credential assume the role',
		hint: /trust policy/,
	},
	{
		name: 'InvalidClientTokenId',
		status: 403,
		aws: 'The security token included in the request is invalid.',
		headline: 'AWS does not recognize the access key used to assume the role',
		hint: /base credentials/,
	},
	{
		name: 'SignatureDoesNotMatch',
		status: 403,
		aws: 'The request signature we calculated does not match the signature you provided.',
		headline: 'AWS rejected the signature of the credentials used to assume the role',
		hint: /base credentials/,
	},
	...['MalformedPolicyDocument', 'MalformedPolicyDocumentException'].map((name) => ({
		name,
		status: 400,
		aws: 'The policy is not in the valid JSON format.',
		headline: 'STS rejected the session policy of the role session',
		hint: /malformed/,
	})),
	...['PackedPolicyTooLarge', 'PackedPolicyTooLargeException'].map((name) => ({
		name,
		status: 400,
		aws: 'Packed policy consumes 110% of allotted space.',
		headline: "The role session's policies and tags are too large for STS",
		hint: /session tags/,
	})),
	{
		name: 'RegionDisabledException',
		status: 403,
		aws: 'STS is not activated in this region for account 123456789012.',
		headline: 'STS is not activated in us-east-1 for this account',
		hint: /Security Token Service endpoints/,
	},
	...['IDPRejectedClaim', 'IDPRejectedClaimException'].map((name) => ({
		name,
		status: 403,
		aws: 'Incorrect token audience.',
		headline: 'The identity provider rejected the web identity token',
		hint: /trust policy/,
	})),
	...['InvalidIdentityToken', 'InvalidIdentityTokenException'].map((name) => ({
		name,
		status: 400,
		aws: 'Couldn\u2019t retrieve verification key from your identity provider.',
		headline: 'AWS could not validate the web identity token',
		hint: /token file/,
	})),
	...['IDPCommunicationError', 'IDPCommunicationErrorException'].map((name) => ({
		name,
		status: 400,
		aws: 'The identity provider did not respond.',
		headline: 'STS could not reach the identity provider',
		hint: /did not answer STS/,
	})),
	// An exception this table does not know
	{
		name: 'SomeFutureException',
		status: 400,
		aws: 'Something new went wrong.',
		headline: 'Bedrock answered with an error: Something new went wrong.',
		hint: /report it with the request ID/,
	},
];

describe('the headline n8n shows, per exception', () => {
	test.each(CASES.map((c) => [`${c.name}: ${c.headline}`, c] as const))('%s', (_, c) => {
		const error = nodeErrorOf(sdkError(c.name, c.status, c.aws, c.attempts), c.call);

		expect(error.message).toBe(c.headline);
		// The headline is in words; the exception's name is in the description.
		expect(error.message).not.toContain(c.name);
		expect(error.description).toMatch(c.hint);
		expect(error.description).toContain(`AWS answered ${c.name} (HTTP ${c.status}): ${c.aws}`);
		expect(error.description).toMatch(new RegExp(`\\(AWS request ID: req-${c.name}\\)$`));
		expect(error.httpCode).toBe(String(c.status));
		expect(error.errorResponse).toMatchObject({
			code: c.name,
			requestId: `req-${c.name}`,
			awsMessage: c.aws,
		});
	});

	test('the table covers every exception name with a headline of its own', () => {
		const tested = new Set(CASES.map((c) => c.name));
		expect(EXPLAINED_ERROR_NAMES.filter((name) => !tested.has(name))).toEqual([
			// Not an AWS answer: the SDK's own error when the host has no identity (tested below).
			'CredentialsProviderError',
		]);
	});

	test('a 429 of another name counts as throttling', () => {
		const error = nodeErrorOf({
			...sdkError('TooManyRequestsException', 429, 'Rate exceeded', 3),
			lastRetryReason: 'throttling',
		});
		expect(error.message).toBe('Bedrock is throttling requests (retried 2 times)');
		expect(error.description).toContain(
			'AWS answered TooManyRequestsException (HTTP 429): Rate exceeded',
		);
	});
});

describe("n8n's rewriting of messages", () => {
	test('a message naming the exception is replaced by n8n (why the headline avoids it)', () => {
		// What the nodes built before: n8n found ENOTFOUND in RESOURCENOTFOUNDEXCEPTION.
		const naive = new NodeApiError(
			NODE,
			{ message: 'x' },
			{
				message: 'ResourceNotFoundException: This model version has reached the end of its life.',
				httpCode: '404',
			},
		);
		expect(naive.message).toBe(
			'The connection cannot be established, this usually occurs due to an incorrect host (domain) value',
		);
	});

	test('no headline is replaced, whatever Node.js error codes the model ID or AWS message contain', () => {
		const call = { operation: 'InvokeModel', region: 'us-east-1', modelId: 'eperm-enoent-model' };
		const aws =
			'Malformed input request: #/prompt: ECONNRESET EACCES ETIMEDOUT GETADDRINFO are not allowed, please reformat your input and try again.';
		for (const thrown of [
			sdkError('ValidationException', 400, aws),
			sdkError('ModelTimeoutException', 408, aws),
			sdkError('ResourceNotFoundException', 404, 'Not found: ENOTFOUND'),
		]) {
			const headline = describeCallError(thrown, call).message;
			// n8n would replace each of these headlines if given it as it is…
			const naive = new NodeApiError(
				NODE,
				{ message: 'x' },
				{ message: headline, httpCode: '400' },
			);
			expect(naive.message).not.toBe(headline);
			// …the node's error keeps it, and does not repeat it as a "raw message".
			const error = nodeErrorOf(thrown, call);
			expect(error.message).toBe(headline);
			expect(error.messages).not.toContain(headline);
		}
		expect(nodeErrorOf(sdkError('ValidationException', 400, aws), call).message).toBe(
			'Bedrock rejected the request: #/prompt: ECONNRESET EACCES ETIMEDOUT GETADDRINFO are not allowed',
		);
	});

	test('the raw message in the details is AWS’s, as AWS named it', () => {
		const error = nodeErrorOf(
			sdkError(
				'ResourceNotFoundException',
				404,
				'This model version has reached the end of its life.',
			),
		);
		expect(error.messages).toEqual([
			'ResourceNotFoundException: This model version has reached the end of its life.',
		]);
	});

	test("Stability's backend error: the headline quotes the detail inside the JSON", () => {
		const aws = JSON.stringify({
			detail:
				"Invalid field 'strength' in request. Available fields for remove background are: image, output_format",
		});
		const error = nodeErrorOf(sdkError('ValidationException', 400, aws));
		expect(error.message).toBe(
			"Bedrock rejected the request: Invalid field 'strength' in request. Available fields for remove background are: image, output_format",
		);
		expect(error.description).toContain(`AWS answered ValidationException (HTTP 400): ${aws}`);
	});

	test('a long AWS message is cut in the headline and whole in the description', () => {
		const aws = `Malformed input request: ${'#/text_prompts/0/text: expected maxLength: 10000, actual: 12000; '.repeat(10)}, please reformat your input and try again.`;
		const error = nodeErrorOf(sdkError('ValidationException', 400, aws));
		expect(error.message.length).toBeLessThanOrEqual(300);
		expect(error.message).toMatch(/^Bedrock rejected the request: #\/text_prompts\/0\/text: .*…$/);
		expect(error.description).toContain(aws);
	});
});

describe("the node's own errors", () => {
	test('timeout', () => {
		const error = toNodeApiError(
			NODE,
			describeCallError(new Error('The operation was aborted'), INVOKE, {
				timedOutAfterMs: 60_000,
			}),
		);
		expect(error.message).toBe('Bedrock did not answer within 60 s');
		expect(error.description).toMatch(
			/^InvokeModel of "amazon.nova-canvas-v1:0" in us-east-1 got no answer in time .* Raise the node's Timeout option/,
		);
		// No HTTP status: n8n shows the error's code in its place.
		expect(error.httpCode).toBe('Timeout');
	});

	test('cancellation: the message says "canceled", which makes n8n mark the execution canceled', () => {
		const error = toNodeApiError(
			NODE,
			describeCallError(new Error('aborted'), INVOKE, { cancelled: true }),
		);
		expect(error.message).toBe(
			'The Bedrock request was canceled because the workflow execution stopped',
		);
		// The test n8n-core applies (processSuccessExecution).
		expect(error.message.includes('canceled')).toBe(true);
	});

	test.each([
		['ECONNREFUSED', 'the connection was refused'],
		['ENOTFOUND', 'the host name does not resolve'],
		['ETIMEDOUT', 'the connection timed out'],
		['EAI_AGAIN', 'the DNS lookup failed'],
		['EHOSTUNREACH', 'no route to the host'],
	])('endpoint unreachable: %s', (code, words) => {
		const error = toNodeApiError(
			NODE,
			describeCallError(Object.assign(new Error(`connect ${code}`), { code, attempts: 4 }), INVOKE),
		);
		expect(error.message).toBe('Cannot reach the Bedrock endpoint of us-east-1');
		expect(error.description).toContain(`${words}`);
		expect(error.description).toContain(`(${code}) on all 4 attempts`);
	});

	test.each([
		['ECONNRESET', 'the connection was reset'],
		['EPIPE', 'the connection closed while sending'],
	])('connection dropped by the endpoint: %s', (code, words) => {
		const error = toNodeApiError(
			NODE,
			describeCallError(Object.assign(new Error(`socket hang up`), { code }), INVOKE),
		);
		expect(error.message).toBe(
			'The connection to the Bedrock endpoint of us-east-1 was closed unexpectedly',
		);
		expect(error.description).toContain(`${words} (${code}).`);
	});

	test('endpoint unreachable: no connection within the HTTP handler’s connection timeout', () => {
		// As @smithy/node-http-handler rejects it: a TimeoutError without a Node.js code.
		const thrown = Object.assign(
			new Error(
				'@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 10000 ms.',
			),
			{ name: 'TimeoutError', attempts: 2 },
		);
		const error = toNodeApiError(NODE, describeCallError(thrown, INVOKE));
		expect(error.message).toBe('Cannot reach the Bedrock endpoint of us-east-1');
		expect(error.description).toContain('no connection was established in time');
		expect(error.description).toContain('(TimeoutError) on all 2 attempts');
	});

	test('endpoint unreachable, with an override: its scheme, host and port, never a password in it', () => {
		const error = toNodeApiError(
			NODE,
			describeCallError(
				Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
				{
					...INVOKE,
					endpoint:
						'https://proxyuser:hunter2secret@vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com:8443/x?y=1',
				},
			),
		);
		expect(error.message).toBe(
			'Cannot reach the Bedrock endpoint https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com:8443',
		);
		expect(JSON.stringify({ ...error, message: error.message })).not.toContain('hunter2secret');
	});

	test('a credential that is not filled in right: its own message, naming the field', () => {
		const error = toNodeApiError(
			NODE,
			describeCallError(new CredentialConfigError('Secret Access Key is empty'), INVOKE),
		);
		expect(error.message).toBe('Secret Access Key is empty');
		expect(error.description).toBe('Fix the credential and run again.');
	});

	test('no identity on the host (the SDK’s CredentialsProviderError)', () => {
		const error = nodeErrorOf(
			Object.assign(new Error('Could not load credentials from any providers'), {
				name: 'CredentialsProviderError',
			}),
		);
		expect(error.message).toBe('The n8n host has no AWS credentials to use');
		expect(error.description).not.toContain('AWS answered');
	});

	test('an error that never reached AWS says so', () => {
		const error = nodeErrorOf(new SyntaxError('Unexpected token < in JSON at position 0'));
		expect(error.message).toBe('The Bedrock call failed: Unexpected token < in JSON at position 0');
		expect(error.description).toMatch(/failed before Bedrock answered \(SyntaxError\)/);
	});
});

test('Continue On Fail: the item carries the headline, the description and the error name', async () => {
	const context = {
		getInputData: () => [{ json: {} }],
		continueOnFail: () => true,
		getExecutionCancelSignal: () => undefined,
		getNode: () => NODE,
	} as unknown as IExecuteFunctions;
	const output = await runItems(context, 1, async () => {
		throw describeCallError(
			sdkError(
				'ResourceNotFoundException',
				404,
				'This model version has reached the end of its life. Please refer to the AWS documentation for more details.',
			),
			INVOKE,
		);
	});
	expect(output).toEqual([
		{
			json: {
				error: 'The model "amazon.nova-canvas-v1:0" has reached its end of life in us-east-1',
				description: expect.stringContaining(
					'AWS answered ResourceNotFoundException (HTTP 404): This model version has reached the end of its life.',
				),
				code: 'ResourceNotFoundException',
				requestId: 'req-ResourceNotFoundException',
			},
			pairedItem: { item: 0 },
		},
	]);
});

test('the credential test message is the headline, then what to do and what AWS said', () => {
	const error = describeCallError(
		sdkError(
			'UnrecognizedClientException',
			403,
			'The security token included in the request is invalid.',
		),
		{ operation: 'ListFoundationModels', region: 'us-east-1' },
	);
	expect(BedrockCallError.is(error)).toBe(true);
	expect(`${error.message}. ${error.description}`).toBe(
		'AWS does not recognize the access key or session token. AWS does not recognize this access key ID or session token: check the credential (a deleted or mistyped key, or temporary credentials without their session token). AWS answered UnrecognizedClientException (HTTP 403): The security token included in the request is invalid. (AWS request ID: req-UnrecognizedClientException)',
	);
});
