/**
 * A small JSON-schema subset that reports violations the way Bedrock does. Bedrock validates
 * model bodies with the everit JSON-schema library, whose messages are
 * `#/<json-pointer>: <detail>`; Bedrock concatenates them with no separator into
 * "Malformed input request: <details>, please reformat your input and try again."
 * (BerriAI/litellm#6589 shows two details run together; langgenius/dify#3326, boto/boto3#3993).
 */

export type Schema =
	| ObjectSchema
	| StringSchema
	| NumberSchema
	| { type: 'boolean' }
	| ArraySchema
	/** Any JSON value (e.g. SDXL's experimental `extras`). */
	| { type: 'any' };

export interface ObjectSchema {
	type: 'object';
	properties: Record<string, Schema>;
	required?: readonly string[];
	/** Extra keys are rejected unless this is true. */
	additionalProperties?: boolean;
}

export interface StringSchema {
	type: 'string';
	minLength?: number;
	maxLength?: number;
	enum?: readonly string[];
	pattern?: RegExp;
}

export interface NumberSchema {
	type: 'integer' | 'number';
	minimum?: number;
	maximum?: number;
	multipleOf?: number;
}

export interface ArraySchema {
	type: 'array';
	items: Schema;
	minItems?: number;
	maxItems?: number;
}

/** everit's names for the JSON types it found (org.json classes). */
export function jsonTypeName(value: unknown): string {
	if (value === null) return 'Null';
	if (Array.isArray(value)) return 'JSONArray';
	if (typeof value === 'string') return 'String';
	if (typeof value === 'boolean') return 'Boolean';
	if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'BigDecimal';
	return 'JSONObject';
}

const EXPECTED_TYPE: Record<Schema['type'], string> = {
	object: 'JSONObject',
	string: 'String',
	integer: 'Integer',
	number: 'Number',
	boolean: 'Boolean',
	array: 'JSONArray',
	any: '',
};

function isType(value: unknown, type: Schema['type']): boolean {
	switch (type) {
		case 'any':
			return true;
		case 'object':
			return typeof value === 'object' && value !== null && !Array.isArray(value);
		case 'array':
			return Array.isArray(value);
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value);
		case 'number':
			return typeof value === 'number';
		default:
			return typeof value === type;
	}
}

/** Returns every violation as `#/<pointer>: <detail>`, in document order; empty when valid. */
export function validate(value: unknown, schema: Schema, pointer = '#'): string[] {
	if (!isType(value, schema.type)) {
		return [
			`${pointer}: expected type: ${EXPECTED_TYPE[schema.type]}, found: ${jsonTypeName(value)}`,
		];
	}
	switch (schema.type) {
		case 'object':
			return validateObject(value as Record<string, unknown>, schema, pointer);
		case 'array':
			return validateArray(value as unknown[], schema, pointer);
		case 'string':
			return validateString(value as string, schema, pointer);
		case 'integer':
		case 'number':
			return validateNumber(value as number, schema, pointer);
		default:
			return [];
	}
}

function validateObject(
	value: Record<string, unknown>,
	schema: ObjectSchema,
	pointer: string,
): string[] {
	const violations: string[] = [];
	for (const key of schema.required ?? []) {
		if (!(key in value)) violations.push(`${pointer}: required key [${key}] not found`);
	}
	if (!schema.additionalProperties) {
		for (const key of Object.keys(value)) {
			if (!(key in schema.properties))
				violations.push(`${pointer}: extraneous key [${key}] is not permitted`);
		}
	}
	for (const [key, propertySchema] of Object.entries(schema.properties)) {
		if (key in value) violations.push(...validate(value[key], propertySchema, `${pointer}/${key}`));
	}
	return violations;
}

function validateArray(value: unknown[], schema: ArraySchema, pointer: string): string[] {
	const violations: string[] = [];
	if (schema.minItems !== undefined && value.length < schema.minItems) {
		violations.push(
			`${pointer}: expected minimum item count: ${schema.minItems}, found: ${value.length}`,
		);
	}
	if (schema.maxItems !== undefined && value.length > schema.maxItems) {
		violations.push(
			`${pointer}: expected maximum item count: ${schema.maxItems}, found: ${value.length}`,
		);
	}
	value.forEach((item, index) =>
		violations.push(...validate(item, schema.items, `${pointer}/${index}`)),
	);
	return violations;
}

function validateString(value: string, schema: StringSchema, pointer: string): string[] {
	// JSON-schema lengths count code points, not UTF-16 units.
	const length = [...value].length;
	if (schema.enum && !schema.enum.includes(value))
		return [`${pointer}: ${value} is not a valid enum value`];
	if (schema.minLength !== undefined && length < schema.minLength) {
		return [`${pointer}: expected minLength: ${schema.minLength}, actual: ${length}`];
	}
	if (schema.maxLength !== undefined && length > schema.maxLength) {
		return [`${pointer}: expected maxLength: ${schema.maxLength}, actual: ${length}`];
	}
	if (schema.pattern && !schema.pattern.test(value)) {
		return [`${pointer}: string [${value}] does not match pattern ${schema.pattern.source}`];
	}
	return [];
}

function validateNumber(value: number, schema: NumberSchema, pointer: string): string[] {
	if (schema.minimum !== undefined && value < schema.minimum) {
		return [`${pointer}: ${value} is not greater or equal to ${schema.minimum}`];
	}
	if (schema.maximum !== undefined && value > schema.maximum) {
		return [`${pointer}: ${value} is not less or equal to ${schema.maximum}`];
	}
	if (schema.multipleOf !== undefined && value % schema.multipleOf !== 0) {
		return [`${pointer}: ${value} is not a multiple of ${schema.multipleOf}`];
	}
	return [];
}

/** Shorthands that keep family schemas readable. */
export const str = (options: Omit<StringSchema, 'type'> = {}): StringSchema => ({
	type: 'string',
	...options,
});
export const int = (minimum?: number, maximum?: number): NumberSchema => ({
	type: 'integer',
	minimum,
	maximum,
});
export const num = (minimum?: number, maximum?: number): NumberSchema => ({
	type: 'number',
	minimum,
	maximum,
});
export const bool = (): Schema => ({ type: 'boolean' });
export const arr = (items: Schema, minItems?: number, maxItems?: number): ArraySchema => ({
	type: 'array',
	items,
	minItems,
	maxItems,
});
export const obj = (
	properties: Record<string, Schema>,
	required: readonly string[] = [],
	additionalProperties = false,
): ObjectSchema => ({
	type: 'object',
	properties,
	required,
	...(additionalProperties ? { additionalProperties } : {}),
});
