/**
 * The node's inputs read and checked before anything is sent: ranges, JSON fields, guardrail,
 * prompt caching and reasoning settings. Every failure names the field as the editor shows it,
 * the value and what is allowed; the item runner reports it with the item's index.
 */
import type { IDataObject } from 'n8n-workflow';

import { GUARDRAIL_ID, GUARDRAIL_VERSION } from '../shared/aws/guardrails';

export class InvalidParameterError extends Error {
	/** The field's display name. */
	readonly field: string;

	constructor(field: string, message: string) {
		super(message);
		this.name = 'InvalidParameterError';
		this.field = field;
	}
}

export const FIELD = {
	maxTokens: 'Maximum Tokens',
	temperature: 'Temperature',
	topP: 'Top P',
	stopSequences: 'Stop Sequences',
	additionalFields: 'Additional Model Request Fields',
	responseFieldPaths: 'Response Field Paths',
	guardrail: 'Guardrail',
	reasoningBudget: 'Reasoning Budget (Tokens)',
	reasoningEffort: 'Reasoning Effort',
	promptCaching: 'Prompt Caching',
	cacheTtl: 'Cache TTL',
	systemPrompt: 'System Prompt',
	prompt: 'Prompt',
	body: 'Body (JSON)',
} as const;

function show(value: unknown): string {
	if (typeof value === 'string') return `"${value}"`;
	const json = JSON.stringify(value);
	return json === undefined ? String(value) : json;
}

/** A number within [min, max] (an integer when asked), or undefined when the option is unset. */
export function numberInRange(
	field: string,
	value: unknown,
	range: { min: number; max?: number; integer?: boolean },
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const number = typeof value === 'string' ? Number(value) : value;
	const allowed =
		range.max === undefined
			? `${range.integer ? 'a whole number' : 'a number'} of at least ${range.min}`
			: `${range.integer ? 'a whole number' : 'a number'} from ${range.min} to ${range.max}`;
	if (
		typeof number !== 'number' ||
		!Number.isFinite(number) ||
		(range.integer && !Number.isInteger(number)) ||
		number < range.min ||
		(range.max !== undefined && number > range.max)
	) {
		throw new InvalidParameterError(field, `${field} must be ${allowed}, got ${show(value)}`);
	}
	return number;
}

export interface SamplingParameters {
	maxTokens?: number;
	temperature?: number;
	topP?: number;
	stopSequences?: string[];
}

/** Stop sequences from the multi-value field (an array) or an expression (a string or array). */
export function stopSequencesOf(value: unknown): string[] | undefined {
	if (value === undefined || value === null) return undefined;
	const list = Array.isArray(value) ? value : [value];
	if (list.length === 0) return undefined;
	list.forEach((sequence, index) => {
		if (typeof sequence !== 'string' || sequence.length === 0) {
			throw new InvalidParameterError(
				FIELD.stopSequences,
				`${FIELD.stopSequences} must be non-empty text; entry ${index + 1} is ${show(sequence)}`,
			);
		}
	});
	return list as string[];
}

/** Maximum tokens, temperature, top P and stop sequences from the Options collection. */
export function samplingParameters(options: IDataObject): SamplingParameters {
	const parameters: SamplingParameters = {
		maxTokens: numberInRange(FIELD.maxTokens, options.maxTokens, { min: 1, integer: true }),
		temperature: numberInRange(FIELD.temperature, options.temperature, { min: 0, max: 1 }),
		topP: numberInRange(FIELD.topP, options.topP, { min: 0, max: 1 }),
		stopSequences: stopSequencesOf(options.stopSequences),
	};
	return Object.fromEntries(
		Object.entries(parameters).filter(([, value]) => value !== undefined),
	) as SamplingParameters;
}

/** Checks the maximum tokens against the model's documented limit, when the node knows it. */
export function checkMaxTokens(maxTokens: number | undefined, modelId: string, limit?: number) {
	if (maxTokens !== undefined && limit !== undefined && maxTokens > limit) {
		throw new InvalidParameterError(
			FIELD.maxTokens,
			`${FIELD.maxTokens} must be a whole number from 1 to ${limit} for ${modelId}, got ${maxTokens}`,
		);
	}
}

/** JSON.parse without throwing: the value, or the parser's complaint. */
export function parseJson(text: string): { value: unknown } | { error: string } {
	try {
		return { value: JSON.parse(text) as unknown };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

/** A JSON object from a JSON field: its text, or the object an expression produced. */
export function jsonObject(field: string, value: unknown): IDataObject | undefined {
	if (value === undefined || value === null) return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		const result = parseJson(value);
		if ('error' in result) {
			throw new InvalidParameterError(field, `${field} is not valid JSON: ${result.error}`);
		}
		parsed = result.value;
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new InvalidParameterError(
			field,
			`${field} must be a JSON object such as {"top_k": 50}, got ${show(parsed)}`,
		);
	}
	return parsed as IDataObject;
}

const MAX_RESPONSE_FIELD_PATHS = 10;

/** JSON Pointers (`/stop_sequence`) from a comma-separated list; at most 10 (Converse's limit). */
export function responseFieldPaths(value: unknown): string[] | undefined {
	const list = (Array.isArray(value) ? value.map(String) : String(value ?? '').split(','))
		.map((path) => path.trim())
		.filter(Boolean);
	if (list.length === 0) return undefined;
	const invalid = list.find((path) => !path.startsWith('/') || path.length > 256);
	if (invalid !== undefined) {
		throw new InvalidParameterError(
			FIELD.responseFieldPaths,
			`${FIELD.responseFieldPaths} must be JSON Pointers of up to 256 characters starting with "/", such as /stop_sequence; got ${show(invalid)}`,
		);
	}
	if (list.length > MAX_RESPONSE_FIELD_PATHS) {
		throw new InvalidParameterError(
			FIELD.responseFieldPaths,
			`${FIELD.responseFieldPaths} takes at most ${MAX_RESPONSE_FIELD_PATHS} paths, got ${list.length}`,
		);
	}
	return list;
}

export type GuardrailTrace = 'disabled' | 'enabled' | 'enabled_full';

export interface GuardrailSettings {
	identifier: string;
	version: string;
	trace: GuardrailTrace;
}

/** The Guardrail option (`{ settings: { identifier, version, trace } }`), checked. */
export function guardrailSettings(value: unknown): GuardrailSettings | undefined {
	const settings = (value as { settings?: IDataObject } | undefined)?.settings;
	if (!settings) return undefined;
	const identifier = String(settings.identifier ?? '').trim();
	const version = String(settings.version ?? 'DRAFT').trim() || 'DRAFT';
	const trace = String(settings.trace ?? 'disabled') as GuardrailTrace;
	if (!GUARDRAIL_ID.test(identifier)) {
		throw new InvalidParameterError(
			FIELD.guardrail,
			`${FIELD.guardrail} Identifier must be a guardrail ID (lower-case letters and digits, such as gr1abc2def3g) or a guardrail ARN, got ${show(identifier)}`,
		);
	}
	if (!GUARDRAIL_VERSION.test(version)) {
		throw new InvalidParameterError(
			FIELD.guardrail,
			`${FIELD.guardrail} Version must be DRAFT or a version number (1, 2, …), got ${show(version)}`,
		);
	}
	if (!['disabled', 'enabled', 'enabled_full'].includes(trace)) {
		throw new InvalidParameterError(
			FIELD.guardrail,
			`${FIELD.guardrail} Trace must be disabled, enabled or enabled_full, got ${show(trace)}`,
		);
	}
	return { identifier, version, trace };
}

export type ReasoningEffort = 'low' | 'medium' | 'high';

export interface ReasoningRequest {
	budgetTokens?: number;
	effort?: ReasoningEffort;
}

/** Claude's smallest thinking budget (Bedrock "Extended thinking"). */
export const MIN_REASONING_BUDGET = 1024;

/** Reasoning is on when a budget or an effort is set. */
export function reasoningRequest(options: IDataObject): ReasoningRequest | undefined {
	const budgetTokens = numberInRange(FIELD.reasoningBudget, options.reasoningBudgetTokens, {
		min: MIN_REASONING_BUDGET,
		integer: true,
	});
	const effort = options.reasoningEffort as string | undefined;
	if (effort !== undefined && effort !== '' && !['low', 'medium', 'high'].includes(effort)) {
		throw new InvalidParameterError(
			FIELD.reasoningEffort,
			`${FIELD.reasoningEffort} must be low, medium or high, got ${show(effort)}`,
		);
	}
	if (budgetTokens === undefined && !effort) return undefined;
	return {
		...(budgetTokens !== undefined ? { budgetTokens } : {}),
		...(effort ? { effort: effort as ReasoningEffort } : {}),
	};
}
