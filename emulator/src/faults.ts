/**
 * Faults the control API injects into matching requests: errors Bedrock returns under load
 * (ThrottlingException 429, InternalServerException 500, ServiceUnavailableException 503,
 * ModelNotReadyException 429, ModelTimeoutException 408), added latency, a request that is
 * never answered, a dropped connection, an exception frame in the middle of a stream, and a
 * seeded random mix ("chaos") so that runs are reproducible.
 */
import { AwsError } from './errors.ts';

export type ErrorFaultKind =
	| 'throttle'
	| 'internalError'
	| 'serviceUnavailable'
	| 'modelNotReady'
	| 'modelTimeout';
export type FaultKind =
	| ErrorFaultKind
	| 'error'
	| 'latency'
	| 'hang'
	| 'drop'
	| 'streamError'
	| 'chaos';
export type ChaosOutcome = ErrorFaultKind | 'hang' | 'drop';

export interface FaultSpec {
	kind: FaultKind;
	/** Matches when the path (raw or URL-decoded) contains this text. */
	path?: string;
	/** Matches the URL-decoded path against this regular expression. */
	pathRegex?: string;
	/** Operation name, e.g. `Converse`, `InvokeModel`, `ListInferenceProfiles`, `AssumeRole`. */
	operation?: string;
	/** The model ID as requested (profile ID, ARN) or the base model it resolves to. */
	model?: string;
	/** How many matching requests to affect; default 1 (`chaos`: always). */
	count?: number | 'always';
	/** `latency`: milliseconds to add before the normal answer. */
	latencyMs?: number;
	/** Overrides the default error message. */
	message?: string;
	/** `error`: exception name and status of a custom error. */
	errorName?: string;
	status?: number;
	/** `streamError`: events sent before the exception frame (default 1). */
	afterEvents?: number;
	/** `streamError`: `modelStreamErrorException` (default), `internalServerException`, `throttlingException`, `serviceUnavailableException`, `validationException`, `modelTimeoutException`. */
	exceptionType?: string;
	/** `chaos`: probability of each outcome per matching request, e.g. `{ throttle: 0.3, internalError: 0.05 }`. */
	rates?: Partial<Record<ChaosOutcome, number>>;
	/** `chaos`: PRNG seed (default 1). */
	seed?: number;
}

export interface FaultRule extends FaultSpec {
	id: string;
	/** Requests still to affect. */
	remaining: number | 'always';
	/** Requests affected so far. */
	hits: number;
}

export interface RequestTraits {
	rawPath: string;
	decodedPath: string;
	operation: string;
	modelIds: string[];
	streaming: boolean;
}

/** What the server does with a request, after `latencyMs` of added delay. */
export type FaultAction =
	| { kind: 'error'; error: AwsError }
	| { kind: 'hang' }
	| { kind: 'drop' }
	| { kind: 'streamError'; afterEvents: number; exceptionType: string; message: string };

export interface AppliedFaults {
	latencyMs: number;
	action?: FaultAction;
	/** Fault kinds applied, for the request log. */
	labels: string[];
}

const DEFAULT_ERRORS: Record<ErrorFaultKind, { name: string; message: string }> = {
	throttle: {
		name: 'ThrottlingException',
		message: 'Too many requests, please wait before trying again.',
	},
	internalError: {
		name: 'InternalServerException',
		message:
			'The system encountered an unexpected error during processing. Try your request again.',
	},
	serviceUnavailable: {
		name: 'ServiceUnavailableException',
		message: 'Bedrock is unable to process your request.',
	},
	modelNotReady: {
		name: 'ModelNotReadyException',
		message: 'Model is not ready for inference. Wait and try your request again.',
	},
	modelTimeout: {
		name: 'ModelTimeoutException',
		message: 'Model has timed out in processing the request. Try your request again.',
	},
};

export const STREAMING_OPERATIONS = ['ConverseStream', 'InvokeModelWithResponseStream'];
const KINDS: FaultKind[] = [
	...(Object.keys(DEFAULT_ERRORS) as ErrorFaultKind[]),
	'error',
	'latency',
	'hang',
	'drop',
	'streamError',
	'chaos',
];

export class FaultInjector {
	private rules: FaultRule[] = [];
	private readonly generators = new Map<string, () => number>();
	private nextId = 1;

	add(spec: FaultSpec): FaultRule {
		validateSpec(spec);
		const id = `fault-${this.nextId++}`;
		const rule: FaultRule = {
			...spec,
			id,
			remaining: spec.count ?? (spec.kind === 'chaos' ? 'always' : 1),
			hits: 0,
		};
		if (spec.kind === 'chaos') this.generators.set(id, mulberry32(spec.seed ?? 1));
		this.rules.push(rule);
		return { ...rule };
	}

	remove(id: string): boolean {
		const before = this.rules.length;
		this.rules = this.rules.filter((rule) => rule.id !== id);
		this.generators.delete(id);
		return this.rules.length < before;
	}

	clear(): void {
		this.rules = [];
		this.generators.clear();
	}

	list(): FaultRule[] {
		return this.rules.map((rule) => ({ ...rule }));
	}

	/** The faults for one request; consumes the counts of the rules applied. */
	apply(request: RequestTraits): AppliedFaults {
		const applied: AppliedFaults = { latencyMs: 0, labels: [] };
		for (const rule of this.rules) {
			if (rule.remaining !== 'always' && rule.remaining <= 0) continue;
			if (!matches(rule, request)) continue;
			if (rule.kind === 'latency') {
				applied.latencyMs += rule.latencyMs ?? 0;
				this.consume(rule, applied, 'latency');
				continue;
			}
			if (applied.action) continue;
			if (rule.kind === 'streamError' && !request.streaming) continue;
			const action = this.actionFor(rule);
			if (!action) continue;
			applied.action = action.action;
			this.consume(rule, applied, action.label);
		}
		this.rules = this.rules.filter((rule) => rule.remaining === 'always' || rule.remaining > 0);
		return applied;
	}

	private actionFor(rule: FaultRule): { action: FaultAction; label: string } | undefined {
		switch (rule.kind) {
			case 'hang':
			case 'drop':
				return { action: { kind: rule.kind }, label: rule.kind };
			case 'streamError':
				return {
					action: {
						kind: 'streamError',
						afterEvents: rule.afterEvents ?? 1,
						exceptionType: rule.exceptionType ?? 'modelStreamErrorException',
						message:
							rule.message ?? 'The model stream encountered an error. Try your request again.',
					},
					label: 'streamError',
				};
			case 'error':
				return {
					action: {
						kind: 'error',
						error: new AwsError(
							rule.errorName ?? 'InternalServerException',
							rule.message ?? 'Injected error.',
							{
								status: rule.status,
							},
						),
					},
					label: `error:${rule.errorName ?? 'InternalServerException'}`,
				};
			case 'chaos': {
				const outcome = drawOutcome(rule.rates ?? {}, this.generators.get(rule.id) as () => number);
				if (!outcome) return undefined;
				const action: FaultAction =
					outcome === 'hang' || outcome === 'drop'
						? { kind: outcome }
						: { kind: 'error', error: defaultError(outcome) };
				return { action, label: `chaos:${outcome}` };
			}
			default:
				return {
					action: { kind: 'error', error: defaultError(rule.kind as ErrorFaultKind, rule.message) },
					label: rule.kind,
				};
		}
	}

	private consume(rule: FaultRule, applied: AppliedFaults, label: string): void {
		rule.hits += 1;
		if (rule.remaining !== 'always') rule.remaining -= 1;
		applied.labels.push(label);
	}
}

export function defaultError(kind: ErrorFaultKind, message?: string): AwsError {
	const { name, message: defaultMessage } = DEFAULT_ERRORS[kind];
	return new AwsError(name, message ?? defaultMessage);
}

function matches(rule: FaultRule, request: RequestTraits): boolean {
	if (rule.operation !== undefined && rule.operation !== request.operation) return false;
	if (
		rule.path !== undefined &&
		!request.rawPath.includes(rule.path) &&
		!request.decodedPath.includes(rule.path)
	) {
		return false;
	}
	if (rule.pathRegex !== undefined && !new RegExp(rule.pathRegex).test(request.decodedPath))
		return false;
	if (rule.model !== undefined && !request.modelIds.includes(rule.model)) return false;
	return true;
}

function drawOutcome(
	rates: Partial<Record<ChaosOutcome, number>>,
	random: () => number,
): ChaosOutcome | undefined {
	const draw = random();
	let cumulative = 0;
	for (const [outcome, rate] of Object.entries(rates) as Array<[ChaosOutcome, number]>) {
		cumulative += rate;
		if (draw < cumulative) return outcome;
	}
	return undefined;
}

function validateSpec(spec: FaultSpec): void {
	if (!KINDS.includes(spec.kind))
		throw new Error(`unknown fault kind "${String(spec.kind)}"; one of ${KINDS.join(', ')}`);
	if (
		spec.count !== undefined &&
		spec.count !== 'always' &&
		(!Number.isInteger(spec.count) || spec.count < 1)
	) {
		throw new Error('count must be a positive integer or "always"');
	}
	if (spec.kind === 'latency' && !(typeof spec.latencyMs === 'number' && spec.latencyMs >= 0)) {
		throw new Error('latency faults need latencyMs >= 0');
	}
	if (spec.kind === 'chaos') {
		const rates = Object.entries(spec.rates ?? {});
		const allowed = [...Object.keys(DEFAULT_ERRORS), 'hang', 'drop'];
		if (
			rates.length === 0 ||
			rates.some(
				([outcome, rate]) => !allowed.includes(outcome) || typeof rate !== 'number' || rate < 0,
			)
		) {
			throw new Error(`chaos faults need rates for some of ${allowed.join(', ')}`);
		}
		if (rates.reduce((sum, [, rate]) => sum + rate, 0) > 1)
			throw new Error('chaos rates must add up to at most 1');
	}
	if (spec.pathRegex !== undefined) new RegExp(spec.pathRegex);
}

/** Small seeded PRNG (mulberry32): same seed, same sequence. */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
