import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { regionOptions } from '../nodes/shared/aws/regions';
import { HOST_CREDENTIALS_ENV } from '../nodes/shared/credentials';

/**
 * One credential for every Bedrock node of this pack. Community nodes cannot reuse n8n's
 * built-in `aws` credentials (packages/nodes-base/credentials/Aws.credentials.ts; the
 * `no-credential-reuse` rule of @n8n/eslint-plugin-community-nodes), and those lack Bedrock API
 * keys and the host chain anyway.
 *
 * The nodes call AWS through the AWS SDK, not through `authenticate`, so this type carries
 * data only; the nodes' `awsBedrockApiTest` method proves it works (it lists foundation
 * models with it).
 */
export class AwsBedrockApi implements ICredentialType {
	name = 'awsBedrockApi';

	displayName = 'AWS (Bedrock) API';

	icon = { light: 'file:../icons/bedrock.svg', dark: 'file:../icons/bedrock.dark.svg' } as const;

	documentationUrl = 'https://docs.aws.amazon.com/bedrock/latest/userguide/security-iam.html';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			default: 'accessKeys',
			options: [
				{
					name: 'Access Keys',
					value: 'accessKeys',
					description:
						'An access key ID and secret, with a session token for temporary credentials',
				},
				{
					name: 'Assume Role',
					value: 'assumeRole',
					description:
						'Call STS AssumeRole and use the role’s temporary credentials (refreshed before they expire)',
				},
				{
					name: 'Assume Role From Host Identity',
					value: 'assumeRoleFromHost',
					description: `Like Assume Role, but the host credential chain calls STS. Only when ${HOST_CREDENTIALS_ENV}=true.`,
				},
				{
					name: 'Bedrock API Key',
					value: 'apiKey',
					description: 'A long- or short-term Amazon Bedrock API key, sent as a bearer token',
				},
				{
					name: 'Host Credential Chain',
					value: 'hostChain',
					description: `The n8n host’s own AWS identity (environment, SSO profile, IRSA, ECS task role, EC2 instance profile). Only when ${HOST_CREDENTIALS_ENV}=true.`,
				},
			],
		},
		{
			displayName: `The host credential chain gives every workflow author the identity of the machine n8n runs on, so it is off unless the instance administrator sets the environment variable ${HOST_CREDENTIALS_ENV}=true.`,
			name: 'hostChainNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { authentication: ['hostChain', 'assumeRoleFromHost'] } },
		},
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'AKIAIOSFODNN7EXAMPLE',
			displayOptions: {
				show: { authentication: ['accessKeys', 'assumeRole'] },
			},
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: {
				show: { authentication: ['accessKeys', 'assumeRole'] },
			},
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary credentials (access key IDs that start with ASIA)',
			displayOptions: {
				show: { authentication: ['accessKeys', 'assumeRole'] },
			},
		},
		{
			displayName: 'Role ARN',
			name: 'roleArn',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'arn:aws:iam::123456789012:role/BedrockInvoker',
			displayOptions: { show: { authentication: ['assumeRole', 'assumeRoleFromHost'] } },
		},
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			description: 'Only if the role’s trust policy requires one (sts:ExternalId)',
			displayOptions: { show: { authentication: ['assumeRole', 'assumeRoleFromHost'] } },
		},
		{
			displayName: 'Role Session Name',
			name: 'roleSessionName',
			type: 'string',
			default: 'n8n-bedrock',
			description: 'Shown in CloudTrail; 2–64 characters of letters, digits and =,.@_-',
			displayOptions: { show: { authentication: ['assumeRole', 'assumeRoleFromHost'] } },
		},
		{
			displayName: 'Session Duration (Seconds)',
			name: 'roleDurationSeconds',
			type: 'number',
			typeOptions: { minValue: 900, maxValue: 43200 },
			default: 3600,
			description:
				'How long each set of role credentials lasts (900–43200, within the role’s maximum session duration). They are reused until shortly before they expire.',
			displayOptions: { show: { authentication: ['assumeRole', 'assumeRoleFromHost'] } },
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An Amazon Bedrock API key (Bedrock console → API keys). Sent as "Authorization: Bearer"; no request signing.',
			displayOptions: { show: { authentication: ['apiKey'] } },
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'us-east-1',
			description:
				'Where Bedrock is called. A model or inference-profile ARN in a node overrides it for that call.',
			options: [...regionOptions, { name: 'Other (Enter Below)', value: 'custom' }],
		},
		{
			displayName: 'Custom Region',
			name: 'customRegion',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. ap-southeast-6',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Custom Endpoints',
			name: 'customEndpoints',
			type: 'boolean',
			default: false,
			description:
				'Whether to call other URLs than the public AWS endpoints: VPC interface endpoints (PrivateLink) without private DNS, a proxy, or a local Bedrock emulator. Requests are still signed for each AWS service (bedrock, sts, s3) and the call’s region.',
		},
		{
			displayName: 'Bedrock Runtime Endpoint',
			name: 'runtimeEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://bedrock-runtime.{region}.amazonaws.com',
			description:
				'Model invocation (InvokeModel, Converse). {region} is replaced by the call’s region.',
			displayOptions: { show: { customEndpoints: [true] } },
		},
		{
			displayName: 'Bedrock Endpoint',
			name: 'controlPlaneEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://bedrock.{region}.amazonaws.com',
			description:
				'Model listing (ListFoundationModels, ListInferenceProfiles). {region} is replaced.',
			displayOptions: { show: { customEndpoints: [true] } },
		},
		{
			displayName: 'STS Endpoint',
			name: 'stsEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://sts.{region}.amazonaws.com',
			description: 'Used by Assume Role. {region} is replaced.',
			displayOptions: { show: { customEndpoints: [true] } },
		},
		{
			displayName: 'S3 Endpoint',
			name: 's3Endpoint',
			type: 'string',
			default: '',
			placeholder: 'https://s3.{region}.amazonaws.com',
			description:
				'Used by Bedrock Video to check the output bucket and read the videos. {region} is replaced. Buckets are addressed path-style (https://host/bucket/key) when this is set, as S3 VPC endpoints and local S3 emulators need.',
			displayOptions: { show: { customEndpoints: [true] } },
		},
	];
}
