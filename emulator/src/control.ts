/**
 * The control API for tests and benchmarks: faults, runtime settings, the request log,
 * counters, reset. In-process through the `control` object `startEmulator` returns, and over
 * HTTP under `/__emulator/` (no auth, loopback clients only). emulator/README.md lists the
 * endpoints.
 */
import {
	type JobsControl,
	type S3Control,
	createJobsControl,
	createS3Control,
	handleVideoControl,
} from './async/control.ts';
import type { FaultRule, FaultSpec } from './faults.ts';
import { type Exchange, isLoopback } from './http/exchange.ts';
import { send, sendJson } from './http/respond.ts';
import type { RequestLogEntry } from './requestLog.ts';
import { type EmulatorState, type RuntimeSettings, isoDate } from './state.ts';

export interface EmulatorCounters {
	/** Successful AssumeRole calls (credential caching means few). */
	assumeRole: number;
	/** Requests in the log. */
	requests: number;
}

export interface EmulatorControl {
	addFault(spec: FaultSpec): FaultRule;
	removeFault(id: string): boolean;
	clearFaults(): void;
	faults(): FaultRule[];
	requests(): RequestLogEntry[];
	clearRequests(): void;
	counters(): EmulatorCounters;
	settings(): RuntimeSettings;
	/**
	 * Changes latency, default region, denied actions, access-denied or inactive Legacy models,
	 * the page size, or the lifecycle date (`now`: `'2025-03-01'`, or null for the clock).
	 */
	configure(patch: Partial<RuntimeSettings>): RuntimeSettings;
	/** Startup settings, no faults, empty log and prompt cache, counters at zero, no jobs, startup buckets empty. */
	reset(): void;
	/** Async video jobs: list them, make the next ones fail or hang. */
	jobs: JobsControl;
	/** S3 buckets (with their region) and the objects in them. */
	s3: S3Control;
}

export const CONTROL_PREFIX = '/__emulator';

export function createControl(state: EmulatorState): EmulatorControl {
	return {
		addFault: (spec) => state.faults.add(spec),
		removeFault: (id) => state.faults.remove(id),
		clearFaults: () => state.faults.clear(),
		faults: () => state.faults.list(),
		requests: () => state.log.list(),
		clearRequests: () => state.log.clear(),
		counters: () => ({ assumeRole: state.counters.assumeRole, requests: state.log.list().length }),
		settings: () => structuredClone(state.settings),
		configure: (patch) => {
			state.settings = { ...state.settings, ...validateSettings(patch) };
			return structuredClone(state.settings);
		},
		reset: () => state.reset(),
		jobs: createJobsControl(state),
		s3: createS3Control(state),
	};
}

export function handleControlRequest(exchange: Exchange, control: EmulatorControl): void {
	if (!isLoopback(exchange.remoteAddress)) {
		sendJson(exchange, 403, { error: 'The control API only answers loopback clients.' });
		return;
	}
	const path = exchange.rawPath.slice(CONTROL_PREFIX.length) || '/';
	const route = `${exchange.method} ${path}`;
	try {
		if (route === 'GET /health') return sendJson(exchange, 200, { status: 'ok' });
		if (route === 'GET /requests') return sendJson(exchange, 200, { requests: control.requests() });
		if (route === 'DELETE /requests') {
			control.clearRequests();
			return noContent(exchange);
		}
		if (route === 'GET /faults') return sendJson(exchange, 200, { faults: control.faults() });
		if (route === 'POST /faults')
			return sendJson(exchange, 201, control.addFault(jsonBody(exchange) as FaultSpec));
		if (route === 'DELETE /faults') {
			control.clearFaults();
			return noContent(exchange);
		}
		const fault = /^DELETE \/faults\/([^/]+)$/.exec(route);
		if (fault) {
			if (control.removeFault(decodeURIComponent(fault[1]))) return noContent(exchange);
			return sendJson(exchange, 404, { error: `No fault ${fault[1]}.` });
		}
		if (route === 'GET /counters') return sendJson(exchange, 200, control.counters());
		if (route === 'GET /config') return sendJson(exchange, 200, control.settings());
		if (route === 'POST /config' || route === 'PATCH /config') {
			return sendJson(
				exchange,
				200,
				control.configure(jsonBody(exchange) as Partial<RuntimeSettings>),
			);
		}
		if (route === 'POST /reset') {
			control.reset();
			return noContent(exchange);
		}
		if (handleVideoControl(route, exchange, control, () => jsonBody(exchange))) return;
		sendJson(exchange, 404, { error: `No control endpoint ${route}.` });
	} catch (error) {
		sendJson(exchange, 400, { error: error instanceof Error ? error.message : String(error) });
	}
}

function noContent(exchange: Exchange): void {
	send(exchange, 204, {}, '');
}

function jsonBody(exchange: Exchange): unknown {
	try {
		return JSON.parse(exchange.body.toString('utf8') || '{}');
	} catch {
		throw new Error('The body must be JSON.');
	}
}

function validateSettings(patch: Partial<RuntimeSettings>): Partial<RuntimeSettings> {
	const known = [
		'latencyMs',
		'defaultRegion',
		'deniedActions',
		'accessDeniedModels',
		'inactiveLegacyModels',
		'maxPageSize',
		'now',
		'videoJobSeconds',
		'videoMinOutputBytes',
		'outputBucketCheck',
	];
	for (const key of Object.keys(patch)) {
		if (!known.includes(key))
			throw new Error(`Unknown setting "${key}"; one of ${known.join(', ')}.`);
	}
	if (
		patch.latencyMs !== undefined &&
		!(typeof patch.latencyMs === 'number' && patch.latencyMs >= 0)
	) {
		throw new Error('latencyMs must be a number >= 0.');
	}
	if (
		patch.maxPageSize !== undefined &&
		!(Number.isInteger(patch.maxPageSize) && patch.maxPageSize >= 1 && patch.maxPageSize <= 1000)
	) {
		throw new Error('maxPageSize must be an integer from 1 to 1000.');
	}
	if (
		patch.videoJobSeconds !== undefined &&
		!(typeof patch.videoJobSeconds === 'number' && patch.videoJobSeconds >= 0)
	) {
		throw new Error('videoJobSeconds must be a number >= 0.');
	}
	if (
		patch.videoMinOutputBytes !== undefined &&
		!(
			Number.isInteger(patch.videoMinOutputBytes) &&
			patch.videoMinOutputBytes >= 0 &&
			patch.videoMinOutputBytes <= 2 ** 31
		)
	) {
		throw new Error('videoMinOutputBytes must be an integer from 0 to 2147483648.');
	}
	if (patch.outputBucketCheck !== undefined && !['job', 'start'].includes(patch.outputBucketCheck))
		throw new Error('outputBucketCheck must be "job" or "start".');
	if (patch.defaultRegion !== undefined && typeof patch.defaultRegion !== 'string')
		throw new Error('defaultRegion must be a string.');
	if (patch.now !== undefined && patch.now !== null) {
		if (typeof patch.now !== 'string') throw new Error('now must be a date string or null.');
		patch = { ...patch, now: isoDate(patch.now) };
	}
	for (const key of ['deniedActions', 'accessDeniedModels', 'inactiveLegacyModels'] as const) {
		const value = patch[key];
		if (
			value !== undefined &&
			!(Array.isArray(value) && value.every((item) => typeof item === 'string'))
		) {
			throw new Error(`${key} must be an array of strings.`);
		}
	}
	return patch;
}
