/**
 * Converse checks that depend on the model: supported features, limits on images and
 * documents, the maximum output, prompt caching and extended thinking.
 *
 * Sources: the Converse API's supported-features table (AWS user guide); API restrictions
 * ("up to 5 documents … no more than 4.5 MB", images and documents only in user messages;
 * `inference-api-restrictions.html`); Anthropic's vision limits as Bedrock states them in
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html (≤ 20 images,
 * ≤ 3.75 MB, ≤ 8000 px). Errors a model itself raises are wrapped as "The model returned the
 * following errors: …" (vercel/ai `packages/amazon-bedrock/src/__fixtures__/amazon-bedrock-nova-2-high-reasoning-validation-error.json`); the
 * `temperature`/`top_p` message is Claude 4.5's own (aws-samples/sample-connector-for-bedrock#87).
 */
import { inspectImage } from '../images/inspect.ts';
import { validation } from '../errors.ts';
import { titanStopSequenceViolation } from '../models/titanText.ts';
import type { ChatModelSpec } from './chatModels.ts';
import { type ConverseRequest, type Json, isObject } from './converseRequest.ts';

export const MAX_IMAGES = 20;
export const MAX_IMAGE_BYTES = 3.75 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 8000;
export const MAX_DOCUMENTS = 5;
export const MAX_DOCUMENT_BYTES = 4.5 * 1024 * 1024;
/** Claude's minimum `budget_tokens`. */
export const MIN_THINKING_BUDGET = 1024;

/**
 * Allowed document names: the recorded rejections (vercel/ai fixture
 * `amazon-bedrock-invalid-document-filenames.json`, 2026-09-04) refuse apostrophes, `#`, `&`,
 * commas, non-ASCII letters, tabs and two spaces in a row; real calls named a document
 * `company_policy` (langchain-aws test cassettes, 2025-09), so `_` is allowed although the
 * message does not list it.
 */
const DOCUMENT_NAME = /^[A-Za-z0-9_\-()[\]]+( [A-Za-z0-9_\-()[\]]+)*$/;
export const DOCUMENT_NAME_MESSAGE =
	"The document file name can only contain alphanumeric characters, whitespace characters, hyphens, parentheses, and square brackets. The name can't contain more than one consecutive whitespace character. Check that the file name conforms to these restrictions and retry your request.";
export const PROMPT_CACHING_UNSUPPORTED =
	'You invoked an unsupported model or your request did not allow prompt caching. See the documentation for more information.';

export interface ContentStats {
	images: Array<{ width: number; height: number }>;
	documentBytes: number[];
}

export interface ThinkingConfig {
	budgetTokens: number;
	/** Nova 2 returns its reasoning without a signature. */
	signed: boolean;
}

export function modelError(detail: string) {
	return validation(`The model returned the following errors: ${detail}`);
}

export function checkRequestForModel(
	request: ConverseRequest,
	spec: ChatModelSpec,
	inputModalities: string[],
): { stats: ContentStats; thinking?: ThinkingConfig } {
	if (request.system.some((block) => block.text !== undefined) && !spec.systemPrompts) {
		throw validation(
			"This model doesn't support system messages. Remove the system field and try again.",
		);
	}
	if (request.tools.length > 0 && !spec.tools)
		throw validation("This model doesn't support tool use.");
	if (request.maxTokens !== undefined && request.maxTokens > spec.maxOutputTokens) {
		throw validation(
			`The maximum tokens you requested exceeds the model limit of ${spec.maxOutputTokens}. Try again with a maximum tokens value that is lower than ${spec.maxOutputTokens}.`,
		);
	}
	if (
		spec.exclusiveTemperatureTopP &&
		request.temperature !== undefined &&
		request.topP !== undefined
	) {
		throw modelError(
			'`temperature` and `top_p` cannot both be specified for this model. Please use only one.',
		);
	}
	if (spec.titanStopSequences) {
		const violation = titanStopSequenceViolation(request.stopSequences);
		if (violation) {
			throw modelError(
				`Malformed input request: ${violation}, please reformat your input and try again.`,
			);
		}
	}
	checkCachePoints(request, spec);
	const stats = inspectContent(request, spec, inputModalities);
	const thinking =
		spec.reasoning === 'nova' ? checkNovaReasoning(request) : checkThinking(request, spec);
	return { stats, thinking };
}

function checkCachePoints(request: ConverseRequest, spec: ChatModelSpec): void {
	const cachePoints = [
		...request.system,
		...request.tools,
		...request.messages.flatMap((message) => message.content),
	]
		.map((block) => block.cachePoint)
		.filter(isObject);
	for (const cachePoint of cachePoints) {
		const ttl = (cachePoint.ttl as string | undefined) ?? '5m';
		if (!spec.promptCaching || !spec.promptCaching.ttls.includes(ttl))
			throw validation(PROMPT_CACHING_UNSUPPORTED);
	}
}

function inspectContent(
	request: ConverseRequest,
	spec: ChatModelSpec,
	inputModalities: string[],
): ContentStats {
	const stats: ContentStats = { images: [], documentBytes: [] };
	request.messages.forEach((message, index) =>
		message.content.forEach((block, blockIndex) => {
			const at = `messages.${index}.content.${blockIndex}`;
			if (isObject(block.image)) {
				if (!spec.images) throw unsupportedBlock(`${at}.image`);
				stats.images.push(inspectImageBlock(block.image, at));
				if (stats.images.length > MAX_IMAGES) {
					throw modelError(
						`messages: too many images in the request: ${stats.images.length} > ${MAX_IMAGES}`,
					);
				}
			}
			if (isObject(block.document)) {
				if (!spec.documents) throw unsupportedBlock(`${at}.document`);
				stats.documentBytes.push(inspectDocumentBlock(block.document, at));
				if (stats.documentBytes.length > MAX_DOCUMENTS) {
					throw validation(
						`The request contains ${stats.documentBytes.length} documents. You can include up to ${MAX_DOCUMENTS} documents in a request.`,
					);
				}
			}
			if (isObject(block.video) && !inputModalities.includes('VIDEO'))
				throw unsupportedBlock(`${at}.video`);
		}),
	);
	return stats;
}

function unsupportedBlock(path: string) {
	return validation(`This model doesn't support the ${path} field. Remove ${path} and try again.`);
}

function inspectImageBlock(image: Json, at: string): { width: number; height: number } {
	const source = image.source as Json;
	if (source.s3Location !== undefined) return { width: 1024, height: 1024 };
	const bytes = decodeBase64(source.bytes as string);
	if (!bytes) throw validation(`Invalid base64 in ${at}.image.source.bytes.`);
	const info = inspectImage(bytes);
	const dimensions =
		info.format === 'gif' ? gifDimensions(bytes) : { width: info.width, height: info.height };
	if (info.format === 'unknown' || dimensions.width === 0) {
		throw modelError(`${at}.image.source: Could not process image`);
	}
	if (info.format !== image.format) {
		throw modelError(
			`${at}.image.source: Image does not match the provided format ${image.format as string}`,
		);
	}
	if (bytes.length > MAX_IMAGE_BYTES) {
		throw modelError(
			`${at}.image.source.bytes: image exceeds 3.75 MB maximum: ${bytes.length} bytes > ${MAX_IMAGE_BYTES} bytes`,
		);
	}
	if (Math.max(dimensions.width, dimensions.height) > MAX_IMAGE_SIDE) {
		throw modelError(
			`${at}.image.source.bytes: image dimensions exceed max allowed size: ${MAX_IMAGE_SIDE} pixels`,
		);
	}
	return dimensions;
}

/**
 * Strict base64 (the SDK always pads). A single character-class loop: a grouped pattern
 * such as `(?:[A-Za-z0-9+/]{4})*` overflows V8's regexp stack on inputs of a few megabytes.
 */
function decodeBase64(text: string): Buffer | undefined {
	if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text))
		return undefined;
	return Buffer.from(text, 'base64');
}

/** GIF logical screen size: little-endian u16 width and height after the 6-byte signature. */
function gifDimensions(bytes: Buffer): { width: number; height: number } {
	return bytes.length >= 10
		? { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) }
		: { width: 0, height: 0 };
}

function inspectDocumentBlock(document: Json, at: string): number {
	if (!DOCUMENT_NAME.test(document.name as string)) throw validation(DOCUMENT_NAME_MESSAGE);
	const source = document.source as Json;
	if (typeof source.text === 'string') return Buffer.byteLength(source.text);
	if (source.bytes === undefined) return 0;
	const bytes = decodeBase64(source.bytes as string);
	if (!bytes) throw validation(`Invalid base64 in ${at}.document.source.bytes.`);
	if (bytes.length > MAX_DOCUMENT_BYTES) {
		throw validation(
			`The document at ${at} is ${bytes.length} bytes. Each document can be no more than 4.5 MB in size.`,
		);
	}
	if (!matchesDocumentFormat(bytes, document.format as string)) {
		throw validation(
			`The document at ${at} isn't a valid ${document.format as string} file. Check the format and try again.`,
		);
	}
	return bytes.length;
}

/** Signatures of the binary formats; the text formats must be NUL-free UTF-8. */
function matchesDocumentFormat(bytes: Buffer, format: string): boolean {
	switch (format) {
		case 'pdf':
			return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
		case 'docx':
		case 'xlsx':
			return bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304;
		case 'doc':
		case 'xls':
			return bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0;
		default:
			return !bytes.includes(0) && Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
	}
}

/** Claude's extended thinking (`additionalModelRequestFields.thinking`), validated as Anthropic does. */
function checkThinking(request: ConverseRequest, spec: ChatModelSpec): ThinkingConfig | undefined {
	const thinking = request.additionalFields.thinking;
	if (thinking === undefined) return undefined;
	if (spec.reasoning !== 'anthropic') throw modelError('thinking: Extra inputs are not permitted');
	if (!isObject(thinking)) throw modelError('thinking: Input should be a valid dictionary');
	if (thinking.type === 'disabled') return undefined;
	const maxTokens = request.maxTokens ?? spec.maxOutputTokens;
	// "type": "adaptive" lets the model pick its budget (real call with Claude Sonnet 5:
	// langchain-aws cassette `test_thinking[v0]`, 2026-07-08).
	const types = spec.adaptiveThinking
		? ['adaptive', 'disabled', 'enabled']
		: ['disabled', 'enabled'];
	if (thinking.type === 'adaptive' && spec.adaptiveThinking) {
		checkThinkingWithTools(request);
		return { budgetTokens: Math.max(1, Math.floor(maxTokens / 4)), signed: true };
	}
	if (thinking.type !== 'enabled') {
		throw modelError(
			"thinking.type: Input tag '" +
				String(thinking.type) +
				"' found using 'type' does not match any of the expected tags: " +
				types.map((type) => `'${type}'`).join(', '),
		);
	}
	const budget = thinking.budget_tokens;
	if (typeof budget !== 'number' || !Number.isInteger(budget))
		throw modelError('thinking.enabled.budget_tokens: Field required');
	if (budget < MIN_THINKING_BUDGET) {
		throw modelError(
			`thinking.enabled.budget_tokens: Input should be greater than or equal to ${MIN_THINKING_BUDGET}`,
		);
	}
	if (budget >= maxTokens) {
		throw modelError(
			'`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
		);
	}
	if (request.temperature !== undefined && request.temperature !== 1) {
		throw modelError(
			'`temperature` may only be set to 1 when thinking is enabled. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#important-considerations-when-using-extended-thinking',
		);
	}
	checkThinkingWithTools(request);
	return { budgetTokens: budget, signed: true };
}

/** "Thinking may not be enabled when tool_choice forces tool use." (vercel/ai fixture of Claude Opus 4.5, 2026-07-22). */
function checkThinkingWithTools(request: ConverseRequest): void {
	if (request.toolChoice && (isObject(request.toolChoice.any) || isObject(request.toolChoice.tool)))
		throw modelError('Thinking may not be enabled when tool_choice forces tool use.');
}

const NOVA_EFFORTS = ['low', 'medium', 'high'];

/**
 * Nova 2's reasoning (`additionalModelRequestFields.reasoningConfig`: type enabled/disabled,
 * maxReasoningEffort low/medium/high; AWS launch blog quoted in stdapi-ai/stdapi.ai#7). With
 * effort "high", `maxTokens` must be unset: recorded rejection and its two controls (medium
 * with maxTokens, high without) in vercel/ai's fixture `amazon-bedrock-nova-2-high-reasoning-validation-error.json`.
 */
function checkNovaReasoning(request: ConverseRequest): ThinkingConfig | undefined {
	if (request.additionalFields.thinking !== undefined)
		throw modelError('thinking: Extra inputs are not permitted');
	const config = request.additionalFields.reasoningConfig;
	if (config === undefined) return undefined;
	if (!isObject(config) || !['enabled', 'disabled'].includes(config.type as string))
		throw modelError("reasoningConfig.type must be 'enabled' or 'disabled'.");
	if (config.type === 'disabled') return undefined;
	const effort = (config.maxReasoningEffort as string | undefined) ?? 'low';
	if (!NOVA_EFFORTS.includes(effort))
		throw modelError(
			`reasoningConfig.maxReasoningEffort must be one of ${NOVA_EFFORTS.join(', ')}.`,
		);
	if (effort === 'high' && request.maxTokens !== undefined) {
		throw modelError(
			"`maxTokens` must be unset when reasoningConfig type is 'enabled' and maxReasoningEffort is 'high'. Please consult our documentation at https://docs.aws.amazon.com/nova/latest/userguide",
		);
	}
	return {
		budgetTokens: { low: 1024, medium: 4096, high: 16384 }[effort] as number,
		signed: false,
	};
}
