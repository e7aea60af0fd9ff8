/**
 * "Store in S3": a generated file written to the user's bucket and prefix under its file name,
 * with a presigned link an agent or a later step can hand on (issue 15, "Results an agent and S3
 * can use"). The bucket's region is asked first (HeadBucket answers it even without
 * s3:ListBucket), and the write and the link are signed for that region, so a bucket outside the
 * call's region works too.
 */
import type { Readable } from 'node:stream';

import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { BedrockCredentials } from './credentials';
import type { StoreInS3Settings } from './fields';
import type { CallOptions } from './transport/call';
import {
	formatS3Uri,
	headBucketRegion,
	joinKey,
	presignGetObject,
	putObject,
} from './transport/s3';

export interface FileToStore {
	fileName: string;
	mimeType: string;
	/** The bytes when the node still holds them (images); otherwise read from n8n's binary store. */
	data?: Buffer;
	binary: IBinaryData;
	size: number;
}

/** The file's bytes as n8n holds them: a stream from its binary store, or the in-memory data. */
async function bodyOf(context: IExecuteFunctions, file: FileToStore): Promise<Buffer | Readable> {
	if (file.data) return file.data;
	if (file.binary.id) return await context.helpers.getBinaryStream(file.binary.id);
	return Buffer.from(file.binary.data, 'base64');
}

/**
 * Writes the file to `<prefix>/<file name>` and answers the item fields: `s3Uri`, `url` (a
 * presigned GET link), `urlExpiresAt` and `s3Region`.
 *
 * @throws {BedrockCallError} the bucket is missing, or PutObject was denied
 */
export async function storeInS3(
	context: IExecuteFunctions,
	credentials: BedrockCredentials,
	settings: StoreInS3Settings,
	file: FileToStore,
	region: string,
	options: CallOptions = {},
): Promise<IDataObject> {
	const { bucket } = settings.location;
	const found = await headBucketRegion(credentials, bucket, region, options);
	const bucketRegion = found.region ?? region;
	const location = { bucket, key: joinKey(settings.location.key, file.fileName) };
	await putObject(
		credentials,
		location,
		{
			body: await bodyOf(context, file),
			contentType: file.mimeType,
			contentLength: file.size,
			fileName: file.fileName,
		},
		bucketRegion,
		options,
	);
	const link = await presignGetObject(
		credentials,
		location,
		bucketRegion,
		settings.linkExpirySeconds,
	);
	return {
		s3Uri: formatS3Uri(location),
		url: link.url,
		urlExpiresAt: link.expiresAt.toISOString(),
		s3Region: bucketRegion,
	};
}
