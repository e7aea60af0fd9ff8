/**
 * What went wrong with a Bedrock call, in words a workflow author can act on.
 *
 * Every failure of a call becomes one `BedrockCallError`: the AWS error name (or our own
 * `Timeout`, `Cancelled`, `NetworkError`, `CredentialConfig`), the HTTP status, the AWS request
 * ID, how many attempts were made, and a hint that says what to do. Nodes turn it into a
 * `NodeApiError` with `toNodeApiError`; the credential test shows its message.
 *
 * Messages are built from AWS's own message and the call's model ID and region; no request,
 * header or credential value is ever copied into them.
 */
import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { CredentialConfigError } from '../credentials';
import { EndpointOverrideError } from '../aws/endpoints';
import { foundationModelIdOf } from '../aws/modelIds';
import type { RetryReason } from './retry';

export interface CallDescription {
	/** `InvokeModel`, `Converse`, `ListFoundationModels`… */
	operation: string;
	region: string;
	modelId?: string;
	/** The endpoint override in use, if any (shown for network errors). */
	endpoint?: string;
}

export class BedrockCallError extends Error {
	/** AWS error name (`ThrottlingException`…) or `Timeout`, `Cancelled`, `NetworkError`, `CredentialConfig`. */
	readonly code: string;
	readonly httpStatus?: number;
	readonly requestId?: string;
	readonly attempts: number;
	/** What to do about it. */
	readonly hint: string;
	/** AWS's message, unchanged. */
	readonly awsMessage?: string;

	constructor(init: {
		code: string;
		message: string;
		hint: string;
		attempts: number;
		httpStatus?: number;
		requestId?: string;
		awsMessage?: string;
	}) {
		super(init.message);
		this.name = 'BedrockCallError';
		this.code = init.code;
		this.hint = init.hint;
		this.attempts = init.attempts;
		this.httpStatus = init.httpStatus;
		this.requestId = init.requestId;
		this.awsMessage = init.awsMessage;
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
	$metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string };
}

const ON_DEMAND_NOT_SUPPORTED = /on-demand throughput isn.t supported/i;
const NO_MODEL_ACCESS = /don.t have access to the model/i;
const NOT_AUTHORIZED = /not authorized to perform:?\s*([\w-]+:[\w*]+)/i;
const END_OF_LIFE = /end of its life/i;
const INVALID_MODEL_ID = /provided model identifier is invalid/i;
const SIGNATURE_EXPIRED = /signature expired/i;

/** Converse rejections a model raises for a feature it lacks; the fix is a Bedrock Text setting. */
const MODEL_FEATURE_HINTS: Array<[RegExp, string]> = [
	[
		/prompt caching/i,
		'This model, or this cache TTL, does not support prompt caching: turn Prompt Caching off, use the 5-minute TTL, or pick a model that caches (Claude 3.5 Haiku, 3.7 Sonnet and 4.x, Nova).',
	],
	[
		/doesn.t support system messages/i,
		'This model takes no system prompt: leave System Prompt empty and put the instructions into the prompt.',
	],
	[
		/doesn.t support the \S*\.(image|document|video) field/i,
		'This model does not read this kind of attachment: remove it, or pick a model that accepts images or documents.',
	],
	[
		/temperature.{0,20}top_p.{0,20}cannot both be specified/i,
		'This model takes Temperature or Top P, not both: remove one of them.',
	],
];

/**
 * System inference profiles are named after a geography: `us.`, `eu.`, `apac.`, `us-gov.`…
 * Which one applies follows from the region of the call; `global.` works from most regions.
 */
export function profilePrefixFor(region: string): string {
	if (region.startsWith('us-gov-')) return 'us-gov';
	if (region.startsWith('us-') || region.startsWith('ca-') || region.startsWith('mx-')) return 'us';
	if (region.startsWith('eu-')) return 'eu';
	if (region.startsWith('ap-')) return 'apac';
	return 'global';
}

function hintFor(
	code: string,
	awsMessage: string,
	call: CallDescription,
	attempts: number,
): string {
	const model = call.modelId ? `"${call.modelId}"` : 'the model';
	switch (code) {
		case 'ValidationException': {
			if (ON_DEMAND_NOT_SUPPORTED.test(awsMessage) && call.modelId) {
				const base = foundationModelIdOf(call.modelId) ?? call.modelId;
				return `This model is only served through an inference profile in ${call.region}: use the model ID "${profilePrefixFor(call.region)}.${base}" (or "global.${base}" where offered). The List Models node's "List Invocable Models" shows the exact IDs for your account.`;
			}
			if (INVALID_MODEL_ID.test(awsMessage)) {
				return `Bedrock does not know ${model} in ${call.region}: check the ID for typos and whether the model is offered in this region (List Models shows what is).`;
			}
			const feature = MODEL_FEATURE_HINTS.find(([pattern]) => pattern.test(awsMessage));
			if (feature) return feature[1];
			return 'Bedrock rejected the request body. The message above quotes Bedrock; check the field it names.';
		}
		case 'AccessDeniedException': {
			if (NO_MODEL_ACCESS.test(awsMessage)) {
				return `Model access is not granted for ${model} in ${call.region}: enable it in the Bedrock console (Model access), then retry.`;
			}
			const action = NOT_AUTHORIZED.exec(awsMessage)?.[1];
			if (action) {
				return `The identity lacks the IAM permission ${action}: add it to the role or user's policy.`;
			}
			return 'The identity is not allowed to do this: check its IAM policy (bedrock:InvokeModel, bedrock:InvokeModelWithResponseStream, bedrock:ListFoundationModels…) and any SCPs.';
		}
		case 'UnrecognizedClientException':
			return 'AWS does not recognize this access key ID or session token: check the credential (a deleted key, a typo, or temporary credentials without their session token).';
		case 'InvalidSignatureException':
			return SIGNATURE_EXPIRED.test(awsMessage)
				? "The request's timestamp is too far from AWS's clock: check the n8n host's clock."
				: 'The secret access key does not match the access key ID: check the Secret Access Key in the credential.';
		case 'ExpiredTokenException':
		case 'ExpiredToken':
			return 'The session token has expired: renew the temporary credentials, or use Assume Role, which refreshes them on its own.';
		case 'ThrottlingException':
			return `Bedrock throttled the requests (retried ${attempts - 1} times). Lower the node's Concurrency, raise Max Attempts, or ask for a higher quota (Service Quotas → Amazon Bedrock).`;
		case 'ServiceQuotaExceededException':
			return 'An account quota for this model is used up: ask for an increase in Service Quotas → Amazon Bedrock, or use a cross-region inference profile.';
		case 'ResourceNotFoundException':
			return END_OF_LIFE.test(awsMessage)
				? `${model} has reached its end of life in ${call.region}: pick a current model (List Models shows lifecycles) or another region where it is still offered.`
				: `Bedrock found no such resource (${model}) in ${call.region}: check the ID or ARN and its region.`;
		case 'ModelTimeoutException':
			return 'The model took too long to process the request: retry, or reduce the work per request (smaller images, fewer steps, shorter input).';
		case 'ModelNotReadyException':
			return `The model is not ready to serve requests yet (retried ${attempts - 1} times): try again in a few minutes.`;
		case 'ModelErrorException':
			return 'The model failed while processing the request: retry, or change the input.';
		case 'ServiceUnavailableException':
		case 'InternalServerException':
			return `Bedrock had an internal problem (retried ${attempts - 1} times): retry later.`;
		case 'AccessDenied':
			return 'STS refused to assume the role: check the role ARN, its trust policy (the base identity and the External ID) and sts:AssumeRole permission.';
		case 'InvalidClientTokenId':
		case 'SignatureDoesNotMatch':
			return 'STS rejected the base credentials used to assume the role: check the access key ID and secret.';
		default:
			return `See the AWS message above (${code}).`;
	}
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
	const where = call.modelId
		? `${call.operation} ${call.modelId} (${call.region})`
		: `${call.operation} (${call.region})`;

	if (context.cancelled) {
		return new BedrockCallError({
			code: 'Cancelled',
			// n8n marks an execution "canceled" (not "error") when its error message says so
			// (`processSuccessExecution`, packages/core/src/execution-engine/workflow-execute.ts).
			message: `${where} was canceled because the workflow execution stopped`,
			hint: 'The request was aborted; nothing is retried after a cancellation.',
			attempts,
		});
	}
	if (context.timedOutAfterMs !== undefined) {
		return new BedrockCallError({
			code: 'Timeout',
			message: `${where} got no answer within ${context.timedOutAfterMs / 1000} s`,
			hint: "Raise the node's Timeout option, or check the endpoint (a VPC endpoint or proxy that does not answer). Image models can take a minute for large sizes.",
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
	if (e.code && NETWORK_CODES.test(e.code) && e.$metadata?.httpStatusCode === undefined) {
		const target = call.endpoint ?? `the Bedrock endpoint of ${call.region}`;
		return new BedrockCallError({
			code: 'NetworkError',
			message: `${where} could not reach ${target}: ${e.code}`,
			hint: 'Check the region and any endpoint override in the credential, and that n8n can reach AWS (firewall, proxy settings HTTPS_PROXY/NO_PROXY).',
			attempts,
		});
	}

	const code = e.name && e.name !== 'Error' ? e.name : 'UnknownError';
	const awsMessage = safeAwsMessage(e.message ?? '', context.secrets) || code;
	const throttled = code === 'ThrottlingException' || e.lastRetryReason === 'throttling';
	const message =
		throttled && attempts > 1
			? `Throttled by Bedrock, retried ${attempts - 1} times: ${awsMessage}`
			: `${code}: ${awsMessage}`;
	return new BedrockCallError({
		code: throttled && code !== 'ModelNotReadyException' ? 'ThrottlingException' : code,
		message,
		hint: hintFor(
			throttled && code !== 'ModelNotReadyException' ? 'ThrottlingException' : code,
			awsMessage,
			call,
			attempts,
		),
		attempts,
		httpStatus: e.$metadata?.httpStatusCode,
		requestId: e.$metadata?.requestId,
		awsMessage,
	});
}

/** The node error for a failed call: message, what to do, request ID, HTTP status. */
export function toNodeApiError(
	node: INode,
	error: BedrockCallError,
	itemIndex?: number,
): NodeApiError {
	const details: JsonObject = {
		message: error.message,
		code: error.code,
		attempts: error.attempts,
	};
	if (error.requestId) details.requestId = error.requestId;
	if (error.httpStatus) details.httpStatusCode = error.httpStatus;
	const description = error.requestId
		? `${error.hint} (AWS request ID: ${error.requestId})`
		: error.hint;
	return new NodeApiError(node, details, {
		message: error.message,
		description,
		...(error.httpStatus ? { httpCode: String(error.httpStatus) } : {}),
		...(itemIndex !== undefined ? { itemIndex } : {}),
	});
}
