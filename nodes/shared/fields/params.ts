/**
 * Where a field's value comes from: the parameters of one item, read with expressions
 * evaluated for that item, and how a check stops the item.
 */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/**
 * A check that failed in code that has no item at hand (a conversation, an attachment, a
 * reasoning plan). The item runner (`../runItems`) turns it into the same `NodeOperationError`
 * that `ItemParams.fail` throws, tagged with the item.
 */
export class FieldError extends Error {
	readonly description?: string;

	constructor(message: string, description?: string) {
		super(message);
		this.name = 'FieldError';
		if (description) this.description = description;
	}
}

/** Stops the item with a validation error: what happened, then what to do (optional). */
export type Fail = (message: string, description?: string) => never;

/** `fail` for code without an item: throws a `FieldError`. */
export const failField: Fail = (message, description) => {
	throw new FieldError(message, description);
};

/**
 * Parameter values without an expression, per execution: they are the same for every item.
 *
 * Why not `getNodeParameter` for them: n8n-core looks up the property of every value it returns
 * to validate it (`validateValueAgainstSchema` in
 * packages/core/src/execution-engine/node-execution-context/utils/validate-value-against-schema.ts),
 * taking the first property of that name whose display conditions hold. Bedrock Image declares
 * each family field twice per family and operation (several hundred properties), so each read
 * evaluated many display conditions; read per item, that was most of the node's own CPU time
 * per item (docs/benchmark.md). Values with an expression still go through `getNodeParameter`,
 * which evaluates them for the item.
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

/**
 * The parameters of one item, optionally inside a collection (`options`, or a nested path such
 * as `options.guardrail.settings`); unset fields read as undefined.
 */
export class ItemParams {
	readonly context: IExecuteFunctions;
	readonly itemIndex: number;
	private readonly collection?: string;

	constructor(context: IExecuteFunctions, itemIndex: number, collection?: string) {
		this.context = context;
		this.itemIndex = itemIndex;
		this.collection = collection;
	}

	/** The same item's fields inside the collection `name` (relative to this one). */
	in(collection: string): ItemParams {
		return new ItemParams(
			this.context,
			this.itemIndex,
			this.collection ? `${this.collection}.${collection}` : collection,
		);
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
	fail: Fail = (message, description) => {
		throw new NodeOperationError(this.context.getNode(), message, {
			itemIndex: this.itemIndex,
			...(description ? { description } : {}),
		});
	};
}
