/**
 * Who may call the emulator: long-term access keys, Bedrock API keys (bearer tokens), IAM
 * roles that AssumeRole may assume, and the temporary credentials AssumeRole issued.
 *
 * The defaults are the AWS documentation's example key pair (never real-looking keys) and a
 * fixed account, documented in emulator/README.md.
 */
import { createHash, randomBytes } from 'node:crypto';

export const DEFAULT_ACCOUNT_ID = '123456789012';

export interface AccessKeyConfig {
	accessKeyId: string;
	secretAccessKey: string;
	accountId?: string;
	/** IAM user name; the principal is `arn:aws:iam::{account}:user/{userName}`. */
	userName?: string;
	/** IAM actions this identity is not allowed, e.g. `bedrock:ListInferenceProfiles` or `bedrock:*`. */
	deniedActions?: string[];
	/**
	 * Makes the key temporary credentials (`ASIA…` in AWS): requests must carry this token, as
	 * with credentials pasted from an STS or SSO session.
	 */
	sessionToken?: string;
	/** When the session token expires (ISO 8601); a past time answers ExpiredTokenException. */
	expiration?: string;
}

export interface ApiKeyConfig {
	apiKey: string;
	accountId?: string;
	userName?: string;
	deniedActions?: string[];
}

export interface RoleConfig {
	roleArn: string;
	/** When set, AssumeRole must pass exactly this `ExternalId`. */
	externalId?: string;
	/** Longest `DurationSeconds` the role allows (IAM: 3600–43200). */
	maxSessionDuration?: number;
	/** Denied to sessions of this role. */
	deniedActions?: string[];
}

/** Shape of `--identities file.json` and of the `identities` option (added to the defaults). */
export interface IdentitiesConfig {
	accessKeys?: AccessKeyConfig[];
	apiKeys?: ApiKeyConfig[];
	roles?: RoleConfig[];
}

export const DEFAULT_IDENTITIES: Required<IdentitiesConfig> = {
	accessKeys: [
		{
			accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
			secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
			userName: 'emulator-user',
		},
	],
	apiKeys: [{ apiKey: 'bedrock-api-key-emulator', userName: 'BedrockAPIKey-emulator' }],
	roles: [
		{
			roleArn: `arn:aws:iam::${DEFAULT_ACCOUNT_ID}:role/EmulatorBedrockRole`,
			maxSessionDuration: 43200,
		},
		{
			roleArn: `arn:aws:iam::${DEFAULT_ACCOUNT_ID}:role/EmulatorExternalIdRole`,
			externalId: 'emulator-external-id',
			maxSessionDuration: 43200,
		},
	],
};

/** An authenticated caller. */
export interface Principal {
	kind: 'user' | 'assumed-role' | 'api-key';
	arn: string;
	accountId: string;
	/** `UserId` of GetCallerIdentity: `AIDA…` for users, `AROA…:session` for role sessions. */
	userId: string;
	/** For the request log: the access key ID, `bearer`, or the assumed-role ARN. Never a secret. */
	label: string;
	deniedActions: string[];
	/** Set for role sessions: AssumeRole with such credentials is role chaining. */
	roleArn?: string;
}

export interface StoredAccessKey {
	accessKeyId: string;
	secretAccessKey: string;
	principal: Principal;
	sessionToken?: string;
	expiresAt?: number;
}

export interface IssuedCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken: string;
	expiration: Date;
	assumedRoleArn: string;
	assumedRoleId: string;
}

export class IdentityStore {
	private readonly accessKeys = new Map<string, StoredAccessKey>();
	private readonly apiKeys = new Map<string, Principal>();
	private readonly roles = new Map<string, RoleConfig>();

	constructor(extra: IdentitiesConfig = {}) {
		for (const config of [DEFAULT_IDENTITIES, extra]) {
			for (const key of config.accessKeys ?? []) this.addAccessKey(key);
			for (const key of config.apiKeys ?? []) this.addApiKey(key);
			for (const role of config.roles ?? []) this.roles.set(role.roleArn, role);
		}
	}

	findAccessKey(accessKeyId: string): StoredAccessKey | undefined {
		return this.accessKeys.get(accessKeyId);
	}

	findApiKey(apiKey: string): Principal | undefined {
		return this.apiKeys.get(apiKey);
	}

	findRole(roleArn: string): RoleConfig | undefined {
		return this.roles.get(roleArn);
	}

	/** Temporary credentials for a role session, valid `durationSeconds` from `now`. */
	issueSession(
		role: RoleConfig,
		sessionName: string,
		durationSeconds: number,
		now: number,
	): IssuedCredentials {
		const [, , , , accountId, resource] = role.roleArn.split(':');
		const roleName = resource.slice(resource.lastIndexOf('/') + 1);
		const assumedRoleArn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
		const assumedRoleId = `${stableId('AROA', role.roleArn)}:${sessionName}`;
		const credentials: StoredAccessKey = {
			accessKeyId: `ASIA${randomId(16)}`,
			secretAccessKey: randomBytes(30).toString('base64'),
			sessionToken: `EmulatorSessionToken/${randomBytes(96).toString('base64')}`,
			expiresAt: now + durationSeconds * 1000,
			principal: {
				kind: 'assumed-role',
				arn: assumedRoleArn,
				accountId,
				userId: assumedRoleId,
				label: assumedRoleArn,
				deniedActions: role.deniedActions ?? [],
				roleArn: role.roleArn,
			},
		};
		this.accessKeys.set(credentials.accessKeyId, credentials);
		return {
			accessKeyId: credentials.accessKeyId,
			secretAccessKey: credentials.secretAccessKey,
			sessionToken: credentials.sessionToken as string,
			expiration: new Date(credentials.expiresAt as number),
			assumedRoleArn,
			assumedRoleId,
		};
	}

	private addAccessKey(config: AccessKeyConfig): void {
		const accountId = config.accountId ?? DEFAULT_ACCOUNT_ID;
		const userName = config.userName ?? config.accessKeyId;
		this.accessKeys.set(config.accessKeyId, {
			accessKeyId: config.accessKeyId,
			secretAccessKey: config.secretAccessKey,
			...(config.sessionToken !== undefined ? { sessionToken: config.sessionToken } : {}),
			...(config.expiration !== undefined ? { expiresAt: Date.parse(config.expiration) } : {}),
			principal: {
				kind: 'user',
				arn: `arn:aws:iam::${accountId}:user/${userName}`,
				accountId,
				userId: stableId('AIDA', `${accountId}/${userName}`),
				label: config.accessKeyId,
				deniedActions: config.deniedActions ?? [],
			},
		});
	}

	private addApiKey(config: ApiKeyConfig): void {
		const accountId = config.accountId ?? DEFAULT_ACCOUNT_ID;
		const userName = config.userName ?? 'BedrockAPIKey';
		this.apiKeys.set(config.apiKey, {
			kind: 'api-key',
			arn: `arn:aws:iam::${accountId}:user/${userName}`,
			accountId,
			userId: stableId('AIDA', `${accountId}/${userName}`),
			label: 'bearer',
			deniedActions: config.deniedActions ?? [],
		});
	}
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomId(length: number): string {
	return [...randomBytes(length)].map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

/** IAM unique IDs (`AIDA…`, `AROA…`): prefix + 17 characters, stable for the same name. */
function stableId(prefix: string, name: string): string {
	const digest = createHash('sha256').update(name).digest();
	return (
		prefix +
		[...digest.subarray(0, 17)].map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('')
	);
}
