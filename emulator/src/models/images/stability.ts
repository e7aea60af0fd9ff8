/**
 * What Stability's 2024 models (SD3, SD3.5, Stable Image Core/Ultra) and the 13 image
 * services share on Bedrock: the response shape, the filter answer, the second validation
 * layer (Stability's own backend) and the input-image rules.
 *
 * Response and filter shapes: AWS doc `model-parameters-diffusion-stable-ultra-text-image-request-response.html`
 * and `stable-image-services.html` ("A response with a finish reason that is not null will look
 * like {"finish_reasons":["Filter reason: prompt"]}").
 */
import { AwsError, malformed, validation } from '../../errors.ts';
import {
	checkImage,
	readInputImage,
	type ImageRules,
	type InputImage,
} from '../../images/inspect.ts';
import { validate, type ObjectSchema } from '../../schema.ts';
import { contentFilterVerdict } from './common.ts';

/** Enum shared by SDXL and the services' `style_preset` (AWS doc `stable-image-services.html`). */
export const STYLE_PRESETS = [
	'3d-model',
	'analog-film',
	'anime',
	'cinematic',
	'comic-book',
	'digital-art',
	'enhance',
	'fantasy-art',
	'isometric',
	'line-art',
	'low-poly',
	'modeling-compound',
	'neon-punk',
	'origami',
	'photographic',
	'pixel-art',
	'tile-texture',
] as const;

/**
 * Output pixel size per `aspect_ratio`. Stability documents "1 megapixel, default 1024x1024"
 * (Ultra), "height 640 to 1,536 px, width 640 to 1,536 px" (AWS Ultra/Core pages) but no per-ratio
 * table; these are the ~1 MP multiples of 64 that SD3-family endpoints return (not pinned down
 * by a primary source: change here if AWS answers otherwise).
 */
export const ASPECT_RATIO_SIZES: Record<string, { width: number; height: number }> = {
	'1:1': { width: 1024, height: 1024 },
	'16:9': { width: 1344, height: 768 },
	'21:9': { width: 1536, height: 640 },
	'2:3': { width: 832, height: 1216 },
	'3:2': { width: 1216, height: 832 },
	'4:5': { width: 896, height: 1088 },
	'5:4': { width: 1088, height: 896 },
	'9:16': { width: 768, height: 1344 },
	'9:21': { width: 640, height: 1536 },
};
export const ASPECT_RATIOS = Object.keys(ASPECT_RATIO_SIZES);

/**
 * Stability's upload limit: its v2beta API answers `payload_too_large` above 10 MiB. Applied per
 * image (the stricter reading; Bedrock's own body limit is 25,000,000 bytes).
 */
export const STABILITY_MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** The rule most services use: "Every side of the image must be at least 64 pixels. The total pixel count cannot exceed 9,437,184 pixels. Image aspect ratio must be between 1:2.5 and 2.5:1. Supported formats: jpeg, png, webp." */
export const STANDARD_INPUT: ImageRules = {
	formats: ['jpeg', 'png', 'webp'],
	minSide: 64,
	maxPixels: 9_437_184,
	maxAspectRatio: 2.5,
	maxBytes: STABILITY_MAX_IMAGE_BYTES,
};

/**
 * Stability's backend errors reach the caller as a ValidationException whose message is the
 * backend's JSON, e.g. `{"detail":"Invalid field 'text_prompts' in request. Available fields
 * for control-sketch are: …"}` (aws-samples/amazon-bedrock-client-for-mac#121).
 */
export function stabilityDetail(detail: string): AwsError {
	return validation(JSON.stringify({ detail }));
}

/**
 * Bedrock's schema layer and Stability's unknown-field check, in the order each family answers:
 * - the text-to-image models run the schema first (Ultra v1:0 without `prompt`: "Malformed input
 *   request: #: required key [prompt] not found, …", BerriAI/litellm#6722), then name unknown
 *   fields (BerriAI/litellm#6826);
 * - the image services name the FIRST unknown field before anything else: an SDXL body sent to
 *   control-sketch, also lacking `image` and `prompt`, got only `{"detail":"Invalid field
 *   'text_prompts' in request. Available fields for control-sketch are: …"}`
 *   (aws-samples/amazon-bedrock-client-for-mac#121, 2025-10-20).
 */
export function checkStabilityBody(
	body: Record<string, unknown>,
	schema: ObjectSchema,
	unknownFieldMessage: (field: string, available: string[]) => string,
	order: 'schemaFirst' | 'unknownFieldFirst' = 'schemaFirst',
): void {
	const available = Object.keys(schema.properties);
	const unknown = Object.keys(body).find((key) => !available.includes(key));
	if (unknown !== undefined && order === 'unknownFieldFirst')
		throw stabilityDetail(unknownFieldMessage(unknown, available));
	const violations = validate(body, { ...schema, additionalProperties: true });
	if (violations.length > 0) throw malformed(violations);
	if (unknown !== undefined) throw stabilityDetail(unknownFieldMessage(unknown, available));
}

/** Decodes and checks one base64 input image field against `rules`. */
export function readStabilityImage(value: string, field: string, rules: ImageRules): InputImage {
	const image = readInputImage(value);
	if (!image) throw stabilityDetail(`${field}: the value is not valid base64-encoded image data`);
	const violation = checkImage(image.info, rules);
	if (violation?.kind === 'format') {
		throw stabilityDetail(
			`${field}: unsupported image format (${violation.format}); supported formats: ${rules.formats.join(', ')}`,
		);
	}
	if (violation) throw stabilityDetail(`${field}: ${violation.detail}`);
	return image;
}

export function stabilitySuccess(seed: number, image: string): Record<string, unknown> {
	return { seeds: [seed], finish_reasons: [null], images: [image] };
}

/** The 200 answer of a filtered request: only `finish_reasons` (AWS doc, Ultra page). */
export function stabilityFilterResponse(
	texts: readonly unknown[],
): Record<string, unknown> | undefined {
	const verdict = contentFilterVerdict(texts);
	if (verdict === undefined) return undefined;
	return {
		finish_reasons: [
			verdict === 'output' ? 'Filter reason: output image' : 'Filter reason: prompt',
		],
	};
}

/** Scale factor that makes (width x height) about `targetPixels` (upscalers' "4 megapixel" output). */
export function sizeForPixelCount(
	width: number,
	height: number,
	targetPixels: number,
): { width: number; height: number } {
	const scale = Math.sqrt(targetPixels / (width * height));
	return { width: Math.round(width * scale), height: Math.round(height * scale) };
}
