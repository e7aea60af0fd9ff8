/**
 * The video tools on the machine: ffmpeg renders the MP4 files of async jobs (render.ts) and
 * ffprobe reads them back. Used by the emulator's tests, the pack's tests and `npm start`'s video
 * example, which check what a job wrote.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

export interface Probe {
	width: number;
	height: number;
	codec: string;
	frameRate: string;
	frames: number;
	duration: number;
	formatName: string;
}

const run = promisify(execFile);

/**
 * The video tests (and `npm start`'s video example) need Debian's ffmpeg package (ffmpeg renders,
 * ffprobe reads): fail once, with the way to install it, rather than with every job's failure
 * message.
 */
export function requireVideoTools(): void {
	const ffmpeg = process.env.BEDROCK_EMULATOR_FFMPEG ?? 'ffmpeg';
	for (const tool of [ffmpeg, 'ffprobe']) {
		if (spawnSync(tool, ['-version'], { stdio: 'ignore' }).status !== 0) {
			throw new Error(
				`${tool} is not available: the emulator's videos need ffmpeg (to render them) and ffprobe (to read them back). Run tooling/ensure-ffmpeg.sh (Debian/Ubuntu) or install ffmpeg.`,
			);
		}
	}
}

/** What ffprobe (Debian's ffmpeg package) reads from the file's container and stream. */
export async function ffprobe(path: string): Promise<Probe> {
	const { stdout } = await run('ffprobe', [
		'-v',
		'error',
		'-select_streams',
		'v:0',
		'-count_packets',
		'-show_entries',
		'stream=width,height,codec_name,r_frame_rate,nb_read_packets:format=duration,format_name',
		'-of',
		'json',
		path,
	]);
	const parsed = JSON.parse(stdout) as {
		streams: Array<Record<string, string | number>>;
		format: Record<string, string>;
	};
	const stream = parsed.streams[0];
	return {
		width: Number(stream.width),
		height: Number(stream.height),
		codec: String(stream.codec_name),
		frameRate: String(stream.r_frame_rate),
		frames: Number(stream.nb_read_packets),
		duration: Number(parsed.format.duration),
		formatName: parsed.format.format_name,
	};
}
