/**
 * What the benchmark's scenarios share: the emulator process and its control API, the
 * credentials that point the pack at it, raw SDK clients with the same identity, and timing.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	EXAMPLE_ACCESS_KEY_ID as ACCESS_KEY_ID,
	EXAMPLE_SECRET_ACCESS_KEY as SECRET_ACCESS_KEY,
	emulatorCredentialData,
} from '../harness/credentials.ts';

export { ACCESS_KEY_ID, SECRET_ACCESS_KEY };

/** Node flags for running the benchmark's TypeScript files in child processes. */
export const TS_FLAGS = ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON'];

export interface BenchEmulator {
	url: string;
	/** PATCH /__emulator/config (e.g. `{ latencyMs: 300 }`). */
	configure(patch: Record<string, unknown>): Promise<void>;
	/** Clears faults, the request log and runtime settings. */
	reset(): Promise<void>;
	/** The request log (newest last). */
	requests(): Promise<Array<Record<string, unknown>>>;
	stop(): Promise<void>;
}

async function control(
	url: string,
	path: string,
	method: string,
	body?: unknown,
): Promise<unknown> {
	const response = await fetch(`${url}/__emulator/${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		...(body === undefined ? {} : { body: JSON.stringify(body) }),
	});
	if (!response.ok) throw new Error(`emulator ${method} ${path}: ${response.status}`);
	return response.status === 204 ? undefined : await response.json();
}

/** Starts `tooling/bench/emulator.ts` in its own process and waits for its URL. */
export async function startBenchEmulator(grain = 4): Promise<BenchEmulator> {
	const child: ChildProcess = spawn(
		process.execPath,
		[...TS_FLAGS, 'tooling/bench/emulator.ts', '--grain', String(grain)],
		{ stdio: ['pipe', 'pipe', 'inherit'] },
	);
	const url = await new Promise<string>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) =>
			reject(new Error(`the emulator exited (${code}) before it started`)),
		);
		createInterface({ input: child.stdout! }).once('line', (line) =>
			resolve((JSON.parse(line) as { url: string }).url),
		);
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	return {
		url,
		configure: async (patch) => void (await control(url, 'config', 'PATCH', patch)),
		reset: async () => void (await control(url, 'reset', 'POST')),
		requests: async () =>
			((await control(url, 'requests', 'GET')) as { requests: Array<Record<string, unknown>> })
				.requests,
		stop: async () => {
			child.stdin?.end();
			await exited;
		},
	};
}

/** The pack's credential data: the AWS documentation's example key, every endpoint the emulator. */
export function nodeCredentials(
	url: string,
	region: string,
): { awsBedrockApi: ICredentialDataDecryptedObject } {
	return { awsBedrockApi: emulatorCredentialData(url, region) };
}

/** A raw runtime client as an application would write it: the SDK's defaults, same identity. */
export async function rawRuntimeClient(url: string, region: string) {
	const { BedrockRuntimeClient } = await import('@aws-sdk/client-bedrock-runtime');
	return new BedrockRuntimeClient({
		region,
		endpoint: url,
		credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
	});
}

/** A raw S3 client for the emulator's S3 (path-style, as the pack's S3 endpoint override is). */
export async function rawS3Client(url: string, region: string) {
	const { S3Client } = await import('@aws-sdk/client-s3');
	return new S3Client({
		region,
		endpoint: url,
		forcePathStyle: true,
		credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
	});
}

export interface Measured {
	wallMs: number;
	/** This process's user + system CPU time. */
	cpuMs: number;
}

export async function measure(work: () => Promise<unknown>): Promise<Measured> {
	const cpu = process.cpuUsage();
	const started = performance.now();
	await work();
	const wallMs = performance.now() - started;
	const used = process.cpuUsage(cpu);
	return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** Runs `work(index)` for `count` items, at most `concurrency` at a time (as the node does). */
export async function pool(
	count: number,
	concurrency: number,
	work: (index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count) await work(next++);
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Lets timers, sockets and GC settle between measured runs. */
export async function settle(ms = 200): Promise<void> {
	(globalThis as { gc?: () => void }).gc?.();
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/** One row of the result table. */
export interface Row {
	scenario: string;
	node: string;
	raw: string;
	ratio: string;
	target: string;
	/** undefined: no target (reported only). */
	met?: boolean;
	/** Details printed under the table (runs, sizes, assumptions). */
	notes?: string[];
}

export const fmt = {
	s: (ms: number) => `${(ms / 1000).toFixed(2)} s`,
	ms: (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`,
	mb: (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`,
	x: (value: number) => `${value.toFixed(2)}x`,
	ratio: (value: number) => value.toFixed(3),
};

export function log(message: string): void {
	process.stderr.write(`[bench] ${message}\n`);
}

/** What a memory measurement child prints: peak RSS above the settled RSS before the work. */
export interface PeakMeasurement {
	baselineRss: number;
	peakRss: number;
	growth: number;
	samples: number;
	wallMs: number;
}

/**
 * Peak RSS growth of `work` in this process (scenarios 3 and 7, in fresh child processes run with
 * --expose-gc): `warmUp` first (SDK loaded, connections made, caches filled), three collections,
 * then RSS sampled every 5 ms during `work`; the peak is the higher of the samples and the
 * kernel's high-water mark (`maxRSS`) when that rose during the run.
 */
export async function peakRssGrowth(
	warmUp: () => Promise<void>,
	work: () => Promise<void>,
): Promise<PeakMeasurement> {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('run with --expose-gc');
	await warmUp();
	for (let i = 0; i < 3; i++) {
		gc();
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const baselineRss = process.memoryUsage.rss();
	const maxRssBefore = process.resourceUsage().maxRSS * 1024;

	let sampledPeak = baselineRss;
	let samples = 0;
	const sampler = setInterval(() => {
		samples++;
		sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
	}, 5);
	const started = performance.now();
	try {
		await work();
	} finally {
		clearInterval(sampler);
	}
	const wallMs = performance.now() - started;
	sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss());
	const maxRssAfter = process.resourceUsage().maxRSS * 1024;
	const peakRss = maxRssAfter > maxRssBefore ? Math.max(sampledPeak, maxRssAfter) : sampledPeak;
	return { baselineRss, peakRss, growth: peakRss - baselineRss, samples, wallMs };
}

/** Runs a measurement child (`node --expose-gc <script> ...args`) and parses its last line. */
export async function runMeasurementChild<T>(script: string, args: string[]): Promise<T> {
	const { stdout } = await promisify(execFile)(
		process.execPath,
		[...TS_FLAGS, '--expose-gc', script, ...args],
		{ maxBuffer: 1024 * 1024 },
	);
	return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as T;
}
