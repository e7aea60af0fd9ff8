/**
 * The emulator's S3 buckets and objects. Buckets have a region (S3 buckets live in one
 * region; Bedrock's async jobs must write to a bucket of the invocation's region). Objects
 * are files in a temporary folder, never held whole in memory: a generated video may be
 * 50 MB (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-luma.html,
 * "Generated videos range from 5-50 MB").
 *
 * Each object keeps what S3 reports about it: size, ETag (the MD5 of a single-part upload),
 * last-modified time, content type, user metadata and a CRC32 checksum (S3 returns stored
 * checksums to GetObject callers that send `x-amz-checksum-mode: ENABLED`).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import { crc32 } from 'node:zlib';

import { DEFAULT_ACCOUNT_ID } from '../auth/identities.ts';

export interface BucketConfig {
	/** S3 bucket name rules: 3-63 lower-case letters, digits, dots and hyphens. */
	name: string;
	region: string;
	/** Account that owns the bucket (Bedrock's `bucketOwner`). Default: the emulator's account. */
	ownerAccountId?: string;
}

export interface StoredObject {
	bucket: string;
	key: string;
	size: number;
	/** Quoted MD5 hex, as S3 returns it for a single-part upload. */
	etag: string;
	lastModified: number;
	contentType: string;
	/** Base64 CRC32 of the whole object (`x-amz-checksum-crc32`). */
	checksumCrc32: string;
	/** `x-amz-meta-*` headers given at upload, names lower-cased without the prefix. */
	metadata: Record<string, string>;
	/** Where the bytes are. */
	path: string;
}

export interface Bucket {
	name: string;
	region: string;
	ownerAccountId: string;
	createdAt: number;
	objects: Map<string, StoredObject>;
}

export interface PutOptions {
	contentType?: string;
	metadata?: Record<string, string>;
}

/** What was received while writing an object, for the caller's integrity checks. */
export interface WriteDigest {
	size: number;
	md5Hex: string;
	sha256Hex: string;
	crc32Base64: string;
}

/**
 * Buckets every emulator starts with, one per region where the catalog offers a video model
 * (Luma Ray2 in us-west-2, Nova Reel in us-east-1, eu-west-1 and ap-northeast-1), documented in
 * docs/emulator-video.md. Tests add others, in any region, through the control API.
 */
export const DEFAULT_BUCKETS: BucketConfig[] = [
	{ name: 'bedrock-emulator-us-east-1', region: 'us-east-1' },
	{ name: 'bedrock-emulator-us-west-2', region: 'us-west-2' },
	{ name: 'bedrock-emulator-eu-west-1', region: 'eu-west-1' },
	{ name: 'bedrock-emulator-ap-northeast-1', region: 'ap-northeast-1' },
];

/** https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (general purpose buckets). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export class S3Store {
	private readonly buckets = new Map<string, Bucket>();
	private readonly initial: BucketConfig[];
	private readonly now: () => number;
	private folder?: string;

	constructor(initial: BucketConfig[], now: () => number) {
		this.initial = initial;
		this.now = now;
		for (const config of initial) this.createBucket(config);
	}

	/** The temporary folder of the objects, created on first write. */
	get root(): string {
		if (!this.folder) this.folder = mkdtempSync(join(tmpdir(), 'bedrock-emulator-s3-'));
		return this.folder;
	}

	createBucket(config: BucketConfig): Bucket {
		if (
			typeof config.name !== 'string' ||
			!BUCKET_NAME.test(config.name) ||
			config.name.includes('..')
		) {
			throw new Error(
				`Bucket name "${String(config.name)}" breaks S3's naming rules: 3-63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit.`,
			);
		}
		if (typeof config.region !== 'string' || !REGION.test(config.region))
			throw new Error(`Region "${String(config.region)}" is not a region name like us-west-2.`);
		if (this.buckets.has(config.name)) throw new Error(`Bucket ${config.name} already exists.`);
		const bucket: Bucket = {
			name: config.name,
			region: config.region,
			ownerAccountId: config.ownerAccountId ?? DEFAULT_ACCOUNT_ID,
			createdAt: this.now(),
			objects: new Map(),
		};
		this.buckets.set(config.name, bucket);
		return bucket;
	}

	deleteBucket(name: string): boolean {
		const bucket = this.buckets.get(name);
		if (!bucket) return false;
		for (const object of bucket.objects.values()) void unlink(object.path).catch(() => undefined);
		return this.buckets.delete(name);
	}

	bucket(name: string): Bucket | undefined {
		return this.buckets.get(name);
	}

	list(): Bucket[] {
		return [...this.buckets.values()];
	}

	object(bucket: string, key: string): StoredObject | undefined {
		return this.buckets.get(bucket)?.objects.get(key);
	}

	/**
	 * Streams `source` into a new object. `check` sees the digest before the object becomes
	 * visible and may throw (a checksum mismatch); the object is then discarded.
	 */
	async putStream(
		bucketName: string,
		key: string,
		source: AsyncIterable<Buffer> | NodeJS.ReadableStream,
		options: PutOptions = {},
		check?: (digest: WriteDigest) => void,
	): Promise<StoredObject> {
		const bucket = this.requireBucket(bucketName);
		const path = join(this.root, randomUUID());
		const digest = new DigestStream();
		try {
			await pipeline(source as NodeJS.ReadableStream, digest, createWriteStream(path));
			const result = digest.result();
			check?.(result);
			return this.commit(bucket, key, path, result, options);
		} catch (error) {
			await unlink(path).catch(() => undefined);
			throw error;
		}
	}

	/** Copies a local file (a rendered video) into an object. */
	async putFile(
		bucketName: string,
		key: string,
		file: string,
		options: PutOptions = {},
	): Promise<StoredObject> {
		return this.putStream(bucketName, key, createReadStream(file), options);
	}

	async putBuffer(
		bucketName: string,
		key: string,
		body: Buffer,
		options: PutOptions = {},
	): Promise<StoredObject> {
		return this.putStream(bucketName, key, Readable.from([body]), options);
	}

	/** The bytes of a small object (an input image); large objects are streamed instead. */
	readSync(object: StoredObject): Buffer {
		return readFileSync(object.path);
	}

	/** Objects of a bucket sorted by key (UTF-8 binary order, as S3 lists them). */
	sortedObjects(bucketName: string): StoredObject[] {
		const bucket = this.requireBucket(bucketName);
		return [...bucket.objects.values()].sort((a, b) =>
			Buffer.compare(Buffer.from(a.key, 'utf8'), Buffer.from(b.key, 'utf8')),
		);
	}

	/** Removes every object and bucket, then recreates the startup buckets. */
	reset(): void {
		for (const name of [...this.buckets.keys()]) this.deleteBucket(name);
		for (const config of this.initial) this.createBucket(config);
	}

	/** Deletes the temporary folder. */
	dispose(): void {
		this.buckets.clear();
		if (this.folder) rmSync(this.folder, { recursive: true, force: true });
		this.folder = undefined;
	}

	private requireBucket(name: string): Bucket {
		const bucket = this.buckets.get(name);
		if (!bucket) throw new Error(`No bucket ${name}.`);
		return bucket;
	}

	private async commit(
		bucket: Bucket,
		key: string,
		path: string,
		digest: WriteDigest,
		options: PutOptions,
	): Promise<StoredObject> {
		const size = (await stat(path)).size;
		const previous = bucket.objects.get(key);
		const object: StoredObject = {
			bucket: bucket.name,
			key,
			size,
			etag: `"${digest.md5Hex}"`,
			lastModified: this.now(),
			contentType: options.contentType ?? 'binary/octet-stream',
			checksumCrc32: digest.crc32Base64,
			metadata: options.metadata ?? {},
			path,
		};
		bucket.objects.set(key, object);
		// Readers that opened the old file keep reading it: unlinking an open file is safe on POSIX.
		if (previous) void unlink(previous.path).catch(() => undefined);
		return object;
	}
}

/** Passes bytes through while computing MD5, SHA-256 and CRC32. */
class DigestStream extends Transform {
	private readonly md5 = createHash('md5');
	private readonly sha256 = createHash('sha256');
	private crc = 0;
	private size = 0;

	override _transform(
		chunk: Buffer,
		_encoding: BufferEncoding,
		done: (error?: Error | null, data?: Buffer) => void,
	): void {
		this.md5.update(chunk);
		this.sha256.update(chunk);
		this.crc = crc32(chunk, this.crc);
		this.size += chunk.length;
		done(null, chunk);
	}

	result(): WriteDigest {
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(this.crc >>> 0);
		return {
			size: this.size,
			md5Hex: this.md5.digest('hex'),
			sha256Hex: this.sha256.digest('hex'),
			crc32Base64: crc.toString('base64'),
		};
	}
}
