/**
 * Helpers for the emulator's conformance tests, which drive it with the raw AWS SDK exactly as
 * an application would (never with the pack's nodes): client factories and error capture.
 */
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { Sha256 } from '@aws-crypto/sha256-js';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

import { DEFAULT_IDENTITIES } from '../src/auth/identities.ts';

export const EXAMPLE_CREDENTIALS = {
	accessKeyId: DEFAULT_IDENTITIES.accessKeys[0].accessKeyId,
	secretAccessKey: DEFAULT_IDENTITIES.accessKeys[0].secretAccessKey,
};
export const EXAMPLE_API_KEY = DEFAULT_IDENTITIES.apiKeys[0].apiKey;

export interface Credentials {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
}

export interface ClientOptions {
	region?: string;
	credentials?: Credentials | AwsCredentialIdentityProvider;
	/** Bedrock API key: bearer auth instead of SigV4. */
	apiKey?: string;
	/** HTTP/1.1 through NodeHttpHandler instead of the runtime client's default HTTP/2 handler. */
	http1?: boolean;
	/** Shifts the client's clock (ms), to test the 5-minute signature window. */
	systemClockOffset?: number;
	maxAttempts?: number;
	requestTimeout?: number;
}

function clientConfig(url: string, options: ClientOptions) {
	return {
		region: options.region ?? 'us-east-1',
		endpoint: url,
		maxAttempts: options.maxAttempts ?? 1,
		...(options.apiKey
			? { token: { token: options.apiKey }, authSchemePreference: ['httpBearerAuth'] }
			: { credentials: options.credentials ?? EXAMPLE_CREDENTIALS }),
		...(options.systemClockOffset !== undefined
			? { systemClockOffset: options.systemClockOffset }
			: {}),
		...(options.http1 || options.requestTimeout !== undefined
			? {
					requestHandler: new NodeHttpHandler({
						requestTimeout: options.requestTimeout,
						throwOnRequestTimeout: true,
					}),
				}
			: {}),
	};
}

export function runtimeClient(url: string, options: ClientOptions = {}): BedrockRuntimeClient {
	return new BedrockRuntimeClient(clientConfig(url, options));
}

export function controlPlaneClient(url: string, options: ClientOptions = {}): BedrockClient {
	return new BedrockClient(clientConfig(url, options));
}

export interface CapturedError {
	name: string;
	status?: number;
	message: string;
	requestId?: string;
	error: Record<string, unknown>;
}

/** Awaits a call that must fail and returns the SDK's exception in plain terms. */
export async function captureError(call: Promise<unknown>): Promise<CapturedError> {
	try {
		await call;
	} catch (error) {
		const e = error as {
			name: string;
			message: string;
			$metadata?: { httpStatusCode?: number; requestId?: string };
		};
		return {
			name: e.name,
			status: e.$metadata?.httpStatusCode,
			message: e.message,
			requestId: e.$metadata?.requestId,
			error: error as Record<string, unknown>,
		};
	}
	throw new Error('expected the call to fail');
}

/** A user message with one text block. */
export function userText(text: string) {
	return { role: 'user' as const, content: [{ text }] };
}

export interface SignedPost {
	/** SigV4 signing name: `bedrock` or `sts`. */
	service: string;
	path: string;
	contentType: string;
	body: string;
	credentials?: Credentials;
	/** Sent instead of `body` after signing, to tamper with a signed request. */
	sentBody?: string;
}

/** A POST signed with the SDK's own SigV4 signer and sent with fetch (HTTP/1.1), for raw wire checks. */
export async function signedPost(baseUrl: string, request: SignedPost): Promise<Response> {
	const url = new URL(baseUrl);
	const signer = new SignatureV4({
		credentials: request.credentials ?? EXAMPLE_CREDENTIALS,
		region: 'us-east-1',
		service: request.service,
		sha256: Sha256,
	});
	const signed = await signer.sign(
		new HttpRequest({
			method: 'POST',
			protocol: 'http:',
			hostname: url.hostname,
			port: Number(url.port),
			path: request.path,
			headers: { host: url.host, 'content-type': request.contentType },
			body: request.body,
		}),
	);
	return fetch(`${baseUrl}${request.path}`, {
		method: 'POST',
		headers: signed.headers as Record<string, string>,
		body: request.sentBody ?? request.body,
	});
}
