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
import type { S3Client } from '@aws-sdk/client-s3';

import { resolveEndpointOverride } from '../aws/endpoints';
import { CredentialConfigError, fingerprint, type BedrockCredentials } from '../credentials';
import { collectBody } from './bodyCollector';
import { createRequestHandler } from './httpHandler';
import { identityFor, type ClientIdentity } from './identity';

export type Service = 'runtime' | 'controlPlane' | 's3';

export interface ClientByService {
	runtime: BedrockRuntimeClient;
	controlPlane: BedrockClient;
	s3: S3Client;
}

type AnyClient = ClientByService[Service];

const MAX_CLIENTS = 32;
const clients = new Map<string, Promise<AnyClient>>();

/** The credential field of each service's endpoint override. */
const OVERRIDES = {
	runtime: { field: 'runtime', label: 'Bedrock Runtime Endpoint' },
	controlPlane: { field: 'controlPlane', label: 'Bedrock Endpoint' },
	s3: { field: 's3', label: 'S3 Endpoint' },
} as const;

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
): Promise<AnyClient> {
	const identity = await identityFor(credentials);
	if (service === 's3' && identity.scheme === 'bearer') {
		// S3 authenticates SigV4 requests only; a Bedrock API key is a bearer token for Bedrock
		// (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html).
		throw new CredentialConfigError(
			'A Bedrock API key cannot read or check S3 buckets: S3 accepts only AWS signatures. Use access keys, Assume Role or the host chain in the credential for video jobs that read their output from S3.',
		);
	}
	const config = {
		region,
		...(endpoint ? { endpoint } : {}),
		...authConfig(identity),
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
	if (service === 's3') {
		const { S3Client } = await import('@aws-sdk/client-s3');
		// An override (VPC endpoint, proxy, local S3) takes the bucket in the path: with an IP or
		// localhost endpoint the SDK would otherwise put the bucket into the host name
		// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html).
		return new S3Client({ ...config, ...(endpoint ? { forcePathStyle: true } : {}) });
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
	const { field, label } = OVERRIDES[service];
	const endpoint = resolveEndpointOverride(credentials.endpoints[field], region, label);
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
