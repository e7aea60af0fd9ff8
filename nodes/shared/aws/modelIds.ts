/**
 * What a model identifier names. The nodes accept base model IDs, system inference profile
 * IDs (`us.`, `eu.`, `apac.`, `global.`…) and Bedrock ARNs; pricing, limits and hints need the
 * foundation model behind them.
 */
import { parseBedrockArn } from './regions';

/** Geography prefixes of system-defined inference profiles. */
const SYSTEM_PROFILE_PREFIX = /^(us|eu|apac|us-gov|global|jp|au|ca)\./;

/** `us.amazon.nova-lite-v1:0` → `amazon.nova-lite-v1:0`; other IDs unchanged. */
export function withoutProfilePrefix(id: string): string {
	return id.replace(SYSTEM_PROFILE_PREFIX, '');
}

/**
 * The foundation model an identifier names, when the identifier itself says so: a base model
 * ID, a system profile ID, or a foundation-model or system inference-profile ARN. Application
 * profiles, provisioned throughput and custom models only name themselves: `undefined`.
 */
export function foundationModelIdOf(identifier: string): string | undefined {
	const id = identifier.trim();
	const arn = parseBedrockArn(id);
	if (!arn) return id.startsWith('arn:') ? undefined : withoutProfilePrefix(id);
	if (arn.resourceType === 'foundation-model') return arn.resourceId;
	if (arn.resourceType === 'inference-profile') return withoutProfilePrefix(arn.resourceId);
	return undefined;
}
