/**
 * S3's error answers: status, and an XML body
 * `<Error><Code>…</Code><Message>…</Message>…<RequestId>…</RequestId><HostId>…</HostId></Error>`
 * with extra elements per code (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
 * HEAD requests get the status and headers only. Messages are S3's as quoted in that list and
 * in public error reports (docs/emulator-video.md).
 */
import { AwsError } from '../errors.ts';
import { xml } from '../sts.ts';

export class S3Error extends Error {
	readonly code: string;
	readonly status: number;
	/** Extra elements after `<Message>`, in order. */
	readonly fields: Array<[string, string]>;
	/** Response headers, e.g. `x-amz-bucket-region`. */
	readonly headers: Record<string, string>;

	constructor(
		code: string,
		status: number,
		message: string,
		fields: Array<[string, string]> = [],
		headers: Record<string, string> = {},
	) {
		super(message);
		this.name = code;
		this.code = code;
		this.status = status;
		this.fields = fields;
		this.headers = headers;
	}
}

export function errorXml(error: S3Error, requestId: string, hostId: string): string {
	const fields = error.fields.map(([name, value]) => `<${name}>${xml(value)}</${name}>`).join('');
	return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xml(error.code)}</Code><Message>${xml(error.message)}</Message>${fields}<RequestId>${requestId}</RequestId><HostId>${hostId}</HostId></Error>`;
}

export const noSuchBucket = (bucket: string) =>
	new S3Error('NoSuchBucket', 404, 'The specified bucket does not exist', [['BucketName', bucket]]);

export const noSuchKey = (key: string) =>
	new S3Error('NoSuchKey', 404, 'The specified key does not exist.', [['Key', key]]);

/**
 * Since 2023 S3 names the principal, action and resource in access-denied messages for
 * requests within one account (https://aws.amazon.com/about-aws/whats-new/2023/06/amazon-s3-additional-context-access-denied-errors/).
 */
export function accessDenied(principalArn: string, action: string, resource: string): S3Error {
	return new S3Error(
		'AccessDenied',
		403,
		`User: ${principalArn} is not authorized to perform: ${action} on resource: "${resource}" because no identity-based policy allows the ${action} action`,
	);
}

/** Faults of the control API, in S3's words: throttling is `SlowDown`, a server error `InternalError`. */
export function fromAwsError(error: AwsError): S3Error {
	switch (error.name) {
		case 'ThrottlingException':
			return new S3Error('SlowDown', 503, 'Please reduce your request rate.');
		case 'ServiceUnavailableException':
			return new S3Error('ServiceUnavailable', 503, 'Service is unable to handle request.');
		case 'InternalServerException':
			return new S3Error(
				'InternalError',
				500,
				'We encountered an internal error. Please try again.',
			);
		default:
			return new S3Error(error.name, error.status, error.message);
	}
}
