/**
 * S3 URI fields and the "Store in S3" output options of the generating nodes (Bedrock Image,
 * Bedrock Video): one declaration, read by both nodes' output code.
 */
import {
	MAX_LINK_EXPIRY_SECONDS,
	parseS3Uri,
	S3_URI_MAX_LENGTH,
	S3_URI_PATTERN,
	type S3Location,
} from '../transport/s3';
import type { BaseSpec, Field } from './field';
import { booleanField, numberField, stringField } from './kinds';
import type { ItemParams } from './params';

/**
 * An `s3://bucket` or `s3://bucket/prefix` field, checked like Bedrock checks its output S3 URIs
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_AsyncInvokeS3OutputDataConfig.html).
 */
export function s3UriField(
	spec: BaseSpec & { placeholder?: string; required?: boolean; emptyHint?: string },
): Field<string> {
	return stringField({
		...spec,
		maxLength: S3_URI_MAX_LENGTH,
		pattern: {
			regex: S3_URI_PATTERN,
			allowed:
				's3://bucket or s3://bucket/prefix (bucket: 3–63 lower-case letters, digits, dots and hyphens)',
		},
	});
}

export const DEFAULT_LINK_EXPIRY_SECONDS = 3600;

const storeS3Uri = s3UriField({
	name: 'storeS3Uri',
	displayName: 'Store in S3',
	description:
		'Also write each result to this S3 location (s3://bucket or s3://bucket/prefix) under its file name, and add its s3Uri and a presigned download link (url) to the item. Needs s3:PutObject on the prefix, and s3:GetObject for the link to work. Empty: not stored.',
	placeholder: 's3://my-bucket/results',
});

const linkExpiry = numberField({
	name: 'linkExpirySeconds',
	displayName: 'Link Expiry (Seconds)',
	description:
		'How long the presigned link (url) of a result stored in S3 works, at most 7 days. A link signed with temporary credentials (Assume Role, SSO, instance role) stops working when they expire, even earlier.',
	default: DEFAULT_LINK_EXPIRY_SECONDS,
	min: 1,
	max: MAX_LINK_EXPIRY_SECONDS,
	integer: true,
});

const keepBinary = booleanField({
	name: 'keepBinary',
	displayName: 'Keep Binary',
	description:
		'Whether a result stored in S3 stays in the item as binary data too. Off: the item carries only its s3Uri and url.',
	default: true,
});

/** The Store in S3 options, for a node's Options collection. */
export const storeInS3Fields: Array<Field<unknown>> = [storeS3Uri, linkExpiry, keepBinary];

export interface StoreInS3Settings {
	location: S3Location;
	linkExpirySeconds: number;
	keepBinary: boolean;
}

/** The item's Store in S3 options, checked; undefined when no S3 URI is given. */
export function readStoreInS3(options: ItemParams): StoreInS3Settings | undefined {
	const uri = storeS3Uri.read(options)?.trim();
	if (!uri) return undefined;
	return {
		location: parseS3Uri(uri) as S3Location,
		linkExpirySeconds: linkExpiry.read(options) ?? DEFAULT_LINK_EXPIRY_SECONDS,
		keepBinary: keepBinary.read(options) ?? true,
	};
}
