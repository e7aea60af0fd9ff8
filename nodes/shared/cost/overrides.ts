/**
 * An administrator's own prices (negotiated rates, a region's prices, a price AWS changed):
 * the environment variable `N8N_BEDROCK_PRICES_FILE` names a JSON file holding an array of
 * rows with the table's keys. Its rows replace the built-in rows of the same model and
 * dimension, and add models the table lacks. The file is checked when it is read, and a
 * mistake stops the node with the file, the row and what is wrong: a budget held with a price
 * nobody meant is worse than no run.
 *
 * Read once per process and again only when the file changes (path, modification time and
 * size), so editing it takes effect at the next node run without a restart.
 */
import { readFileSync, statSync } from 'node:fs';

import {
	defaultPer,
	PRICE_DIMENSIONS,
	tierProblem,
	type PriceDimension,
	type PriceRow,
	type PriceTier,
} from './priceTable';

export const PRICES_FILE_ENV = 'N8N_BEDROCK_PRICES_FILE';

/** A row of the override file, with where it came from for `priceSource`. */
export interface OverrideRow extends PriceRow {
	/** The file, as the environment variable gives it. */
	file: string;
	/** 1-based position in the file's array. */
	position: number;
}

export class PriceFileError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PriceFileError';
	}
}

const KEYS = ['modelId', 'dimension', 'tier', 'usd', 'per', 'source', 'date', 'notes'];

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One entry of the file as a row, or the reason it is not one. */
function parseRow(entry: unknown, file: string, position: number): OverrideRow {
	const where = `${PRICES_FILE_ENV} file ${file}, row ${position}`;
	const fail = (problem: string, modelId?: unknown): never => {
		throw new PriceFileError(
			`${where}${typeof modelId === 'string' ? ` (${modelId})` : ''}: ${problem}`,
		);
	};
	if (!isObject(entry)) return fail('each row must be a JSON object');
	const { modelId, dimension, tier = {}, usd, per, source, date, notes } = entry;
	const named = modelId;
	const unknown = Object.keys(entry).filter((key) => !KEYS.includes(key));
	if (unknown.length > 0) {
		fail(
			`unknown key ${unknown.map((key) => `"${key}"`).join(', ')}; rows have ${KEYS.join(', ')}`,
			named,
		);
	}
	if (typeof modelId !== 'string' || modelId.trim() === '') {
		fail('modelId must be a foundation model ID such as "stability.sd3-5-large-v1:0"');
	}
	if (!(PRICE_DIMENSIONS as readonly unknown[]).includes(dimension)) {
		fail(
			`dimension must be one of ${PRICE_DIMENSIONS.join(', ')} (got ${JSON.stringify(dimension)})`,
			named,
		);
	}
	if (typeof usd !== 'number' || !Number.isFinite(usd) || usd < 0) {
		fail(`usd must be a number of at least 0 (got ${JSON.stringify(usd)})`, named);
	}
	if (per !== undefined && (typeof per !== 'number' || !Number.isFinite(per) || per <= 0)) {
		fail(`per must be a number above 0 (got ${JSON.stringify(per)})`, named);
	}
	if (!isObject(tier)) fail('tier must be an object such as {"quality": "premium"}', named);
	for (const [key, value] of Object.entries(tier as Record<string, unknown>)) {
		const problem = tierProblem(key, value);
		if (problem) fail(problem, named);
	}
	for (const [key, value] of Object.entries({ source, date, notes })) {
		if (value !== undefined && typeof value !== 'string') fail(`${key} must be text`, named);
	}
	return {
		modelId: (modelId as string).trim(),
		dimension: dimension as PriceDimension,
		tier: tier as PriceTier,
		usd: usd as number,
		per: (per as number | undefined) ?? defaultPer(dimension as PriceDimension),
		source: (source as string | undefined) ?? '',
		date: (date as string | undefined) ?? '',
		...(typeof notes === 'string' ? { notes } : {}),
		file,
		position,
	};
}

/** The rows of an override file's text; throws naming the file and the row at fault. */
export function parseOverrideFile(text: string, file: string): OverrideRow[] {
	let parsed: unknown;
	let invalid: string | undefined;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		invalid = (error as Error).message;
	}
	if (invalid !== undefined) {
		throw new PriceFileError(`${PRICES_FILE_ENV} file ${file} is not valid JSON: ${invalid}`);
	}
	if (!Array.isArray(parsed)) {
		throw new PriceFileError(
			`${PRICES_FILE_ENV} file ${file} must hold a JSON array of price rows (docs/cost.md)`,
		);
	}
	return parsed.map((entry, index) => parseRow(entry, file, index + 1));
}

let cached: { key: string; rows: OverrideRow[] } | undefined;

/**
 * The override rows named by the environment, none when the variable is unset or empty.
 * @throws {PriceFileError} when the file cannot be read or a row is malformed
 */
export function overrideRows(env: NodeJS.ProcessEnv = process.env): OverrideRow[] {
	const file = env[PRICES_FILE_ENV]?.trim();
	if (!file) return [];
	let key: string | undefined;
	let unreadable: string | undefined;
	try {
		const stat = statSync(file);
		key = `${file}|${stat.mtimeMs}|${stat.size}`;
	} catch (error) {
		unreadable = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
	}
	if (key === undefined) {
		throw new PriceFileError(
			`${PRICES_FILE_ENV} names ${file}, which cannot be read: ${unreadable}`,
		);
	}
	if (cached?.key === key) return cached.rows;
	const rows = parseOverrideFile(readFileSync(file, 'utf8'), file);
	cached = { key, rows };
	return rows;
}
