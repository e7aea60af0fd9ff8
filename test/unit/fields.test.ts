/**
 * The shared field layer (nodes/shared/fields): one declaration gives the editor property and
 * the per-item check, with one wording for every node; and the fields both nodes build on it
 * (Text's sampling and reasoning options, the guardrail group and Bedrock Image's first
 * guardrail options).
 */
import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';

import {
	guardrailHeaders,
	guardrailProperty,
	ItemParams,
	jsonObjectField,
	legacyGuardrailProperties,
	listField,
	numberField,
	optionsField,
	readGuardrail,
} from '../../nodes/shared/fields/index.ts';
import {
	attachments,
	readReasoning,
	readSampling,
	readTitanSampling,
	responseFieldPaths,
	temperature,
	titanMaxTokenCount,
} from '../../nodes/BedrockText/textFields.ts';

/**
 * The parameters of one item as n8n holds them; a value starting with `=` is an expression,
 * whose result for the item is taken from `evaluated` (by parameter path).
 */
function itemOf(parameters: INodeParameters, evaluated: Record<string, unknown> = {}) {
	const node = { name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters };
	const context = {
		getNode: () => node,
		getNodeParameter: (path: string) => evaluated[path],
	} as unknown as IExecuteFunctions;
	return new ItemParams(context, 0);
}

describe('numbers', () => {
	const steps = numberField({
		name: 'steps',
		displayName: 'Steps',
		default: 30,
		min: 10,
		max: 50,
		integer: true,
	});

	test('the range is the editor’s and the check’s', () => {
		expect(steps.property.typeOptions).toEqual({ minValue: 10, maxValue: 50 });
		expect(steps.read(itemOf({ steps: 20 }))).toBe(20);
		expect(() => steps.read(itemOf({ steps: 60 }))).toThrow(
			'Steps must be between 10 and 50 (got 60)',
		);
	});

	test('text from an expression is read as a number; objects and fractions are refused', () => {
		expect(steps.read(itemOf({ steps: '={{ $json.s }}' }, { steps: ' 25 ' }))).toBe(25);
		expect(() => steps.read(itemOf({ steps: '={{ $json.s }}' }, { steps: { n: 1 } }))).toThrow(
			'Steps must be a whole number between 10 and 50 (got {"n":1})',
		);
		expect(() => steps.read(itemOf({ steps: 12.5 }))).toThrow(
			'Steps must be a whole number between 10 and 50 (got 12.5)',
		);
		expect(steps.read(itemOf({}))).toBeUndefined();
		expect(steps.read(itemOf({ steps: '={{ $json.s }}' }, { steps: '  ' }))).toBeUndefined();
	});

	test('a minimum only, and a model’s maximum known at run time', () => {
		const tokens = numberField({
			name: 'maxTokens',
			displayName: 'Maximum Tokens',
			default: 1,
			min: 1,
			integer: true,
		});
		expect(tokens.property.typeOptions).toEqual({ minValue: 1 });
		expect(() => tokens.read(itemOf({ maxTokens: 0 }))).toThrow(
			'Maximum Tokens must be at least 1 (got 0)',
		);
		const item = itemOf({});
		expect(() => tokens.checkMax(item.fail, 5000, 4096, 'for amazon.titan-text-lite-v1')).toThrow(
			'Maximum Tokens must be between 1 and 4096 for amazon.titan-text-lite-v1 (got 5000)',
		);
		expect(() => tokens.checkMax(item.fail, 4096, 4096, 'for m')).not.toThrow();
	});
});

describe('choices, lists and JSON', () => {
	test('a choice outside the list names the value and the choices', () => {
		const effort = optionsField({
			name: 'effort',
			displayName: 'Reasoning Effort',
			default: 'low',
			options: [
				{ name: 'Low', value: 'low' },
				{ name: 'High', value: 'high' },
			],
		});
		expect(() => effort.read(itemOf({ effort: 'max' }))).toThrow(
			'Reasoning Effort must be low or high (got "max")',
		);
	});

	test('a separated list: entries trimmed, empty ones dropped, each checked, counted', () => {
		expect(attachments.read(itemOf({ binaryPropertyNames: ' data, invoice ,,' }))).toEqual([
			'data',
			'invoice',
		]);
		expect(attachments.read(itemOf({ binaryPropertyNames: '' }))).toBeUndefined();
		expect(() =>
			responseFieldPaths.read(itemOf({ responseFieldPaths: '/a, stop_sequence' })),
		).toThrow(/^Response Field Paths must be JSON Pointers .* \(entry 2 is "stop_sequence"\)$/);
		expect(() =>
			responseFieldPaths.read(
				itemOf({ responseFieldPaths: Array.from({ length: 11 }, (_, i) => `/p${i}`).join(',') }),
			),
		).toThrow('Response Field Paths takes at most 10 paths (got 11)');
	});

	test('a multiple-values list keeps entries as typed; an expression may give one text', () => {
		const stops = listField({
			name: 'stops',
			displayName: 'Stop Sequences',
			input: 'multipleValues',
			entries: 'stop sequences',
		});
		expect(stops.read(itemOf({ stops: '={{ "END" }}' }, { stops: 'END' }))).toEqual(['END']);
		expect(() => stops.read(itemOf({ stops: ['END', ''] }))).toThrow(
			'Stop Sequences must be non-empty text (entry 2 is "")',
		);
	});

	test('a JSON object from text or from an expression; anything else is refused', () => {
		const extra = jsonObjectField({ name: 'extra', displayName: 'Extra', example: '{"a": 1}' });
		expect(extra.read(itemOf({ extra: '{"a": 1}' }))).toEqual({ a: 1 });
		expect(extra.read(itemOf({ extra: '={{ $json.x }}' }, { extra: { b: 2 } }))).toEqual({ b: 2 });
		expect(extra.read(itemOf({ extra: '{}' }))).toBeUndefined();
		expect(() => extra.read(itemOf({ extra: 'null' }))).toThrow(
			'Extra must be a JSON object (got null)',
		);
		expect(() => extra.read(itemOf({ extra: '[1, 2]' }))).toThrow(
			'Extra must be a JSON object (got [1,2])',
		);
		expect(() => extra.read(itemOf({ extra: '{"a": 1,}' }))).toThrow(/^Extra is not valid JSON: /);
	});
});

describe('Bedrock Text options', () => {
	test('only the sampling parameters that are set are read', () => {
		const options = itemOf({ options: { temperature: 0, stopSequences: [] } }).in('options');
		expect(readSampling(options)).toEqual({ temperature: 0 });
		expect(temperature.property.typeOptions).toMatchObject({ minValue: 0, maxValue: 1 });
	});

	test('Titan Text’s own limits: Maximum Tokens 0–8,192 from 512, one stop sequence of its pattern', () => {
		expect(titanMaxTokenCount.property).toMatchObject({
			name: 'maxTokens',
			default: 512,
			typeOptions: { minValue: 0, maxValue: 8192 },
		});
		const options = (values: INodeParameters) => itemOf({ options: values }).in('options');
		expect(readTitanSampling(options({ maxTokens: 0, stopSequences: ['||'] }))).toEqual({
			maxTokens: 0,
			stopSequences: ['||'],
		});
		expect(readTitanSampling(options({ stopSequences: ['User:'] }))).toEqual({
			stopSequences: ['User:'],
		});
		// Converse takes any stop sequence; Titan only "User:" or pipes.
		expect(readSampling(options({ stopSequences: ['Human:'] }))).toEqual({
			stopSequences: ['Human:'],
		});
		for (const entry of ['Human:', 'user:', '| ', 'User: ']) {
			expect(() => readTitanSampling(options({ stopSequences: [entry] }))).toThrow(
				`(entry 1 is ${JSON.stringify(entry)})`,
			);
		}
		expect(() => readTitanSampling(options({ maxTokens: -1 }))).toThrow(
			'Maximum Tokens must be between 0 and 8192 (got -1)',
		);
	});

	test('reasoning is on with a budget or an effort', () => {
		expect(readReasoning(itemOf({ options: {} }).in('options'))).toBeUndefined();
		expect(readReasoning(itemOf({ options: { reasoningEffort: 'high' } }).in('options'))).toEqual({
			effort: 'high',
		});
		expect(() =>
			readReasoning(itemOf({ options: { reasoningBudgetTokens: 500 } }).in('options')),
		).toThrow('Reasoning Budget (Tokens) must be at least 1024 (got 500)');
	});
});

describe('guardrail', () => {
	const arn = 'arn:aws:bedrock:us-east-1:123456789012:guardrail/abc123';
	const options = (values: INodeParameters) => itemOf({ options: values }).in('options');

	test('the group: IDs and ARNs, DRAFT or a version number, a trace', () => {
		expect(guardrailProperty.type).toBe('fixedCollection');
		const guardrail = readGuardrail(
			options({
				guardrail: { settings: { identifier: arn, version: '3', trace: 'enabled_full' } },
			}),
		);
		expect(guardrail).toEqual({ identifier: arn, version: '3', trace: 'enabled_full' });
		expect(guardrailHeaders(guardrail)).toEqual({
			guardrailIdentifier: arn,
			guardrailVersion: '3',
			trace: 'ENABLED_FULL',
		});
		expect(readGuardrail(options({}))).toBeUndefined();
		expect(() =>
			readGuardrail(options({ guardrail: { settings: { identifier: 'abc', version: 'v1' } } })),
		).toThrow('Guardrail Version must be DRAFT or a version number from 1 to 99999999 (got "v1")');
		expect(() =>
			readGuardrail(options({ guardrail: { settings: { identifier: 'My Guardrail' } } })),
		).toThrow(/^Guardrail ID must be a guardrail ID .* \(got "My Guardrail"\)$/);
	});

	test('Bedrock Image’s first options still give the guardrail; the group wins over them', () => {
		expect(readGuardrail(options({ guardrailIdentifier: 'abc123', trace: 'ENABLED' }))).toEqual({
			identifier: 'abc123',
			version: 'DRAFT',
			trace: 'enabled',
		});
		expect(
			readGuardrail(
				options({ guardrailIdentifier: 'old', guardrail: { settings: { identifier: 'new' } } }),
			),
		).toEqual({ identifier: 'new', version: 'DRAFT', trace: 'disabled' });
		// Shown where a stored workflow has a value, so n8n keeps it; never offered otherwise.
		expect(legacyGuardrailProperties.map((property) => property.displayOptions)).toEqual(
			['guardrailIdentifier', 'guardrailVersion', 'trace'].map((name) => ({
				show: { [name]: [{ _cnd: { exists: true } }] },
			})),
		);
	});
});
