/**
 * The output bucket field and the node's "Options": where the video goes in n8n, how the node
 * waits for the job, and the shared batch settings (concurrency, attempts, timeout).
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	booleanField,
	collectionProperty,
	numberField,
	readStoreInS3,
	s3UriField,
	storeInS3Fields,
	stringField,
	type ItemParams,
	type StoreInS3Settings,
} from '../../shared/fields';
import { costFields } from '../../shared/cost';
import { requestOptions } from '../../shared/requestOptions';
import type { CallOptions } from '../../shared/transport/call';
import { parseS3Uri, type S3Location } from '../../shared/transport/s3';

/**
 * Two jobs in flight by default: each waits minutes for Bedrock and holds nothing meanwhile, but
 * accounts get few concurrent video jobs (Service Quotas → Amazon Bedrock); a start over the
 * quota fails with ServiceQuotaExceededException.
 */
export const VIDEO_CONCURRENCY = 2;

/**
 * 15 minutes: Ray2 takes 2–5 minutes for 5 s and 4–8 for 9 s
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-luma.html); Nova Reel
 * about 90 s per 6-second shot, 14–17 minutes for 2 minutes
 * (https://docs.aws.amazon.com/nova/latest/userguide/video-gen-access.html): raise it for those.
 */
export const DEFAULT_JOB_TIMEOUT_SECONDS = 900;

/** The first status check comes this soon; the wait then grows by half up to the cap. */
export const FIRST_POLL_MS = 2000;
export const DEFAULT_MAX_POLL_SECONDS = 15;

export const OPTIONS = 'options';

export const videoRequestOptions = requestOptions(VIDEO_CONCURRENCY, {
	defaultSeconds: DEFAULT_JOB_TIMEOUT_SECONDS,
	description:
		'How long to wait for each video job, from its start. The job keeps running (and is billed) when the node stops waiting: Get Result fetches it later. 0 waits indefinitely.',
});

export const outputS3Uri = s3UriField({
	name: 'outputS3Uri',
	displayName: 'Output S3 URI',
	description:
		'Where Bedrock writes the video: s3://bucket or s3://bucket/prefix, a bucket in the region of the call. Bedrock writes with the credential’s identity (s3:PutObject); the node reads the video back (s3:GetObject, s3:ListBucket).',
	placeholder: 's3://my-bucket/videos',
	required: true,
	emptyHint:
		'Give the S3 bucket (and prefix) Bedrock writes the video to, e.g. s3://my-bucket/videos.',
});

const outputField = stringField({
	name: 'binaryPropertyOutput',
	displayName: 'Put Output in Field',
	description: 'The name of the output binary field to put the video in',
	default: 'data',
});

const maxPollSeconds = numberField({
	name: 'maxPollIntervalSeconds',
	displayName: 'Max Poll Interval (Seconds)',
	description:
		'The longest wait between two status checks of a job. Checks start after 2 seconds and the wait grows by half each time, up to this.',
	default: DEFAULT_MAX_POLL_SECONDS,
	min: 1,
	max: 300,
});

const kmsKeyId = stringField({
	name: 'kmsKeyId',
	displayName: 'KMS Key',
	description:
		'A KMS key ARN or alias ARN to encrypt the video with (the identity needs kms:GenerateDataKey, and kms:Decrypt to read it back)',
	placeholder: 'arn:aws:kms:us-west-2:123456789012:key/…',
	pattern: {
		regex:
			/^arn:aws(-[^:]+)?:kms:[a-zA-Z0-9-]*:[0-9]{12}:((key\/[a-zA-Z0-9-]{36})|(alias\/[a-zA-Z0-9-_/]+))$/,
		allowed: 'a KMS key ARN (…:key/<36-character ID>) or alias ARN (…:alias/<name>)',
	},
});

const bucketOwner = stringField({
	name: 'bucketOwner',
	displayName: 'Bucket Owner',
	description: 'The 12-digit AWS account that owns the bucket, when it is another account’s',
	pattern: { regex: /^[0-9]{12}$/, allowed: 'a 12-digit AWS account ID' },
});

export const optionsProperty: INodeProperties = collectionProperty(OPTIONS, 'Options', [
	bucketOwner,
	kmsKeyId,
	maxPollSeconds,
	outputField,
	...storeInS3Fields,
	...videoRequestOptions.fields,
]);

export const downloadField = booleanField({
	name: 'downloadVideo',
	displayName: 'Download Video',
	description: 'Whether to read a completed job’s MP4 into the item as binary data',
	default: true,
});

/** Options of Get Result that do not apply: it starts nothing billed (Dry Run, Budget). */
const NOT_FOR_RESULTS = new Set(['timeoutSeconds', ...costFields.map((field) => field.name)]);

/**
 * The Options that apply to Get Result (no output configuration: the job has its own; no Dry
 * Run or Budget: reading a job's status and video is not billed by Bedrock).
 */
export const resultOptionsProperty: INodeProperties = collectionProperty(OPTIONS, 'Options', [
	downloadField,
	outputField,
	...storeInS3Fields,
	...videoRequestOptions.fields.filter((field) => !NOT_FOR_RESULTS.has(field.name)),
]);

export interface VideoSettings {
	concurrency: number;
	call: CallOptions;
	outputField: string;
	maxPollMs: number;
	kmsKeyId?: string;
	bucketOwner?: string;
	/** Store in S3: where the video also goes; undefined when not asked. */
	store?: StoreInS3Settings;
}

/** The item's Options, checked. */
export function readVideoSettings(params: ItemParams): VideoSettings {
	const options = params.in(OPTIONS);
	const { concurrency, call } = videoRequestOptions.read(options);
	const kms = kmsKeyId.read(options)?.trim();
	const owner = bucketOwner.read(options)?.trim();
	const store = readStoreInS3(options);
	return {
		concurrency,
		call,
		outputField: outputField.read(options)?.trim() || 'data',
		maxPollMs: (maxPollSeconds.read(options) ?? DEFAULT_MAX_POLL_SECONDS) * 1000,
		...(kms ? { kmsKeyId: kms } : {}),
		...(owner ? { bucketOwner: owner } : {}),
		...(store ? { store } : {}),
	};
}

/** The item's output bucket and prefix, checked. */
export function readOutputLocation(params: ItemParams): S3Location {
	const uri = (outputS3Uri.read(params) as string).trim();
	return parseS3Uri(uri) as S3Location;
}
