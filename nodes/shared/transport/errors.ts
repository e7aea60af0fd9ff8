/**
 * What went wrong with a Bedrock call, in words a workflow author can act on.
 *
 * Every failure of a call becomes one `BedrockCallError`: a headline that says what happened
 * (errorHeadlines.ts), the AWS error name (or our own `Timeout`, `Cancelled`, `NetworkError`,
 * `CredentialConfig`), the HTTP status, the AWS request ID, how many attempts were made, and a
 * hint that says what to do. Nodes turn it into a `NodeApiError` with `toNodeApiError`; the
 * credential test shows its headline and description.
 *
 * Messages are built from AWS's own message and the call's model ID and region; no request,
 * header or credential value is ever copied into them.
 */
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { CredentialConfigError } from '../credentials';
import { EndpointOverrideError } from '../aws/endpoints';
import {
	endpointForDisplay,
	explainAwsError,
	explainS3Error,
	networkFailure,
	EXPLAINED_ERROR_NAMES,
} from './errorHeadlines';
import type { RetryReason } from './retry';

export { profilePrefixFor } from './errorHeadlines';

export interface CallDescription {
	/** `InvokeModel`, `Converse`, `ListFoundationModels`, `GetObject`… */
	operation: string;
	region: string;
	modelId?: string;
	/** The endpoint override in use, if any (shown for network errors). */
	endpoint?: string;
	/** The AWS service called: Bedrock (default) or S3, whose errors read differently. */
	service?: 'bedrock' | 's3';
	/** What an S3 call is about: `s3://bucket` or `s3://bucket/key`. */
	resource?: string;
}

/** The service's name in headlines. */
function serviceName(call: CallDescription): string {
	return call.service === 's3' ? 'S3' : 'Bedrock';
}

export class BedrockCallError extends Error {
	/** AWS error name (`ThrottlingException`…) or `Timeout`, `Cancelled`, `NetworkError`, `CredentialConfig`. */
	readonly code: string;
	readonly httpStatus?: number;
	readonly requestId?: string;
	readonly attempts: number;
	/** What to do about it. */
	readonly hint: string;
	/** AWS's message, unchanged (secrets removed). */
	readonly awsMessage?: string;
	/** The exception name AWS answered with, when AWS answered. */
	readonly awsCode?: string;

	/** `message` is the headline: what happened, in plain words. */
	constructor(init: {
		code: string;
		message: string;
		hint: string;
		attempts: number;
		httpStatus?: number;
		requestId?: string;
		awsMessage?: string;
		awsCode?: string;
	}) {
		super(init.message);
		this.name = 'BedrockCallError';
		this.code = init.code;
		this.hint = init.hint;
		this.attempts = init.attempts;
		this.httpStatus = init.httpStatus;
		this.requestId = init.requestId;
		this.awsMessage = init.awsMessage;
		this.awsCode = init.awsCode;
	}

	/**
	 * What to do, then what AWS said: its error name, HTTP status and message verbatim, and the
	 * request ID (which AWS support asks for).
	 */
	get description(): string {
		const parts = [this.hint];
		if (this.awsCode) {
			const status = this.httpStatus ? ` (HTTP ${this.httpStatus})` : '';
			const said =
				this.awsMessage && this.awsMessage !== this.awsCode ? `: ${this.awsMessage}` : '';
			parts.push(`AWS answered ${this.awsCode}${status}${said}`);
		}
		if (this.requestId) parts.push(`(AWS request ID: ${this.requestId})`);
		return parts.join(' ');
	}

	/** Works across module copies, where `instanceof` may not. */
	static is(error: unknown): error is BedrockCallError {
		return error instanceof Error && error.name === 'BedrockCallError' && 'hint' in error;
	}
}

interface SdkErrorShape {
	name?: string;
	code?: string;
	message?: string;
	attempts?: number;
	lastRetryReason?: RetryReason;
	$fault?: string;
	$metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string };
}

/**
 * AWS answers a bad signature with the canonical request and string to sign it expected. Both
 * list the signed headers with their values, and `x-amz-security-token` is one of them: the
 * echo would put the session token into the error message, the execution data and the log.
 */
const SIGNATURE_ECHO = /\s*The Canonical String for this request should have been[\s\S]*$/;

const REDACTED = '[redacted]';

/** AWS's message without the signature echo and without any of `secrets`. */
export function safeAwsMessage(message: string, secrets: readonly string[] = []): string {
	let safe = message.replace(SIGNATURE_ECHO, '');
	for (const secret of secrets) {
		// Short values could match ordinary words; real secrets are long.
		if (secret.length >= 8) safe = safe.split(secret).join(REDACTED);
	}
	return safe.trim();
}

const NETWORK_CODES =
	/^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|EPIPE|ERR_[A-Z0-9_]+)$/;

/** `@smithy/node-http-handler`: "the request socket did not establish a connection with the server within…". */
const CONNECT_TIMEOUT = /did not establish a connection/i;

/** "InvokeModel of "x" in us-east-1": the call, for descriptions. */
function callOf(call: CallDescription): string {
	const subject = call.modelId ?? call.resource;
	return subject
		? `${call.operation} of "${subject}" in ${call.region}`
		: `${call.operation} in ${call.region}`;
}

/** Converts anything a Bedrock call threw into a `BedrockCallError`. */
export function describeCallError(
	error: unknown,
	call: CallDescription,
	context: {
		timedOutAfterMs?: number;
		cancelled?: boolean;
		/** Values never to repeat (the call's secret key, session token, API key). */
		secrets?: readonly string[];
	} = {},
): BedrockCallError {
	if (BedrockCallError.is(error)) return error;
	const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
	const attempts = e.attempts ?? 1;
	const service = serviceName(call);

	if (context.cancelled) {
		return new BedrockCallError({
			code: 'Cancelled',
			// n8n marks an execution "canceled" rather than "error" when the error's message contains
			// "canceled" (packages/core/src/execution-engine/workflow-execute.ts, processSuccessExecution).
			message: `The ${service} request was canceled because the workflow execution stopped`,
			hint: `${callOf(call)} was aborted; nothing is retried after a cancellation.`,
			attempts,
		});
	}
	if (context.timedOutAfterMs !== undefined) {
		return new BedrockCallError({
			code: 'Timeout',
			message: `${service} did not answer within ${context.timedOutAfterMs / 1000} s`,
			hint: `${callOf(call)} got no answer in time (the timeout covers the whole call, retries included). Raise the node's Timeout option, or check the endpoint (a VPC endpoint or proxy that does not answer). Image models can take a minute for large sizes.`,
			attempts,
		});
	}
	if (error instanceof CredentialConfigError || error instanceof EndpointOverrideError) {
		return new BedrockCallError({
			code: 'CredentialConfig',
			message: error.message,
			hint: 'Fix the credential and run again.',
			attempts: 0,
		});
	}
	// The HTTP handler's connection timeout (httpHandler.ts) has no Node.js code, only this name.
	const connectTimedOut = e.name === 'TimeoutError' && CONNECT_TIMEOUT.test(e.message ?? '');
	const networkCode = e.code && NETWORK_CODES.test(e.code) ? e.code : undefined;
	if ((networkCode || connectTimedOut) && e.$metadata?.httpStatusCode === undefined) {
		const target = call.endpoint
			? `the ${service} endpoint ${endpointForDisplay(call.endpoint)}`
			: `the ${service} endpoint of ${call.region}`;
		return new BedrockCallError({
			code: 'NetworkError',
			// A reset or broken pipe means the endpoint answered the connection, then dropped it.
			message:
				networkCode === 'ECONNRESET' || networkCode === 'EPIPE'
					? `The connection to ${target} was closed unexpectedly`
					: `Cannot reach ${target}`,
			hint: `${callOf(call)} failed: ${networkFailure(networkCode ?? 'TimeoutError')}${attempts > 1 ? ` on all ${attempts} attempts` : ''}. Check the region and any endpoint override in the credential, and that n8n can reach AWS (firewall, proxy settings HTTPS_PROXY/NO_PROXY).`,
			attempts,
		});
	}

	const name = e.name && e.name !== 'Error' ? e.name : 'UnknownError';
	const awsMessage = safeAwsMessage(e.message ?? '', context.secrets);
	// Service exceptions carry the response's metadata; anything else did not come from AWS.
	const answered = e.$metadata !== undefined || e.$fault !== undefined;
	if (!answered && !EXPLAINED_ERROR_NAMES.includes(name)) {
		return new BedrockCallError({
			code: name,
			message: awsMessage
				? `The ${service} call failed: ${awsMessage}`
				: `The ${service} call failed`,
			hint: `${callOf(call)} failed before ${service} answered (${name}): retry, and report it if it persists.`,
			attempts,
		});
	}
	if (call.service === 's3') {
		const { headline, hint } = explainS3Error(name, {
			awsMessage,
			call,
			attempts,
			httpStatus: e.$metadata?.httpStatusCode,
		});
		return new BedrockCallError({
			code: name,
			message: headline,
			hint,
			attempts,
			httpStatus: e.$metadata?.httpStatusCode,
			requestId: e.$metadata?.requestId,
			awsMessage: awsMessage || name,
			...(answered ? { awsCode: name } : {}),
		});
	}
	const throttled = name === 'ThrottlingException' || e.lastRetryReason === 'throttling';
	const code = throttled && name !== 'ModelNotReadyException' ? 'ThrottlingException' : name;
	const { headline, hint } = explainAwsError(code, { awsMessage, call, attempts });
	return new BedrockCallError({
		code,
		message: headline,
		hint,
		attempts,
		httpStatus: e.$metadata?.httpStatusCode,
		requestId: e.$metadata?.requestId,
		awsMessage: awsMessage || name,
		...(answered ? { awsCode: name } : {}),
	});
}

/**
 * The node error for a failed call: the headline as its message, what to do and what AWS said
 * as its description, and the error name, request ID and HTTP status as its details.
 */
export function toNodeApiError(
	node: INode,
	error: BedrockCallError,
	itemIndex?: number,
): NodeApiError {
	const details: JsonObject = {
		// n8n lists this under the error's details ("raw messages" in the editor).
		message: error.awsCode ? `${error.awsCode}: ${error.awsMessage ?? ''}` : error.message,
		code: error.code,
		attempts: error.attempts,
	};
	if (error.awsMessage) details.awsMessage = error.awsMessage;
	if (error.requestId) details.requestId = error.requestId;
	if (error.httpStatus) details.httpStatusCode = error.httpStatus;
	const nodeError = new NodeApiError(node, details, {
		message: error.message,
		description: error.description,
		...(error.httpStatus ? { httpCode: String(error.httpStatus) } : {}),
		...(itemIndex !== undefined ? { itemIndex } : {}),
	});
	// NodeApiError replaces a message that merely contains a Node.js error code with n8n's text
	// for that code (packages/workflow/src/errors/abstract/node.error.ts,
	// setDescriptiveErrorMessage): "ResourceNotFoundException" contains ENOTFOUND, so a model
	// past its end of life read "The connection cannot be established, this usually occurs due to
	// an incorrect host (domain) value". Model IDs and AWS's messages can contain such codes too.
	// The headline already says what happened: it is kept as it is.
	if (nodeError.message !== error.message) {
		nodeError.messages = nodeError.messages.filter((message) => message !== error.message);
		nodeError.message = error.message;
	}
	return nodeError;
}
