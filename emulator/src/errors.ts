/**
 * The errors the emulator answers with, in Amazon Bedrock's wire shape:
 * status code, `x-amzn-errortype: <Name>:http://internal.amazon.com/coral/com.amazon.bedrock/`
 * and a JSON body `{"message": "..."}` (as real answers print them: aws-samples/amazon-bedrock-client-for-mac#12;
 * vercel/ai `packages/amazon-bedrock/src/__fixtures__/amazon-bedrock-empty-message-validation-error.json`).
 *
 * Handlers throw an `AwsError`; the server turns it into the response.
 */

/**
 * HTTP status per exception name, from the service model (`error.httpStatusCode` in botocore
 * `botocore/data/bedrock-runtime/2023-09-30/service-2.json` and `bedrock/2023-04-20/service-2.json`).
 */
export const statusByErrorName: Record<string, number> = {
	ValidationException: 400,
	ServiceQuotaExceededException: 400,
	ConflictException: 400,
	ResourceInUseException: 400,
	TooManyTagsException: 400,
	AccessDeniedException: 403,
	UnrecognizedClientException: 403,
	InvalidSignatureException: 403,
	ExpiredTokenException: 403,
	ResourceNotFoundException: 404,
	ModelTimeoutException: 408,
	ThrottlingException: 429,
	ModelNotReadyException: 429,
	ModelErrorException: 424,
	ModelStreamErrorException: 424,
	InternalServerException: 500,
	ServiceUnavailableException: 503,
	IncompleteSignatureException: 400,
	MissingAuthenticationTokenException: 403,
	UnknownOperationException: 404,
};

export class AwsError extends Error {
	readonly status: number;
	/** Extra members of the JSON body, e.g. `originalStatusCode` and `resourceName` of ModelErrorException. */
	readonly extra: Record<string, unknown>;
	/**
	 * Namespace after the name in `x-amzn-errortype`. Bedrock's own errors use
	 * `com.amazon.bedrock`; errors raised by the AWS front door before Bedrock sees the request
	 * (signature, unknown key, expired token) use `com.amazon.coral.service`.
	 */
	readonly typeNamespace: string;
	/** Name of the message member in the JSON body: `message`, or `Message` for the few front-door errors that use it. */
	readonly messageKey: 'message' | 'Message';
	/** A body sent verbatim instead of `{"message": …}` (the front door's Coral answers). */
	readonly wireBody?: string;

	constructor(name: string, message: string, options: AwsErrorOptions = {}) {
		super(message);
		this.name = name;
		this.status = options.status ?? statusByErrorName[name] ?? 400;
		this.extra = options.extra ?? {};
		this.typeNamespace = options.typeNamespace ?? BEDROCK_ERROR_NAMESPACE;
		this.messageKey = options.messageKey ?? 'message';
		this.wireBody = options.wireBody;
	}
}

export interface AwsErrorOptions {
	status?: number;
	extra?: Record<string, unknown>;
	typeNamespace?: string;
	messageKey?: 'message' | 'Message';
	wireBody?: string;
}

export const BEDROCK_ERROR_NAMESPACE = 'http://internal.amazon.com/coral/com.amazon.bedrock/';
export const CORAL_ERROR_NAMESPACE = 'http://internal.amazon.com/coral/com.amazon.coral.service/';

/** `ValidationException` with Bedrock's JSON-schema message: "Malformed input request: <details>, please reformat your input and try again." */
export function malformed(details: string | string[]): AwsError {
	const text = Array.isArray(details) ? details.join('') : details;
	return new AwsError(
		'ValidationException',
		`Malformed input request: ${text}, please reformat your input and try again.`,
	);
}

export function validation(message: string): AwsError {
	return new AwsError('ValidationException', message);
}
