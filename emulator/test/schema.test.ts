import { arr, int, num, obj, str, validate } from '../src/schema.ts';

const schema = obj(
	{
		taskType: str({ enum: ['TEXT_IMAGE'] }),
		textToImageParams: obj({ text: str({ minLength: 1, maxLength: 512 }), style: str() }, ['text']),
		config: obj({
			seed: int(0, 10),
			scale: num(1.1, 10),
			width: { type: 'integer', multipleOf: 16 },
		}),
		colors: arr(str({ pattern: /^#[0-9A-Fa-f]{6}$/ }), 1, 2),
	},
	['taskType'],
);

describe('validate (Bedrock/everit message styles)', () => {
	it.each([
		[{}, ['#: required key [taskType] not found']],
		[{ taskType: 'X' }, ['#/taskType: X is not a valid enum value']],
		[{ taskType: 'TEXT_IMAGE', foo: 1 }, ['#: extraneous key [foo] is not permitted']],
		[
			{ taskType: 'TEXT_IMAGE', textToImageParams: {} },
			['#/textToImageParams: required key [text] not found'],
		],
		[
			{ taskType: 'TEXT_IMAGE', textToImageParams: { text: 'x'.repeat(600) } },
			['#/textToImageParams/text: expected maxLength: 512, actual: 600'],
		],
		[
			{ taskType: 'TEXT_IMAGE', textToImageParams: { text: '' } },
			['#/textToImageParams/text: expected minLength: 1, actual: 0'],
		],
		[
			{ taskType: 'TEXT_IMAGE', config: { seed: '5' } },
			['#/config/seed: expected type: Integer, found: String'],
		],
		[
			{ taskType: 'TEXT_IMAGE', config: { seed: 1.5 } },
			['#/config/seed: expected type: Integer, found: BigDecimal'],
		],
		[
			{ taskType: 'TEXT_IMAGE', config: { seed: 11 } },
			['#/config/seed: 11 is not less or equal to 10'],
		],
		[
			{ taskType: 'TEXT_IMAGE', config: { scale: 1 } },
			['#/config/scale: 1 is not greater or equal to 1.1'],
		],
		[
			{ taskType: 'TEXT_IMAGE', config: { width: 100 } },
			['#/config/width: 100 is not a multiple of 16'],
		],
		[
			{ taskType: 'TEXT_IMAGE', colors: [] },
			['#/colors: expected minimum item count: 1, found: 0'],
		],
		[
			{ taskType: 'TEXT_IMAGE', colors: ['#fff'] },
			['#/colors/0: string [#fff] does not match pattern ^#[0-9A-Fa-f]{6}$'],
		],
		[
			{ taskType: 'TEXT_IMAGE', colors: 'red' },
			['#/colors: expected type: JSONArray, found: String'],
		],
		[
			{ taskType: 'TEXT_IMAGE', textToImageParams: [] },
			['#/textToImageParams: expected type: JSONObject, found: JSONArray'],
		],
	])('%j → %j', (body, expected) => {
		expect(validate(body, schema)).toEqual(expected);
	});

	it('reports several violations in document order', () => {
		expect(validate({ foo: 1, colors: ['#000000', '#111111', '#222222'] }, schema)).toEqual([
			'#: required key [taskType] not found',
			'#: extraneous key [foo] is not permitted',
			'#/colors: expected maximum item count: 2, found: 3',
		]);
	});

	it('counts string length in code points', () => {
		const emoji = '😀'.repeat(512);
		expect(
			validate({ taskType: 'TEXT_IMAGE', textToImageParams: { text: emoji } }, schema),
		).toEqual([]);
	});
});
