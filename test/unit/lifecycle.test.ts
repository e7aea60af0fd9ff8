/**
 * The lifecycle notice and labels: what the catalog says (Legacy with its end-of-life date, past
 * end of life), what happens, and a successor only when the region lists it as Active.
 */
import { successorOf } from '../../nodes/shared/aws/successors.ts';
import { lifecycleSentence } from '../../nodes/shared/lifecycle.ts';
import {
	isPastEndOfLife,
	lifecycleLabel,
	type Lifecycle,
} from '../../nodes/shared/modelCatalog.ts';
import type { ModelFacts } from '../../nodes/shared/modelFacts.ts';

const NOW = Date.parse('2026-12-06T09:00:00Z');
const ACTIVE: Lifecycle = { status: 'ACTIVE' };

/** A region's facts: each model with its lifecycle and the IDs it is invoked with. */
function facts(models: Array<[modelId: string, lifecycle: Lifecycle, invokeWith?: string[]]>) {
	const result: ModelFacts = {
		lifecycles: new Map(),
		profileModels: new Map(),
		invokeWith: new Map(),
	};
	for (const [modelId, lifecycle, invokeWith = [modelId]] of models) {
		result.lifecycles.set(modelId, lifecycle);
		result.invokeWith.set(modelId, invokeWith);
		for (const id of invokeWith) result.lifecycles.set(id, lifecycle);
	}
	return result;
}

const legacy = (endOfLifeTime?: string, publicExtendedAccessTime?: string): Lifecycle => ({
	status: 'LEGACY',
	...(endOfLifeTime ? { endOfLifeTime } : {}),
	...(publicExtendedAccessTime ? { publicExtendedAccessTime } : {}),
});

describe('labels in the pickers and List Models', () => {
	test('Active has none; Legacy shows its end of life; a past end of life says so', () => {
		expect(lifecycleLabel(ACTIVE, NOW)).toBeUndefined();
		expect(lifecycleLabel(legacy('2027-01-08T00:00:00Z'), NOW)).toBe(
			'Legacy, end of life 2027-01-08',
		);
		expect(lifecycleLabel(legacy(), NOW)).toBe('Legacy');
		expect(lifecycleLabel(legacy('2025-05-20T00:00:00Z'), NOW)).toBe(
			'End of life since 2025-05-20',
		);
		// Not an API value, but a catalog that says so is believed.
		expect(lifecycleLabel({ status: 'EOL' }, NOW)).toBe('End of life');
		expect(isPastEndOfLife(legacy('2026-12-06T09:00:00Z'), NOW)).toBe(true);
		expect(isPastEndOfLife(legacy('2026-12-06T09:00:01Z'), NOW)).toBe(false);
		expect(isPastEndOfLife(undefined, NOW)).toBe(false);
	});
});

describe('the notice of an invoked model', () => {
	test('Active: none', () => {
		expect(
			lifecycleSentence('stability.sd3-5-large-v1:0', 'us-west-2', ACTIVE, facts([]), NOW),
		).toBeUndefined();
	});

	test('Legacy: when it stops, the higher price since public extended access, the successor offered here', () => {
		const region = facts([
			['stability.stable-image-core-v1:0', legacy('2027-03-01T00:00:00Z', '2026-12-01T00:00:00Z')],
			['stability.stable-image-core-v1:1', ACTIVE],
		]);
		expect(
			lifecycleSentence(
				'stability.stable-image-core-v1:0',
				'us-west-2',
				region.lifecycles.get('stability.stable-image-core-v1:0'),
				region,
				NOW,
			),
		).toBe(
			'stability.stable-image-core-v1:0 is Legacy in us-west-2: Bedrock stops serving it on 2027-03-01, and bills it at the higher public extended access price since 2026-12-01. Move to Stable Image Core v1:1 (stability.stable-image-core-v1:1).',
		);
	});

	test('the successor is named with the ID it is invoked with here (a profile)', () => {
		const region = facts([
			[
				'anthropic.claude-3-5-haiku-20241022-v1:0',
				legacy('2027-06-19T00:00:00Z', '2027-03-19T00:00:00Z'),
			],
			[
				'anthropic.claude-haiku-4-5-20251001-v1:0',
				ACTIVE,
				['us.anthropic.claude-haiku-4-5-20251001-v1:0'],
			],
		]);
		expect(
			lifecycleSentence(
				'anthropic.claude-3-5-haiku-20241022-v1:0',
				'us-east-1',
				region.lifecycles.get('anthropic.claude-3-5-haiku-20241022-v1:0'),
				region,
				NOW,
			),
		).toBe(
			'anthropic.claude-3-5-haiku-20241022-v1:0 is Legacy in us-east-1: Bedrock stops serving it on 2027-06-19, and bills it at the higher public extended access price from 2027-03-19. Move to Claude Haiku 4.5 (anthropic.claude-haiku-4-5-20251001-v1:0), invoked in us-east-1 as us.anthropic.claude-haiku-4-5-20251001-v1:0.',
		);
	});

	test('a successor the region lacks, or lists as Legacy, is not suggested', () => {
		const lacking = facts([['amazon.nova-canvas-v1:0', legacy('2027-09-30T00:00:00Z')]]);
		const advice =
			'Move to an active model: Bedrock List Models (List Invocable Models, Include Legacy Models off) shows those of eu-west-1.';
		expect(
			lifecycleSentence(
				'amazon.nova-canvas-v1:0',
				'eu-west-1',
				lacking.lifecycles.get('amazon.nova-canvas-v1:0'),
				lacking,
				NOW,
			),
		).toBe(
			`amazon.nova-canvas-v1:0 is Legacy in eu-west-1: Bedrock stops serving it on 2027-09-30. ${advice}`,
		);
		const retiredSuccessor = facts([
			['stability.sd3-large-v1:0', legacy('2027-09-30T00:00:00Z')],
			['stability.sd3-5-large-v1:0', legacy('2027-12-31T00:00:00Z')],
		]);
		expect(
			lifecycleSentence(
				'stability.sd3-large-v1:0',
				'eu-west-1',
				retiredSuccessor.lifecycles.get('stability.sd3-large-v1:0'),
				retiredSuccessor,
				NOW,
			),
		).toMatch(/Move to an active model: /);
	});

	test('past its end-of-life date but still answering: it can stop at any time', () => {
		const region = facts([
			['stability.stable-diffusion-xl-v1', legacy('2025-05-20T00:00:00Z')],
			['stability.sd3-5-large-v1:0', ACTIVE],
		]);
		expect(
			lifecycleSentence(
				'stability.stable-diffusion-xl-v1',
				'us-west-2',
				region.lifecycles.get('stability.stable-diffusion-xl-v1'),
				region,
				NOW,
			),
		).toBe(
			'stability.stable-diffusion-xl-v1 is past its end of life in us-west-2 (2025-05-20): Bedrock still answered, but can stop serving it at any time. Move to SD3.5 Large (stability.sd3-5-large-v1:0).',
		);
	});
});

test('every successor is a current model, never one that has a successor itself', () => {
	const retired = [
		'stability.stable-diffusion-xl-v1',
		'stability.sd3-large-v1:0',
		'stability.stable-image-core-v1:0',
		'stability.stable-image-ultra-v1:0',
		'amazon.titan-image-generator-v2:0',
		'amazon.nova-canvas-v1:0',
		'anthropic.claude-3-haiku-20240307-v1:0',
		'anthropic.claude-3-7-sonnet-20250219-v1:0',
		'anthropic.claude-sonnet-4-20250514-v1:0',
	];
	for (const modelId of retired) {
		const successor = successorOf(modelId);
		expect(successor?.modelIds.length).toBeGreaterThan(0);
		for (const next of successor?.modelIds ?? []) {
			expect([modelId, next, successorOf(next)]).toEqual([modelId, next, undefined]);
			expect(successor?.text).toContain(next);
		}
	}
	expect(successorOf('stability.sd3-5-large-v1:0')).toBeUndefined();
	expect(successorOf(undefined)).toBeUndefined();
});
