/**
 * Endpoint overrides: VPC interface endpoints (PrivateLink) without private DNS, FIPS or
 * proxy hosts, and the offline emulator.
 *
 * Only the URL changes: the SDK still signs with the service's signing name (`bedrock`, `sts`,
 * `s3`) and the call's region, whatever the host is.
 */
export type EndpointKind =
	| 'Bedrock Runtime Endpoint'
	| 'Bedrock Endpoint'
	| 'STS Endpoint'
	| 'S3 Endpoint';

export class EndpointOverrideError extends Error {
	readonly field: EndpointKind;

	constructor(field: EndpointKind, reason: string) {
		// The value is not echoed: it may carry user:password@ in its authority.
		super(`${field} is not valid: ${reason}`);
		this.name = 'EndpointOverrideError';
		this.field = field;
	}
}

/**
 * Turns a configured override into the URL to call, or `undefined` when none is set.
 * `{region}` is replaced by the call's region.
 *
 * @throws {EndpointOverrideError} not an http(s) URL, credentials in the URL, or a query/fragment
 */
export function resolveEndpointOverride(
	template: string | undefined,
	region: string,
	field: EndpointKind,
): string | undefined {
	const trimmed = (template ?? '').trim();
	if (trimmed === '') return undefined;

	const candidate = trimmed.replace(/\{region\}/g, region);
	if (!URL.canParse(candidate)) {
		throw new EndpointOverrideError(
			field,
			'expected a URL such as https://bedrock-runtime.{region}.amazonaws.com',
		);
	}
	const url = new URL(candidate);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new EndpointOverrideError(field, 'only http:// and https:// URLs are allowed');
	}
	if (url.username || url.password) {
		throw new EndpointOverrideError(field, 'the URL must not contain a user name or password');
	}
	if (url.search || url.hash) {
		throw new EndpointOverrideError(field, 'the URL must not contain a query string or fragment');
	}
	return url.toString().replace(/\/$/, '');
}
