/**
 * What every field of the layer is: one declaration that gives the editor property and the
 * checked per-item read, and the wording its errors share.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { ItemParams } from './params';

export interface Field<T> {
	readonly name: string;
	/** The label the editor shows; every error of the field starts with it. */
	readonly displayName: string;
	readonly property: INodeProperties;
	/** The item's value, checked; undefined when an optional field is empty or unset. */
	read(params: ItemParams): T | undefined;
}

export interface BaseSpec {
	name: string;
	displayName: string;
	description?: string;
	hint?: string;
	placeholder?: string;
}

/** A field from its spec, the rest of its editor property and its read. */
export function makeField<T>(
	spec: BaseSpec & { required?: boolean },
	property: Pick<INodeProperties, 'type' | 'default'> & Partial<INodeProperties>,
	read: (params: ItemParams) => T | undefined,
): Field<T> {
	return {
		name: spec.name,
		displayName: spec.displayName,
		property: {
			displayName: spec.displayName,
			name: spec.name,
			...(spec.description ? { description: spec.description } : {}),
			...(spec.hint ? { hint: spec.hint } : {}),
			...(spec.placeholder ? { placeholder: spec.placeholder } : {}),
			...(spec.required ? { required: true } : {}),
			...property,
		},
		read,
	};
}

/** A JSON-ish rendering of a value for messages, short enough to read. */
export function shown(value: unknown): string {
	const text = typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
	return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** `a, b or c`. */
export function orList(values: readonly string[]): string {
	return values.length < 2
		? values.join('')
		: `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/** The message of a field whose value is not what is allowed: `X must be <allowed> (got <value>)`. */
export function mustBe(displayName: string, allowed: string, value: unknown): string {
	return `${displayName} must be ${allowed} (got ${typeof value === 'number' ? value : shown(value)})`;
}

/** The fields of an object that are set: request bodies send only what the user set. */
export function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
	return Object.fromEntries(
		Object.entries(value).filter(([, member]) => member !== undefined),
	) as Partial<T>;
}
