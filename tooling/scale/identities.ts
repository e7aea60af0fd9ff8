/**
 * The two credentials of the scale run and the emulator identities behind them.
 *
 * - "A" signs with the AWS documentation's example key pair (the emulator's default identity):
 *   the emulator logs its requests as `AKIAIOSFODNN7EXAMPLE`.
 * - "B" assumes the emulator's role with a second access key as its base identity (the other
 *   example pair of the AWS IAM documentation, added to the emulator here): its Bedrock requests
 *   are logged with the role session's ARN, and every AssumeRole call is counted.
 *
 * Parallel executions with A and B on the same workers must each reach the emulator as their
 * own identity (no client or credential state shared between executions), and B's role
 * session must be assumed once per worker process, not per item or execution.
 */
import type { IdentitiesConfig } from '../../emulator/src/index.ts';
import {
	EXAMPLE_ACCESS_KEY_ID,
	emulatorCredentialData,
	emulatorEndpoints,
} from '../harness/credentials.ts';

export const SECOND_ACCESS_KEY_ID = 'AKIAI44QH8DHBEXAMPLE';
export const SECOND_SECRET_ACCESS_KEY = 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY';

export const ACCOUNT_ID = '123456789012';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/EmulatorBedrockRole`;
export const ROLE_SESSION_NAME = 'n8n-scale';
/** One hour: no session reaches its refresh point (5 minutes before expiry) during a run. */
export const ROLE_SESSION_SECONDS = 3600;

export const SCALE_IDENTITIES: IdentitiesConfig = {
	accessKeys: [
		{
			accessKeyId: SECOND_ACCESS_KEY_ID,
			secretAccessKey: SECOND_SECRET_ACCESS_KEY,
			userName: 'scale-role-base',
		},
	],
};

export type CredentialKey = 'A' | 'B';

export const CREDENTIAL_IDS: Record<CredentialKey, string> = {
	A: 'scaleCredKeysA01',
	B: 'scaleCredRoleB01',
};

/** What the emulator's request log says for each credential's Bedrock calls. */
export const EXPECTED_IDENTITY: Record<CredentialKey, string> = {
	A: EXAMPLE_ACCESS_KEY_ID,
	B: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/EmulatorBedrockRole/${ROLE_SESSION_NAME}`,
};

export type CredentialImport = {
	id: string;
	name: string;
	type: 'awsBedrockApi';
	data: Record<string, string | number | boolean>;
};

/** Both credentials, every endpoint pointed at the emulator (Custom Endpoints). */
export function scaleCredentials(emulatorUrl: string, region: string): CredentialImport[] {
	return [
		{
			id: CREDENTIAL_IDS.A,
			name: 'AWS Bedrock (A: access keys)',
			type: 'awsBedrockApi',
			data: emulatorCredentialData(emulatorUrl, region) as CredentialImport['data'],
		},
		{
			id: CREDENTIAL_IDS.B,
			name: 'AWS Bedrock (B: assume role)',
			type: 'awsBedrockApi',
			data: {
				authentication: 'assumeRole',
				accessKeyId: SECOND_ACCESS_KEY_ID,
				secretAccessKey: SECOND_SECRET_ACCESS_KEY,
				roleArn: ROLE_ARN,
				roleSessionName: ROLE_SESSION_NAME,
				roleDurationSeconds: ROLE_SESSION_SECONDS,
				region,
				...emulatorEndpoints(emulatorUrl),
			},
		},
	];
}
