/**
 * Node fields that carry their own limits. One definition gives both the editor property (with
 * the range it shows) and the per-item read that enforces the range before the paid call, so a
 * limit is written once and the editor and the validation cannot disagree.
 *
 * Reads evaluate expressions per item and fail with a `NodeOperationError` that names the
 * field, the value and what is allowed.
 */
import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { compareLabels } from '../shared/labels';

/**
 * Parameter values without an expression, per execution: they are the same for every item.
 *
 * Why not `getNodeParameter` for them: n8n-core checks each call against the node's properties
 * and evaluates their display conditions, and the family fields' conditions are regular
 * expressions that n8n runs in a vm sandbox with a timeout (0.1-0.4 ms each, several per call
 * because every family declares its own copy of a field). Read per item, that was most of the
 * node's own CPU time per item (docs/benchmark.md). Values with an expression still go through
 * `getNodeParameter`, which evaluates them for the item.
 */
const literalParameters = new WeakMap<
	IExecuteFunctions,
	{ parameters: unknown; values: Map<string, { value: unknown } | undefined> }
>();

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (typeof value === 'object' && value !== null) return Object.values(value).some(hasExpression);
	return false;
}

/** The literal value at `path` (`{ value }`, undefined inside when unset), or undefined for an expression. */
function literalParameter(
	context: IExecuteFunctions,
	path: string,
): { value: unknown } | undefined {
	let cache = literalParameters.get(context);
	if (!cache) {
		cache = { parameters: context.getNode().parameters, values: new Map() };
		literalParameters.set(context, cache);
	}
	if (cache.values.has(path)) return cache.values.get(path);
	let value: unknown = cache.parameters;
	for (const key of path.split('.')) {
		value =
			typeof value === 'object' && value !== null && !Array.isArray(value)
				? (value as Record<string, unknown>)[key]
				: undefined;
	}
	const literal = hasExpression(value) ? undefined : { value };
	cache.values.set(path, literal);
	return literal;
}

/** The parameters of one item, optionally inside a collection (then unset fields read as undefined). */
export class ItemParams {
	readonly context: IExecuteFunctions;
	readonly itemIndex: number;
	private readonly collection?: string;

	constructor(context: IExecuteFunctions, itemIndex: number, collection?: string) {
		this.context = context;
		this.itemIndex = itemIndex;
		this.collection = collection;
	}

	/** The same item's fields inside the collection `name`. */
	in(collection: string): ItemParams {
		return new ItemParams(this.context, this.itemIndex, collection);
	}

	/** The evaluated value of a field, undefined when it is not set. */
	raw(name: string): unknown {
		const path = this.collection ? `${this.collection}.${name}` : name;
		const literal = literalParameter(this.context, path);
		if (literal) return literal.value ?? undefined;
		// n8n throws for an unset parameter without a fallback; null stands for "not set".
		return this.context.getNodeParameter(path, this.itemIndex, null) ?? undefined;
	}

	/** Stops the item with a validation error. */
	fail(message: string, description?: string): never {
		throw new NodeOperationError(this.context.getNode(), message, {
			itemIndex: this.itemIndex,
			...(description ? { description } : {}),
		});
	}
}

export interface Field<T> {
	readonly name: string;
	readonly property: INodeProperties;
	/** The item's value, checked; undefined when an optional field is empty or unset. */
	read(params: ItemParams): T | undefined;
}

interface BaseSpec {
	name: string;
	displayName: string;
	description?: string;
	hint?: string;
	placeholder?: string;
}

function baseProperty(
	spec: BaseSpec,
): Pick<INodeProperties, 'name' | 'displayName'> & Partial<INodeProperties> {
	return {
		displayName: spec.displayName,
		name: spec.name,
		...(spec.description ? { description: spec.description } : {}),
		...(spec.hint ? { hint: spec.hint } : {}),
		...(spec.placeholder ? { placeholder: spec.placeholder } : {}),
	};
}

/** A JSON-ish rendering of a value for messages, short enough to read. */
export function shown(value: unknown): string {
	const text = typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
	return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export interface NumberSpec extends BaseSpec {
	default: number;
	min: number;
	max: number;
	/** Whole numbers only (seeds, steps, pixel counts). */
	integer?: boolean;
	/** Decimal places the editor offers. */
	precision?: number;
}

export function numberField(spec: NumberSpec): Field<number> {
	return {
		name: spec.name,
		property: {
			...baseProperty(spec),
			type: 'number',
			default: spec.default,
			typeOptions: {
				minValue: spec.min,
				maxValue: spec.max,
				...(spec.precision !== undefined ? { numberPrecision: spec.precision } : {}),
			},
		},
		read(params) {
			const value = params.raw(spec.name);
			if (value === undefined || value === null || value === '') return undefined;
			const number = typeof value === 'string' ? Number(value.trim()) : value;
			if (typeof number !== 'number' || !Number.isFinite(number)) {
				return params.fail(`${spec.displayName} must be a number (got ${shown(value)})`);
			}
			if (spec.integer && !Number.isInteger(number)) {
				return params.fail(`${spec.displayName} must be a whole number (got ${number})`);
			}
			if (number < spec.min || number > spec.max) {
				return params.fail(
					`${spec.displayName} must be between ${spec.min} and ${spec.max} (got ${number})`,
				);
			}
			return number;
		},
	};
}

export interface StringSpec extends BaseSpec {
	required?: boolean;
	default?: string;
	maxLength?: number;
	/** Editor rows; more than 1 gives a text area. */
	rows?: number;
}

export function stringField(spec: StringSpec): Field<string> {
	return {
		name: spec.name,
		property: {
			...baseProperty(spec),
			type: 'string',
			default: spec.default ?? '',
			...(spec.required ? { required: true } : {}),
			...(spec.rows ? { typeOptions: { rows: spec.rows } } : {}),
		},
		read(params) {
			const value = params.raw(spec.name);
			// An object (from an expression) would read as "[object Object]"; numbers, booleans
			// and lists of them read as text.
			const members = Array.isArray(value) ? value : [value];
			if (members.some((member) => typeof member === 'object' && member !== null)) {
				return params.fail(`${spec.displayName} must be text (got ${shown(value)})`);
			}
			const text = value === undefined || value === null ? '' : String(value);
			if (text.trim() === '') {
				if (spec.required) {
					return params.fail(
						`${spec.displayName} is empty`,
						`The model needs a ${spec.displayName.toLowerCase()}; an empty or whitespace-only value is not sent.`,
					);
				}
				return undefined;
			}
			if (spec.maxLength !== undefined && text.length > spec.maxLength) {
				return params.fail(
					`${spec.displayName} is ${text.length} characters long; this model accepts at most ${spec.maxLength}`,
				);
			}
			return text;
		},
	};
}

export interface OptionsSpec<T extends string> extends BaseSpec {
	default: T;
	options: Array<INodePropertyOptions & { value: T }>;
}

export function optionsField<T extends string>(spec: OptionsSpec<T>): Field<T> {
	const values = spec.options.map((option) => option.value);
	return {
		name: spec.name,
		property: {
			...baseProperty(spec),
			type: 'options',
			default: spec.default,
			options: spec.options,
		},
		read(params) {
			const value = params.raw(spec.name);
			if (value === undefined || value === null || value === '') return undefined;
			if (!values.includes(value as T)) {
				return params.fail(
					`${spec.displayName} ${shown(value)} is not allowed for this model`,
					`Allowed: ${values.join(', ')}`,
				);
			}
			return value as T;
		},
	};
}

export interface BooleanSpec extends BaseSpec {
	default: boolean;
}

export function booleanField(spec: BooleanSpec): Field<boolean> {
	return {
		name: spec.name,
		property: { ...baseProperty(spec), type: 'boolean', default: spec.default },
		read(params) {
			const value = params.raw(spec.name);
			if (value === undefined || value === null || value === '') return undefined;
			if (typeof value === 'boolean') return value;
			if (value === 'true' || value === 'false') return value === 'true';
			return params.fail(`${spec.displayName} must be true or false (got ${shown(value)})`);
		},
	};
}

/** Options of an options field from plain values, labelled by a function (sorted by label). */
export function valueOptions<T extends string>(
	values: readonly T[],
	label: (value: T) => string = (value) => value,
): Array<INodePropertyOptions & { value: T }> {
	return values
		.map((value) => ({ name: label(value), value }))
		.sort((a, b) => compareLabels(a.name, b.name));
}

/** A collection of optional fields (the family's "Model Options"). */
export function collectionProperty(
	name: string,
	displayName: string,
	fields: Array<Field<unknown>>,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: fields
			.map((field) => field.property)
			.sort((a, b) => compareLabels(a.displayName, b.displayName)),
	};
}

/** An object without its undefined members: the body sends only what is set. */
export function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
	return Object.fromEntries(
		Object.entries(value).filter(([, member]) => member !== undefined),
	) as Partial<T>;
}
