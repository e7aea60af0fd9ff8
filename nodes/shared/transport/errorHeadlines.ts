/**
 * The headline (what happened, in Bedrock's terms) and the hint (what to do) of every error a
 * Bedrock call can end with: each exception the Bedrock, Bedrock Runtime and STS service models
 * define, the errors AWS's front door answers before Bedrock sees the request (unknown key, bad
 * signature, expired token), and the node's own timeout, cancellation and network failures.
 *
 * The headline is what n8n shows in bold above the description, and what a Continue On Fail item
 * carries as `error`: it names the model and region where they matter, never the exception's
 * name (the description has it, with AWS's message verbatim and the request ID).
 *
 * Exception names and meanings: the SDK's service models (`@aws-sdk/client-bedrock-runtime`,
 * `@aws-sdk/client-bedrock`, STS in `@aws-sdk/nested-clients`, `dist-types/models/errors.d.ts`)
 * and https://docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html;
 * the front door's: https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html.
 */
import { foundationModelIdOf } from '../aws/modelIds';
import { successorOf } from '../aws/successors';
import type { CallDescription } from './errors';

export interface Explanation {
	/** What happened, in plain words: the error's `message`. */
	headline: string;
	/** What to do about it: the start of the error's description. */
	hint: string;
}

interface Situation {
	/** AWS's message, secrets already removed (may be empty). */
	awsMessage: string;
	call: CallDescription;
	/** Attempts made, the first included. */
	attempts: number;
}

type Explain = (situation: Situation) => Explanation;

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

/** The longest piece of AWS's message a headline quotes; the description has all of it. */
const HEADLINE_QUOTE_MAX = 240;

/**
 * AWS's message as a headline quotes it: on one line, without the boilerplate Bedrock wraps
 * around body errors ("Malformed input request: …, please reformat your input and try again."),
 * cut at a word when long.
 */
export function quoteForHeadline(awsMessage: string): string {
	const text = stabilityDetail(awsMessage)
		.replace(/\s+/g, ' ')
		.replace(/^Malformed input request:\s*/i, '')
		.replace(/,?\s*please reformat your input and try again\.?$/i, '')
		.trim();
	if (text.length <= HEADLINE_QUOTE_MAX) return text;
	const cut = text.slice(0, HEADLINE_QUOTE_MAX);
	const lastSpace = cut.lastIndexOf(' ');
	return `${cut.slice(0, lastSpace > HEADLINE_QUOTE_MAX / 2 ? lastSpace : HEADLINE_QUOTE_MAX)}…`;
}

/**
 * Stability's models pass their backend's error through Bedrock as JSON inside the message,
 * e.g. `{"detail":"Invalid field in request. Available fields: [...]"}`: the headline quotes the
 * text inside, the description the message as AWS sent it.
 */
function stabilityDetail(awsMessage: string): string {
	if (!awsMessage.trimStart().startsWith('{')) return awsMessage;
	try {
		const parsed = JSON.parse(awsMessage) as { detail?: unknown };
		return typeof parsed.detail === 'string' ? parsed.detail : awsMessage;
	} catch {
		return awsMessage;
	}
}

/** "(retried 3 times)" after a headline, or nothing when the first attempt was the only one. */
function retried(attempts: number): string {
	const retries = attempts - 1;
	if (retries <= 0) return '';
	return retries === 1 ? ' (retried once)' : ` (retried ${retries} times)`;
}

function modelOf(call: CallDescription): string {
	return call.modelId ? `"${call.modelId}"` : '';
}

/** `the model "x"` or `the model`, for headlines. */
function theModel(call: CallDescription): string {
	return call.modelId ? `the model "${call.modelId}"` : 'the model';
}

const ON_DEMAND_NOT_SUPPORTED = /on-demand throughput isn.t supported/i;
const PROVISIONED_ONLY = /doesn.t support on-demand throughput/i;
const INVALID_MODEL_ID = /provided model identifier is invalid/i;
const END_OF_LIFE = /end of its life/i;
const NO_MODEL_ACCESS = /don.t have access to the model/i;
/**
 * Models sold through AWS Marketplace are subscribed on first use, which needs Marketplace
 * permissions (https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html), e.g.
 * "Model access is denied due to IAM user or service role is not authorized to perform the
 * required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe)
 * to enable access to this model." (ministryofjustice/modernisation-platform-environments#18323).
 */
const MARKETPLACE_ACCESS = /model access is denied|aws-marketplace:/i;
const NOT_AUTHORIZED = /not authorized to perform:?\s*([\w-]+:[\w*]+)/i;
const EXPLICIT_DENY = /explicit deny in (?:an? )?([\w -]+? policy)/i;
/** Bedrock's answer to a Bearer token it does not accept (a wrong, expired or revoked API key). */
const BAD_API_KEY = /api key is valid|bearer token/i;
const SIGNATURE_EXPIRED = /signature expired/i;
const ASYNC_INVOCATION = /:async-invoke\//;

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
 * GetAsyncInvoke models no ResourceNotFoundException
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_GetAsyncInvoke.html): an
 * unknown, aged-out or foreign invocation is answered with a ValidationException.
 */
function unknownInvocation(call: CallDescription): Explanation {
	return {
		headline: `Bedrock has no async invocation "${call.modelId}" in ${call.region}`,
		hint: 'Check the invocation ARN: it must be of this account, and it names its region. Bedrock keeps finished invocations listed for a limited time only (List Jobs shows the ones it still has).',
	};
}

const validation: Explain = ({ awsMessage, call }) => {
	if (call.operation === 'GetAsyncInvoke' && call.modelId && ASYNC_INVOCATION.test(call.modelId)) {
		return unknownInvocation(call);
	}
	const model = modelOf(call);
	if (ON_DEMAND_NOT_SUPPORTED.test(awsMessage) && call.modelId) {
		const base = foundationModelIdOf(call.modelId) ?? call.modelId;
		return {
			headline: `The model ${model} can only be called through an inference profile in ${call.region}`,
			hint: `Use the model ID "${profilePrefixFor(call.region)}.${base}" (or "global.${base}" where offered). The List Models node's "List Invocable Models" shows the exact IDs for your account.`,
		};
	}
	if (PROVISIONED_ONLY.test(awsMessage)) {
		return {
			headline: `${capitalize(theModel(call))} cannot be called on demand`,
			hint: 'This model ID is served only through Provisioned Throughput: use the ARN of a provisioned model, or pick a model that runs on demand (List Models shows which do).',
		};
	}
	if (INVALID_MODEL_ID.test(awsMessage)) {
		return {
			headline: `Bedrock does not know ${theModel(call)} in ${call.region}`,
			hint: 'Check the ID for typos and whether the model is offered in this region (List Models shows what is).',
		};
	}
	const feature = MODEL_FEATURE_HINTS.find(([pattern]) => pattern.test(awsMessage));
	return {
		headline: awsMessage
			? `Bedrock rejected the request: ${quoteForHeadline(awsMessage)}`
			: 'Bedrock rejected the request',
		hint: feature
			? feature[1]
			: 'Bedrock checked the request and refused it: change the field or value its message names (the model’s parameter page in the Bedrock documentation lists what each model accepts).',
	};
};

const accessDenied: Explain = ({ awsMessage, call }) => {
	if (BAD_API_KEY.test(awsMessage)) {
		return {
			headline: 'AWS does not accept the Bedrock API key',
			hint: 'The API key is wrong, expired or revoked (short-term keys last at most 12 hours): create a new key in the Bedrock console (API keys) and paste it into the credential.',
		};
	}
	if (MARKETPLACE_ACCESS.test(awsMessage)) {
		return {
			headline: `Access to ${theModel(call)} is not granted: its AWS Marketplace subscription is missing`,
			hint: 'Bedrock subscribes the account to a Marketplace model (Anthropic, and other third-party models) on its first call, and the identity making that call needs aws-marketplace:ViewSubscriptions and aws-marketplace:Subscribe. Add them (or have an administrator call the model once), then retry after a few minutes.',
		};
	}
	if (NO_MODEL_ACCESS.test(awsMessage)) {
		return {
			headline: `Access to ${theModel(call)} is not granted in ${call.region}`,
			hint: 'Enable the model for this account and region in the Bedrock console, then retry.',
		};
	}
	const action = NOT_AUTHORIZED.exec(awsMessage)?.[1];
	const deny = EXPLICIT_DENY.exec(awsMessage)?.[1];
	if (action) {
		return {
			headline: `The AWS identity is not allowed to call ${action}`,
			hint: deny
				? `An explicit deny in a ${deny} blocks ${action}: ask the administrator of the policy (for a service control policy, the AWS organization's) to allow it.`
				: `Add ${action} to the IAM policy of the user or role the credential uses.`,
		};
	}
	return {
		headline: 'AWS denied access to Bedrock',
		hint: 'The identity is not allowed to do this: check its IAM policy (bedrock:InvokeModel, bedrock:InvokeModelWithResponseStream, bedrock:ListFoundationModels…) and any service control policies.',
	};
};

const expiredToken: Explain = () => ({
	headline: 'The session token has expired',
	hint: 'Temporary credentials last a limited time: paste a fresh access key, secret and session token (for Assume Role: fresh base credentials), or use Assume Role, which renews its session on its own.',
});

const throttled: Explain = ({ attempts }) => ({
	headline: `Bedrock is throttling requests${retried(attempts)}`,
	hint: "Too many requests or tokens per minute for this model: lower the node's Concurrency, raise Max Attempts, or ask for a higher quota (Service Quotas → Amazon Bedrock) or use a cross-region inference profile.",
});

const serverSide =
	(what: string): Explain =>
	({ attempts }) => ({
		headline: `${what}${retried(attempts)}`,
		hint: "This is on AWS's side: retry later; raise Max Attempts to ride out short outages. If it persists, check the AWS Health Dashboard for Bedrock in this region.",
	});

const resourceNotFound: Explain = ({ awsMessage, call }) => {
	if (END_OF_LIFE.test(awsMessage)) {
		const successor = successorOf(call.modelId && foundationModelIdOf(call.modelId));
		return {
			headline: `${capitalize(theModel(call))} has reached its end of life in ${call.region}`,
			hint: successor
				? `Bedrock no longer serves this model version here: move to ${successor.text}. Bedrock List Models shows which of them ${call.region} offers.`
				: 'Bedrock no longer serves this model version here: pick a current model (List Models shows each model’s lifecycle) or a region where it is still offered.',
		};
	}
	if (call.modelId && ASYNC_INVOCATION.test(call.modelId)) return unknownInvocation(call);
	if (call.modelId) {
		return {
			headline: `Bedrock has no model or inference profile "${call.modelId}" in ${call.region}`,
			hint: 'Check the ID or ARN and its region (an ARN names its own region). List Models shows the models and profiles of this account.',
		};
	}
	return {
		headline: `Bedrock found no such resource in ${call.region}`,
		hint: 'Check the ID or ARN and its region.',
	};
};

const stsBaseCredentials =
	(headline: string): Explain =>
	() => ({
		headline,
		hint: 'Assume Role signs its request to STS with the base credentials: check their access key ID and secret access key (and that the key is active in IAM).',
	});

/** Per exception name. Every name the three service models define has its own entry. */
const EXPLANATIONS: Record<string, Explain> = {
	// Bedrock and Bedrock Runtime
	ValidationException: validation,
	AccessDeniedException: accessDenied,
	ResourceNotFoundException: resourceNotFound,
	ThrottlingException: throttled,
	ServiceQuotaExceededException: () => ({
		headline: 'An account quota for Bedrock is used up',
		hint: 'Ask for an increase in Service Quotas → Amazon Bedrock, spread the calls over time, or use a cross-region inference profile.',
	}),
	ModelTimeoutException: ({ call }) => ({
		headline: `${capitalize(theModel(call))} took too long to process the request`,
		hint: 'Bedrock stopped waiting for the model: retry, or reduce the work per request (smaller images, fewer steps, shorter input or output).',
	}),
	ModelNotReadyException: ({ call, attempts }) => ({
		headline: `${capitalize(theModel(call))} is not ready to serve requests yet${retried(attempts)}`,
		hint: 'Bedrock is still loading the model (typical for imported custom models): try again in a few minutes, or raise Max Attempts.',
	}),
	ModelErrorException: ({ call }) => ({
		headline: `${capitalize(theModel(call))} failed while processing the request`,
		hint: "The model itself returned an error: retry, or change the input. AWS's message below quotes the model.",
	}),
	ModelStreamErrorException: ({ call }) => ({
		headline: `The answer stream of ${theModel(call)} broke off with an error`,
		hint: 'Retry the request; if it keeps happening, change the input or pick another model.',
	}),
	InternalServerException: serverSide('Bedrock had an internal error'),
	ServiceUnavailableException: serverSide('Bedrock is unavailable right now'),
	ConflictException: () => ({
		headline:
			'Bedrock refused the request: it conflicts with another operation on the same resource',
		hint: 'Another change to this resource is in progress, or the resource is not in a state that allows this: wait for it to finish, then retry.',
	}),
	ResourceInUseException: () => ({
		headline: 'Bedrock refused the request: the resource is in use',
		hint: 'Another resource (for example a guardrail) still refers to it: remove that reference first.',
	}),
	TooManyTagsException: () => ({
		headline: 'The resource would have more tags than Bedrock allows',
		hint: 'A Bedrock resource takes at most 50 tags, existing ones included: remove some.',
	}),

	// AWS's front door, before Bedrock sees the request
	UnrecognizedClientException: () => ({
		headline: 'AWS does not recognize the access key or session token',
		hint: 'AWS does not recognize this access key ID or session token: check the credential (a deleted or mistyped key, or temporary credentials without their session token).',
	}),
	InvalidSignatureException: ({ awsMessage }) =>
		SIGNATURE_EXPIRED.test(awsMessage)
			? {
					headline: "AWS rejected the request: its time is too far from AWS's clock",
					hint: "The request's timestamp is more than 5 minutes off: check the n8n host's clock.",
				}
			: {
					headline:
						'AWS rejected the request signature: the secret access key does not match the access key ID',
					hint: 'The secret access key does not match the access key ID: check the Secret Access Key in the credential.',
				},
	IncompleteSignatureException: () => ({
		headline: 'AWS rejected the request: its signature is incomplete',
		hint: 'A proxy or endpoint override may be changing the request: check the custom endpoints and proxy settings.',
	}),
	MissingAuthenticationTokenException: () => ({
		headline: 'AWS received the request without credentials',
		hint: 'Check the credential, and that a proxy or endpoint override does not strip the Authorization header.',
	}),
	ExpiredTokenException: expiredToken,
	ExpiredToken: expiredToken,

	// STS, when the credential assumes a role (the Query protocol's codes and the SDK's class names)
	AccessDenied: () => ({
		headline: 'AWS refused to let the credential assume the role',
		hint: 'STS refused to assume the role: check the role ARN, its trust policy (the base identity and the External ID) and the base identity’s sts:AssumeRole permission.',
	}),
	InvalidClientTokenId: stsBaseCredentials(
		'AWS does not recognize the access key used to assume the role',
	),
	SignatureDoesNotMatch: stsBaseCredentials(
		'AWS rejected the signature of the credentials used to assume the role',
	),
	MalformedPolicyDocument: malformedPolicy,
	MalformedPolicyDocumentException: malformedPolicy,
	PackedPolicyTooLarge: packedPolicyTooLarge,
	PackedPolicyTooLargeException: packedPolicyTooLarge,
	RegionDisabledException: ({ call }) => ({
		headline: `STS is not activated in ${call.region} for this account`,
		hint: 'Activate STS for this region (IAM → Account settings → Security Token Service endpoints), or use a region where it is active.',
	}),
	IDPRejectedClaim: idpRejected,
	IDPRejectedClaimException: idpRejected,
	InvalidIdentityToken: invalidIdentityToken,
	InvalidIdentityTokenException: invalidIdentityToken,
	IDPCommunicationError: idpUnreachable,
	IDPCommunicationErrorException: idpUnreachable,

	// The SDK's own, when a host credential mode finds no identity on the host
	CredentialsProviderError: () => ({
		headline: 'The n8n host has no AWS credentials to use',
		hint: "The host credential modes use the host's identity (environment variables, shared config files, an ECS task role or EC2 instance profile): give the host one, or use access keys or an API key.",
	}),
};

function malformedPolicy(): Explanation {
	return {
		headline: 'STS rejected the session policy of the role session',
		hint: 'The policy sent with AssumeRole is malformed: report this with the request ID.',
	};
}

function packedPolicyTooLarge(): Explanation {
	return {
		headline: "The role session's policies and tags are too large for STS",
		hint: 'Shorten the session tags or policies attached to the role session.',
	};
}

function idpRejected(): Explanation {
	return {
		headline: 'The identity provider rejected the web identity token',
		hint: "The host's web identity (for example an EKS service account) is not accepted for this role: check the role's trust policy and the token's audience.",
	};
}

function invalidIdentityToken(): Explanation {
	return {
		headline: 'AWS could not validate the web identity token',
		hint: "The host's web identity token is invalid or expired: check the token file and the identity provider's configuration in IAM.",
	};
}

function idpUnreachable(): Explanation {
	return {
		headline: 'STS could not reach the identity provider',
		hint: 'The identity provider of the web identity token did not answer STS: retry later.',
	};
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Every exception name with its own headline (the unit tests check the service models against it). */
export const EXPLAINED_ERROR_NAMES: readonly string[] = Object.keys(EXPLANATIONS);

/** Headline and hint of an AWS error, by its exception name. */
export function explainAwsError(code: string, situation: Situation): Explanation {
	const explain = EXPLANATIONS[code];
	if (explain) return explain(situation);
	const { awsMessage } = situation;
	return {
		headline: awsMessage
			? `Bedrock answered with an error: ${quoteForHeadline(awsMessage)}`
			: `Bedrock answered with the error ${code}`,
		hint: 'The error name and AWS’s message below say what went wrong; retry, and report it with the request ID if it persists.',
	};
}

/** What a Node.js network error code means, for the description of an unreachable endpoint. */
const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused (nothing listens there)',
	ECONNRESET: 'the connection was reset',
	ENOTFOUND: 'the host name does not resolve (DNS)',
	EAI_AGAIN: 'the DNS lookup failed for now',
	EHOSTUNREACH: 'there is no route to the host',
	ENETUNREACH: 'the network is unreachable',
	ETIMEDOUT: 'the connection timed out',
	EPIPE: 'the connection closed while sending',
	// The HTTP handler's connection timeout: typical of a firewall or a subnet without a route to AWS.
	TimeoutError:
		'no connection was established in time (packets dropped by a firewall, or no route to AWS?)',
};

export function networkFailure(code: string): string {
	return `${NETWORK_FAILURES[code] ?? 'the connection failed'} (${code})`;
}

/**
 * An endpoint override as headlines show it: scheme, host and port. A URL's user-info part may
 * carry a password, and its path or query nothing a reader needs.
 */
export function endpointForDisplay(endpoint: string): string {
	try {
		const url = new URL(endpoint);
		return `${url.protocol}//${url.host}`;
	} catch {
		return 'the custom endpoint';
	}
}

// S3 ------------------------------------------------------------------------------------------

/**
 * S3's error codes (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). A HEAD
 * request has no body, so the SDK names its errors by status only (`NotFound`, or `Unknown` for
 * 301 and 403): the status decides then.
 */
interface S3Situation extends Situation {
	httpStatus?: number;
}

/** `s3://bucket/key` → `arn:aws:s3:::bucket/key`, the resource IAM policies name. */
export function s3ResourceArn(resource: string | undefined): string {
	return resource ? `arn:aws:s3:::${resource.replace(/^s3:\/\//, '')}` : 'the bucket';
}

/** What each S3 operation needs, for the access-denied hint. */
function s3Permission(call: CallDescription): string {
	const resource = s3ResourceArn(call.resource);
	switch (call.operation) {
		case 'GetObject':
			return `s3:GetObject on ${resource} (and s3:ListBucket on the bucket: without it S3 reports a missing object as access denied too)`;
		case 'HeadBucket':
			return `s3:ListBucket on ${resource}`;
		case 'PutObject':
			return `s3:PutObject on ${resource}`;
		default:
			return `the S3 permission for ${call.operation} on ${resource}`;
	}
}

const S3_KMS = /kms/i;

export function explainS3Error(code: string, situation: S3Situation): Explanation {
	const { awsMessage, call, attempts, httpStatus } = situation;
	const what = call.resource ?? 'the bucket';
	if (code === 'AccessDenied' || (httpStatus === 403 && code !== 'InvalidAccessKeyId')) {
		if (code === 'SignatureDoesNotMatch') {
			return {
				headline: 'S3 rejected the request signature: the secret access key does not match',
				hint: 'Check the Secret Access Key in the credential, and that a proxy or the S3 Endpoint override does not change the request.',
			};
		}
		if (code === 'RequestTimeTooSkewed') {
			return {
				headline: "S3 rejected the request: its time is too far from AWS's clock",
				hint: "The request's timestamp is more than 15 minutes off: check the n8n host's clock.",
			};
		}
		return {
			headline: `AWS denied ${call.operation} on ${what}`,
			hint: S3_KMS.test(awsMessage)
				? `The object is encrypted with a KMS key the identity may not use: allow kms:Decrypt on that key for the user or role the credential uses.`
				: `The user or role the credential uses needs ${s3Permission(call)}, in its IAM policy and not denied by the bucket policy.`,
		};
	}
	if (code === 'NoSuchBucket' || (httpStatus === 404 && call.operation === 'HeadBucket')) {
		return {
			headline: `The S3 bucket ${what} does not exist`,
			hint: 'Check the bucket name in the S3 URI (bucket names are global and lower case), or create the bucket in the region of the call.',
		};
	}
	if (code === 'NoSuchKey' || code === 'NotFound' || httpStatus === 404) {
		return {
			headline: `S3 has no object ${what}`,
			hint: 'The object was deleted or moved (a lifecycle rule on the bucket?), or it was never written.',
		};
	}
	if (
		code === 'AuthorizationHeaderMalformed' ||
		code === 'PermanentRedirect' ||
		code === 'AuthorizationQueryParametersError' ||
		httpStatus === 301
	) {
		return {
			headline: `The S3 bucket of ${what} is not in ${call.region}`,
			hint: 'S3 answered that the bucket is in another region: use a bucket in the region of the call.',
		};
	}
	if (code === 'InvalidAccessKeyId') {
		return {
			headline: 'S3 does not recognize the access key',
			hint: 'Check the Access Key ID in the credential (a deleted key, or temporary credentials without their session token).',
		};
	}
	if (code === 'ExpiredToken' || code === 'TokenRefreshRequired') return expiredToken(situation);
	if (code === 'SlowDown' || httpStatus === 429) {
		return {
			headline: `S3 is throttling requests${retried(attempts)}`,
			hint: "Too many requests to this bucket or prefix: lower the node's Concurrency or raise Max Attempts.",
		};
	}
	if (httpStatus !== undefined && httpStatus >= 500) {
		return serverSide('S3 had an internal error')(situation);
	}
	return {
		headline: awsMessage
			? `S3 answered ${call.operation} with an error: ${quoteForHeadline(awsMessage)}`
			: `S3 answered ${call.operation} with the error ${code}`,
		hint: 'The error name and AWS’s message below say what went wrong; retry, and report it with the request ID if it persists.',
	};
}

// Asynchronous invocations ------------------------------------------------------------------

/** The content filter's verdict on a finished video (https://docs.aws.amazon.com/nova/latest/userguide/video-gen-errors.html). */
const OUTPUT_FILTERED = /blocked by our content filters/i;
/** Bedrock could not write the result (AWS's troubleshooting: bucket permissions or region). */
const OUTPUT_NOT_WRITTEN = /\bs3\b|bucket|PutObject/i;

export interface AsyncJob {
	invocationArn: string;
	/** Where the job writes: `s3://bucket/prefix`. */
	s3Uri?: string;
	/**
	 * The start returned a job an earlier try of the item had started (same idempotency token):
	 * retrying the same request in the same execution gets that job again.
	 */
	reused?: boolean;
}

/** A job that ended `Failed`: its failure message in the headline. */
export function explainJobFailure(job: AsyncJob, failureMessage: string | undefined): Explanation {
	const message = failureMessage?.trim();
	let hint = `The job ${job.invocationArn} ended Failed. Change the request and run again; a failed job writes no video.`;
	if (message && OUTPUT_FILTERED.test(message)) {
		hint = `A content filter blocked the generated video (${job.invocationArn}): rephrase the prompt or use other input images; Continue On Fail lets the other items go on.`;
	} else if (message && OUTPUT_NOT_WRITTEN.test(message)) {
		hint = `Bedrock writes the video with the caller's identity: it needs s3:PutObject on ${s3ResourceArn(job.s3Uri)}/*, and the bucket must be in the region of the call (${job.invocationArn}).`;
	}
	if (job.reused) {
		hint +=
			' This job was started by an earlier try of this item: Bedrock returns it again for the same request in the same execution, so change the request (prompt, seed, settings) or run the workflow again to start a new one.';
	}
	return {
		headline: message
			? `The video job failed: ${quoteForHeadline(message)}`
			: 'The video job failed without a message',
		hint,
	};
}

/** The node stopped waiting; the job goes on (Bedrock has no API to stop one). */
export function explainJobTimeout(job: AsyncJob, waitedMs: number): Explanation {
	return {
		headline: `The video job did not finish within ${Math.round(waitedMs / 1000)} s; it may still be running and billed`,
		hint: `Bedrock has no API to stop an async invocation, so ${job.invocationArn} may still finish and be billed. Fetch it later with the Get Result operation and this invocation ARN, or raise the node's Timeout option (videos take minutes: Luma Ray2 2–8, Nova Reel multi-shot up to 17).`,
	};
}

/** The workflow was stopped while the node waited for the job. */
export function explainJobCancelled(job: AsyncJob): Explanation {
	return {
		// "canceled": n8n marks the execution canceled (see errors.ts).
		headline: 'The video job was canceled in n8n: the workflow execution stopped while it ran',
		hint: `Only the waiting stopped: Bedrock has no API to stop an async invocation, so ${job.invocationArn} may still finish and be billed. Get Result fetches it later.`,
	};
}
