/**
 * Authenticates a request the way the AWS front door does before Bedrock (or STS) sees it:
 * SigV4 (access key, optional session token) or a Bedrock API key as a bearer token.
 *
 * Messages are AWS's own, from public error reports:
 * - signature mismatch (Bedrock adds the canonical request and string to sign):
 *   BerriAI/litellm#14763;
 * - clock skew (5 minutes, 403 on Bedrock): anthropics/anthropic-sdk-go#122,
 *   boto/botocore#3587;
 * - unknown key / token: Aider-AI/aider#1986, anthropics/claude-code#2260;
 * - bad Bedrock API key: 403 `{"Message":"Authentication failed: Please make sure your API Key
 *   is valid."}` (ai4s-research/open-science#53, anomalyco/opencode#47073). The error type of
 *   that answer is not in those reports; AccessDeniedException is the emulator's choice.
 */
import { timingSafeEqual } from 'node:crypto';

import { AwsError, CORAL_ERROR_NAMESPACE } from '../errors.ts';
import type { IdentityStore, Principal } from './identities.ts';
import {
	ALGORITHM,
	type SignableRequest,
	canonicalRequest,
	computeSignature,
	formatAmzDate,
	parseAmzDate,
	parseAuthorizationHeader,
	stringToSign,
} from './sigv4.ts';

export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface Authenticated {
	principal: Principal;
	/** The region of the SigV4 credential scope, or the emulator's default region for bearer auth. */
	region: string;
	scheme: 'sigv4' | 'bearer';
}

export interface AuthenticateOptions {
	store: IdentityStore;
	/** Signing name the route expects in the credential scope: `bedrock` or `sts`. */
	service: string;
	now: number;
	defaultRegion: string;
	/** STS only accepts SigV4. */
	allowBearer: boolean;
}

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function authenticate(
	request: SignableRequest,
	options: AuthenticateOptions,
): Authenticated {
	const authorization = request.headers.authorization;
	if (!authorization) {
		throw frontDoorError('MissingAuthenticationTokenException', 'Missing Authentication Token');
	}
	if (/^Bearer /i.test(authorization) && options.allowBearer) {
		return authenticateBearer(authorization.slice('Bearer '.length).trim(), options);
	}
	if (!authorization.startsWith(`${ALGORITHM} `)) {
		throw frontDoorError(
			'IncompleteSignatureException',
			`Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=${authorization}`,
		);
	}
	return authenticateSigV4(request, authorization, options);
}

function authenticateBearer(token: string, options: AuthenticateOptions): Authenticated {
	const principal = options.store.findApiKey(token);
	if (!principal) {
		throw new AwsError(
			'AccessDeniedException',
			'Authentication failed: Please make sure your API Key is valid.',
			{
				typeNamespace: CORAL_ERROR_NAMESPACE,
				messageKey: 'Message',
			},
		);
	}
	return { principal, region: options.defaultRegion, scheme: 'bearer' };
}

function authenticateSigV4(
	request: SignableRequest,
	authorization: string,
	options: AuthenticateOptions,
): Authenticated {
	const parsed = parseAuthorizationHeader(authorization);
	const missing = [
		parsed.credential ? undefined : `Authorization header requires 'Credential' parameter.`,
		parsed.signature ? undefined : `Authorization header requires 'Signature' parameter.`,
		parsed.signedHeaders ? undefined : `Authorization header requires 'SignedHeaders' parameter.`,
	].filter((problem): problem is string => problem !== undefined);
	const amzDate = request.headers['x-amz-date'] ?? request.headers.date;
	if (!amzDate)
		missing.push(
			`Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.`,
		);
	if (missing.length > 0) {
		throw frontDoorError(
			'IncompleteSignatureException',
			`${missing.join(' ')} Authorization=${authorization}`,
		);
	}
	const credential = parsed.credential!;
	const signedHeaders = parsed.signedHeaders!;
	if (!signedHeaders.includes('host') && !signedHeaders.includes(':authority')) {
		throw frontDoorError(
			'IncompleteSignatureException',
			`'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.`,
		);
	}

	const requestTime = parseAmzDate(amzDate!);
	checkClockSkew(requestTime, amzDate!, options.now);

	const stored = options.store.findAccessKey(credential.accessKeyId);
	if (!stored) throw unrecognizedClient();
	const presentedToken = request.headers['x-amz-security-token'];
	if (stored.sessionToken === undefined) {
		if (presentedToken !== undefined) throw unrecognizedClient();
	} else {
		if (presentedToken !== stored.sessionToken) throw unrecognizedClient();
		if ((stored.expiresAt ?? Infinity) <= options.now) {
			throw frontDoorError(
				'ExpiredTokenException',
				'The security token included in the request is expired',
			);
		}
	}

	checkScope(credential, amzDate!, options.service);

	const canonical = canonicalRequest(request, signedHeaders);
	const toSign = stringToSign(amzDate!, credential, canonical);
	const expected = computeSignature(stored.secretAccessKey, credential, toSign);
	if (!sameSignature(expected, parsed.signature!)) {
		throw frontDoorError(
			'InvalidSignatureException',
			`The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${toSign}'\n`,
		);
	}
	return { principal: stored.principal, region: credential.region, scheme: 'sigv4' };
}

function checkClockSkew(requestTime: number, amzDate: string, now: number): void {
	if (Number.isNaN(requestTime)) {
		throw frontDoorError(
			'IncompleteSignatureException',
			`Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
		);
	}
	const nowText = formatAmzDate(now);
	if (requestTime < now - MAX_CLOCK_SKEW_MS) {
		throw frontDoorError(
			'InvalidSignatureException',
			`Signature expired: ${formatAmzDate(requestTime)} is now earlier than ${formatAmzDate(now - MAX_CLOCK_SKEW_MS)} (${nowText} - 5 min.)`,
		);
	}
	if (requestTime > now + MAX_CLOCK_SKEW_MS) {
		throw frontDoorError(
			'InvalidSignatureException',
			`Signature not yet current: ${formatAmzDate(requestTime)} is still later than ${formatAmzDate(now + MAX_CLOCK_SKEW_MS)} (${nowText} + 5 min.)`,
		);
	}
}

function checkScope(
	credential: { date: string; region: string; service: string; terminator: string },
	amzDate: string,
	service: string,
): void {
	if (credential.terminator !== 'aws4_request') {
		throw frontDoorError(
			'InvalidSignatureException',
			`Credential should be scoped with a valid terminator: 'aws4_request', not '${credential.terminator}'. `,
		);
	}
	if (credential.date !== amzDate.slice(0, 8)) {
		throw frontDoorError(
			'InvalidSignatureException',
			`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${credential.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
		);
	}
	if (!REGION_PATTERN.test(credential.region)) {
		throw frontDoorError(
			'InvalidSignatureException',
			`Credential should be scoped to a valid region. `,
		);
	}
	if (credential.service !== service) {
		throw frontDoorError(
			'InvalidSignatureException',
			`Credential should be scoped to correct service: '${service}'. `,
		);
	}
}

function sameSignature(expected: string, presented: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(presented, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

function unrecognizedClient(): AwsError {
	return frontDoorError(
		'UnrecognizedClientException',
		'The security token included in the request is invalid.',
	);
}

function frontDoorError(name: string, message: string): AwsError {
	return new AwsError(name, message, { typeNamespace: CORAL_ERROR_NAMESPACE });
}
