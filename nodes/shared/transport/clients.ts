/**
 * SDK clients, one per (credential, service, region, endpoint) in this process.
 *
 * A client is built on first use and reused by every item, node and execution that calls
 * with the same credential content (its fingerprint), so keep-alive connections are reused
 * across a scheduled workflow's runs. Credentials with different content never share a
 * client. The cache is small and least-recently-used; evicted clients are destroyed to close
 * their sockets.
 */
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';

import { resolveEndpointOverride } from '../aws/endpoints';
import { fingerprint, type BedrockCredentials } from '../credentials';
import { collectBody } from './bodyCollector';
import { createRequestHandler } from './httpHandler';
import { identityFor, type ClientIdentity } from './identity';

export type Service = 'runtime' | 'controlPlane';

export interface ClientByService {
	runtime: BedrockRuntimeClient;
	controlPlane: BedrockClient;
}

const MAX_CLIENTS = 32;
const clients = new Map<string, Promise<BedrockRuntimeClient | BedrockClient>>();

function authConfig(identity: ClientIdentity) {
	// The scheme is pinned: with AWS_BEARER_TOKEN_BEDROCK set on the host, the SDK would
	// otherwise prefer that token over the credential the workflow chose (aws-sdk-js-v3,
	// packages/token-providers/src/fromEnvSigningName.ts).
	return identity.scheme === 'bearer'
		? { token: { token: identity.token }, authSchemePreference: ['httpBearerAuth'] }
		: { credentials: identity.credentials, authSchemePreference: ['sigv4'] };
}

async function create(
	service: Service,
	credentials: BedrockCredentials,
	region: string,
	endpoint: string | undefined,
): Promise<BedrockRuntimeClient | BedrockClient> {
	const config = {
		region,
		...(endpoint ? { endpoint } : {}),
		...authConfig(await identityFor(credentials)),
		// Retries happen in retry.ts, where they can be cancelled and counted.
		maxAttempts: 1,
		requestHandler: await createRequestHandler(),
		// Bodies read into one buffer of their announced length (bodyCollector.ts says why).
		streamCollector: collectBody,
	};
	if (service === 'runtime') {
		const { BedrockRuntimeClient } = await import('@aws-sdk/client-bedrock-runtime');
		return new BedrockRuntimeClient(config);
	}
	const { BedrockClient } = await import('@aws-sdk/client-bedrock');
	return new BedrockClient(config);
}

function evictOldest(): void {
	const [oldestKey, oldest] = clients.entries().next().value ?? [];
	if (oldestKey === undefined || !oldest) return;
	clients.delete(oldestKey);
	void oldest.then((client) => client.destroy()).catch(() => undefined);
}

/**
 * The client for a service in a region, built on first use.
 * @throws {EndpointOverrideError} a malformed endpoint override
 * @throws {CredentialConfigError} the host chain without the instance's opt-in
 */
export async function getClient<S extends Service>(
	service: S,
	credentials: BedrockCredentials,
	region: string,
): Promise<ClientByService[S]> {
	const override =
		service === 'runtime' ? credentials.endpoints.runtime : credentials.endpoints.controlPlane;
	const field = service === 'runtime' ? 'Bedrock Runtime Endpoint' : 'Bedrock Endpoint';
	const endpoint = resolveEndpointOverride(override, region, field);
	const key = [fingerprint(credentials), service, region, endpoint ?? ''].join('|');

	let client = clients.get(key);
	if (client) {
		// Re-insert: Map order is the recency order.
		clients.delete(key);
	} else {
		client = create(service, credentials, region, endpoint);
		// A failed construction (e.g. host chain not allowed) must not stick in the cache.
		client.catch(() => clients.delete(key));
		if (clients.size >= MAX_CLIENTS) evictOldest();
	}
	clients.set(key, client);
	return (await client) as ClientByService[S];
}

/** Destroys every cached client (tests, benchmarks). */
export async function destroyClients(): Promise<void> {
	const all = [...clients.values()];
	clients.clear();
	await Promise.all(all.map(async (client) => (await client.catch(() => undefined))?.destroy()));
}
