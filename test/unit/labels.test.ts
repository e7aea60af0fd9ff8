/**
 * `compareLabels` sorts as `localeCompare` does, without its ICU set-up at start-up: checked on
 * every label list of the pack's node descriptions and on the cases that differ from a plain
 * code-point sort.
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { AwsBedrockApi } from '../../credentials/AwsBedrockApi.credentials';
import { BedrockImage } from '../../nodes/BedrockImage/BedrockImage.node';
import { BedrockListModels } from '../../nodes/BedrockListModels/BedrockListModels.node';
import { BedrockText } from '../../nodes/BedrockText/BedrockText.node';
import { BedrockVideo } from '../../nodes/BedrockVideo/BedrockVideo.node';
import { compareLabels } from '../../nodes/shared/labels';

const sign = (value: number) => Math.sign(value);

type Entry = INodeProperties | INodePropertyOptions | INodePropertyCollection;

/** Every list of labels in the properties: option names and the fields of collections. */
function labelLists(properties: readonly Entry[], into: string[][] = []): string[][] {
	into.push(properties.map((entry) => ('displayName' in entry ? entry.displayName : entry.name)));
	for (const entry of properties) {
		const options = 'options' in entry ? entry.options : undefined;
		if (options && options.length > 0) {
			into.push(
				options.map((option) => ('displayName' in option ? option.displayName : option.name)),
			);
			labelLists(options as Entry[], into);
		}
		if ('values' in entry && Array.isArray(entry.values)) labelLists(entry.values, into);
	}
	return into;
}

test('agrees with localeCompare on every pair of labels in the node descriptions', () => {
	const lists = [
		...labelLists(new BedrockImage().description.properties),
		...labelLists(new BedrockText().description.properties),
		...labelLists(new BedrockListModels().description.properties),
		...labelLists(new BedrockVideo().description.properties),
		...labelLists(new AwsBedrockApi().properties),
	];
	const pairs = new Set<string>();
	const disagreements: string[] = [];
	for (const list of lists) {
		const labels = [...new Set(list)];
		for (const a of labels) {
			for (const b of labels) {
				const key = JSON.stringify([a, b]);
				if (pairs.has(key)) continue;
				pairs.add(key);
				if (sign(compareLabels(a, b)) !== sign(a.localeCompare(b))) disagreements.push(key);
			}
		}
	}
	expect(disagreements).toEqual([]);
	expect(pairs.size).toBeGreaterThan(1000);
});

test.each([
	['3D Model', 'Analog Film'],
	['a', 'B'],
	['B', 'c'],
	['apple', 'Apple'],
	['Fast blue', 'Fast Green'],
	['a b', 'ab'],
	['a-b', 'ab'],
	['a-b', 'a b'],
	['Item 10', 'Item 9'],
	['Seed', 'Seed (Advanced)'],
	['JPEG', 'Jpeg'],
])('%s vs %s', (a, b) => {
	expect(sign(compareLabels(a, b))).toBe(sign(a.localeCompare(b)));
	expect(sign(compareLabels(b, a))).toBe(sign(b.localeCompare(a)));
});
