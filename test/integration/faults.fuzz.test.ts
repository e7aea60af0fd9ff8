/**
 * Fuzz: for every image family, 1,000 random parameter sets through the Bedrock Image node in
 * real n8n-core (fuzzParams.ts: in and out of range, wrong types, empty and huge strings, bad
 * bytes and wrong binary types). Each set is one item; a run holds many, with Continue On Fail.
 *
 * For every item, exactly one of:
 * - an image, from a request the emulator's validator accepted (the request log shows every
 *   request the node sent was answered 200: nothing the node lets through is refused);
 * - a rejection before any call: a NodeOperationError (no AWS error code) whose message names
 *   one of the fields, never a JavaScript error (TypeError and the like).
 * No unhandled rejection or uncaught exception in the process; the canary credentials used
 * never appear anywhere.
 *
 * The families come from the node itself, so a new family fails the test until it is given a
 * group and models below. FUZZ_SEED=<n> varies the sets (the seed is printed with any failure).
 * Failures list the family, operation, model and the item's parameter set.
 */
import path from 'node:path';

import type { IDataObject, IExecuteFunctions, INodeProperties, INodeType } from 'n8n-workflow';

import { PACK_ROOT, registerTestNodeType, runWorkflow } from '../../tooling/harness/n8n.ts';
import { LOGGED_REQUESTS, useEmulatorProcess } from './emulatorProcess.ts';
import { CANARY_IDENTITIES, SecretWatch, canaryCredentials } from './faultHelpers.ts';
import {
	type PoolFile,
	displayNames,
	expressionParameters,
	filePool,
	itemFiles,
	parameterSet,
	random,
} from './fuzzParams.ts';
import {
	AMAZON_IMAGE_DATE,
	SDXL_DATE,
	STABILITY_V1_0_DATE,
} from '../../emulator/test/lifecycleDates.ts';
import { byId } from './helpers.ts';

// In its own process: the fuzz has it encode hundreds of images (emulatorProcess.ts says why).
const emulator = useEmulatorProcess({ identities: CANARY_IDENTITIES, defaultRegion: 'us-west-2' });
const watch = new SecretWatch();

const SEED = Number(process.env.FUZZ_SEED ?? 20_251_121);
/** FUZZ_SETS=<n> for a quicker look while debugging; the suite's claim is 1,000. */
const SETS_PER_GROUP = Number(process.env.FUZZ_SETS ?? 1000);
const NODE = 'Image';
const RUN_SIZE = 100;
const FILES_NODE = 'test.fuzzFiles';

interface Family {
	id: string;
	exampleModelId: string;
	tasks: Record<string, { properties: INodeProperties[] } | undefined>;
}

// The node's own family registry and operations, as n8n runs them (dist/).
const load = process
	.getBuiltinModule('node:module')
	.createRequire(path.join(PACK_ROOT, 'package.json'));
const { FAMILIES } = load('./dist/nodes/BedrockImage/families/index.js') as {
	FAMILIES: Family[];
};
const { OPERATIONS } = load('./dist/nodes/BedrockImage/actions/operations.js') as {
	OPERATIONS: Record<string, { resource: string }>;
};

/**
 * The groups of families (every family must be in one), each with the date the emulator
 * runs at: retired families at a date they were Active (emulator/test/lifecycleDates.ts), the
 * image services today.
 */
const GROUPS: Array<[string, (id: string) => boolean, string | null]> = [
	['SDXL', (id) => id === 'sdxl', SDXL_DATE.date],
	[
		'SD3 / SD3.5 / Core / Ultra',
		(id) => id === 'sd3' || id === 'stableImage',
		STABILITY_V1_0_DATE.date,
	],
	['Stability image services', (id) => id.startsWith('stability'), null],
	['Titan Image', (id) => id.startsWith('titan'), AMAZON_IMAGE_DATE.date],
	['Nova Canvas', (id) => id === 'novaCanvas', AMAZON_IMAGE_DATE.date],
	['Nova 2 Omni', (id) => id === 'novaOmni', null],
];

/** Models invoked per family (besides its example ID), and the region that serves them. */
const MORE_MODELS: Record<string, string[]> = {
	sd3: ['stability.sd3-large-v1:0'],
	stableImage: [
		'stability.stable-image-core-v1:1',
		'stability.stable-image-ultra-v1:0',
		'stability.stable-image-core-v1:0',
	],
};
const regionOf = (family: Family) => (family.id === 'novaCanvas' ? 'eu-west-1' : 'us-west-2');

/** Messages of JavaScript errors that escaped the node's own checks. */
const JS_ERROR =
	/Cannot (read|set) propert|is not a function|is not iterable|is not defined|undefined|\[object Object\]|NaN|Unexpected token|Maximum call stack|Invalid array length|Invalid (string )?length|of null|toString|TypeError|RangeError|SyntaxError/;

const pool = filePool();

/** Attaches each item's pool files as binary data (one stored copy per file and run). */
const filesNode: INodeType = {
	description: {
		displayName: 'Fuzz Files',
		name: 'fuzzFiles',
		group: ['input'],
		version: 1,
		description: 'Attaches pool files named in $json.files as binary data',
		defaults: { name: 'Fuzz Files' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		const stored = new Map<string, Awaited<ReturnType<typeof this.helpers.prepareBinaryData>>>();
		const store = async (key: string) => {
			if (!stored.has(key)) {
				const file: PoolFile = pool[key];
				stored.set(
					key,
					await this.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType),
				);
			}
			return stored.get(key)!;
		};
		const items = this.getInputData();
		for (const item of items) {
			const files = (item.json.files ?? {}) as Record<string, string>;
			item.binary = {};
			for (const [field, key] of Object.entries(files)) item.binary[field] = await store(key);
		}
		return [items];
	},
};

const unexpected: string[] = [];
const onUnhandled = (error: unknown) => unexpected.push(String((error as Error)?.stack ?? error));

beforeAll(async () => {
	await registerTestNodeType(FILES_NODE, filesNode);
	process.on('unhandledRejection', onUnhandled);
	process.on('uncaughtException', onUnhandled);
});
afterAll(() => {
	process.off('unhandledRejection', onUnhandled);
	process.off('uncaughtException', onUnhandled);
});

const hashOf = (text: string) =>
	[...text].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 16_777_619), 2_166_136_261);

const shown = (value: unknown) => {
	const text = JSON.stringify(value, (_, member: unknown) =>
		typeof member === 'string' && member.length > 60 ? `<${member.length} chars>` : member,
	);
	return text.length > 400 ? `${text.slice(0, 400)}…` : text;
};

interface Tally {
	images: number;
	rejected: number;
	requests: number;
	failures: string[];
}

async function fuzzRun(
	family: Family,
	operation: string,
	modelId: string,
	chunk: number,
	count: number,
	tally: Tally,
): Promise<void> {
	const properties = family.tasks[operation]!.properties;
	const rng = random(SEED ^ hashOf(`${family.id}/${operation}/${modelId}/${chunk}`));
	const input = Array.from({ length: count }, () => ({
		json: { p: parameterSet(rng, properties), files: itemFiles(rng, pool) } as IDataObject,
	}));
	const names = displayNames(properties, displayNames(optionsFields()));
	names.add('Model');
	const label = `${family.id}/${operation}/${modelId} run ${chunk} (FUZZ_SEED=${SEED})`;

	await emulator.current.clearRequests();
	const result = await runWorkflow({
		nodes: [
			{ name: 'Fuzz Files', type: FILES_NODE },
			{
				name: NODE,
				type: 'bedrockImage',
				parameters: {
					resource: OPERATIONS[operation].resource,
					operation,
					modelId: byId(modelId),
					...expressionParameters(properties),
					// Two attempts: a keep-alive socket the emulator closes as it is reused is retried,
					// as in normal use; the emulator's refusals (4xx) are never retried.
					options: { concurrency: 16, maxAttempts: 2, timeoutSeconds: 60 },
				},
				continueOnFail: true,
			},
		],
		input,
		credentials: canaryCredentials(emulator.current, 'accessKeys', {
			region: regionOf(family),
		}),
	});
	watch.add(result, NODE);
	const failed = result.error(NODE) ?? result.error();
	if (failed) tally.failures.push(`${label}: the node failed: ${failed.message}`);

	const answered = new Set<number>();
	for (const item of result.output(NODE)) {
		const index = (item.pairedItem as { item: number } | undefined)?.item ?? -1;
		answered.add(index);
		const set = shown(input[index]?.json);
		const error = item.json.error;
		if (error === undefined) {
			tally.images++;
			if (!item.binary?.data) tally.failures.push(`${label} #${index}: no image, no error: ${set}`);
			continue;
		}
		tally.rejected++;
		const message = String(error);
		if (item.json.code !== undefined) {
			tally.failures.push(
				`${label} #${index}: call failed (${String(item.json.code)}): ${message} | ${set}`,
			);
		} else if (JS_ERROR.test(message)) {
			tally.failures.push(`${label} #${index}: JavaScript error: ${message} | ${set}`);
		} else if (![...names].some((name) => message.includes(name))) {
			tally.failures.push(`${label} #${index}: the error names no field: ${message} | ${set}`);
		}
	}
	for (let index = 0; index < count; index++) {
		if (!answered.has(index)) tally.failures.push(`${label} #${index}: no output item`);
	}

	const logged = await emulator.current.requests();
	if (logged.length >= LOGGED_REQUESTS) {
		tally.failures.push(`${label}: the emulator's request log overflowed: make the runs smaller`);
	}
	const requests = logged.filter(
		(request) => request.operation === 'InvokeModel' || request.operation === 'Converse',
	);
	tally.requests += requests.length;
	for (const request of requests) {
		if (request.status !== 200) {
			tally.failures.push(
				`${label}: the emulator answered ${request.status} ${request.errorType ?? ''} to ${shown(request.body)}`,
			);
		}
	}
}

let optionsCache: INodeProperties[] | undefined;
/** The node's Options collection (its fields may be named in errors too). */
function optionsFields(): INodeProperties[] {
	if (!optionsCache) {
		const { BedrockImage } = load('./dist/nodes/BedrockImage/BedrockImage.node.js') as {
			BedrockImage: new () => INodeType;
		};
		optionsCache = new BedrockImage().description.properties.filter(
			(property) => property.name === 'options',
		);
	}
	return optionsCache;
}

test('every family of the node belongs to a fuzz group', () => {
	const ungrouped = FAMILIES.filter((family) => !GROUPS.some(([, member]) => member(family.id)));
	expect(ungrouped.map((family) => family.id)).toEqual([]);
});

describe.each(GROUPS)('%s', (group, member, date) => {
	// A generous bound for a loaded CI machine; the usual time is printed.
	test(`${SETS_PER_GROUP} random parameter sets: images or clear rejections, nothing the emulator refuses`, async () => {
		await emulator.current.configure({ now: date });
		const families = FAMILIES.filter((family) => member(family.id));
		const pairs = families.flatMap((family) =>
			Object.keys(family.tasks)
				.filter((operation) => family.tasks[operation])
				.map((operation) => ({ family, operation })),
		);
		expect(pairs.length).toBeGreaterThan(0);
		const tally: Tally = { images: 0, rejected: 0, requests: 0, failures: [] };
		const perPair = Math.ceil(SETS_PER_GROUP / pairs.length);
		const started = Date.now();
		for (const { family, operation } of pairs) {
			const models = [family.exampleModelId, ...(MORE_MODELS[family.id] ?? [])];
			for (const [m, modelId] of models.entries()) {
				let count = Math.floor(perPair / models.length) + (m < perPair % models.length ? 1 : 0);
				// Runs of at most RUN_SIZE sets keep each run's requests within the emulator's log.
				for (let chunk = 0; count > 0; chunk++, count -= RUN_SIZE) {
					await fuzzRun(family, operation, modelId, chunk, Math.min(count, RUN_SIZE), tally);
				}
			}
		}
		process.stdout.write(
			`[fuzz] ${group}: ${pairs.length} family/operation pairs, ${tally.images} images, ${tally.rejected} rejections, ${tally.requests} requests, ${Date.now() - started} ms\n`,
		);
		expect(tally.failures.slice(0, 25)).toEqual([]);
		expect(tally.failures).toHaveLength(0);
		// Both paths were exercised: the sets are neither all valid nor all invalid.
		expect(tally.images).toBeGreaterThan(0);
		expect(tally.rejected).toBeGreaterThan(0);
		expect(unexpected).toEqual([]);
	}, 180_000);
});

test('no canary secret appears in any output, error or log line of the fuzz runs', async () => {
	await watch.expectClean();
});
