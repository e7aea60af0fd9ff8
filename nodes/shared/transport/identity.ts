/**
 * What the SDK clients authenticate with, per credential mode.
 *
 * Every mode is explicit: the clients never fall back to the SDK's default chain, so a
 * workflow can only use the host's identity through the opt-in host-chain modes. The SDK
 * itself is imported lazily (here and in clients.ts) so that loading the pack at n8n start-up
 * loads no `@aws-sdk/*` module.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';

import {
	CredentialConfigError,
	HOST_CREDENTIALS_ENV,
	fingerprint,
	hostCredentialsAllowed,
	type BedrockCredentials,
} from '../credentials';
import { resolveEndpointOverride } from '../aws/endpoints';
import { createRequestHandler } from './httpHandler';

export type ClientIdentity =
	| { scheme: 'sigv4'; credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider }
	| { scheme: 'bearer'; token: string };

/** Refresh role credentials this long before they expire (as the SDK's own memoization does). */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * Role sessions per credential fingerprint, shared by every client and execution of this
 * process: a worker calls AssumeRole once per credential until the session nears expiry,
 * not once per item, node or execution.
 */
const roleSessions = new Map<string, Promise<AwsCredentialIdentityProvider>>();

function memoizeUntilExpiry(
	provider: AwsCredentialIdentityProvider,
): AwsCredentialIdentityProvider {
	let current: Promise<AwsCredentialIdentity> | undefined;
	return async () => {
		if (current) {
			const identity = await current.catch(() => undefined);
			const expiresAt = identity?.expiration?.getTime();
			if (identity && (expiresAt === undefined || expiresAt - EXPIRY_MARGIN_MS > Date.now())) {
				return identity;
			}
		}
		current = provider();
		// A failed AssumeRole is not cached: the next call tries again.
		current.catch(() => (current = undefined));
		return await current;
	};
}

function assertHostChainAllowed(): void {
	if (!hostCredentialsAllowed()) {
		throw new CredentialConfigError(
			`This n8n instance does not allow the host credential chain. An administrator can allow it by setting the environment variable ${HOST_CREDENTIALS_ENV}=true; otherwise use access keys, Assume Role or a Bedrock API key.`,
		);
	}
}

async function hostChain(): Promise<AwsCredentialIdentityProvider> {
	assertHostChainAllowed();
	const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
	return fromNodeProviderChain();
}

async function assumeRole(
	credentials: Extract<BedrockCredentials, { role: unknown }>,
): Promise<AwsCredentialIdentityProvider> {
	const key = fingerprint(credentials);
	let session = roleSessions.get(key);
	if (!session) {
		// Stored before the first await: the first uses arrive together (an item's runtime and
		// control-plane clients, parallel executions on one worker) and must share one session,
		// not each assume the role.
		session = roleSession(credentials);
		roleSessions.set(key, session);
		session.catch(() => roleSessions.delete(key));
	}
	return await session;
}

async function roleSession(
	credentials: Extract<BedrockCredentials, { role: unknown }>,
): Promise<AwsCredentialIdentityProvider> {
	const { fromTemporaryCredentials } = await import('@aws-sdk/credential-providers');
	const { role, region } = credentials;
	// A copy: the SDK annotates the objects it is given, and ours must keep its fingerprint.
	const masterCredentials = credentials.keys ? { ...credentials.keys } : await hostChain();
	const stsEndpoint = resolveEndpointOverride(credentials.endpoints.sts, region, 'STS Endpoint');
	return memoizeUntilExpiry(
		fromTemporaryCredentials({
			params: {
				RoleArn: role.roleArn,
				RoleSessionName: role.sessionName,
				DurationSeconds: role.durationSeconds,
				...(role.externalId ? { ExternalId: role.externalId } : {}),
			},
			masterCredentials,
			clientConfig: {
				region,
				...(stsEndpoint ? { endpoint: stsEndpoint } : {}),
				// Two attempts: a wrong secret or a denied role must fail fast, not loop.
				maxAttempts: 2,
				requestHandler: await createRequestHandler(),
			},
		}),
	);
}

/** The identity the clients for this credential sign (or authorize) with. */
export async function identityFor(credentials: BedrockCredentials): Promise<ClientIdentity> {
	switch (credentials.mode) {
		case 'accessKeys':
			// A copy, as above.
			return { scheme: 'sigv4', credentials: { ...credentials.keys } };
		case 'apiKey':
			return { scheme: 'bearer', token: credentials.apiKey };
		case 'hostChain':
			return { scheme: 'sigv4', credentials: await hostChain() };
		case 'assumeRole':
		case 'assumeRoleFromHost':
			return { scheme: 'sigv4', credentials: await assumeRole(credentials) };
	}
}

/** Forgets cached role sessions (tests). */
export function clearRoleSessions(): void {
	roleSessions.clear();
}
