/**
 * The emulator's one guardrail, `emulatorguardrail` (versions `DRAFT` and `1`, also by ARN),
 * with a word filter: a user text containing `guardrail-block` is blocked, the model is not
 * invoked, and Converse answers the guardrail's blocked message with stop reason
 * `guardrail_intervened`. With `trace` enabled the answer carries the assessment
 * (`trace.guardrail`, shapes of the bedrock-runtime service model).
 */
import { validation } from '../errors.ts';

export const EMULATOR_GUARDRAIL_ID = 'emulatorguardrail';
export const EMULATOR_GUARDRAIL_VERSIONS = ['DRAFT', '1'];
export const GUARDRAIL_TRIGGER = 'guardrail-block';
/** Bedrock's default "blocked input" message of a new guardrail. */
export const GUARDRAIL_BLOCKED_MESSAGE = 'Sorry, the model cannot answer this question.';

export interface GuardrailRequest {
	identifier: string;
	version: string;
	trace: string;
}

export interface GuardrailOutcome {
	intervened: boolean;
	/** `trace.guardrail` of the answer, when tracing is enabled. */
	trace?: Record<string, unknown>;
}

/** Throws when the guardrail or version does not exist in this account and region. */
export function checkGuardrailExists(
	guardrail: GuardrailRequest,
	region: string,
	accountId: string,
): void {
	const known = [
		EMULATOR_GUARDRAIL_ID,
		`arn:aws:bedrock:${region}:${accountId}:guardrail/${EMULATOR_GUARDRAIL_ID}`,
	];
	if (
		!known.includes(guardrail.identifier) ||
		!EMULATOR_GUARDRAIL_VERSIONS.includes(guardrail.version)
	) {
		throw validation('The guardrail identifier or version provided in the request does not exist.');
	}
}

export function assessInput(guardrail: GuardrailRequest, userTexts: string[]): GuardrailOutcome {
	const guarded = userTexts.join(' ');
	const intervened = guarded.toLowerCase().includes(GUARDRAIL_TRIGGER);
	if (guardrail.trace === 'disabled') return { intervened };
	const inputAssessment = {
		[EMULATOR_GUARDRAIL_ID]: {
			...(intervened
				? {
						wordPolicy: {
							customWords: [{ match: GUARDRAIL_TRIGGER, action: 'BLOCKED', detected: true }],
						},
					}
				: {}),
			invocationMetrics: invocationMetrics(guarded.length),
		},
	};
	return {
		intervened,
		trace: intervened
			? { inputAssessment, actionReason: 'Guardrail blocked.' }
			: { inputAssessment },
	};
}

/** Adds the output side of the trace once the model answered. */
export function withOutputAssessment(
	outcome: GuardrailOutcome,
	guardrail: GuardrailRequest,
	outputText: string,
): Record<string, unknown> | undefined {
	if (!outcome.trace) return undefined;
	return {
		...(guardrail.trace === 'enabled_full' ? { modelOutput: [outputText] } : {}),
		...outcome.trace,
		outputAssessments: {
			[EMULATOR_GUARDRAIL_ID]: [{ invocationMetrics: invocationMetrics(outputText.length) }],
		},
	};
}

function invocationMetrics(characters: number) {
	return {
		guardrailProcessingLatency: 12,
		usage: {
			topicPolicyUnits: 0,
			contentPolicyUnits: 0,
			wordPolicyUnits: Math.max(1, Math.ceil(characters / 1000)),
			sensitiveInformationPolicyUnits: 0,
			sensitiveInformationPolicyFreeUnits: 0,
			contextualGroundingPolicyUnits: 0,
		},
		guardrailCoverage: { textCharacters: { guarded: characters, total: characters } },
	};
}
