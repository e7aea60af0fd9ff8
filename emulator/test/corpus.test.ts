/**
 * Replays the real-world corpus (corpus/README.md): request bodies real users sent to Amazon
 * Bedrock, with what Bedrock answered, sent to the emulator as signed HTTP requests at the
 * entry's date and region. It prints the agreement and fails when
 * - the emulator rejects a request real Bedrock was seen to accept (never allowed), or
 * - an entry disagrees and corpus/known-differences.json does not explain why, or
 * - a listed known difference no longer differs (the list must stay true).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

import { statusAt } from '../src/catalog/lifecycle.ts';
import { DEFAULT_APPLICATION_PROFILES } from '../src/inferenceProfiles.ts';
import { makeTestImage } from '../src/images/output.ts';
import { type RunningEmulator, startEmulator } from '../src/index.ts';
import { identifyModel } from '../src/modelResolution.ts';
import { DEFAULT_ACCESS_DENIED_MODELS } from '../src/state.ts';
import { EXAMPLE_CREDENTIALS } from './sdkHarness.ts';

interface Outcome {
	accepted: boolean;
	exception?: string;
	status?: number | null;
	message?: string;
	partial?: boolean;
}

interface Replay {
	skip?: string;
	body?: unknown;
	modelId?: string;
	rawPath?: boolean;
	account?: { accessDeniedModels?: string[]; inactiveLegacyModels?: string[] };
	why?: string;
}

interface Entry {
	id: string;
	api: string;
	modelId: string | null;
	region: string | null;
	body: unknown;
	bodyExact?: boolean;
	outcome: Outcome;
	source: string;
	evidence: string;
	date: string | null;
	replay?: Replay;
}

interface Answer {
	status: number;
	exception?: string;
	message?: string;
}

interface Result {
	entry: Entry;
	answer: Answer;
	agrees: boolean;
	why: string[];
}

const CORPUS = join(__dirname, 'corpus');
const read = <T>(file: string): T => JSON.parse(readFileSync(join(CORPUS, file), 'utf8')) as T;
const ENTRIES = [...read<Entry[]>('images.json'), ...read<Entry[]>('text.json')];
const KNOWN = new Map(
	read<Array<{ id: string; why: string }>>('known-differences.json').map((known) => [
		known.id,
		known.why,
	]),
);
const REGIONS = ['us-east-1', 'us-west-2', 'us-east-2', 'eu-west-1', 'eu-central-1'];
const RUNTIME_PATHS: Record<string, string> = {
	InvokeModel: 'invoke',
	InvokeModelWithResponseStream: 'invoke-with-response-stream',
	Converse: 'converse',
	ConverseStream: 'converse-stream',
};
/** A one-page PDF for `{"$document": "pdf"}` markers (Converse checks the `%PDF-` signature). */
const PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);

let emulator: RunningEmulator;
const results: Result[] = [];
const skipped: Entry[] = [];

beforeAll(async () => {
	emulator = await startEmulator();
	for (const entry of ENTRIES) {
		if (entry.replay?.skip) {
			skipped.push(entry);
			continue;
		}
		const answer = await replay(entry);
		const why = compare(entry.outcome, answer);
		results.push({ entry, answer, agrees: why.length === 0, why });
	}
	report();
}, 480_000); // 141 signed calls, many rendering full-size images: about a minute of one core, longer beside other suites
afterAll(() => emulator.stop());

describe('the real-world corpus', () => {
	it('holds at least 100 entries, each with a public source and an evidence grade', () => {
		expect(ENTRIES.length).toBeGreaterThanOrEqual(100);
		expect(new Set(ENTRIES.map((entry) => entry.id)).size).toBe(ENTRIES.length);
		for (const entry of ENTRIES) {
			expect(entry.source).toMatch(/^https:\/\//);
			expect(['observed', 'recorded', 'sample', 'doc']).toContain(entry.evidence);
		}
		expect(
			skipped.every((entry) => entry.body === null || entry.api === 'GetFoundationModel'),
		).toBe(true);
	});

	it('never rejects a request real Bedrock was seen to accept', () => {
		const refused = results.filter(
			(result) => result.entry.outcome.accepted && !accepted(result.answer),
		);
		expect(refused.map(describeResult)).toEqual([]);
	});

	it('agrees with every other entry, or the difference is listed with why the evidence is weak', () => {
		const unexplained = results.filter((result) => !result.agrees && !KNOWN.has(result.entry.id));
		expect(unexplained.map(describeResult)).toEqual([]);
	});

	it('lists no known difference that has gone away', () => {
		const agreeing = results.filter((result) => result.agrees).map((result) => result.entry.id);
		const replayed = new Set(results.map((result) => result.entry.id));
		expect([...KNOWN.keys()].filter((id) => agreeing.includes(id) || !replayed.has(id))).toEqual(
			[],
		);
	});
});

async function replay(entry: Entry): Promise<Answer> {
	const modelId = entry.replay?.modelId ?? entry.modelId ?? undefined;
	const date = replayDate(entry, modelId);
	const region = entry.region ?? regionOffering(modelId, date);
	const account = entry.replay?.account ?? {};
	emulator.control.configure({
		now: date,
		accessDeniedModels: [...DEFAULT_ACCESS_DENIED_MODELS, ...(account.accessDeniedModels ?? [])],
		inactiveLegacyModels: account.inactiveLegacyModels ?? [],
	});
	const body = synthesise(entry.replay?.body ?? entry.body);
	const request = requestFor(entry, modelId, body);
	return await send(request, region);
}

/** The entry's date; undated entries run on a day the model was Active (today if it still is). */
function replayDate(entry: Entry, modelId: string | undefined): string {
	if (entry.date) return entry.date.length === 7 ? `${entry.date}-01` : entry.date;
	const base = modelId?.replace(/^(us|eu|apac|global)\./, '');
	const today = new Date().toISOString().slice(0, 10);
	if (!base || statusAt(base, Date.now()) === 'ACTIVE') return today;
	// The last day the lifecycle table shows it Active: search back a day at a time (the table's dates are days).
	let time = Date.now();
	while (statusAt(base, time) !== 'ACTIVE') time -= 86_400_000;
	return new Date(time).toISOString().slice(0, 10);
}

/** The region of a request that recorded none: the first region whose catalog resolves the model. */
function regionOffering(modelId: string | undefined, date: string): string {
	if (!modelId) return 'us-east-1';
	return (
		REGIONS.find((region) =>
			identifyModel(modelId, {
				region,
				accountId: '123456789012',
				applicationProfiles: DEFAULT_APPLICATION_PROFILES,
				accessDeniedModels: [],
				inactiveLegacyModels: [],
				now: Date.parse(`${date}T00:00:00Z`),
			}),
		) ?? 'us-east-1'
	);
}

/** Replaces the corpus's markers by real bytes: `{"$image": "png", width, height}`, `{"$document": "pdf"}`. */
function synthesise(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(synthesise);
	if (typeof value !== 'object' || value === null) return value;
	const record = value as Record<string, unknown>;
	if (typeof record.$image === 'string') {
		const format = record.$image as 'png' | 'jpeg' | 'webp';
		return makeTestImage({
			width: (record.width as number | undefined) ?? 1024,
			height: (record.height as number | undefined) ?? 1024,
			format,
			label: record.mask ? 'mask' : 'corpus',
		}).toString('base64');
	}
	if (record.$document === 'pdf') return PDF.toString('base64');
	return Object.fromEntries(
		Object.entries(record).map(([key, member]) => [key, synthesise(member)]),
	);
}

interface WireRequest {
	method: 'GET' | 'POST';
	path: string;
	query?: Record<string, string>;
	body?: string;
}

function requestFor(entry: Entry, modelId: string | undefined, body: unknown): WireRequest {
	const operation = RUNTIME_PATHS[entry.api];
	if (operation) {
		const label = entry.replay?.rawPath ? modelId! : encodeURIComponent(modelId!);
		// A Converse body printed without its conversation gets a one-message one (README: partial bodies).
		const payload =
			entry.api.startsWith('Converse') &&
			typeof body === 'object' &&
			body !== null &&
			!('messages' in body)
				? { messages: [{ role: 'user', content: [{ text: 'hello' }] }], ...body }
				: body;
		return { method: 'POST', path: `/model/${label}/${operation}`, body: JSON.stringify(payload) };
	}
	const query = ((body as { query?: Record<string, string> } | null)?.query ?? {}) as Record<
		string,
		string
	>;
	const path = (body as { path?: Record<string, string> } | null)?.path ?? {};
	switch (entry.api) {
		case 'ListFoundationModels':
			return { method: 'GET', path: '/foundation-models', query };
		case 'ListInferenceProfiles':
			return { method: 'GET', path: '/inference-profiles', query };
		case 'GetInferenceProfile':
			return {
				method: 'GET',
				path: `/inference-profiles/${encodeURIComponent(path.inferenceProfileIdentifier)}`,
			};
		default:
			throw new Error(`${entry.id}: no replay for ${entry.api}`);
	}
}

async function send(request: WireRequest, region: string): Promise<Answer> {
	const url = new URL(emulator.url);
	const signer = new SignatureV4({
		credentials: EXAMPLE_CREDENTIALS,
		region,
		service: 'bedrock',
		sha256: Sha256,
	});
	const signed = await signer.sign(
		new HttpRequest({
			method: request.method,
			protocol: 'http:',
			hostname: url.hostname,
			port: Number(url.port),
			path: request.path,
			query: request.query,
			headers: {
				host: url.host,
				...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: request.body,
		}),
	);
	const search = new URLSearchParams(request.query ?? {}).toString();
	const response = await fetch(`${emulator.url}${request.path}${search ? `?${search}` : ''}`, {
		method: request.method,
		headers: signed.headers as Record<string, string>,
		body: request.body,
	});
	const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
	const errorType = response.headers.get('x-amzn-errortype')?.split(':')[0];
	if (response.status >= 300) {
		let message = text;
		try {
			message = (JSON.parse(text) as { message?: string }).message ?? text;
		} catch {
			// A body that is not JSON is compared as it is.
		}
		return { status: response.status, exception: errorType, message };
	}
	// The front door's Coral answer comes with HTTP 200 (UnknownOperationException).
	const coral = /"__type":"[^"]*#(\w+)"/.exec(text);
	if (coral && text.startsWith('{"Output"'))
		return { status: response.status, exception: coral[1], message: text };
	return { status: response.status };
}

function accepted(answer: Answer): boolean {
	return answer.exception === undefined && answer.status < 300;
}

/** What differs between the real outcome and the emulator's answer; empty when they agree. */
function compare(expected: Outcome, answer: Answer): string[] {
	if (expected.accepted) return accepted(answer) ? [] : ['real Bedrock accepted it'];
	if (accepted(answer)) return ['real Bedrock rejected it'];
	const why: string[] = [];
	if (expected.exception && expected.exception !== answer.exception) why.push('exception');
	if (typeof expected.status === 'number' && expected.status !== answer.status) why.push('status');
	if (expected.message !== undefined) {
		const same = expected.partial
			? (answer.message ?? '').includes(expected.message)
			: answer.message === expected.message;
		if (!same) why.push('message');
	}
	return why;
}

function describeResult(result: Result): string {
	const { entry, answer, why } = result;
	const expected = entry.outcome.accepted
		? 'accepted'
		: `${entry.outcome.exception} ${entry.outcome.status ?? ''} ${entry.outcome.message ?? ''}`;
	const got = accepted(answer)
		? `accepted (${answer.status})`
		: `${answer.exception} ${answer.status} ${answer.message}`;
	return `${entry.id} [${why.join(', ')}]: real ${expected.trim()} | emulator ${got}`;
}

function percent(part: number, whole: number): string {
	return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`;
}

/** The closing numbers: agreement, hard cases, and the share of rejections with AWS's exact message. */
function report(): void {
	const agree = results.filter((result) => result.agrees).length;
	const rejections = results.filter((result) => !result.entry.outcome.accepted);
	const fullMessages = rejections.filter(
		(result) => result.entry.outcome.message !== undefined && !result.entry.outcome.partial,
	);
	const exact = fullMessages.filter(
		(result) => result.answer.message === result.entry.outcome.message,
	);
	const acceptedByAws = results.filter((result) => result.entry.outcome.accepted);
	const lines = [
		`[corpus] ${ENTRIES.length} entries, ${results.length} replayed (${skipped.length} without a usable body or model), ${agree} agree (${percent(agree, results.length)})`,
		`[corpus] accepted by real Bedrock: ${acceptedByAws.filter((result) => result.agrees).length}/${acceptedByAws.length} accepted by the emulator; rejections: ${rejections.filter((result) => result.agrees).length}/${rejections.length} agree`,
		`[corpus] exact message ${exact.length}/${fullMessages.length} rejections (${percent(exact.length, fullMessages.length)})`,
		...results
			.filter((result) => !result.agrees)
			.map(
				(result) =>
					`[corpus] ${KNOWN.has(result.entry.id) ? 'known difference' : 'DISAGREES'}: ${describeResult(result)}`,
			),
	];
	process.stdout.write(`${lines.join('\n')}\n`);
}
