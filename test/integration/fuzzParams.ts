/**
 * Random parameter sets for the Bedrock Image node, generated from the node's own field
 * descriptions (so a new family or field is fuzzed without touching this file): values in and
 * out of range, wrong types, empty and huge strings, and binary inputs that are valid images,
 * images the model does not take, or not images at all (bad bytes, other formats, misleading
 * MIME types).
 *
 * Every field of a run is an expression that reads the item's own value (`$json.p.<field>`),
 * so each item of one workflow run is a different parameter set.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { makeTestImage } from '../../emulator/src/images/output.ts';
import { mulberry32 } from '../../emulator/src/faults.ts';

export type Random = () => number;

export const random = (seed: number): Random => mulberry32(seed);

const pick = <T>(rng: Random, values: readonly T[]): T => values[Math.floor(rng() * values.length)];

/** Picks by weight: `[[weight, make], …]`. */
function weighted<T>(rng: Random, choices: Array<[number, () => T]>): T {
	const total = choices.reduce((sum, [weight]) => sum + weight, 0);
	let draw = rng() * total;
	for (const [weight, make] of choices) {
		draw -= weight;
		if (draw < 0) return make();
	}
	return choices[choices.length - 1][1]();
}

// ---------------------------------------------------------------------------------------------
// Binary inputs

export interface PoolFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** A 1x1 GIF (a format no Bedrock image model takes). */
const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function png(width: number, height: number, label: string, alpha = false): PoolFile {
	return {
		data: makeTestImage({ width, height, format: 'png', label, alpha }),
		fileName: `${label}.png`,
		mimeType: 'image/png',
	};
}

/** The files items can carry, by key; built once per test file. */
export function filePool(): Record<string, PoolFile> {
	const header = makeTestImage({ width: 1024, height: 1024, format: 'png', label: 'header' });
	return {
		png1024: png(1024, 1024, 'image-1024'),
		png1024b: png(1024, 1024, 'garment-1024'),
		mask1024: png(1024, 1024, 'mask-1024'),
		alpha1024: png(1024, 1024, 'alpha-1024', true),
		png512: png(512, 512, 'image-512'),
		mask512: png(512, 512, 'mask-512'),
		alpha512: png(512, 512, 'alpha-512', true),
		png832x1216: png(832, 1216, 'portrait'),
		png64: png(64, 64, 'tiny-64'),
		png32: png(32, 32, 'tiny-32'),
		pngWide: png(1600, 256, 'wide'),
		png2048: png(2048, 2048, 'big-2048'),
		jpeg640: {
			data: makeTestImage({ width: 640, height: 480, format: 'jpeg', label: 'jpeg' }),
			fileName: 'photo.jpg',
			mimeType: 'image/jpeg',
		},
		webp320: {
			data: makeTestImage({ width: 320, height: 320, format: 'webp', label: 'webp' }),
			fileName: 'image.webp',
			mimeType: 'image/webp',
		},
		// A PNG sent as a JPEG: the node must go by the bytes.
		pngAsJpeg: { ...png(512, 512, 'misnamed'), fileName: 'misnamed.jpg', mimeType: 'image/jpeg' },
		gif: { data: GIF_1X1, fileName: 'pixel.gif', mimeType: 'image/gif' },
		pdf: {
			data: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n'),
			fileName: 'document.pdf',
			mimeType: 'application/pdf',
		},
		// Random bytes labelled as a PNG.
		noise: {
			data: Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919 + 13) % 256)),
			fileName: 'noise.png',
			mimeType: 'image/png',
		},
		// A PNG signature and IHDR that claims 0x0.
		zeroSize: {
			data: Buffer.concat([header.subarray(0, 16), Buffer.alloc(8), header.subarray(24, 33)]),
			fileName: 'zero.png',
			mimeType: 'image/png',
		},
		text: {
			data: Buffer.from('not an image at all'),
			fileName: 'notes.txt',
			mimeType: 'text/plain',
		},
		// Base64 text of an image instead of its bytes.
		base64Text: {
			data: Buffer.from(makeTestImage({ width: 64, height: 64 }).toString('base64')),
			fileName: 'image.png',
			mimeType: 'image/png',
		},
	};
}

/** The binary fields items carry, and the pool files that make a coherent set (same sizes). */
export const BINARY_FIELDS = ['data', 'mask', 'style', 'garment', 'data2', 'image'] as const;

const COHERENT_SETS: Array<Record<(typeof BINARY_FIELDS)[number], string>> = [
	{
		data: 'png1024',
		mask: 'mask1024',
		style: 'png512',
		garment: 'png1024b',
		data2: 'png1024b',
		image: 'alpha1024',
	},
	{
		data: 'png512',
		mask: 'mask512',
		style: 'jpeg640',
		garment: 'png512',
		data2: 'webp320',
		image: 'alpha512',
	},
	{
		data: 'alpha1024',
		mask: 'mask1024',
		style: 'webp320',
		garment: 'png1024',
		data2: 'png1024',
		image: 'png1024',
	},
];

/** Which pool file each binary field of an item holds (absent fields left out). */
export function itemFiles(rng: Random, pool: Record<string, PoolFile>): Record<string, string> {
	const keys = Object.keys(pool);
	const set = pick(rng, COHERENT_SETS);
	const coherent = rng() < 0.6;
	const files: Record<string, string> = {};
	for (const field of BINARY_FIELDS) {
		if (rng() < 0.1) continue;
		files[field] = coherent && rng() < 0.9 ? set[field] : pick(rng, keys);
	}
	return files;
}

// ---------------------------------------------------------------------------------------------
// Field values

const WORDS = [
	'a',
	'lighthouse',
	'at',
	'dusk',
	'red',
	'car',
	'made',
	'of',
	'vegetables',
	'mountain',
	'lake',
	'portrait',
	'watercolor',
	'über',
	'café',
	'日本',
	'🚀',
	'"quoted"',
	"it's",
	'back\\slash',
	'new\nline',
	'tab\there',
	'{{ $json }}',
	'<b>html</b>',
	'%s',
	'null',
];

function text(rng: Random, words = 1 + Math.floor(rng() * 12)): string {
	return Array.from({ length: words }, () => pick(rng, WORDS)).join(' ');
}

/** Values of the wrong type for any field. */
function wrongType(rng: Random): unknown {
	return pick(rng, [
		42,
		-1,
		0,
		true,
		false,
		null,
		{},
		{ value: 'x' },
		[],
		['a', 'b'],
		'',
		'   ',
	] as unknown[]);
}

function isImageField(property: INodeProperties): boolean {
	return /binary field/i.test(property.hint ?? '');
}

function stringValue(rng: Random, property: INodeProperties): unknown {
	if (isImageField(property)) {
		const own = String(property.default || 'data');
		return weighted<unknown>(rng, [
			[50, () => own],
			[20, () => pick(rng, BINARY_FIELDS)],
			[8, () => 'missing'],
			[5, () => ` ${own} `],
			[4, () => ''],
			[13, () => wrongType(rng)],
		]);
	}
	if (property.name === 'inputImages') {
		return weighted<unknown>(rng, [
			[40, () => 'data'],
			[25, () => pick(rng, ['data, data2', 'data,data2,garment', 'data2 , image'])],
			[8, () => 'data,data,data,data,data,data'],
			[7, () => pick(rng, ['data,,data2', ',', 'missing', 'data;data2'])],
			[20, () => wrongType(rng)],
		]);
	}
	if (property.name === 'colors') {
		const hex = () =>
			`#${Math.floor(rng() * 0xffffff)
				.toString(16)
				.padStart(6, '0')}`;
		return weighted<unknown>(rng, [
			[45, () => Array.from({ length: 1 + Math.floor(rng() * 10) }, hex).join(', ')],
			[10, () => Array.from({ length: 11 }, hex).join(',')],
			[15, () => pick(rng, ['#12', 'red', '#GGGGGG', '#ff0000;#00ff00', '#FF9900,,#232F3E'])],
			[10, () => hex().toUpperCase()],
			[20, () => wrongType(rng)],
		]);
	}
	// Free text (prompts and the like).
	return weighted<unknown>(rng, [
		[55, () => text(rng)],
		[6, () => ''],
		[5, () => ' \n\t '],
		[4, () => 'x'.repeat(10_001 + Math.floor(rng() * 30_000))],
		[3, () => text(rng, 400)],
		[5, () => `BEFORE ${'é'.repeat(50)} AFTER`],
		[22, () => wrongType(rng)],
	]);
}

function numberValue(rng: Random, property: INodeProperties): unknown {
	const min = (property.typeOptions?.minValue as number | undefined) ?? -1000;
	const max = (property.typeOptions?.maxValue as number | undefined) ?? 1000;
	const precision = property.typeOptions?.numberPrecision as number | undefined;
	// Skewed to the low end: big sizes and many images per item cost the emulator most, and
	// the maximum itself is drawn on its own below.
	const inRange = () => {
		const span = Math.min(max - min, 10_000);
		const value = min + rng() ** 3 * span;
		return precision === undefined
			? Math.round(value)
			: Number(value.toFixed(Math.min(precision, 4)));
	};
	return weighted<unknown>(rng, [
		[25, () => property.default],
		[25, inRange],
		[8, () => min],
		[8, () => max],
		[6, () => min - (precision === undefined ? 1 : 0.01)],
		[6, () => max + (precision === undefined ? 1 : 0.01)],
		[4, () => inRange() + 0.5],
		[4, () => String(inRange())],
		[3, () => pick(rng, ['abc', '1e3', '0x10', ' 12 ', '12px'])],
		[3, () => pick(rng, [1e21, -1e21, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1])],
		[8, () => wrongType(rng)],
	]);
}

function optionsValue(rng: Random, property: INodeProperties): unknown {
	const values = (property.options ?? [])
		.map((option) => ('value' in option ? option.value : undefined))
		.filter((value) => value !== undefined);
	return weighted<unknown>(rng, [
		[75, () => pick(rng, values)],
		[6, () => 'NOT_AN_OPTION'],
		[5, () => String(pick(rng, values)).toUpperCase()],
		[5, () => String(pick(rng, values)).toLowerCase()],
		[9, () => wrongType(rng)],
	]);
}

function booleanValue(rng: Random): unknown {
	return weighted<unknown>(rng, [
		[80, () => rng() < 0.5],
		[8, () => pick(rng, ['true', 'false'])],
		[12, () => pick(rng, ['yes', 1, 0, null, 'TRUE', {}])],
	]);
}

/** A value for a fixedCollection (SDXL's weighted prompts): the right shape mostly. */
function fixedCollectionValue(rng: Random, property: INodeProperties): unknown {
	const [group] = (property.options ?? []) as Array<{ name: string; values: INodeProperties[] }>;
	if (!group) return wrongType(rng);
	return weighted<unknown>(rng, [
		[
			70,
			() => ({
				[group.name]: Array.from({ length: Math.floor(rng() * 4) }, () =>
					Object.fromEntries(group.values.map((value) => [value.name, fieldValue(rng, value)])),
				),
			}),
		],
		[10, () => ({ [group.name]: wrongType(rng) })],
		[10, () => ({ [group.name]: [wrongType(rng)] })],
		[10, () => wrongType(rng)],
	]);
}

/** A random value for one field: right or wrong, by the field's type and limits. */
export function fieldValue(rng: Random, property: INodeProperties): unknown {
	switch (property.type) {
		case 'string':
			return stringValue(rng, property);
		case 'number':
			return numberValue(rng, property);
		case 'options':
			return optionsValue(rng, property);
		case 'boolean':
			return booleanValue(rng);
		case 'fixedCollection':
			return fixedCollectionValue(rng, property);
		default:
			return wrongType(rng);
	}
}

/** One parameter set: each field set (or left out) at random; collections field by field. */
export function parameterSet(rng: Random, properties: INodeProperties[]): IDataObject {
	const set: Record<string, unknown> = {};
	for (const property of properties) {
		if (property.type === 'notice' || property.type === 'hidden') continue;
		if (property.type === 'collection') {
			const inner: Record<string, unknown> = {};
			for (const option of (property.options ?? []) as INodeProperties[]) {
				if (rng() < 0.45) inner[option.name] = fieldValue(rng, option);
			}
			set[property.name] = inner;
			continue;
		}
		// Left unset now and then: the node's default (or its "is empty" error) applies.
		if (rng() < 0.08) continue;
		set[property.name] = fieldValue(rng, property);
	}
	return set as IDataObject;
}

/**
 * The node parameters that read an item's set: every field an expression on `$json.p`, each
 * collection option one too (an option the item leaves out evaluates to undefined: unset).
 */
export function expressionParameters(properties: INodeProperties[]): IDataObject {
	const parameters: IDataObject = {};
	const path = (...keys: string[]) => keys.map((key) => `[${JSON.stringify(key)}]`).join('');
	for (const property of properties) {
		if (property.type === 'notice' || property.type === 'hidden') continue;
		if (property.type === 'collection') {
			parameters[property.name] = Object.fromEntries(
				((property.options ?? []) as INodeProperties[]).map((option) => [
					option.name,
					`={{ $json.p${path(property.name, option.name)} }}`,
				]),
			);
			continue;
		}
		parameters[property.name] = `={{ $json.p${path(property.name)} }}`;
	}
	return parameters;
}

/** Every display name in the properties (collection options and fixedCollection values too). */
export function displayNames(properties: readonly INodeProperties[], into = new Set<string>()) {
	for (const property of properties) {
		into.add(property.displayName);
		for (const option of (property.options ?? []) as Array<
			INodeProperties | { values?: INodeProperties[] }
		>) {
			if ('displayName' in option && 'type' in option) displayNames([option], into);
			if ('values' in option && option.values) displayNames(option.values, into);
		}
	}
	return into;
}
