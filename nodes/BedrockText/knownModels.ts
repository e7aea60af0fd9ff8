/**
 * What the node knows about text models without asking Bedrock: the largest output a model
 * accepts and how it is asked to reason. Keyed by foundation model ID prefix, so that dated
 * versions and profile IDs of a family match.
 *
 * Only limits the AWS and Anthropic documentation state plainly are listed: a wrong entry
 * would block valid calls, a missing one only leaves the check to Bedrock.
 * - Titan Text: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-text.html
 *   (Lite 4,096, Express 8,192, Premier 3,072).
 * - Nova Micro/Lite/Pro: 10,000 (LiteLLM's model table, Bedrock entries, 2026-08-01:
 *   https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json).
 * - Claude: Anthropic's models overview,
 *   https://docs.anthropic.com/en/docs/about-claude/models/overview (Claude 3: 4,096;
 *   Claude 3.5 Haiku and Sonnet v2: 8,192; 3.7 Sonnet, Sonnet 4/4.5, Haiku 4.5, Opus 4.5:
 *   64,000; Opus 4/4.1: 32,000).
 * - DeepSeek-R1: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-deepseek.html
 *   (max_tokens up to 32,768).
 *
 * Reasoning styles:
 * https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html,
 * https://docs.aws.amazon.com/nova/latest/nova2-userguide/extended-thinking.html, and for
 * gpt-oss https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-openai.html
 * (fields other than the inference parameters go in `additionalModelRequestFields`):
 * - `budget`: Claude's `thinking: { type: 'enabled', budget_tokens }`;
 * - `novaEffort`: Nova 2's `reasoningConfig: { type: 'enabled', maxReasoningEffort }`;
 * - `openAiEffort`: gpt-oss's `reasoning_effort`;
 * - `always`: DeepSeek-R1 reasons on every call and cannot be configured.
 */
import { foundationModelIdOf } from '../shared/aws/modelIds';
import { applicationProfileModel } from '../shared/modelFacts';
import type { BedrockConnection } from '../shared/transport/connection';

export type ReasoningStyle = 'budget' | 'novaEffort' | 'openAiEffort' | 'always';

export interface KnownModel {
	maxOutputTokens?: number;
	reasoning?: ReasoningStyle;
}

const KNOWN_MODELS: Array<[prefix: string, facts: KnownModel]> = [
	['amazon.titan-text-lite-v1', { maxOutputTokens: 4096 }],
	['amazon.titan-text-express-v1', { maxOutputTokens: 8192 }],
	['amazon.titan-text-premier-v1', { maxOutputTokens: 3072 }],
	['amazon.nova-micro-v1', { maxOutputTokens: 10000 }],
	['amazon.nova-lite-v1', { maxOutputTokens: 10000 }],
	['amazon.nova-pro-v1', { maxOutputTokens: 10000 }],
	['amazon.nova-2-', { reasoning: 'novaEffort' }],
	['anthropic.claude-3-haiku', { maxOutputTokens: 4096 }],
	['anthropic.claude-3-sonnet', { maxOutputTokens: 4096 }],
	['anthropic.claude-3-opus', { maxOutputTokens: 4096 }],
	['anthropic.claude-3-5-haiku', { maxOutputTokens: 8192 }],
	['anthropic.claude-3-5-sonnet-20241022', { maxOutputTokens: 8192 }],
	['anthropic.claude-3-7-sonnet', { maxOutputTokens: 64000, reasoning: 'budget' }],
	['anthropic.claude-sonnet-4-20250514', { maxOutputTokens: 64000, reasoning: 'budget' }],
	['anthropic.claude-sonnet-4-5', { maxOutputTokens: 64000, reasoning: 'budget' }],
	['anthropic.claude-haiku-4-5', { maxOutputTokens: 64000, reasoning: 'budget' }],
	['anthropic.claude-opus-4-20250514', { maxOutputTokens: 32000, reasoning: 'budget' }],
	['anthropic.claude-opus-4-1', { maxOutputTokens: 32000, reasoning: 'budget' }],
	['anthropic.claude-opus-4-5', { maxOutputTokens: 64000, reasoning: 'budget' }],
	// Later Claude 4.x releases think the same way; their limits are left to Bedrock.
	['anthropic.claude-sonnet-4', { reasoning: 'budget' }],
	['anthropic.claude-opus-4', { reasoning: 'budget' }],
	['openai.gpt-oss-', { reasoning: 'openAiEffort' }],
	['deepseek.r1', { maxOutputTokens: 32768, reasoning: 'always' }],
];

/** The facts for a foundation model ID (first matching prefix), or none. */
export function knownModel(foundationModelId: string | undefined): KnownModel {
	if (!foundationModelId) return {};
	return KNOWN_MODELS.find(([prefix]) => foundationModelId.startsWith(prefix))?.[1] ?? {};
}

/**
 * The foundation model behind the model field's value: from the ID itself, or for an
 * application inference profile ARN as Bedrock Image finds it (best effort: only the limits,
 * reasoning style and price depend on it, so a failed lookup leaves them to Bedrock).
 */
export async function foundationModelBehind(
	connection: BedrockConnection,
	modelId: string,
): Promise<string | undefined> {
	return (
		foundationModelIdOf(modelId) ??
		(await applicationProfileModel(connection, modelId).catch(() => undefined))
	);
}
