/**
 * What the image families look like on the wire, beyond their bodies: the JSON content type
 * and request ID of answers, and the regions and inference profiles they are reached through
 * (per-family rules are in imagesStability.test.ts and imagesAmazon.test.ts).
 */
import { makeTestImageBase64 } from '../src/images/output.ts';
import {
	atDate,
	decodeOutput,
	invokeExpectingError,
	invokeImageModel,
	useImageEmulator,
} from './imageHarness.ts';
import { AMAZON_IMAGE_DATE } from './lifecycleDates.ts';

useImageEmulator();

describe('image models on the wire', () => {
	it('answers with application/json and a request ID', async () => {
		const { status, contentType, requestId } = await invokeImageModel(
			'stability.sd3-5-large-v1:0',
			{ prompt: 'coffee' },
		);
		expect(status).toBe(200);
		expect(contentType).toBe('application/json');
		expect(requestId).toMatch(/\S/);
	});

	it.each(['us-east-1', 'us-east-2', 'us-west-2'])(
		'serves the image services through us. profiles in %s',
		async (region) => {
			const image = makeTestImageBase64({ width: 120, height: 80 });
			const { body } = await invokeImageModel(
				'us.stability.stable-fast-upscale-v1:0',
				{ image, output_format: 'webp' },
				region,
			);
			expect(decodeOutput((body.images as string[])[0])).toMatchObject({
				format: 'webp',
				width: 480,
				height: 320,
			});
		},
	);

	it('rejects on-demand calls to an image service (profile only)', async () => {
		const error = await invokeExpectingError('stability.stable-fast-upscale-v1:0', {
			image: makeTestImageBase64({ width: 64, height: 64 }),
		});
		expect(error).toMatchObject({ name: 'ValidationException', status: 400 });
		expect(error.message).toMatch(/on-demand throughput/i);
	});

	describe('before Nova Canvas’s end of life', () => {
		atDate(AMAZON_IMAGE_DATE.date);

		it('serves Nova Canvas on demand in eu-west-1', async () => {
			const { body } = await invokeImageModel(
				'amazon.nova-canvas-v1:0',
				{ taskType: 'TEXT_IMAGE', textToImageParams: { text: 'x' } },
				'eu-west-1',
			);
			expect(decodeOutput((body.images as string[])[0])).toMatchObject({
				width: 1024,
				height: 1024,
			});
		});
	});
});
