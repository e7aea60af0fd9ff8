/**
 * The errors the emulator answers with, in Amazon Bedrock's wire shape:
 * status code, `x-amzn-errortype: <Name>:http://internal.amazon.com/coral/com.amazon.bedrock/`
 * and a JSON body `{"message": "..."}` (bedrock-api.md, sections D and F).
 *
 * Handlers throw an `AwsError`; the server turns it into the response.
 */

/** HTTP status per exception name, from the service model (bedrock-api.md, section D). */
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
};

export class AwsError extends Error {
	readonly status: number;
	/** Extra members of the JSON body, e.g. `originalStatusCode` and `resourceName` of ModelErrorException. */
	readonly extra: Record<string, unknown>;

	constructor(name: string, message: string, options: { status?: number; extra?: Record<string, unknown> } = {}) {
		super(message);
		this.name = name;
		this.status = options.status ?? statusByErrorName[name] ?? 400;
		this.extra = options.extra ?? {};
	}
}

/** `ValidationException` with Bedrock's JSON-schema message: "Malformed input request: <details>, please reformat your input and try again." */
export function malformed(details: string | string[]): AwsError {
	const text = Array.isArray(details) ? details.join('') : details;
	return new AwsError('ValidationException', `Malformed input request: ${text}, please reformat your input and try again.`);
}

export function validation(message: string): AwsError {
	return new AwsError('ValidationException', message);
}
