/**
 * AWS STS on the emulator's endpoint: `AssumeRole` and `GetCallerIdentity`, query protocol
 * (form-encoded `POST /`, signing name `sts`), XML answers and XML errors as STS sends them:
 *
 *   <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
 *     <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>…</Message></Error>
 *     <RequestId>…</RequestId>
 *   </ErrorResponse>
 *
 * Parameter rules are STS's API reference: RoleArn 20–2048, RoleSessionName 2–64 of
 * `[\w+=,.@-]*`, DurationSeconds 900–43200 and at most the role's MaxSessionDuration (1 hour
 * when role chaining), ExternalId 2–1224 of `[\w+=,.@:\/-]*`.
 */
import { AwsError } from './errors.ts';
import type { Principal } from './auth/identities.ts';
import { accessDeniedMessage, isDenied } from './auth/authorize.ts';
import type { Exchange } from './http/exchange.ts';
import { send } from './http/respond.ts';
import type { EmulatorState } from './state.ts';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ROLE_ARN = /^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const CHAINED_SESSION_LIMIT = 3600;

/** STS error codes and statuses for the errors the emulator raises (STS API reference, "Common Errors"). */
const STS_ERRORS: Record<string, { code: string; status: number }> = {
	InvalidSignatureException: { code: 'SignatureDoesNotMatch', status: 403 },
	UnrecognizedClientException: { code: 'InvalidClientTokenId', status: 403 },
	ExpiredTokenException: { code: 'ExpiredToken', status: 400 },
	IncompleteSignatureException: { code: 'IncompleteSignature', status: 400 },
	MissingAuthenticationTokenException: { code: 'MissingAuthenticationToken', status: 403 },
	AccessDeniedException: { code: 'AccessDenied', status: 403 },
	ThrottlingException: { code: 'Throttling', status: 400 },
	InternalServerException: { code: 'InternalFailure', status: 500 },
	ServiceUnavailableException: { code: 'ServiceUnavailable', status: 503 },
};

export function parseForm(body: Buffer, rawQuery: string): URLSearchParams {
	const params = new URLSearchParams(rawQuery);
	for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.set(key, value);
	return params;
}

export function handleAssumeRole(
	exchange: Exchange,
	state: EmulatorState,
	principal: Principal,
): void {
	const params = parseForm(exchange.body, exchange.rawQuery);
	const roleArn = params.get('RoleArn');
	const sessionName = params.get('RoleSessionName');
	const durationText = params.get('DurationSeconds');
	const externalId = params.get('ExternalId');
	const duration = durationText === null ? 3600 : Number(durationText);

	const violations: string[] = [];
	const violation = (value: string | null, member: string, constraint: string) =>
		violations.push(
			`Value ${value === null ? 'null' : `'${value}'`} at '${member}' failed to satisfy constraint: ${constraint}`,
		);
	if (roleArn === null) violation(null, 'roleArn', 'Member must not be null');
	else if (roleArn.length < 20)
		violation(roleArn, 'roleArn', 'Member must have length greater than or equal to 20');
	else if (roleArn.length > 2048)
		violation(roleArn, 'roleArn', 'Member must have length less than or equal to 2048');
	if (sessionName === null) violation(null, 'roleSessionName', 'Member must not be null');
	else if (sessionName.length < 2)
		violation(sessionName, 'roleSessionName', 'Member must have length greater than or equal to 2');
	else if (sessionName.length > 64)
		violation(sessionName, 'roleSessionName', 'Member must have length less than or equal to 64');
	else if (!/^[\w+=,.@-]*$/.test(sessionName)) {
		violation(
			sessionName,
			'roleSessionName',
			'Member must satisfy regular expression pattern: [\\w+=,.@-]*',
		);
	}
	if (!Number.isInteger(duration))
		violation(durationText, 'durationSeconds', 'Member must be an integer');
	else if (duration < 900)
		violation(
			durationText,
			'durationSeconds',
			'Member must have value greater than or equal to 900',
		);
	else if (duration > 43200)
		violation(
			durationText,
			'durationSeconds',
			'Member must have value less than or equal to 43200',
		);
	if (externalId !== null) {
		if (externalId.length < 2)
			violation(externalId, 'externalId', 'Member must have length greater than or equal to 2');
		else if (externalId.length > 1224)
			violation(externalId, 'externalId', 'Member must have length less than or equal to 1224');
		else if (!/^[\w+=,.@:/-]*$/.test(externalId)) {
			violation(
				externalId,
				'externalId',
				'Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*',
			);
		}
	}
	if (violations.length > 0) {
		throw stsValidationError(
			`${violations.length} validation error${violations.length > 1 ? 's' : ''} detected: ${violations.join('; ')}`,
		);
	}
	if (!ROLE_ARN.test(roleArn!)) throw stsValidationError('Request ARN is invalid');

	const role = state.identities.findRole(roleArn!);
	const denied =
		!role ||
		role.roleArn.split(':')[4] !== principal.accountId ||
		(role.externalId !== undefined && role.externalId !== externalId) ||
		isDenied('sts:AssumeRole', [...state.settings.deniedActions, ...principal.deniedActions]);
	if (denied) {
		throw new AwsError(
			'AccessDeniedException',
			accessDeniedMessage(principal.arn, 'sts:AssumeRole', roleArn!).replace(
				/ because no identity-based policy allows the sts:AssumeRole action$/,
				'',
			),
		);
	}
	if (principal.kind === 'assumed-role' && duration > CHAINED_SESSION_LIMIT) {
		throw stsValidationError(
			'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
		);
	}
	if (duration > (role!.maxSessionDuration ?? 3600)) {
		throw stsValidationError(
			'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
		);
	}

	const issued = state.identities.issueSession(role!, sessionName!, duration, state.now());
	state.counters.assumeRole += 1;
	sendXml(
		exchange,
		200,
		`<AssumeRoleResponse xmlns="${NAMESPACE}">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <AssumedRoleId>${xml(issued.assumedRoleId)}</AssumedRoleId>
      <Arn>${xml(issued.assumedRoleArn)}</Arn>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>${issued.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${xml(issued.secretAccessKey)}</SecretAccessKey>
      <SessionToken>${xml(issued.sessionToken)}</SessionToken>
      <Expiration>${issued.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z')}</Expiration>
    </Credentials>
  </AssumeRoleResult>
  <ResponseMetadata>
    <RequestId>${exchange.requestId}</RequestId>
  </ResponseMetadata>
</AssumeRoleResponse>
`,
	);
}

export function handleGetCallerIdentity(exchange: Exchange, principal: Principal): void {
	sendXml(
		exchange,
		200,
		`<GetCallerIdentityResponse xmlns="${NAMESPACE}">
  <GetCallerIdentityResult>
    <Arn>${xml(principal.arn)}</Arn>
    <UserId>${xml(principal.userId)}</UserId>
    <Account>${principal.accountId}</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata>
    <RequestId>${exchange.requestId}</RequestId>
  </ResponseMetadata>
</GetCallerIdentityResponse>
`,
	);
}

/** STS's own `ValidationError` (400). */
function stsValidationError(message: string): AwsError {
	return new AwsError('ValidationError', message, { status: 400 });
}

export function sendStsError(exchange: Exchange, error: AwsError): void {
	const mapped = STS_ERRORS[error.name];
	const code = mapped?.code ?? error.name;
	const status = mapped?.status ?? error.status;
	// STS names the signature problem without the canonical request Bedrock adds.
	const message =
		error.name === 'InvalidSignatureException' ? error.message.split('\n\n')[0] : error.message;
	if (exchange.log) exchange.log.errorType = code;
	sendXml(
		exchange,
		status,
		`<ErrorResponse xmlns="${NAMESPACE}">
  <Error>
    <Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type>
    <Code>${xml(code)}</Code>
    <Message>${xml(message)}</Message>
  </Error>
  <RequestId>${exchange.requestId}</RequestId>
</ErrorResponse>
`,
	);
}

function sendXml(exchange: Exchange, status: number, body: string): void {
	send(exchange, status, { 'content-type': 'text/xml' }, body);
}

/** Escapes text for an XML element or attribute (STS and S3 answers). */
export function xml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}
