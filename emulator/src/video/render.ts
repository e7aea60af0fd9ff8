/**
 * Real MP4 files for finished video jobs, made with ffmpeg: an H.264 test pattern whose
 * container reports the width, height, frame rate and duration the model would produce, so that
 * ffprobe, browsers and n8n's binary handling see a genuine video.
 *
 * Renders are cached per (width, height, fps, seconds, minimum size) in a folder shared by every
 * emulator on the machine (`os.tmpdir()/bedrock-emulator-video-cache`): the first 5-second
 * 720p render takes about a second, later jobs copy the file. ffmpeg is `ffmpeg` on PATH, or
 * the path in BEDROCK_EMULATOR_FFMPEG (or the `ffmpegPath` option); without it a job fails with
 * a failure message that says so; in the n8n-nodes-bedrock repository `tooling/ensure-ffmpeg.sh`
 * installs Debian's package.
 *
 * A minimum size pads the file with an ISO BMFF `free` box after the movie (ISO/IEC 14496-12
 * §8.1.2: "free space … may be ignored"), for benchmarks that need a 50 MB download.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

export interface VideoFormat {
	width: number;
	height: number;
	fps: number;
	seconds: number;
	/** Pads the file to at least this many bytes (0: no padding). */
	minBytes?: number;
}

export const FFMPEG_ENV = 'BEDROCK_EMULATOR_FFMPEG';
export const VIDEO_CACHE_FOLDER = join(tmpdir(), 'bedrock-emulator-video-cache');
/** The `free` box's size field is 32 bits; larger paddings are refused. */
const MAX_PADDING = 2 ** 31;
const FREE_BOX_HEADER = 8;

export class FfmpegMissingError extends Error {}

const inFlight = new Map<string, Promise<string>>();

export interface RenderOptions {
	/** ffmpeg to run. Default: BEDROCK_EMULATOR_FFMPEG, else `ffmpeg` on PATH. */
	ffmpegPath?: string;
	/** Where renders are cached. Default: `VIDEO_CACHE_FOLDER`. */
	cacheFolder?: string;
}

/** Path of a cached MP4 of the given format, rendering (and padding) it on first use. */
export function renderVideo(format: VideoFormat, options: RenderOptions = {}): Promise<string> {
	const folder = options.cacheFolder ?? VIDEO_CACHE_FOLDER;
	const ffmpeg = options.ffmpegPath ?? process.env[FFMPEG_ENV] ?? 'ffmpeg';
	const base = `${format.width}x${format.height}-${format.fps}fps-${format.seconds}s`;
	const name = format.minBytes ? `${base}-min${format.minBytes}.mp4` : `${base}.mp4`;
	const path = join(folder, name);
	if (existsSync(path)) return Promise.resolve(path);
	let pending = inFlight.get(path);
	if (!pending) {
		pending = (
			format.minBytes
				? renderVideo({ ...format, minBytes: 0 }, options).then((plain) =>
						pad(plain, path, format.minBytes as number),
					)
				: encode(format, path, ffmpeg)
		).finally(() => inFlight.delete(path));
		inFlight.set(path, pending);
	}
	return pending;
}

async function encode(format: VideoFormat, path: string, ffmpeg: string): Promise<string> {
	mkdirSync(dirname(path), { recursive: true });
	const partial = `${path}.${randomUUID()}.part`;
	const source = `testsrc2=size=${format.width}x${format.height}:rate=${format.fps}:duration=${format.seconds}`;
	const args = [
		'-hide_banner',
		'-loglevel',
		'error',
		'-f',
		'lavfi',
		'-i',
		source,
		'-c:v',
		'libx264',
		'-preset',
		'ultrafast',
		'-pix_fmt',
		'yuv420p',
		// moov first, as the real service's files and every progressive download expect.
		'-movflags',
		'+faststart',
		'-f',
		'mp4',
		'-y',
		partial,
	];
	try {
		await run(ffmpeg, args);
		await rename(partial, path);
		return path;
	} catch (error) {
		await unlink(partial).catch(() => undefined);
		throw error;
	}
}

function run(command: string, args: string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr = (stderr + chunk.toString('utf8')).slice(-2000);
		});
		child.on('error', (error: NodeJS.ErrnoException) => {
			reject(
				error.code === 'ENOENT'
					? new FfmpegMissingError(
							`ffmpeg was not found ("${command}"). Install ffmpeg (in the n8n-nodes-bedrock repository: tooling/ensure-ffmpeg.sh) or set ${FFMPEG_ENV} to its path.`,
						)
					: error,
			);
		});
		child.on('close', (code) => {
			if (code === 0) resolve();
			else reject(new Error(`ffmpeg exited with code ${code}: ${stderr.trim()}`));
		});
	});
}

/** Copies `source` and appends a `free` box so that the file has at least `minBytes` bytes. */
async function pad(source: string, path: string, minBytes: number): Promise<string> {
	const { size } = await stat(source);
	const padding = Math.max(FREE_BOX_HEADER, minBytes - size);
	if (padding > MAX_PADDING)
		throw new Error(`cannot pad a video by ${padding} bytes (limit ${MAX_PADDING})`);
	const partial = `${path}.${randomUUID()}.part`;
	try {
		await pipeline(async function* () {
			for await (const chunk of createReadStream(source)) yield chunk as Buffer;
			const header = Buffer.alloc(FREE_BOX_HEADER);
			header.writeUInt32BE(padding, 0);
			header.write('free', 4, 'latin1');
			yield header;
			const zeros = Buffer.alloc(1024 * 1024);
			for (let left = padding - FREE_BOX_HEADER; left > 0; left -= zeros.length) {
				yield left >= zeros.length ? zeros : zeros.subarray(0, left);
			}
		}, createWriteStream(partial));
		await rename(partial, path);
		return path;
	} catch (error) {
		await unlink(partial).catch(() => undefined);
		throw error;
	}
}
