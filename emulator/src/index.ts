/**
 * The offline Bedrock emulator: a local server that speaks the Amazon Bedrock runtime and
 * control-plane REST protocols and STS, for tests, benchmarks and demos without AWS.
 * Use: emulator/README.md; model behaviour in depth: docs/emulator.md.
 */
export { startEmulator } from './server.ts';
export type { EmulatorOptions, RunningEmulator } from './server.ts';
export type { EmulatorControl, EmulatorCounters } from './control.ts';
export type { BucketView, JobView, JobsControl, ObjectView, S3Control } from './async/control.ts';
export type { JobFault, JobFaultSpec } from './async/jobs.ts';
export type { BucketConfig } from './s3/store.ts';
export { DEFAULT_BUCKETS } from './s3/store.ts';
export type { FaultRule, FaultSpec } from './faults.ts';
export type { RequestLogEntry } from './requestLog.ts';
export type { EmulatorDate, RuntimeSettings } from './state.ts';
export { LIFECYCLE, lifecycleAt, statusAt } from './catalog/lifecycle.ts';
export type { LifecycleFact, LifecycleStatus, ModelLifecycle } from './catalog/lifecycle.ts';
export type {
	AccessKeyConfig,
	ApiKeyConfig,
	IdentitiesConfig,
	RoleConfig,
} from './auth/identities.ts';
export { DEFAULT_ACCOUNT_ID, DEFAULT_IDENTITIES } from './auth/identities.ts';
export { EMULATOR_GUARDRAIL_ID, GUARDRAIL_TRIGGER } from './runtime/guardrail.ts';
