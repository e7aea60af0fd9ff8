/**
 * Scenario 7: peak RSS growth of a worker while the Bedrock Video node downloads a 50 MB MP4
 * (the emulator pads `output.mp4` to 52,428,800 bytes with `videoMinOutputBytes`) in n8n's
 * filesystem binary-data mode: the node streams the S3 body into the binary store rather than
 * holding it (docs/bedrock-video.md, "How a job runs"). Each measurement is a fresh process
 * (`videoChild.ts`), median of the repeats; the raw SDK, GetObject piped to a file, is measured
 * the same way in the same run, interleaved.
 */
import type { BenchEmulator, PeakMeasurement, Row } from './lib.ts';
import { fmt, log, median, runMeasurementChild } from './lib.ts';

const VIDEO_BYTES = 50 * 1024 * 1024;
const TARGET = 20 * 1024 * 1024;

type Measurement = PeakMeasurement & { bytes: number };

export async function videoDownload(emulator: BenchEmulator, quick: boolean): Promise<Row[]> {
	const bytes = quick ? 1024 * 1024 : VIDEO_BYTES;
	const repeats = quick ? 1 : 5;
	await emulator.configure({ videoMinOutputBytes: bytes, videoJobSeconds: 1 });
	const runs: Record<'node' | 'raw', Measurement[]> = { node: [], raw: [] };
	for (let r = 0; r < repeats; r++) {
		for (const side of r % 2 ? (['raw', 'node'] as const) : (['node', 'raw'] as const)) {
			const measured = await runMeasurementChild<Measurement>('tooling/bench/videoChild.ts', [
				emulator.url,
				String(bytes),
				side,
			]);
			runs[side].push(measured);
			log(
				`7: ${side}, ${fmt.mb(bytes)} video: growth ${fmt.mb(measured.growth)} (baseline ${fmt.mb(measured.baselineRss)}, ${measured.samples} samples, ${fmt.s(measured.wallMs)})`,
			);
		}
	}
	const node = median(runs.node.map((m) => m.growth));
	const raw = median(runs.raw.map((m) => m.growth));
	return [
		{
			scenario: `7. Video download: peak RSS growth while Bedrock Video returns a ${fmt.mb(bytes)} MP4 (Luma Ray2 job, S3 download into the filesystem binary store), median of ${repeats} fresh processes`,
			node: fmt.mb(node),
			raw: fmt.mb(raw),
			ratio: '–',
			target: '< 20 MB',
			met: node < TARGET,
			notes: [
				`per process: node ${runs.node.map((m) => fmt.mb(m.growth)).join(', ')}; raw SDK (StartAsyncInvoke, GetAsyncInvoke, GetObject piped to a file) ${runs.raw.map((m) => fmt.mb(m.growth)).join(', ')}; baseline RSS ${fmt.mb(median(runs.node.map((m) => m.baselineRss)))} (node) / ${fmt.mb(median(runs.raw.map((m) => m.baselineRss)))} (raw); a whole-body read would add at least ${fmt.mb(bytes)}`,
			],
		},
	];
}
