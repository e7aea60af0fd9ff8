/**
 * Writes answers in Bedrock's wire shape. Every response carries `x-amzn-requestid`; errors
 * carry `x-amzn-errortype: <Name>:<namespace>` and a JSON body `{"message": …}`
 * (as real answers print them: aws-samples/amazon-bedrock-client-for-mac#12;
 * vercel/ai `packages/amazon-bedrock/src/__fixtures__/amazon-bedrock-empty-message-validation-error.json`).
 */
import type { AwsError } from '../errors.ts';
import type { Exchange } from './exchange.ts';

export function send(
	exchange: Exchange,
	status: number,
	headers: Record<string, string>,
	body: Buffer | string,
): void {
	const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
	if (exchange.response.headersSent || exchange.response.destroyed) return;
	recordStatus(exchange, status);
	exchange.response.writeHead(status, {
		...headers,
		'x-amzn-requestid': exchange.requestId,
		date: httpDate(exchange),
		'content-length': String(payload.length),
	});
	exchange.response.end(payload);
}

export function sendJson(
	exchange: Exchange,
	status: number,
	value: unknown,
	headers: Record<string, string> = {},
): void {
	send(exchange, status, { 'content-type': 'application/json', ...headers }, JSON.stringify(value));
}

export function sendAwsError(exchange: Exchange, error: AwsError): void {
	if (exchange.log) exchange.log.errorType = error.name;
	const errorType = { 'x-amzn-errortype': `${error.name}:${error.typeNamespace}` };
	if (error.wireBody !== undefined) {
		send(
			exchange,
			error.status,
			{ 'content-type': 'application/json', ...errorType },
			error.wireBody,
		);
		return;
	}
	sendJson(
		exchange,
		error.status,
		{ [error.messageKey]: error.message, ...error.extra },
		{ 'x-amzn-errortype': `${error.name}:${error.typeNamespace}` },
	);
}

/** Starts a streamed answer (event streams); the caller writes frames and ends it. */
export function startStream(exchange: Exchange, headers: Record<string, string>): void {
	recordStatus(exchange, 200);
	exchange.response.writeHead(200, {
		...headers,
		'x-amzn-requestid': exchange.requestId,
		date: httpDate(exchange),
	});
}

function httpDate(exchange: Exchange): string {
	return new Date((exchange.now ?? Date.now)()).toUTCString();
}

function recordStatus(exchange: Exchange, status: number): void {
	if (exchange.log) exchange.log.status = status;
}
