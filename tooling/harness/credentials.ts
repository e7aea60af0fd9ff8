/**
 * The pack's credential (`awsBedrockApi`) pointed at the offline emulator, as the integration
 * tests, the benchmark, the end-to-end suite and the scale run all need it.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The AWS documentation's example key pair, which the emulator accepts by default. */
export const EXAMPLE_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const EXAMPLE_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** The credential's Custom Endpoints: runtime, control plane, STS and S3 all at `url`. */
export function emulatorEndpoints(url: string) {
	return {
		customEndpoints: true,
		runtimeEndpoint: url,
		controlPlaneEndpoint: url,
		stsEndpoint: url,
		s3Endpoint: url,
	};
}

/** Credential data: the example keys in `region`, every endpoint at `url`; `overrides` last. */
export function emulatorCredentialData(
	url: string,
	region: string,
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		authentication: 'accessKeys',
		accessKeyId: EXAMPLE_ACCESS_KEY_ID,
		secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY,
		region,
		...emulatorEndpoints(url),
		...overrides,
	};
}
