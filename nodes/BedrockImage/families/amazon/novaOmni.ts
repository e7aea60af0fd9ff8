/**
 * Amazon Nova 2 Omni (preview since 2025-12-02): images in Converse answers. Text to image,
 * and an input image edited as a written instruction says.
 *
 * Sources: the Converse API (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html:
 * an image comes back as a content block `{image: {format, source: {bytes}}}`, text blocks may
 * come beside it or instead of it), Nova 2's input limits
 * (https://docs.aws.amazon.com/nova/latest/nova2-userguide/using-multimodal-models.html: PNG,
 * JPEG, GIF, WebP; embedded images up to 25 MB in all, at most 5 per request) and the preview
 * announcement (https://aws.amazon.com/about-aws/whats-new/2025/12/amazon-nova-2-omni-preview/).
 * AWS's image-generation page for Omni documents no size parameter; public code that calls the
 * model asks for the size in the prompt, and the model may answer with another size (a user
 * asking for 3:1 got 2880x1440). So the size here is a sentence in the prompt, and the output
 * reports the size read from the image. One image per call, no seed, no count parameter:
 * Number of Images is that many calls, run in parallel within the node's concurrency.
 */
import type { ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import type { INodeProperties } from 'n8n-workflow';

import { textCharacters } from '../../../shared/cost';
import { numberField, optionsField, stringField, type ItemParams } from '../../../shared/fields';
import { inputImageField, type ImageRules } from '../../binary';
import { MAX_LOOPED_IMAGES } from '../common';
import type {
	FamilyTask,
	ImageBilling,
	ImageFamily,
	ParsedResponse,
	SizeHint,
	TaskInput,
	TaskPlan,
	TokenUsage,
} from '../types';

const DISPLAY_NAME = 'Amazon Nova 2 Omni';
export const OMNI_PROFILE_ID = 'us.amazon.nova-2-omni-v1:0';

export const OMNI_NOTICE = `Nova 2 Omni is a preview model (since 2025-12-02): the AWS account needs preview access. It is called through the US cross-region inference profile ${OMNI_PROFILE_ID} (from us-east-1, us-east-2 and us-west-2; List Models shows the profile's regions). The size is a request in the prompt: the output reports the size of the image actually made.`;

/** The aspect ratios public Omni clients offer (none is documented by AWS as a parameter). */
export const OMNI_ASPECT_RATIOS = [
	'2:1',
	'16:9',
	'3:2',
	'4:3',
	'1:1',
	'3:4',
	'2:3',
	'9:16',
	'1:2',
] as const;

const NOT_SPECIFIED = 'none';
const CUSTOM = 'custom';

/** Nova 2 image input (page above); sides up to 8,000 px as for Nova image understanding. */
export const OMNI_INPUT_RULES: ImageRules = {
	formats: ['png', 'jpeg', 'webp'],
	maxSide: 8000,
	maxBytes: 25 * 1024 * 1024,
};

/**
 * Omni is billed by token (its rows in the price table, nodes/shared/cost/prices.ts: text token
 * prices only; AWS publishes no image price). Before a call its cost is bounded by the request's
 * text and its output limit. AWS publishes neither an output limit for the preview nor how many
 * tokens an image takes, so without `inferenceConfig.maxTokens` (Options > Additional Request
 * Fields) the bound assumes this many output tokens per call, and says so.
 */
export const OMNI_ASSUMED_OUTPUT_TOKENS = 10_000;

/** What one call is billed on: one image, priced by its tokens (`ImageBilling.tokens`). */
function omniBilling(body: Record<string, unknown>): ImageBilling {
	const messages = Array.isArray(body.messages) ? body.messages : [];
	const attachments = messages
		.flatMap((message: { content?: unknown }) =>
			Array.isArray(message?.content) ? (message.content as Array<Record<string, unknown>>) : [],
		)
		.filter((block) => block?.image !== undefined).length;
	const config = body.inferenceConfig as { maxTokens?: unknown } | undefined;
	const maxTokens = config?.maxTokens;
	return {
		images: 1,
		facts: {},
		tokens: {
			characters: textCharacters([body.system, body.messages]),
			attachments,
			maxOutput:
				typeof maxTokens === 'number' && maxTokens > 0
					? { tokens: maxTokens, from: 'inferenceConfig.maxTokens' }
					: {
							tokens: OMNI_ASSUMED_OUTPUT_TOKENS,
							from: 'assumed: AWS publishes no output limit or image token count for the preview; set inferenceConfig.maxTokens in Additional Request Fields for a firm bound',
						},
		},
	};
}

const prompt = stringField({
	name: 'prompt',
	displayName: 'Prompt',
	description:
		'What the image shows. The node sends it after a sentence that asks for an image of the chosen size ("Generate a 16:9 landscape image: …")',
	required: true,
	rows: 4,
	placeholder: 'e.g. A watercolor lighthouse at dawn',
});

const instruction = stringField({
	name: 'prompt',
	displayName: 'Instruction',
	description: 'What to change in the input image, sent as written; the image keeps its size',
	required: true,
	rows: 4,
	placeholder: 'e.g. Replace the sky with a starry night; keep everything else unchanged',
});

const aspectRatio = optionsField({
	name: 'sizeHint',
	displayName: 'Requested Size',
	description:
		'The size the prompt asks for. Nova 2 Omni has no size parameter and may make another size; the output reports the real one',
	default: '1:1',
	options: [
		{ name: 'Not Specified', value: NOT_SPECIFIED, description: 'The model chooses' },
		...OMNI_ASPECT_RATIOS.map((value) => ({ name: value, value })),
		{
			name: 'Pixel Size',
			value: CUSTOM,
			description: 'Width and height in pixels, asked for in words',
		},
	],
});

const side = (name: 'hintWidth' | 'hintHeight', displayName: string) =>
	numberField({
		name,
		displayName,
		description: 'In pixels; asked for in the prompt, not guaranteed',
		default: 1024,
		min: 64,
		max: 8000,
		integer: true,
	});
const hintWidth = side('hintWidth', 'Width');
const hintHeight = side('hintHeight', 'Height');

const systemPrompt = stringField({
	name: 'systemPrompt',
	displayName: 'System Prompt',
	description: 'Standing instructions sent as the Converse system prompt (optional)',
	rows: 2,
});

const imageCount = numberField({
	name: 'numberOfImages',
	displayName: 'Number of Images',
	description:
		"How many images to make. Nova 2 Omni makes one image per call, so each image is a separate (billed) call; the calls run in parallel within the node's Concurrency option",
	default: 1,
	min: 1,
	max: MAX_LOOPED_IMAGES,
	integer: true,
});

const inputImage = inputImageField(
	'The image to edit: PNG, JPEG or WebP, at most 25 MB and 8,000 px per side',
);

const notice: INodeProperties = {
	displayName: OMNI_NOTICE,
	name: 'omniNotice',
	type: 'notice',
	default: '',
};

const customSize = { show: { sizeHint: [CUSTOM] } };

function orientation(ratio: number): string {
	if (ratio > 1) return 'landscape';
	return ratio < 1 ? 'portrait' : 'square';
}

/** The sentence that asks for an image, and the size hint it carries. */
function imageRequest(params: ItemParams): { sentence: string; sizeHint?: SizeHint } {
	const choice = aspectRatio.read(params) ?? '1:1';
	if (choice === NOT_SPECIFIED) return { sentence: 'Generate an image' };
	if (choice === CUSTOM) {
		const width = hintWidth.read(params) ?? 1024;
		const height = hintHeight.read(params) ?? 1024;
		const label = `${width}x${height}`;
		return {
			sentence: `Generate an image of ${width}x${height} pixels`,
			sizeHint: { label, ratio: width / height },
		};
	}
	const [w, h] = choice.split(':').map(Number);
	return {
		sentence: `Generate a ${choice} ${orientation(w / h)} image`,
		sizeHint: { label: choice, ratio: w / h },
	};
}

function systemBlocks(params: ItemParams): Record<string, unknown> {
	const text = systemPrompt.read(params)?.trim();
	return text ? { system: [{ text }] } : {};
}

/** `count` calls with the same request: Omni draws a new image each time. */
function repeated(
	params: ItemParams,
	body: Record<string, unknown>,
): Array<Record<string, unknown>> {
	const count = imageCount.read(params) ?? 1;
	return Array.from({ length: count }, () => body);
}

const generate: FamilyTask = {
	properties: [
		notice,
		prompt.property,
		aspectRatio.property,
		{ ...hintWidth.property, displayOptions: customSize },
		{ ...hintHeight.property, displayOptions: customSize },
		imageCount.property,
		systemPrompt.property,
	],
	async plan({ params }: TaskInput): Promise<TaskPlan> {
		const description = (prompt.read(params) as string).trim();
		const { sentence, sizeHint } = imageRequest(params);
		const text = `${sentence}: ${description}`;
		const body = {
			messages: [{ role: 'user', content: [{ text }] }],
			...systemBlocks(params),
		};
		return { prompt: text, bodies: repeated(params, body), ...(sizeHint ? { sizeHint } : {}) };
	},
};

const instructEdit: FamilyTask = {
	properties: [
		notice,
		inputImage.property,
		instruction.property,
		imageCount.property,
		systemPrompt.property,
	],
	async plan({ params }: TaskInput): Promise<TaskPlan> {
		const image = await inputImage.load(params, OMNI_INPUT_RULES);
		const text = (instruction.read(params) as string).trim();
		// The image first, then the instruction, as public Omni clients send an edit.
		const body = {
			messages: [
				{
					role: 'user',
					content: [
						{ image: { format: image.format, source: { bytes: new Uint8Array(image.data) } } },
						{ text },
					],
				},
			],
			...systemBlocks(params),
		};
		return { prompt: text, bodies: repeated(params, body) };
	},
};

const HEADLINE_TEXT_LENGTH = 300;

function shortened(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > HEADLINE_TEXT_LENGTH ? `${flat.slice(0, HEADLINE_TEXT_LENGTH)}…` : flat;
}

function usageOf(answer: ConverseCommandOutput): TokenUsage | undefined {
	const usage = answer.usage;
	if (!usage) return undefined;
	return {
		inputTokens: usage.inputTokens ?? 0,
		outputTokens: usage.outputTokens ?? 0,
		totalTokens: usage.totalTokens ?? 0,
	};
}

/** Converse's answer: each image block an image, the text blocks joined beside them. */
export function parseOmniAnswer(body: unknown): ParsedResponse {
	const answer = body as ConverseCommandOutput;
	const content = answer.output?.message?.content;
	if (!Array.isArray(content)) {
		throw new Error('Bedrock answered without output.message.content');
	}
	const stopReason = String(answer.stopReason ?? 'end_turn');
	const images = content.flatMap((block) => {
		const bytes = block.image?.source?.bytes;
		return bytes ? [{ data: Buffer.from(bytes), finishReason: stopReason }] : [];
	});
	const text = content
		.map((block) => block.text ?? '')
		.filter((part) => part.trim() !== '')
		.join('\n');
	const usage = usageOf(answer);
	const parsed: ParsedResponse = {
		images,
		...(text ? { text } : {}),
		...(usage ? { usage } : {}),
	};
	if (stopReason === 'content_filtered') {
		return {
			...parsed,
			filtered: `${DISPLAY_NAME} content filter${text ? ` ("${shortened(text)}")` : ''}`,
		};
	}
	if (stopReason === 'guardrail_intervened') {
		return { ...parsed, filtered: `The guardrail${text ? ` ("${shortened(text)}")` : ''}` };
	}
	if (images.length > 0) return parsed;
	if (stopReason === 'max_tokens') {
		return {
			...parsed,
			failure: `${DISPLAY_NAME} reached its output token limit before the image was done`,
			hint: 'Image tokens count as output: raise the limit with Options > Additional Request Fields, e.g. {"inferenceConfig": {"maxTokens": 10000}}.',
		};
	}
	return {
		...parsed,
		failure: `${DISPLAY_NAME} answered with text instead of an image: ${shortened(text) || '(empty answer)'}`,
		hint: `Ask for a picture, not a question: a prompt that is a question, or that does not ask for an image, is answered in text.${text ? ` The model's answer: ${text}` : ''}`,
	};
}

export const novaOmni: ImageFamily = {
	id: 'novaOmni',
	displayName: DISPLAY_NAME,
	modelIdMarkers: ['nova-2-omni'],
	exampleModelId: OMNI_PROFILE_ID,
	api: 'converse',
	notice: OMNI_NOTICE,
	tasks: { generate, instructEdit },
	parseResponse: parseOmniAnswer,
	billing: omniBilling,
	// A prompt the content filter refuses is a ValidationException with the text Amazon's image
	// models use; a filtered output ends the answer with stopReason `content_filtered`.
	contentFilterRefusal: /blocked by our content filters/i,
	// Users of the preview report "Access denied to model" until AWS enabled it for the account.
	accessHint:
		'Nova 2 Omni is a preview model: the AWS account needs preview access (ask your AWS account team or AWS Support), and calls go through the us.amazon.nova-2-omni-v1:0 profile.',
};
