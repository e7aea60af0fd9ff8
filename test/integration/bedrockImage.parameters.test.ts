/**
 * How the Bedrock Image node reads its fields per item: values without an expression are read
 * once per execution (n8n-core's per-call checks cost most of the node's CPU time per item,
 * docs/benchmark.md), values with an expression are evaluated for each item, also inside a
 * collection whose other options are plain values.
 */
import { SDXL_DATE } from '../../emulator/test/lifecycleDates.ts';
import { useEmulator } from './helpers.ts';
import { byId, invocations, runImageNode } from './imageHelpers.ts';

const emulator = useEmulator();

test('plain and expression values side by side, inside and outside a collection', async () => {
	// SDXL 1.0 reached its end of life on 2025-05-20.
	emulator.current.control.configure({ now: SDXL_DATE.date });
	const result = await runImageNode(emulator.current, {
		parameters: {
			operation: 'generate',
			modelId: byId('stability.stable-diffusion-xl-v1'),
			prompt: '={{ $json.subject }} at dusk',
			negativePrompt: 'blurry',
			sdxlSize: '1024x1024',
			modelOptions: { seed: '={{ $json.seed }}', steps: 20, cfgScale: 9 },
			options: { concurrency: 2 },
		},
		input: [
			{ json: { subject: 'A lighthouse', seed: 11 } },
			{ json: { subject: 'A harbour', seed: 12 } },
			{ json: { subject: 'A bridge', seed: 13 } },
		],
	});
	expect(result.error('Image')).toBeUndefined();
	const bodies = invocations(emulator.current)
		.map((call) => call.body as Record<string, unknown>)
		.sort((a, b) => (a.seed as number) - (b.seed as number));
	expect(bodies).toEqual(
		['A lighthouse', 'A harbour', 'A bridge'].map((subject, i) => ({
			text_prompts: [
				{ text: `${subject} at dusk`, weight: 1 },
				{ text: 'blurry', weight: -1 },
			],
			width: 1024,
			height: 1024,
			seed: 11 + i,
			steps: 20,
			cfg_scale: 9,
		})),
	);
	expect(result.output('Image').map((item) => item.json.seed)).toEqual([11, 12, 13]);
});

test('a plain value out of range fails every item with the same message', async () => {
	const result = await runImageNode(emulator.current, {
		parameters: {
			operation: 'generate',
			modelId: byId('stability.stable-diffusion-xl-v1'),
			prompt: '={{ $json.subject }}',
			modelOptions: { steps: 5 },
		},
		input: [{ json: { subject: 'A' } }, { json: { subject: 'B' } }],
		continueOnFail: true,
	});
	const errors = result.output('Image').map((item) => item.json.error);
	expect(errors).toHaveLength(2);
	expect(errors[0]).toMatch(/^Steps must be between 10 and \d+ \(got 5\)$/);
	expect(errors[1]).toBe(errors[0]);
	expect(invocations(emulator.current)).toHaveLength(0);
});

test('an expression that yields an object is refused as text, naming the field (found by the fuzz)', async () => {
	const result = await runImageNode(emulator.current, {
		parameters: {
			operation: 'transform',
			modelId: byId('stability.sd3-5-large-v1:0'),
			prompt: '={{ $json.prompt }}',
			inputImage: '={{ $json.field }}',
		},
		input: [
			{ json: { prompt: { text: 'A lighthouse' }, field: 'data' } },
			{ json: { prompt: 'A lighthouse', field: { name: 'data' } } },
		],
		continueOnFail: true,
	});
	expect(result.output('Image').map((item) => item.json.error)).toEqual([
		'Prompt must be text (got {"text":"A lighthouse"})',
		'Input Image Field must be text (got {"name":"data"})',
	]);
	expect(invocations(emulator.current)).toHaveLength(0);
});
