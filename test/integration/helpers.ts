/**
 * Shared setup for the integration tests: one offline emulator per test file, credentials
 * that point the pack at it, and cleanup.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { startEmulator, type RunningEmulator } from '../../emulator/src/index.ts';
import { emulatorCredentialData } from '../../tooling/harness/credentials.ts';

export {
	EXAMPLE_ACCESS_KEY_ID as ACCESS_KEY_ID,
	EXAMPLE_SECRET_ACCESS_KEY as SECRET_ACCESS_KEY,
} from '../../tooling/harness/credentials.ts';
export const API_KEY = 'bedrock-api-key-emulator';
export const ROLE_ARN = 'arn:aws:iam::123456789012:role/EmulatorBedrockRole';
export const EXTERNAL_ID_ROLE_ARN = 'arn:aws:iam::123456789012:role/EmulatorExternalIdRole';
export const EXTERNAL_ID = 'emulator-external-id';

type EmulatorOptions = Parameters<typeof startEmulator>[0];

/**
 * Starts an emulator before the file's tests and stops it after; `reset()` between tests
 * clears faults, the request log and runtime settings.
 */
export function useEmulator(options?: EmulatorOptions): { readonly current: RunningEmulator } {
	const holder: { current?: RunningEmulator } = {};
	beforeAll(async () => {
		holder.current = await startEmulator(options);
	});
	beforeEach(() => holder.current?.control.reset());
	afterAll(async () => {
		await holder.current?.stop();
	});
	return {
		get current() {
			if (!holder.current) throw new Error('The emulator is not running (used outside a test?)');
			return holder.current;
		},
	};
}

/**
 * Runs the enclosing describe block's tests with the emulator at `date`: for model families that
 * have reached their end of life since (dates: emulator/test/lifecycleDates.ts), so the tests
 * keep testing what the nodes send. Registered after useEmulator's reset, it runs after it.
 */
export function atDate(emulator: { readonly current: RunningEmulator }, date: string): void {
	beforeEach(() => {
		emulator.current.control.configure({ now: date });
	});
}

/** Credential data for the `awsBedrockApi` credential, pointing every endpoint at the emulator. */
export function emulatorCredentials(
	emulator: RunningEmulator,
	overrides: ICredentialDataDecryptedObject = {},
): { awsBedrockApi: ICredentialDataDecryptedObject } {
	return { awsBedrockApi: emulatorCredentialData(emulator.url, 'us-east-1', overrides) };
}

/** A Model field value as the editor stores it, "By ID". */
export function byId(modelId: string): { __rl: true; mode: 'id'; value: string } {
	return { __rl: true, mode: 'id', value: modelId };
}

/** A Model field value as the editor stores it, "By ARN". */
export function byArn(arn: string): { __rl: true; mode: 'arn'; value: string } {
	return { __rl: true, mode: 'arn', value: arn };
}

/** A `runWorkflow` `onStart` that stops the execution as soon as `condition()` holds. */
export function cancelWhen(condition: () => boolean): (cancel: () => void) => void {
	return (cancel) => {
		const poll = setInterval(() => {
			if (condition()) {
				clearInterval(poll);
				cancel();
			}
		}, 10);
	};
}
