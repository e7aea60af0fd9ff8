/**
 * Options of the emulator and the state one running instance keeps: identities, issued
 * sessions, prompt cache, faults, request log, counters and the settings the control API
 * may change at runtime.
 */
import { type IdentitiesConfig, IdentityStore } from './auth/identities.ts';
import { FaultInjector } from './faults.ts';
import {
	type ApplicationProfileConfig,
	DEFAULT_APPLICATION_PROFILES,
} from './inferenceProfiles.ts';
import { RequestLog } from './requestLog.ts';
import { PromptCache } from './runtime/promptCache.ts';

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
	/** Application inference profiles. Default: `DEFAULT_APPLICATION_PROFILES`. */
	applicationProfiles?: ApplicationProfileConfig[];
	/** Clock for signatures, session expiry, lifecycle and cache TTLs (epoch ms). */
	now?: () => number;
	/** Requests kept in the log. Default 1000. */
	maxLoggedRequests?: number;
}

export const DEFAULT_ACCESS_DENIED_MODELS = ['ai21.jamba-1-5-large-v1:0'];
export const DEFAULT_REGION = 'us-east-1';

/** Settings the control API can change while the emulator runs; `reset` restores them. */
export interface RuntimeSettings {
	latencyMs: number;
	defaultRegion: string;
	deniedActions: string[];
	accessDeniedModels: string[];
	/**
	 * Most inference profiles per ListInferenceProfiles page, whatever `maxResults` asks for.
	 * AWS may return fewer results than requested with a `nextToken`; clients must follow it.
	 */
	maxPageSize: number;
}

export class EmulatorState {
	readonly identities: IdentityStore;
	readonly applicationProfiles: ApplicationProfileConfig[];
	readonly promptCache = new PromptCache();
	readonly faults = new FaultInjector();
	readonly log: RequestLog;
	readonly counters = { assumeRole: 0 };
	settings: RuntimeSettings;
	private readonly initialSettings: RuntimeSettings;
	private readonly clock: () => number;

	constructor(options: EmulatorOptions = {}) {
		this.identities = new IdentityStore(options.identities);
		this.applicationProfiles = options.applicationProfiles ?? DEFAULT_APPLICATION_PROFILES;
		this.log = new RequestLog(options.maxLoggedRequests);
		this.clock = options.now ?? Date.now;
		this.initialSettings = {
			latencyMs: options.latencyMs ?? 0,
			defaultRegion: options.defaultRegion ?? DEFAULT_REGION,
			deniedActions: [...(options.deniedActions ?? [])],
			accessDeniedModels: [...(options.accessDeniedModels ?? DEFAULT_ACCESS_DENIED_MODELS)],
			maxPageSize: 1000,
		};
		this.settings = structuredClone(this.initialSettings);
	}

	now(): number {
		return this.clock();
	}

	/** Back to the startup settings: no faults, empty log and cache, counters at zero. */
	reset(): void {
		this.settings = structuredClone(this.initialSettings);
		this.faults.clear();
		this.log.clear();
		this.promptCache.clear();
		this.counters.assumeRole = 0;
	}
}
