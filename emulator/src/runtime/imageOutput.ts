/**
 * Images in Converse answers, for the chat models whose catalog entry lists the IMAGE output
 * modality: Amazon Nova 2 Omni (preview since 2025-12-02,
 * https://aws.amazon.com/about-aws/whats-new/2025/12/amazon-nova-2-omni-preview/). The image
 * comes back as a content block `{"image": {"format": "png", "source": {"bytes": …}}}` — the
 * SDK's `ImageBlock` — and, in ConverseStream, as `contentBlockStart.start.image` plus
 * `contentBlockDelta.delta.image.source.bytes`.
 *
 * AWS's image-generation page for Omni was not available; what the emulator does follows public
 * code that calls the model (docs/emulator-video.md, "Nova 2 Omni"):
 * - the answer is an image when the last user message asks for one — it holds an input image
 *   (an edit) or names an image ("image", "picture", "photo", "draw", …) — and is not a
 *   question (ending in "?"); otherwise the model answers in text, as Omni also does;
 * - one image per answer and no text beside it (callers read the image when no text block is
 *   present);
 * - the size is asked for in words: an aspect ratio or a pixel size, answered with the size of
 *   the closest of 2:1, 16:9, 3:2, 4:3, 1:1, 3:4, 2:3, 9:16, 1:2; 1:1 otherwise. An edit keeps
 *   the input image's size;
 * - Nova 2 input limits (https://docs.aws.amazon.com/nova/latest/nova2-userguide/using-multimodal-models.html):
 *   at most 5 images, 25 MB of embedded image bytes in all;
 * - the prompt triggers of the image models: `BEDROCK_FILTER_OUTPUT` ends the answer with
 *   stopReason `content_filtered` and no image; `BEDROCK_FILTER` rejects the prompt.
 */
import { validation } from '../errors.ts';
import { readInputImage } from '../images/inspect.ts';
import { cachedBase64 } from '../images/output.ts';
import { inputRaster, paintEdited, paintGenerated } from '../images/render.ts';
import { contentFilterVerdict } from '../models/images/common.ts';
import type { ConverseAnswer, OutputBlock } from './converseAnswer.ts';
import { type ConverseRequest, type Json, isObject } from './converseRequest.ts';

/** Sizes per aspect ratio [W: a public Omni client's table, `ASPECT_RATIO_DIMENSIONS`]. */
export const OMNI_SIZES: Record<string, { width: number; height: number }> = {
	'2:1': { width: 1536, height: 768 },
	'16:9': { width: 1344, height: 768 },
	'3:2': { width: 1152, height: 768 },
	'4:3': { width: 1152, height: 896 },
	'1:1': { width: 1024, height: 1024 },
	'3:4': { width: 896, height: 1152 },
	'2:3': { width: 768, height: 1152 },
	'9:16': { width: 768, height: 1344 },
	'1:2': { width: 768, height: 1536 },
};
export const OMNI_DEFAULT_RATIO = '1:1';
export const MAX_OMNI_IMAGES = 5;
export const MAX_OMNI_IMAGE_BYTES = 25 * 1024 * 1024;
export const OMNI_FILTERED_TEXT = 'The generated image has been blocked by our content filters.';

const IMAGE_WORDS =
	/\b(image|images|picture|pictures|photo|photos|photograph|illustration|drawing|painting|sketch|artwork|logo|icon|poster|wallpaper|draw|paint|render)\b/i;

/** Nova 2's input limits on images, checked before the model answers. */
export function checkImageInputs(request: ConverseRequest): void {
	const images = request.messages.flatMap((message) =>
		message.content.filter((block) => isObject(block.image)).map((block) => block.image as Json),
	);
	if (images.length > MAX_OMNI_IMAGES) {
		throw validation(
			`The request contains ${images.length} images. You can include up to ${MAX_OMNI_IMAGES} images in a request.`,
		);
	}
	const bytes = images.reduce((sum, image) => {
		const source = image.source as Json;
		return sum + (typeof source.bytes === 'string' ? Buffer.byteLength(source.bytes, 'base64') : 0);
	}, 0);
	if (bytes > MAX_OMNI_IMAGE_BYTES) {
		throw validation(
			`The images in the request total ${bytes} bytes. Embedded images may total up to ${MAX_OMNI_IMAGE_BYTES} bytes; use s3Location for larger inputs.`,
		);
	}
}

/**
 * Replaces the text answer with an image when the request asks for one. `answer` is the text
 * answer the emulator computed (usage, guardrail, stop reason); it is returned unchanged when
 * the model answers in text.
 */
export function withImageOutput(
	request: ConverseRequest,
	answer: ConverseAnswer,
	modelId: string,
): ConverseAnswer {
	if (answer.stopReason === 'guardrail_intervened' || answer.stopReason === 'tool_use')
		return answer;
	const last = [...request.messages].reverse().find((message) => message.role === 'user');
	const texts = (last?.content ?? [])
		.map((block) => (typeof block.text === 'string' ? block.text : ''))
		.filter((text) => text.length > 0);
	const prompt = texts.join(' ').trim();
	const input = (last?.content ?? []).find((block) => isObject(block.image))?.image as
		| Json
		| undefined;
	const wantsImage = (input !== undefined || IMAGE_WORDS.test(prompt)) && !prompt.endsWith('?');
	const verdict = contentFilterVerdict([prompt]);
	if (verdict === 'input') {
		throw validation(
			'This request has been blocked by our content filters. Please adjust your text prompt to submit a new request.',
		);
	}
	if (!wantsImage) return answer;
	if (verdict === 'output') {
		return {
			...answer,
			blocks: [{ kind: 'text', text: OMNI_FILTERED_TEXT }],
			stopReason: 'content_filtered',
		};
	}

	const system = request.system
		.map((block) => (typeof block.text === 'string' ? block.text : ''))
		.join(' ');
	const key = `${modelId}|${prompt}|${system}`;
	let block: OutputBlock;
	if (input && typeof (input.source as Json).bytes === 'string') {
		const image = readInputImage((input.source as Json).bytes as string);
		if (!image) throw validation('Invalid base64 in the input image.');
		const source = inputRaster(image);
		block = {
			kind: 'image',
			format: 'png',
			width: source.width,
			height: source.height,
			base64: cachedBase64(`omni-edit|${key}|${image.hash}`, () => paintEdited(key, source), 'png'),
		};
	} else {
		const { width, height } = requestedSize(`${system} ${prompt}`);
		block = {
			kind: 'image',
			format: 'png',
			width,
			height,
			base64: cachedBase64(
				`omni|${key}|${width}x${height}`,
				() => paintGenerated(key, width, height),
				'png',
			),
		};
	}
	// Output tokens of an image are not published; the emulator counts one per 750 pixels [W].
	const outputTokens = Math.ceil((block.width * block.height) / 750);
	const { inputTokens, cacheReadInputTokens = 0, cacheWriteInputTokens = 0 } = answer.usage;
	return {
		...answer,
		blocks: [block],
		stopReason: 'end_turn',
		usage: {
			...answer.usage,
			outputTokens,
			totalTokens: inputTokens + outputTokens + cacheReadInputTokens + cacheWriteInputTokens,
		},
	};
}

/**
 * The size for the aspect ratio or pixel size named in `text` — the listed size of the closest
 * ratio (a 3:1 request gets 2:1, as a user observed of the real model) — else 1:1.
 */
export function requestedSize(text: string): { width: number; height: number } {
	const ratio =
		/\b(\d{1,2})\s*:\s*(\d{1,2})\b/.exec(text) ??
		/\b(\d{2,5})\s*(?:x|×|by)\s*(\d{2,5})\b/i.exec(text);
	if (!ratio || Number(ratio[1]) === 0 || Number(ratio[2]) === 0)
		return OMNI_SIZES[OMNI_DEFAULT_RATIO];
	const wanted = Math.log(Number(ratio[1]) / Number(ratio[2]));
	const distance = (size: { width: number; height: number }) =>
		Math.abs(Math.log(size.width / size.height) - wanted);
	return Object.values(OMNI_SIZES).reduce((best, size) =>
		distance(size) < distance(best) ? size : best,
	);
}
