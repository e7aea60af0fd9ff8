/**
 * What each chat model accepts through Converse/ConverseStream. Feature support follows the
 * AWS user guide's "Supported models and model features" table for the Converse API
 * (system prompts, document chat, vision, tool use) and the prompt-caching page (minimum
 * tokens per checkpoint, TTLs). Output limits are the models' documented maximum output
 * tokens. Models absent from this table (image, embedding, speech, video models) are rejected
 * by Converse.
 */

export interface PromptCachingSpec {
	/** Checkpoints with fewer prefix tokens are ignored (no error), as the service does. */
	minTokens: number;
	ttls: string[];
}

export interface ChatModelSpec {
	maxOutputTokens: number;
	systemPrompts: boolean;
	images: boolean;
	documents: boolean;
	tools: boolean;
	promptCaching?: PromptCachingSpec;
	/**
	 * `anthropic`: extended thinking through `additionalModelRequestFields.thinking`; `nova`:
	 * Nova 2's `additionalModelRequestFields.reasoningConfig`; `always`: DeepSeek-R1.
	 */
	reasoning?: 'anthropic' | 'nova' | 'always';
	/** Claude 4.5 models reject `temperature` together with `topP`. */
	exclusiveTemperatureTopP?: boolean;
	/** Titan Text checks stop sequences with its own rule (`models/titanText.ts`). */
	titanStopSequences?: boolean;
	/** Claude models that take `thinking: {"type": "adaptive"}` (Claude Sonnet 5, Opus 4.8). */
	adaptiveThinking?: boolean;
}

const TITAN = {
	systemPrompts: false,
	images: false,
	documents: true,
	tools: false,
	titanStopSequences: true,
};
const NOVA = {
	systemPrompts: true,
	documents: true,
	tools: true,
	promptCaching: { minTokens: 1000, ttls: ['5m'] },
};
const CLAUDE_3 = { systemPrompts: true, images: true, documents: true, tools: true };
const CLAUDE_THINKING = { ...CLAUDE_3, maxOutputTokens: 64000, reasoning: 'anthropic' as const };
const LLAMA = { maxOutputTokens: 2048, systemPrompts: true, documents: true };
const MISTRAL_SMALL = {
	maxOutputTokens: 8192,
	systemPrompts: false,
	images: false,
	documents: true,
	tools: false,
};

export const CHAT_MODELS: Record<string, ChatModelSpec> = {
	'amazon.titan-text-express-v1': { ...TITAN, maxOutputTokens: 8192 },
	'amazon.titan-text-lite-v1': { ...TITAN, maxOutputTokens: 4096 },
	'amazon.titan-text-premier-v1:0': { ...TITAN, maxOutputTokens: 3072 },
	'amazon.nova-micro-v1:0': { ...NOVA, maxOutputTokens: 10000, images: false },
	'amazon.nova-lite-v1:0': { ...NOVA, maxOutputTokens: 10000, images: true },
	'amazon.nova-pro-v1:0': { ...NOVA, maxOutputTokens: 10000, images: true },
	'amazon.nova-premier-v1:0': { ...NOVA, maxOutputTokens: 32000, images: true },
	// Nova 2 Omni (preview) also draws images (runtime/imageOutput.ts). Output limit: not
	// published for the preview; Nova's 10,000 is the emulator's choice.
	'amazon.nova-2-omni-v1:0': { ...NOVA, maxOutputTokens: 10000, images: true },
	'anthropic.claude-v2': { ...CLAUDE_3, images: false, tools: false, maxOutputTokens: 4096 },
	'anthropic.claude-v2:1': { ...CLAUDE_3, images: false, tools: false, maxOutputTokens: 4096 },
	'anthropic.claude-instant-v1': {
		...CLAUDE_3,
		images: false,
		tools: false,
		maxOutputTokens: 4096,
	},
	'anthropic.claude-3-haiku-20240307-v1:0': { ...CLAUDE_3, maxOutputTokens: 4096 },
	'anthropic.claude-3-sonnet-20240229-v1:0': { ...CLAUDE_3, maxOutputTokens: 4096 },
	'anthropic.claude-3-opus-20240229-v1:0': { ...CLAUDE_3, maxOutputTokens: 4096 },
	// "The maximum tokens you requested exceeds the model limit of 4096" for 7168 (vercel/ai#2772),
	// the same for Claude 3.5 Haiku (langgenius/dify#10390).
	'anthropic.claude-3-5-sonnet-20240620-v1:0': { ...CLAUDE_3, maxOutputTokens: 4096 },
	'anthropic.claude-3-5-sonnet-20241022-v2:0': { ...CLAUDE_3, maxOutputTokens: 8192 },
	'anthropic.claude-3-5-haiku-20241022-v1:0': {
		...CLAUDE_3,
		images: false,
		maxOutputTokens: 4096,
		promptCaching: { minTokens: 2048, ttls: ['5m'] },
	},
	'anthropic.claude-3-7-sonnet-20250219-v1:0': {
		...CLAUDE_THINKING,
		promptCaching: { minTokens: 1024, ttls: ['5m'] },
	},
	'anthropic.claude-sonnet-4-20250514-v1:0': {
		...CLAUDE_THINKING,
		promptCaching: { minTokens: 1024, ttls: ['5m'] },
	},
	'anthropic.claude-sonnet-4-5-20250929-v1:0': {
		...CLAUDE_THINKING,
		promptCaching: { minTokens: 1024, ttls: ['5m', '1h'] },
		exclusiveTemperatureTopP: true,
	},
	'anthropic.claude-haiku-4-5-20251001-v1:0': {
		...CLAUDE_THINKING,
		promptCaching: { minTokens: 4096, ttls: ['5m', '1h'] },
		exclusiveTemperatureTopP: true,
	},
	// Limits of the 2026 models are not in the sources read: Claude 4.5's are assumed.
	'anthropic.claude-opus-4-1-20250805-v1:0': {
		...CLAUDE_THINKING,
		maxOutputTokens: 32000,
		promptCaching: { minTokens: 1024, ttls: ['5m'] },
	},
	'anthropic.claude-opus-4-8': {
		...CLAUDE_THINKING,
		promptCaching: { minTokens: 1024, ttls: ['5m', '1h'] },
		exclusiveTemperatureTopP: true,
		adaptiveThinking: true,
	},
	'anthropic.claude-sonnet-5': {
		...CLAUDE_THINKING,
		promptCaching: { minTokens: 1024, ttls: ['5m', '1h'] },
		exclusiveTemperatureTopP: true,
		adaptiveThinking: true,
	},
	'amazon.nova-2-lite-v1:0': {
		...NOVA,
		maxOutputTokens: 65535,
		images: true,
		reasoning: 'nova',
	},
	'deepseek.r1-v1:0': {
		maxOutputTokens: 32768,
		systemPrompts: true,
		images: false,
		documents: true,
		tools: false,
		reasoning: 'always',
	},
	'meta.llama3-8b-instruct-v1:0': { ...LLAMA, images: false, tools: false },
	'meta.llama3-70b-instruct-v1:0': { ...LLAMA, images: false, tools: false },
	'meta.llama3-1-8b-instruct-v1:0': { ...LLAMA, images: false, tools: true },
	'meta.llama3-1-70b-instruct-v1:0': { ...LLAMA, images: false, tools: true },
	'meta.llama3-2-1b-instruct-v1:0': { ...LLAMA, images: false, tools: false },
	'meta.llama3-2-3b-instruct-v1:0': { ...LLAMA, images: false, tools: false },
	'meta.llama3-2-11b-instruct-v1:0': { ...LLAMA, images: true, tools: true },
	'meta.llama3-2-90b-instruct-v1:0': { ...LLAMA, images: true, tools: true },
	'meta.llama3-3-70b-instruct-v1:0': { ...LLAMA, images: false, tools: true },
	'meta.llama4-scout-17b-instruct-v1:0': {
		...LLAMA,
		maxOutputTokens: 8192,
		images: true,
		tools: true,
	},
	'meta.llama4-maverick-17b-instruct-v1:0': {
		...LLAMA,
		maxOutputTokens: 8192,
		images: true,
		tools: true,
	},
	'mistral.mistral-7b-instruct-v0:2': MISTRAL_SMALL,
	'mistral.mixtral-8x7b-instruct-v0:1': MISTRAL_SMALL,
	'mistral.mistral-small-2402-v1:0': { ...MISTRAL_SMALL, systemPrompts: true, tools: true },
	'mistral.mistral-large-2402-v1:0': { ...MISTRAL_SMALL, systemPrompts: true, tools: true },
	'mistral.pixtral-large-2502-v1:0': {
		...MISTRAL_SMALL,
		systemPrompts: true,
		tools: true,
		images: true,
	},
	'cohere.command-text-v14': {
		maxOutputTokens: 4000,
		systemPrompts: false,
		images: false,
		documents: true,
		tools: false,
	},
	'cohere.command-light-text-v14': {
		maxOutputTokens: 4000,
		systemPrompts: false,
		images: false,
		documents: true,
		tools: false,
	},
	'cohere.command-r-v1:0': {
		maxOutputTokens: 4000,
		systemPrompts: true,
		images: false,
		documents: true,
		tools: true,
	},
	'cohere.command-r-plus-v1:0': {
		maxOutputTokens: 4000,
		systemPrompts: true,
		images: false,
		documents: true,
		tools: true,
	},
	'ai21.jamba-instruct-v1:0': {
		maxOutputTokens: 4096,
		systemPrompts: true,
		images: false,
		documents: true,
		tools: false,
	},
	'ai21.jamba-1-5-large-v1:0': {
		maxOutputTokens: 4096,
		systemPrompts: true,
		images: false,
		documents: true,
		tools: true,
	},
	'ai21.jamba-1-5-mini-v1:0': {
		maxOutputTokens: 4096,
		systemPrompts: true,
		images: false,
		documents: true,
		tools: true,
	},
};
