/**
 * The kinds of field: number, text, list of texts, choice, yes/no and JSON object. Each spec
 * gives the limits once; they become the editor's type options and the checks of `read`.
 *
 * `read` takes what n8n gives for the item: a literal, or the result of an expression, which
 * may be of any type. Numbers and booleans given as text are accepted (expressions often
 * produce text); an object where a number or text belongs is refused, naming the field.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { compareLabels } from '../labels';
import { makeField, mustBe, orList, shown, type BaseSpec, type Field } from './field';
import type { Fail } from './params';

/** Nothing given: unset, null, or text that is empty or only whitespace. */
const isUnset = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

// Numbers ------------------------------------------------------------------------------------

export interface NumberSpec extends BaseSpec {
	default: number;
	min: number;
	/** Without a maximum, any number from `min` up. */
	max?: number;
	/** Whole numbers only (seeds, steps, pixel counts, tokens). */
	integer?: boolean;
	/** Decimal places the editor offers. */
	precision?: number;
}

export interface NumberField extends Field<number> {
	/**
	 * Checks a value already read against a tighter maximum known only at run time (a model's
	 * limit), in the field's wording: `Maximum Tokens must be between 1 and 4096 for <model>`.
	 */
	checkMax(fail: Fail, value: number | undefined, max: number | undefined, qualifier: string): void;
}

function range(min: number, max?: number): string {
	return max === undefined ? `at least ${min}` : `between ${min} and ${max}`;
}

export function numberField(spec: NumberSpec): NumberField {
	const { displayName, min, max } = spec;
	const kind = `a ${spec.integer ? 'whole ' : ''}number ${max === undefined ? 'of ' : ''}${range(min, max)}`;
	const field = makeField(
		spec,
		{
			type: 'number',
			default: spec.default,
			typeOptions: {
				minValue: min,
				...(max !== undefined ? { maxValue: max } : {}),
				...(spec.precision !== undefined ? { numberPrecision: spec.precision } : {}),
			},
		},
		(params) => {
			const value = params.raw(spec.name);
			if (isUnset(value)) return undefined;
			const number = typeof value === 'string' ? Number(value.trim()) : value;
			if (typeof number !== 'number' || !Number.isFinite(number)) {
				return params.fail(mustBe(displayName, kind, value));
			}
			if (spec.integer && !Number.isInteger(number)) {
				return params.fail(mustBe(displayName, kind, number));
			}
			if (number < min || (max !== undefined && number > max)) {
				return params.fail(mustBe(displayName, range(min, max), number));
			}
			return number;
		},
	);
	return {
		...field,
		checkMax(fail, value, limit, qualifier) {
			if (value !== undefined && limit !== undefined && value > limit) {
				fail(mustBe(displayName, `${range(min, limit)} ${qualifier}`, value));
			}
		},
	};
}

// Text ---------------------------------------------------------------------------------------

export interface TextPattern {
	regex: RegExp;
	/** What the pattern allows, in words: `DRAFT or a version number from 1 to 99999999`. */
	allowed: string;
}

export interface StringSpec extends BaseSpec {
	required?: boolean;
	default?: string;
	maxLength?: number;
	pattern?: TextPattern;
	/** Editor rows; more than 1 gives a text area. */
	rows?: number;
	/** The second line of the "is empty" error of a required field: what to give. */
	emptyHint?: string;
}

/** Refuses objects and lists of objects: they would read as "[object Object]". */
function asText(fail: Fail, displayName: string, value: unknown): string {
	const members = Array.isArray(value) ? value : [value];
	if (members.some((member) => typeof member === 'object' && member !== null)) {
		return fail(mustBe(displayName, 'text', value));
	}
	return value === undefined || value === null ? '' : String(value);
}

export function stringField(spec: StringSpec): Field<string> {
	const { displayName } = spec;
	return makeField(
		spec,
		{
			type: 'string',
			default: spec.default ?? '',
			...(spec.rows ? { typeOptions: { rows: spec.rows } } : {}),
		},
		(params) => {
			const text = asText(params.fail, displayName, params.raw(spec.name));
			if (text.trim() === '') {
				if (spec.required) {
					return params.fail(
						`${displayName} is empty`,
						spec.emptyHint ??
							`The model needs a ${displayName.toLowerCase()}; an empty or whitespace-only value is not sent.`,
					);
				}
				return undefined;
			}
			if (spec.maxLength !== undefined && text.length > spec.maxLength) {
				return params.fail(
					`${displayName} is ${text.length} characters long; this model accepts at most ${spec.maxLength}`,
				);
			}
			if (spec.pattern && !spec.pattern.regex.test(text.trim())) {
				return params.fail(mustBe(displayName, spec.pattern.allowed, text));
			}
			return text;
		},
	);
}

export interface ListSpec extends BaseSpec {
	/**
	 * How the editor takes the list: `multipleValues`, one input per entry (entries are kept as
	 * typed, an empty one is an error); `separated`, one text split at `separator` (entries
	 * trimmed, empty ones dropped). An expression may give either a list or a text.
	 */
	input: 'multipleValues' | 'separated';
	/** Default: commas. */
	separator?: RegExp;
	/** What every entry must be; default: any non-empty text. */
	entry?: { valid: (entry: string) => boolean; allowed: string };
	/** The entries' name in the count error: `Colors takes at most 10 colors (got 11)`. */
	entries: string;
	/** One entry's name, for a field that takes one: `Stop Sequences takes one stop sequence (got 2)`. */
	entryName?: string;
	maxEntries?: number;
	required?: boolean;
	default?: string;
	/** The "Add …" button of a multiple-values field. */
	addButton?: string;
}

export function listField(spec: ListSpec): Field<string[]> {
	const { displayName } = spec;
	const entry = spec.entry ?? {
		valid: (text: string) => text.length > 0,
		allowed: 'non-empty text',
	};
	const multiple = spec.input === 'multipleValues';
	return makeField(
		spec,
		{
			type: 'string',
			...(multiple
				? {
						default: [],
						typeOptions: {
							multipleValues: true,
							...(spec.addButton ? { multipleValueButtonText: spec.addButton } : {}),
						},
					}
				: { default: spec.default ?? '' }),
		},
		(params) => {
			const value = params.raw(spec.name);
			let list: unknown[];
			if (Array.isArray(value)) list = value;
			else if (value === undefined || value === null || value === '') list = [];
			else if (typeof value === 'string' && !multiple) list = value.split(spec.separator ?? ',');
			else list = [value];
			if (!multiple) {
				list = list
					.map((member) => (typeof member === 'string' ? member.trim() : member))
					.filter((member) => !isUnset(member));
			}
			if (list.length === 0) {
				if (spec.required) return params.fail(`${displayName} is empty`);
				return undefined;
			}
			list.forEach((member, index) => {
				if (typeof member !== 'string' || !entry.valid(member)) {
					params.fail(
						`${displayName} must be ${entry.allowed} (entry ${index + 1} is ${shown(member)})`,
					);
				}
			});
			if (spec.maxEntries !== undefined && list.length > spec.maxEntries) {
				const most =
					spec.maxEntries === 1
						? `one ${spec.entryName ?? spec.entries}`
						: `at most ${spec.maxEntries} ${spec.entries}`;
				return params.fail(`${displayName} takes ${most} (got ${list.length})`);
			}
			return list as string[];
		},
	);
}

// Choices ------------------------------------------------------------------------------------

export interface OptionsSpec<T extends string> extends BaseSpec {
	default: T;
	options: Array<INodePropertyOptions & { value: T }>;
	noDataExpression?: boolean;
}

export function optionsField<T extends string>(spec: OptionsSpec<T>): Field<T> {
	const values = spec.options.map((option) => option.value);
	return makeField(
		spec,
		{
			type: 'options',
			...(spec.noDataExpression ? { noDataExpression: true } : {}),
			default: spec.default,
			options: spec.options,
		},
		(params) => {
			const value = params.raw(spec.name);
			if (isUnset(value)) return undefined;
			if (!values.includes(value as T)) {
				return params.fail(mustBe(spec.displayName, orList(values), value));
			}
			return value as T;
		},
	);
}

/** `GARMENT_CLASS` → `Garment Class`: a label for an upper-case API value. */
export const enumLabel = (value: string) =>
	value
		.split('_')
		.map((word) => word.charAt(0) + word.slice(1).toLowerCase())
		.join(' ');

/** Options of an options field from plain values, labelled by a function (sorted by label). */
export function valueOptions<T extends string>(
	values: readonly T[],
	label: (value: T) => string = (value) => value,
): Array<INodePropertyOptions & { value: T }> {
	return values
		.map((value) => ({ name: label(value), value }))
		.sort((a, b) => compareLabels(a.name, b.name));
}

export interface BooleanSpec extends BaseSpec {
	default: boolean;
}

export function booleanField(spec: BooleanSpec): Field<boolean> {
	return makeField(spec, { type: 'boolean', default: spec.default }, (params) => {
		const value = params.raw(spec.name);
		if (isUnset(value)) return undefined;
		if (typeof value === 'boolean') return value;
		if (value === 'true' || value === 'false') return value === 'true';
		return params.fail(mustBe(spec.displayName, 'true or false', value));
	});
}

// JSON ---------------------------------------------------------------------------------------

/** `JSON.parse` without throwing: the value, or the parser's complaint. */
export function parseJson(text: string): { value: unknown } | { error: string } {
	try {
		return { value: JSON.parse(text) as unknown };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

export interface JsonObjectSpec extends BaseSpec {
	/** A JSON object that fits the field, shown when the value is not one. */
	example: string;
	required?: boolean;
	default?: string;
	/** The second line of the "is empty" error of a required field. */
	emptyHint?: string;
}

/**
 * A JSON object: the field's text, or the object an expression produced. Empty text and `{}`
 * read as undefined (nothing to send); a required field fails then.
 */
export function jsonObjectField(spec: JsonObjectSpec): Field<Record<string, unknown>> {
	const { displayName } = spec;
	const example = `Enter a JSON object, e.g. ${spec.example}`;
	return makeField(spec, { type: 'json', default: spec.default ?? '{}' }, (params) => {
		const value = params.raw(spec.name);
		let parsed: unknown = isUnset(value) ? {} : value;
		if (typeof parsed === 'string') {
			const result = parseJson(parsed);
			if ('error' in result) {
				return params.fail(`${displayName} is not valid JSON: ${result.error}`, example);
			}
			parsed = result.value;
		}
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
			return params.fail(mustBe(displayName, 'a JSON object', parsed), example);
		}
		if (Object.keys(parsed).length > 0) return parsed as Record<string, unknown>;
		if (spec.required) return params.fail(`${displayName} is empty`, spec.emptyHint);
		return undefined;
	});
}

// Collections --------------------------------------------------------------------------------

/** A collection of optional fields ("Options", a family's "Model Options"), sorted by label. */
export function collectionProperty(
	name: string,
	displayName: string,
	fields: Array<Field<unknown> | INodeProperties>,
	placeholder = 'Add Option',
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder,
		default: {},
		options: fields
			.map((field) => ('property' in field ? field.property : field))
			.sort((a, b) => compareLabels(a.displayName, b.displayName)),
	};
}
