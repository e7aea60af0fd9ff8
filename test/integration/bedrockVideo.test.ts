/**
 * Bedrock Video through n8n-core against the emulator: Generate Video for Luma Ray2 and Nova
 * Reel with every parameter, the request as sent, the MP4 as n8n stores it (ffprobe).
 */
import { useEmulator } from './helpers.ts';
import {
	FAST_JOBS,
	NODE_NAME,
	onlyStartBody,
	probeVideo,
	ray2,
	requireVideoTools,
	runVideoNode,
	WEST_BUCKET,
} from './videoHelpers.ts';

requireVideoTools();
const emulator = useEmulator(FAST_JOBS);

describe('Generate Video, Luma Ray2', () => {
	test('text to video: every setting sent, the MP4 returned with the job in the item', async () => {
		const result = await runVideoNode(emulator.current, {
			parameters: ray2({ aspectRatio: '21:9', resolution: '540p', duration: '9s', loop: true }),
		});
		expect(result.error(NODE_NAME)).toBeUndefined();
		const [item] = result.output(NODE_NAME);
		const body = onlyStartBody(emulator.current);
		expect(body).toMatchObject({
			modelId: 'luma.ray-v2:0',
			modelInput: {
				prompt: 'A red fox runs through fresh snow at dawn',
				aspect_ratio: '21:9',
				resolution: '540p',
				duration: '9s',
				loop: true,
			},
			outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${WEST_BUCKET}/videos` } },
		});
		expect(String(body.clientRequestToken)).toMatch(/^n8n-[0-9a-f]{24}-[0-9a-f]{24}$/);
		const probe = await probeVideo(result, item);
		expect(probe).toMatchObject({ width: 1260, height: 540, codec: 'h264', frameRate: '24/1' });
		expect(probe.duration).toBeCloseTo(9, 0);
		expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileExtension: 'mp4' });
		expect(item.json).toMatchObject({
			status: 'Completed',
			modelId: 'luma.ray-v2:0',
			region: 'us-west-2',
			task: 'text-to-video',
			videoSeconds: 9,
			resolution: '540p',
			estimatedCostUsd: 6.75,
			mimeType: 'video/mp4',
			fileSize: probe.bytes.length,
			clientRequestToken: body.clientRequestToken,
			bucketRegion: 'us-west-2',
		});
		const id = String(item.json.invocationId);
		expect(item.json.s3Uri).toBe(`s3://${WEST_BUCKET}/videos/${id}/output.mp4`);
		expect(item.binary?.data.fileName).toMatch(new RegExp(`^ray-v2-0-\\d{8}-\\d{6}-${id}\\.mp4$`));
	});
});
