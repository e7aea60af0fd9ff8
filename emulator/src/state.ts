/**
 * Options of the emulator and the state one running instance keeps: identities, issued
 * sessions, prompt cache, faults, request log, counters and the settings the control API
 * may change at runtime.
 */
import { AsyncInvokeStore } from './async/jobs.ts';
import { type IdentitiesConfig, IdentityStore } from './auth/identities.ts';
import { FaultInjector } from './faults.ts';
import {
	type ApplicationProfileConfig,
	DEFAULT_APPLICATION_PROFILES,
} from './inferenceProfiles.ts';
import { RequestLog } from './requestLog.ts';
import { PromptCache } from './runtime/promptCache.ts';
import { type BucketConfig, DEFAULT_BUCKETS, S3Store } from './s3/store.ts';

export interface EmulatorOptions {
	/** TCP port on 127.0.0.1; 0 picks a free port. Default 0 (the CLI defaults to 8777). */
	port?: number;
	/** Milliseconds added to every model invocation. */
	latencyMs?: number;
	/** Region of requests that carry no SigV4 scope (Bedrock API keys). Default `us-east-1`. */
	defaultRegion?: string;
	/** Identities added to the defaults. */
	identities?: IdentitiesConfig;
	/** IAM actions denied to every identity, e.g. `bedrock:ListInferenceProfiles`. */
	deniedActions?: string[];
	/** Base model IDs whose access is not granted. Default: `ai21.jamba-1-5-large-v1:0`. */
	accessDeniedModels?: string[];
	/** Legacy models the account has not used recently (see `RuntimeSettings`). Default none. */
	inactiveLegacyModels?: string[];
	/** Application inference profiles. Default: `DEFAULT_APPLICATION_PROFILES`. */
	applicationProfiles?: ApplicationProfileConfig[];
	/**
	 * The emulator's date. A date (`'2025-03-01'`, an ISO-8601 timestamp, epoch ms or a Date) is
	 * the day the catalog's lifecycle is judged at: which models are Active, Legacy or past their
	 * end of life (`catalog/lifecycle.ts`). Signatures, session expiry and cache TTLs keep the
	 * real clock, because clients sign with theirs. A function is a clock that drives all of
	 * them (tests of signature skew). Default: the real current time.
	 */
	now?: EmulatorDate | (() => number);
	/** Requests kept in the log. Default 1000. */
	maxLoggedRequests?: number;
	/** Seconds an async video job stays InProgress. Default 3. */
	videoJobSeconds?: number;
	/** S3 buckets at startup. Default: `DEFAULT_BUCKETS`. */
	buckets?: BucketConfig[];
	/** ffmpeg for the videos of async jobs. Default: BEDROCK_EMULATOR_FFMPEG, else `ffmpeg` on PATH. */
	ffmpegPath?: string;
	/** Where rendered videos are cached. Default: `bedrock-emulator-video-cache` in the OS temp folder. */
	videoCacheFolder?: string;
}

export type EmulatorDate = string | number | Date;

/** The date as an ISO-8601 timestamp; throws when it is not a valid date. */
export function isoDate(date: EmulatorDate): string {
	const time =
		date instanceof Date
			? date.getTime()
			: typeof date === 'number'
				? date
				: /^\d{4}-\d{2}-\d{2}$/.test(date)
					? Date.parse(`${date}T00:00:00Z`)
					: /^\d{4}-\d{2}-\d{2}T/.test(date)
						? Date.parse(date)
						: Number.NaN;
	if (!Number.isFinite(time)) {
		throw new Error(
			`"${String(date)}" is not a date: use YYYY-MM-DD or an ISO-8601 timestamp (UTC).`,
		);
	}
	return new Date(time).toISOString();
}

export const DEFAULT_ACCESS_DENIED_MODELS = ['ai21.jamba-1-5-large-v1:0'];
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_VIDEO_JOB_SECONDS = 3;

/** Settings the control API can change while the emulator runs; `reset` restores them. */
export interface RuntimeSettings {
	latencyMs: number;
	defaultRegion: string;
	deniedActions: string[];
	accessDeniedModels: string[];
	/**
	 * Base model IDs of Legacy models this account has not used recently: they answer the 404
	 * "Access denied. This Model is marked by provider as Legacy and you have not been actively
	 * using the model …" (as for new customers). Default none: the account keeps its Legacy
	 * models until their end of life.
	 */
	inactiveLegacyModels: string[];
	/** The lifecycle date (ISO-8601), or null for the emulator's clock. */
	now: string | null;
	/**
	 * Most inference profiles per ListInferenceProfiles page, whatever `maxResults` asks for.
	 * AWS may return fewer results than requested with a `nextToken`; clients must follow it.
	 */
	maxPageSize: number;
	/** Seconds an async video job stays InProgress before it completes or fails. */
	videoJobSeconds: number;
	/** `output.mp4` is padded to at least this many bytes (0: as rendered), for download benchmarks. */
	videoMinOutputBytes: number;
	/**
	 * When an output bucket in another region is reported: `job` (default) ends the job Failed,
	 * as AWS's troubleshooting describes; `start` rejects StartAsyncInvoke with a ValidationException.
	 */
	outputBucketCheck: 'job' | 'start';
}

export class EmulatorState {
	readonly identities: IdentityStore;
	readonly applicationProfiles: ApplicationProfileConfig[];
	readonly promptCache = new PromptCache();
	readonly faults = new FaultInjector();
	readonly log: RequestLog;
	readonly counters = { assumeRole: 0 };
	readonly s3: S3Store;
	readonly asyncInvokes: AsyncInvokeStore;
	settings: RuntimeSettings;
	private readonly initialSettings: RuntimeSettings;
	private readonly clock: () => number;

	constructor(options: EmulatorOptions = {}) {
		this.identities = new IdentityStore(options.identities);
		this.applicationProfiles = options.applicationProfiles ?? DEFAULT_APPLICATION_PROFILES;
		this.log = new RequestLog(options.maxLoggedRequests);
		this.clock = typeof options.now === 'function' ? options.now : Date.now;
		this.initialSettings = {
			latencyMs: options.latencyMs ?? 0,
			defaultRegion: options.defaultRegion ?? DEFAULT_REGION,
			deniedActions: [...(options.deniedActions ?? [])],
			accessDeniedModels: [...(options.accessDeniedModels ?? DEFAULT_ACCESS_DENIED_MODELS)],
			inactiveLegacyModels: [...(options.inactiveLegacyModels ?? [])],
			now:
				options.now === undefined || typeof options.now === 'function'
					? null
					: isoDate(options.now),
			maxPageSize: 1000,
			videoJobSeconds: options.videoJobSeconds ?? DEFAULT_VIDEO_JOB_SECONDS,
			videoMinOutputBytes: 0,
			outputBucketCheck: 'job',
		};
		this.settings = structuredClone(this.initialSettings);
		this.s3 = new S3Store(options.buckets ?? DEFAULT_BUCKETS, () => this.now());
		this.asyncInvokes = new AsyncInvokeStore(
			this.s3,
			() => this.now(),
			() => ({
				jobSeconds: this.settings.videoJobSeconds,
				minOutputBytes: this.settings.videoMinOutputBytes,
				deniedActions: this.settings.deniedActions,
				ffmpegPath: options.ffmpegPath,
				videoCacheFolder: options.videoCacheFolder,
			}),
		);
	}

	/** The clock of signatures, session expiry and cache TTLs (epoch ms). */
	now(): number {
		return this.clock();
	}

	/** The date the catalog's lifecycle is judged at (epoch ms). */
	lifecycleNow(): number {
		return this.settings.now === null ? this.clock() : Date.parse(this.settings.now);
	}

	/** Back to the startup settings: no faults, empty log and cache, counters at zero, no jobs, the startup buckets empty. */
	reset(): void {
		this.settings = structuredClone(this.initialSettings);
		this.faults.clear();
		this.log.clear();
		this.promptCache.clear();
		this.counters.assumeRole = 0;
		this.asyncInvokes.reset();
		this.s3.reset();
	}

	/** Stops running jobs and deletes the stored objects (the emulator stops). */
	dispose(): void {
		this.asyncInvokes.dispose();
		this.s3.dispose();
	}
}
