/**
 * AWS regions: the list the credential offers, and the check every region passes before it
 * is put into a URL or a client.
 *
 * The list is for picking; any region that matches the pattern is accepted, so a region
 * AWS launches after this release works without an update (n8n's own AWS credential rejects
 * regions outside its list until n8n ships a new one: `assertSupportedAwsRegion` in
 * packages/nodes-base/credentials/common/aws/utils.ts).
 */
import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * `us-east-1`, `eu-central-2`, `cn-north-1`, `us-gov-west-1`, `us-iso-east-1`, `us-isob-east-1`,
 * `eusc-de-east-1`…: two to four lower-case letters, an optional partition marker, a direction
 * word and a digit.
 */
const REGION_PATTERN = /^[a-z]{2,4}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/**
 * Regions where Amazon Bedrock is offered
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/endpoints-region-availability.html),
 * plus China and GovCloud.
 */
const BEDROCK_REGIONS: Array<[region: string, location: string]> = [
	['us-east-1', 'US East (N. Virginia)'],
	['us-east-2', 'US East (Ohio)'],
	['us-west-1', 'US West (N. California)'],
	['us-west-2', 'US West (Oregon)'],
	['ca-central-1', 'Canada (Central)'],
	['ca-west-1', 'Canada West (Calgary)'],
	['mx-central-1', 'Mexico (Central)'],
	['sa-east-1', 'South America (São Paulo)'],
	['eu-central-1', 'Europe (Frankfurt)'],
	['eu-central-2', 'Europe (Zurich)'],
	['eu-west-1', 'Europe (Ireland)'],
	['eu-west-2', 'Europe (London)'],
	['eu-west-3', 'Europe (Paris)'],
	['eu-north-1', 'Europe (Stockholm)'],
	['eu-south-1', 'Europe (Milan)'],
	['eu-south-2', 'Europe (Spain)'],
	['ap-northeast-1', 'Asia Pacific (Tokyo)'],
	['ap-northeast-2', 'Asia Pacific (Seoul)'],
	['ap-northeast-3', 'Asia Pacific (Osaka)'],
	['ap-south-1', 'Asia Pacific (Mumbai)'],
	['ap-south-2', 'Asia Pacific (Hyderabad)'],
	['ap-southeast-1', 'Asia Pacific (Singapore)'],
	['ap-southeast-2', 'Asia Pacific (Sydney)'],
	['ap-southeast-3', 'Asia Pacific (Jakarta)'],
	['ap-southeast-4', 'Asia Pacific (Melbourne)'],
	['ap-southeast-5', 'Asia Pacific (Malaysia)'],
	['ap-southeast-7', 'Asia Pacific (Thailand)'],
	['ap-east-2', 'Asia Pacific (Taipei)'],
	['me-central-1', 'Middle East (UAE)'],
	['me-south-1', 'Middle East (Bahrain)'],
	['il-central-1', 'Israel (Tel Aviv)'],
	['af-south-1', 'Africa (Cape Town)'],
	['cn-north-1', 'China (Beijing)'],
	['cn-northwest-1', 'China (Ningxia)'],
	['us-gov-east-1', 'AWS GovCloud (US-East)'],
	['us-gov-west-1', 'AWS GovCloud (US-West)'],
];

export const regionOptions: INodePropertyOptions[] = BEDROCK_REGIONS.map(([value, location]) => ({
	name: `${location} - ${value}`,
	value,
}));

export function isValidRegion(region: unknown): region is string {
	return typeof region === 'string' && REGION_PATTERN.test(region);
}

/** The DNS suffix of the region's partition: China uses its own. */
export function dnsSuffixOf(region: string): string {
	return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/**
 * Bedrock ARNs in every partition: `arn:aws:bedrock:…`, `arn:aws-cn:bedrock:…`,
 * `arn:aws-us-gov:bedrock:…`, `arn:aws-iso:bedrock:…`.
 */
const BEDROCK_ARN = /^arn:aws(?:-[a-z-]+)?:bedrock:([a-z0-9-]+):(\d{12})?:([a-z-]+)\/(.+)$/;

export interface BedrockArn {
	region: string;
	accountId?: string;
	/** `foundation-model`, `inference-profile`, `application-inference-profile`, `provisioned-model`, `custom-model`… */
	resourceType: string;
	resourceId: string;
}

export function parseBedrockArn(value: string): BedrockArn | undefined {
	const match = BEDROCK_ARN.exec(value.trim());
	if (!match || !isValidRegion(match[1])) return undefined;
	return {
		region: match[1],
		accountId: match[2] || undefined,
		resourceType: match[3],
		resourceId: match[4],
	};
}

/** The region a model ARN lives in: calls with that ARN must go to that region's endpoint. */
export function regionFromModelArn(modelIdOrArn: string): string | undefined {
	return parseBedrockArn(modelIdOrArn)?.region;
}
