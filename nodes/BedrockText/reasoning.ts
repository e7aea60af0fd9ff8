/**
 * Turns the node's reasoning settings into the model's own request fields, and keeps the
 * reasoning out of the answer on the way back.
 *
 * - Claude (3.7 Sonnet, 4.x): `thinking: { type: 'enabled', budget_tokens }`. The budget is at
 *   least 1,024 and below the maximum tokens; temperature may only be 1 and top P at least
 *   0.95 while thinking ("Feature compatibility" in
 *   https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html).
 *   An effort alone becomes a budget (low 1,024, medium 4,096, high 16,384 tokens).
 * - Nova 2: `reasoningConfig: { type: 'enabled', maxReasoningEffort }`.
 * - gpt-oss: `reasoning_effort`.
 * - DeepSeek-R1 always reasons; there is nothing to send.
 */
import type { ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import type { IDataObject } from 'n8n-workflow';

import { failField, mustBe } from '../shared/fields';
import type { ReasoningStyle } from './knownModels';
import {
	additionalModelRequestFields,
	maxTokens,
	reasoningBudget,
	reasoningEffort,
	temperature,
	topP,
	type ReasoningEffort,
	type ReasoningRequest,
	type SamplingParameters,
} from './textFields';

const BUDGET_FOR_EFFORT: Record<ReasoningEffort, number> = { low: 1024, medium: 4096, high: 16384 };
/** Room left for the answer when the maximum tokens are not set and thinking takes a budget. */
const ANSWER_TOKENS = 4096;
const MIN_TOP_P_WHILE_THINKING = 0.95;

export interface ReasoningPlan {
	/** Merged into `additionalModelRequestFields`. */
	fields: IDataObject;
	/** Maximum tokens to send when the node had to choose them. */
	maxTokens?: number;
}

function requestedField(request: ReasoningRequest): string {
	return request.budgetTokens !== undefined
		? reasoningBudget.displayName
		: reasoningEffort.displayName;
}

function budgetPlan(
	request: ReasoningRequest,
	sampling: SamplingParameters,
	modelId: string,
	maxOutputTokens?: number,
): ReasoningPlan {
	const budget = request.budgetTokens ?? BUDGET_FOR_EFFORT[request.effort ?? 'medium'];
	const limit = sampling.maxTokens ?? maxOutputTokens;
	if (limit !== undefined && budget >= limit) {
		failField(
			mustBe(
				reasoningBudget.displayName,
				`below ${sampling.maxTokens !== undefined ? maxTokens.displayName : `the maximum output of ${modelId}`} (${limit})`,
				budget,
			),
			'Thinking and answer share the maximum tokens.',
		);
	}
	if (sampling.temperature !== undefined && sampling.temperature !== 1) {
		failField(
			mustBe(temperature.displayName, `1 or unset while ${modelId} thinks`, sampling.temperature),
		);
	}
	if (sampling.topP !== undefined && sampling.topP < MIN_TOP_P_WHILE_THINKING) {
		failField(
			mustBe(
				topP.displayName,
				`between ${MIN_TOP_P_WHILE_THINKING} and 1 or unset while ${modelId} thinks`,
				sampling.topP,
			),
		);
	}
	return {
		fields: { thinking: { type: 'enabled', budget_tokens: budget } },
		...(sampling.maxTokens === undefined
			? { maxTokens: Math.min(budget + ANSWER_TOKENS, maxOutputTokens ?? Infinity) }
			: {}),
	};
}

function effortOf(request: ReasoningRequest, modelId: string): ReasoningEffort {
	if (!request.effort) {
		return failField(
			`${modelId} reasons at an effort level, not a token budget: set ${reasoningEffort.displayName} (low, medium or high) instead of ${reasoningBudget.displayName}`,
		);
	}
	return request.effort;
}

/**
 * The request fields that switch reasoning on for this model.
 * @throws {FieldError} the model's reasoning style is unknown, or settings conflict
 */
export function reasoningPlan(
	request: ReasoningRequest | undefined,
	style: ReasoningStyle | undefined,
	context: {
		modelId: string;
		sampling: SamplingParameters;
		maxOutputTokens?: number;
		additionalFields?: IDataObject;
	},
): ReasoningPlan {
	if (!request) return { fields: {} };
	const { modelId, sampling } = context;
	let plan: ReasoningPlan;
	switch (style) {
		case 'budget':
			plan = budgetPlan(request, sampling, modelId, context.maxOutputTokens);
			break;
		case 'novaEffort':
			plan = {
				fields: {
					reasoningConfig: { type: 'enabled', maxReasoningEffort: effortOf(request, modelId) },
				},
			};
			break;
		case 'openAiEffort':
			plan = { fields: { reasoning_effort: effortOf(request, modelId) } };
			break;
		case 'always':
			plan = { fields: {} };
			break;
		default:
			return failField(
				`The node does not know how ${modelId} is asked to reason. ${reasoningBudget.displayName} works for Claude 3.7 Sonnet and Claude 4.x, ${reasoningEffort.displayName} for Nova 2 and gpt-oss, and DeepSeek-R1 always reasons. For other models, leave both unset and put the model's own reasoning fields into ${additionalModelRequestFields.displayName}.`,
			);
	}
	const clash = Object.keys(plan.fields).find((key) => key in (context.additionalFields ?? {}));
	if (clash) {
		failField(
			`${additionalModelRequestFields.displayName} already sets "${clash}"; set reasoning either there or with ${requestedField(request)}, not both`,
		);
	}
	return plan;
}

export interface ReasoningOutput {
	/** The reasoning text, blocks separated by blank lines; undefined when there was none. */
	text?: string;
	/** Whether the model returned encrypted (redacted) reasoning. */
	redacted: boolean;
}

/** The reasoning blocks of an answer, kept apart from its text. */
export function reasoningOf(content: ContentBlock[]): ReasoningOutput {
	const texts: string[] = [];
	let redacted = false;
	for (const block of content) {
		const reasoning = block.reasoningContent;
		if (!reasoning) continue;
		if (reasoning.reasoningText?.text) texts.push(reasoning.reasoningText.text);
		if (reasoning.redactedContent) redacted = true;
	}
	return { ...(texts.length > 0 ? { text: texts.join('\n\n') } : {}), redacted };
}
