/**
 * The item runner's concurrency: `concurrency` bounds the items calling Bedrock; an item that
 * says its calls are done lets the next one call while it finishes (stores its images), so at
 * concurrency 1 the calls stay strictly sequential but no longer wait for the previous store.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runItems, type ItemWork } from '../../nodes/shared/runItems';

function context(items: number, options: { continueOnFail?: boolean; signal?: AbortSignal } = {}) {
	return {
		getInputData: () => Array.from({ length: items }, (_, i) => ({ json: { i } })),
		continueOnFail: () => options.continueOnFail ?? false,
		getExecutionCancelSignal: () => options.signal,
		getNode: () => ({ name: 'Test', type: 'test', typeVersion: 1, parameters: {} }),
	} as unknown as IExecuteFunctions;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

/** Work that "calls" (two ticks), optionally says so, then "stores" (two ticks); logs each step. */
function recordingWork(log: string[], options: { signalDone: boolean; failAt?: number }): ItemWork {
	return async (index, callsDone) => {
		log.push(`call ${index}`);
		await tick();
		await tick();
		if (index === options.failAt) {
			log.push(`failed ${index}`);
			throw new Error(`item ${index} failed`);
		}
		log.push(`called ${index}`);
		if (options.signalDone) callsDone();
		await tick();
		await tick();
		log.push(`stored ${index}`);
		return [{ json: { index } } as INodeExecutionData];
	};
}

/** The largest number of calls in flight at once, from the log (from entry `from` on). */
function maxCallsInFlight(log: string[], from = 0): number {
	let inFlight = 0;
	let max = 0;
	for (const [index, entry] of log.entries()) {
		if (entry.startsWith('call ')) inFlight++;
		if (entry.startsWith('called ') || entry.startsWith('failed ')) inFlight--;
		if (index >= from) max = Math.max(max, inFlight);
	}
	return max;
}

test('concurrency 1: calls one after the other; the next call does not wait for the store', async () => {
	const log: string[] = [];
	const output = await runItems(context(4), 1, recordingWork(log, { signalDone: true }));
	expect(output.map((item) => item.json.index)).toEqual([0, 1, 2, 3]);
	expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	expect(maxCallsInFlight(log)).toBe(1);
	for (let i = 0; i < 3; i++) {
		expect(log.indexOf(`call ${i + 1}`)).toBeGreaterThan(log.indexOf(`called ${i}`));
		expect(log.indexOf(`call ${i + 1}`)).toBeLessThan(log.indexOf(`stored ${i}`));
	}
});

test('concurrency 1 without callsDone: each item ends before the next starts', async () => {
	const log: string[] = [];
	await runItems(context(3), 1, recordingWork(log, { signalDone: false }));
	expect(log).toEqual([
		'call 0',
		'called 0',
		'stored 0',
		'call 1',
		'called 1',
		'stored 1',
		'call 2',
		'called 2',
		'stored 2',
	]);
});

test('concurrency 3: at most three calls at once, items started in input order', async () => {
	const log: string[] = [];
	const output = await runItems(context(10), 3, recordingWork(log, { signalDone: true }));
	expect(output.map((item) => item.json.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	expect(maxCallsInFlight(log)).toBe(3);
	const started = log.filter((entry) => entry.startsWith('call ')).map((entry) => entry.slice(5));
	expect(started).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
});

test('a failure starts no further item and is thrown once the started ones settle', async () => {
	const log: string[] = [];
	await expect(
		runItems(context(6), 1, recordingWork(log, { signalDone: true, failAt: 1 })),
	).rejects.toThrow('item 1 failed');
	expect(log.filter((entry) => entry.startsWith('call '))).toEqual(['call 0', 'call 1']);
	expect(log).toContain('stored 0');
});

test('with Continue On Fail the failed item becomes an error item in its place', async () => {
	const log: string[] = [];
	const output = await runItems(
		context(3, { continueOnFail: true }),
		1,
		recordingWork(log, { signalDone: true, failAt: 1 }),
	);
	expect(output.map((item) => item.json.index ?? item.json.error)).toEqual([0, 'item 1 failed', 2]);
});

test('a cancelled execution starts no further item', async () => {
	const controller = new AbortController();
	const log: string[] = [];
	const work = recordingWork(log, { signalDone: true });
	await runItems(
		context(5, { signal: controller.signal }),
		1,
		async (index, callsDone, parallel) => {
			if (index === 1) controller.abort();
			return await work(index, callsDone, parallel);
		},
	);
	expect(log.filter((entry) => entry.startsWith('call '))).toEqual(['call 0', 'call 1']);
});

// Several calls per item (Number of Images) --------------------------------------------------

/**
 * Work whose item makes `calls` calls through `parallel` (two ticks each), logging `call i.k`
 * and `called i.k`, then says its calls are done and "stores" (two ticks).
 */
function parallelWork(log: string[], calls: number, failing?: string): ItemWork {
	return async (index, callsDone, parallel) => {
		const results = await parallel(
			Array.from({ length: calls }, (_, k) => async () => {
				log.push(`call ${index}.${k}`);
				await tick();
				await tick();
				if (failing === `${index}.${k}`) {
					log.push(`failed ${index}.${k}`);
					throw new Error(`call ${index}.${k} failed`);
				}
				log.push(`called ${index}.${k}`);
				return k;
			}),
		);
		callsDone();
		await tick();
		await tick();
		return results.map((k) => ({ json: { index, k } }) as INodeExecutionData);
	};
}

test('one item, four calls, concurrency 2: two calls at a time, results in call order', async () => {
	const log: string[] = [];
	const output = await runItems(context(1), 2, parallelWork(log, 4));
	expect(output.map((item) => item.json.k)).toEqual([0, 1, 2, 3]);
	expect(maxCallsInFlight(log)).toBe(2);
	expect(log.filter((entry) => entry.startsWith('call '))).toHaveLength(4);
});

test('three items of three calls, concurrency 2: never more than two calls in the batch', async () => {
	const log: string[] = [];
	const output = await runItems(context(3), 2, parallelWork(log, 3));
	expect(output.map((item) => `${String(item.json.index)}.${String(item.json.k)}`)).toEqual([
		'0.0',
		'0.1',
		'0.2',
		'1.0',
		'1.1',
		'1.2',
		'2.0',
		'2.1',
		'2.2',
	]);
	expect(maxCallsInFlight(log)).toBe(2);
	expect(log.filter((entry) => entry.startsWith('called '))).toHaveLength(9);
});

test('concurrency 1: the calls of an item run one after the other', async () => {
	const log: string[] = [];
	await runItems(context(1), 1, parallelWork(log, 3));
	expect(log).toEqual([
		'call 0.0',
		'called 0.0',
		'call 0.1',
		'called 0.1',
		'call 0.2',
		'called 0.2',
	]);
});

test('a failed call starts no further call of the item and fails the item', async () => {
	const log: string[] = [];
	const output = await runItems(
		context(2, { continueOnFail: true }),
		1,
		parallelWork(log, 3, '0.1'),
	);
	expect(log.filter((entry) => entry.startsWith('call 0.'))).toEqual(['call 0.0', 'call 0.1']);
	expect(
		output.map((item) => item.json.error ?? `${String(item.json.index)}.${String(item.json.k)}`),
	).toEqual(['call 0.1 failed', '1.0', '1.1', '1.2']);
});

test('slots go back to the batch: the last, longest item ends up with all of them', async () => {
	const log: string[] = [];
	// Items 0–4 make one call each, item 5 nine: once the others are done, item 5's waiting
	// requests get the freed slots. A lost slot (or a request left in the queue) would cap it lower.
	const work: ItemWork = async (index, callsDone, parallel) =>
		await parallelWork(log, index === 5 ? 9 : 1)(index, callsDone, parallel);
	const output = await runItems(context(6), 3, work);
	expect(output).toHaveLength(5 + 9);
	expect(maxCallsInFlight(log)).toBe(3);
	expect(maxCallsInFlight(log, log.indexOf('called 4.0') + 1)).toBe(3);
});
