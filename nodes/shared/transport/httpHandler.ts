/**
 * The HTTP layer of every SDK client: HTTP/1.1 with keep-alive through `NodeHttpHandler`.
 *
 * Why not the runtime client's default HTTP/2 handler (`NodeHttp2Handler` with
 * `disableConcurrentStreams: true`, clients/client-bedrock-runtime/src/runtimeConfig.ts in
 * aws-sdk-js-v3): it ignores `connectionTimeout` and `socketTimeout`
 * (https://github.com/aws/aws-sdk-js-v3/issues/7041), opens one session per request anyway,
 * and cannot go through an HTTP proxy. A keep-alive
 * agent gives the same parallelism with timeouts that apply and proxies that work.
 *
 * Proxy: when HTTP(S)_PROXY is set for n8n, the agents honour it together with NO_PROXY
 * (Node ≥ 24.5 `proxyEnv`; current n8n requires Node 24).
 */
import type { NodeHttpHandler } from '@smithy/node-http-handler';

/** How long to wait for a TCP (and TLS) connection before the attempt fails and is retried. */
export const CONNECTION_TIMEOUT_MS = 10_000;
/** Sockets per client and scheme; above any sensible node concurrency. */
const MAX_SOCKETS = 64;
/**
 * How long an idle keep-alive socket is kept, at most: 1 s less when the server announces a
 * shorter `Keep-Alive: timeout=`. Node applies that hint only to an agent with a timeout of its
 * own; without one, an idle socket was reused just as the server closed it, and the attempt
 * failed with ECONNRESET and was retried (seen in the fault suite). On a socket in use the
 * timeout only emits an event: calls end by their own Timeout option (retry.ts).
 */
export const IDLE_SOCKET_TIMEOUT_MS = 15_000;

function proxyEnv(): NodeJS.ProcessEnv | undefined {
	const { HTTP_PROXY, HTTPS_PROXY, http_proxy, https_proxy } = process.env;
	return HTTP_PROXY || HTTPS_PROXY || http_proxy || https_proxy ? process.env : undefined;
}

export async function createRequestHandler(): Promise<NodeHttpHandler> {
	const [{ NodeHttpHandler }, http, https] = await Promise.all([
		import('@smithy/node-http-handler'),
		import('node:http'),
		import('node:https'),
	]);
	const env = proxyEnv();
	const agentOptions = {
		keepAlive: true,
		timeout: IDLE_SOCKET_TIMEOUT_MS,
		maxSockets: MAX_SOCKETS,
		...(env ? { proxyEnv: env } : {}),
	};
	return new NodeHttpHandler({
		connectionTimeout: CONNECTION_TIMEOUT_MS,
		httpAgent: new http.Agent(agentOptions),
		httpsAgent: new https.Agent(agentOptions),
	});
}
