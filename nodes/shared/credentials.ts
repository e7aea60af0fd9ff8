/**
 * The `awsBedrockApi` credential's data, read and checked once, as a typed value.
 *
 * Nothing here loads the AWS SDK: the credential type imports this module, and n8n loads
 * credential types at start-up.
 */
import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { isValidRegion } from './aws/regions';

export const CREDENTIAL_TYPE = 'awsBedrockApi';

/** The instance-level opt-in for the host credential chain (see the credential's notice). */
export const HOST_CREDENTIALS_ENV = 'N8N_BEDROCK_ALLOW_HOST_CREDENTIALS';

export type AuthenticationMode =
	| 'accessKeys'
	| 'assumeRole'
	| 'assumeRoleFromHost'
	| 'apiKey'
	| 'hostChain';

export interface EndpointOverrides {
	runtime?: string;
	controlPlane?: string;
	sts?: string;
	/** S3 (the Bedrock Video node reads the videos Bedrock writes there). */
	s3?: string;
}

export type BedrockCredentials =
	| { mode: 'accessKeys'; region: string; keys: AccessKeys; endpoints: EndpointOverrides }
	| { mode: 'apiKey'; region: string; apiKey: string; endpoints: EndpointOverrides }
	| { mode: 'hostChain'; region: string; endpoints: EndpointOverrides }
	| {
			mode: 'assumeRole' | 'assumeRoleFromHost';
			region: string;
			/** Absent for `assumeRoleFromHost`: the host chain calls STS. */
			keys?: AccessKeys;
			role: AssumeRoleSettings;
			endpoints: EndpointOverrides;
	  };

export interface AccessKeys {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
}

export interface AssumeRoleSettings {
	roleArn: string;
	externalId?: string;
	sessionName: string;
	durationSeconds: number;
}

/** A credential that cannot be used as configured. The message names the field, never a secret. */
export class CredentialConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CredentialConfigError';
	}
}

const ROLE_ARN = /^arn:aws(?:-[a-z-]+)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const MODES: AuthenticationMode[] = [
	'accessKeys',
	'assumeRole',
	'assumeRoleFromHost',
	'apiKey',
	'hostChain',
];

function text(data: ICredentialDataDecryptedObject, field: string): string {
	const value = data[field];
	return typeof value === 'string' ? value.trim() : '';
}

function required(data: ICredentialDataDecryptedObject, field: string, label: string): string {
	const value = text(data, field);
	if (value === '') throw new CredentialConfigError(`${label} is empty: fill it in the credential`);
	return value;
}

function accessKeys(data: ICredentialDataDecryptedObject): AccessKeys {
	const sessionToken = text(data, 'sessionToken');
	return {
		accessKeyId: required(data, 'accessKeyId', 'Access Key ID'),
		secretAccessKey: required(data, 'secretAccessKey', 'Secret Access Key'),
		...(sessionToken ? { sessionToken } : {}),
	};
}

function region(data: ICredentialDataDecryptedObject): string {
	const chosen = text(data, 'region') || 'us-east-1';
	const value = chosen === 'custom' ? text(data, 'customRegion') : chosen;
	if (!isValidRegion(value)) {
		throw new CredentialConfigError(
			`Region "${value}" is not an AWS region name (expected e.g. us-east-1, eu-central-2, cn-north-1, us-gov-west-1)`,
		);
	}
	return value;
}

function role(data: ICredentialDataDecryptedObject): AssumeRoleSettings {
	const roleArn = required(data, 'roleArn', 'Role ARN');
	if (!ROLE_ARN.test(roleArn)) {
		throw new CredentialConfigError(
			`Role ARN "${roleArn}" is not an IAM role ARN (expected arn:aws:iam::<12-digit account>:role/<name>)`,
		);
	}
	const sessionName = text(data, 'roleSessionName') || 'n8n-bedrock';
	if (!SESSION_NAME.test(sessionName)) {
		throw new CredentialConfigError(
			`Role Session Name "${sessionName}" must be 2–64 characters of letters, digits and =,.@_-`,
		);
	}
	const duration = Number(data.roleDurationSeconds ?? 3600);
	if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
		throw new CredentialConfigError(
			`Session Duration ${String(data.roleDurationSeconds)} is out of range: 900–43200 seconds`,
		);
	}
	const externalId = text(data, 'externalId');
	return { roleArn, sessionName, durationSeconds: duration, ...(externalId ? { externalId } : {}) };
}

function endpoints(data: ICredentialDataDecryptedObject): EndpointOverrides {
	if (data.customEndpoints !== true) return {};
	const result: EndpointOverrides = {};
	const runtime = text(data, 'runtimeEndpoint');
	const controlPlane = text(data, 'controlPlaneEndpoint');
	const sts = text(data, 'stsEndpoint');
	const s3 = text(data, 's3Endpoint');
	if (runtime) result.runtime = runtime;
	if (controlPlane) result.controlPlane = controlPlane;
	if (sts) result.sts = sts;
	if (s3) result.s3 = s3;
	return result;
}

/**
 * Reads the credential's decrypted data.
 * @throws {CredentialConfigError} a missing or malformed field (named in the message)
 */
export function parseCredentials(data: ICredentialDataDecryptedObject): BedrockCredentials {
	const mode = (text(data, 'authentication') || 'accessKeys') as AuthenticationMode;
	if (!MODES.includes(mode)) {
		throw new CredentialConfigError(`Authentication "${mode}" is not one of ${MODES.join(', ')}`);
	}
	const common = { region: region(data), endpoints: endpoints(data) };
	switch (mode) {
		case 'accessKeys':
			return { mode, ...common, keys: accessKeys(data) };
		case 'apiKey':
			return { mode, ...common, apiKey: required(data, 'apiKey', 'API Key') };
		case 'hostChain':
			return { mode, ...common };
		case 'assumeRole':
			return { mode, ...common, keys: accessKeys(data), role: role(data) };
		case 'assumeRoleFromHost':
			return { mode, ...common, role: role(data) };
	}
}

/**
 * A stable, one-way identifier of a credential's content, used as a cache key so that two
 * credentials never share a client or cached role session. Secrets go into the hash and
 * nowhere else.
 */
export function fingerprint(credentials: BedrockCredentials): string {
	return createHash('sha256').update(JSON.stringify(credentials)).digest('hex').slice(0, 32);
}

/** Whether this n8n instance allows the host credential chain. */
export function hostCredentialsAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
	return (env[HOST_CREDENTIALS_ENV] ?? '').trim().toLowerCase() === 'true';
}

export function usesHostChain(credentials: BedrockCredentials): boolean {
	return credentials.mode === 'hostChain' || credentials.mode === 'assumeRoleFromHost';
}
