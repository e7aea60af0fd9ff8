/**
 * IAM authorization, reduced to what tests need: a list of denied actions (global, per
 * identity, per role), with `*` wildcards as in IAM policies (`bedrock:*`, `bedrock:List*`).
 *
 * Message as IAM words it, e.g. (BerriAI/litellm#39166): "User: arn:aws:iam::123456789012:user/x
 * is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:… because no
 * identity-based policy allows the bedrock:InvokeModel action".
 */
import { AwsError } from '../errors.ts';
import type { Principal } from './identities.ts';

export function isDenied(action: string, deniedActions: readonly string[]): boolean {
	return deniedActions.some((pattern) => matchesActionPattern(action, pattern));
}

export function assertAllowed(
	principal: Principal,
	action: string,
	globalDenied: readonly string[],
	resource?: string,
): void {
	if (!isDenied(action, [...globalDenied, ...principal.deniedActions])) return;
	throw new AwsError('AccessDeniedException', accessDeniedMessage(principal.arn, action, resource));
}

export function accessDeniedMessage(
	principalArn: string,
	action: string,
	resource?: string,
): string {
	const onResource = resource ? ` on resource: ${resource}` : '';
	return `User: ${principalArn} is not authorized to perform: ${action}${onResource} because no identity-based policy allows the ${action} action`;
}

function matchesActionPattern(action: string, pattern: string): boolean {
	const regex = new RegExp(
		`^${pattern
			.split('*')
			.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
			.join('.*')}$`,
		'i',
	);
	return regex.test(action);
}
