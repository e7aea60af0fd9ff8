/**
 * The Guardrail option of every invoking node: one group (ID, version, trace) under Options,
 * the shape n8n's own AWS Bedrock Chat Model uses, so adding the option shows the three fields
 * together. Converse takes it as `guardrailConfig`, InvokeModel as the
 * `X-Amzn-Bedrock-Guardrail*` and `X-Amzn-Bedrock-Trace` headers.
 *
 * Bedrock Image first had three separate options (`guardrailIdentifier`, `guardrailVersion`,
 * `trace` with upper-case values). n8n drops parameters a node no longer declares when it
 * loads a workflow, so those three stay declared for Bedrock Image, shown only where a stored
 * workflow has a value, and are read when the group is not set.
 */
import type { INodeProperties } from 'n8n-workflow';

import { GUARDRAIL_ID, GUARDRAIL_VERSION } from '../aws/guardrails';
import type { Field } from './field';
import { optionsField, stringField } from './kinds';
import type { ItemParams } from './params';

export type GuardrailTrace = 'disabled' | 'enabled' | 'enabled_full';

export interface GuardrailSettings {
	identifier: string;
	version: string;
	trace: GuardrailTrace;
}

const GROUP = 'guardrail';
const SETTINGS = 'settings';

const ID_PATTERN = {
	regex: GUARDRAIL_ID,
	allowed: 'a guardrail ID (lower-case letters and digits) or a guardrail ARN',
};
const VERSION_PATTERN = {
	regex: GUARDRAIL_VERSION,
	allowed: 'DRAFT or a version number from 1 to 99999999',
};

const identifier = stringField({
	name: 'identifier',
	displayName: 'Guardrail ID',
	description: 'The guardrail’s ID or ARN',
	placeholder: 'e.g. gr1abc2def3g',
	required: true,
	pattern: ID_PATTERN,
	emptyHint: 'Give the guardrail’s ID or ARN, or remove the Guardrail option.',
});

const version = stringField({
	name: 'version',
	displayName: 'Guardrail Version',
	description: 'DRAFT or a version number',
	default: 'DRAFT',
	pattern: VERSION_PATTERN,
});

const TRACE_LABELS = { disabled: 'Disabled', enabled: 'Enabled', enabled_full: 'Enabled (Full)' };

const trace = optionsField<GuardrailTrace>({
	name: 'trace',
	displayName: 'Guardrail Trace',
	description: 'Whether the output includes the guardrail’s assessment',
	default: 'disabled',
	options: (['disabled', 'enabled', 'enabled_full'] as const).map((value) => ({
		name: TRACE_LABELS[value],
		value,
	})),
});

export const guardrailProperty: INodeProperties = {
	displayName: 'Guardrail',
	name: GROUP,
	type: 'fixedCollection',
	default: {},
	description: 'Apply an Amazon Bedrock guardrail to the request and the answer',
	options: [
		{
			displayName: 'Guardrail',
			name: SETTINGS,
			values: [identifier.property, version.property, trace.property],
		},
	],
};

// Bedrock Image's first guardrail options ----------------------------------------------------

/** Shown only where a stored workflow has a value: new workflows use the Guardrail group. */
function legacy<T>(field: Field<T>): INodeProperties {
	return {
		...field.property,
		description: `${field.property.description ?? ''}. Kept for workflows made before the Guardrail option; use Guardrail instead.`,
		displayOptions: { show: { [field.name]: [{ _cnd: { exists: true } }] } },
	};
}

const legacyIdentifier = stringField({
	name: 'guardrailIdentifier',
	displayName: 'Guardrail ID',
	description: 'A Bedrock guardrail (ID or ARN) applied to the request',
	pattern: ID_PATTERN,
});

const legacyVersion = stringField({
	name: 'guardrailVersion',
	displayName: 'Guardrail Version',
	description: 'A version number, or DRAFT',
	default: 'DRAFT',
	pattern: VERSION_PATTERN,
});

const legacyTrace = optionsField({
	name: 'trace',
	displayName: 'Guardrail Trace',
	description: 'Whether Bedrock returns the guardrail trace',
	default: 'DISABLED',
	options: [
		{ name: 'Disabled', value: 'DISABLED' },
		{ name: 'Enabled', value: 'ENABLED' },
		{ name: 'Enabled (Full)', value: 'ENABLED_FULL' },
	],
});

/** Bedrock Image's three first guardrail options, for its Options collection. */
export const legacyGuardrailProperties: INodeProperties[] = [
	legacy(legacyIdentifier),
	legacy(legacyVersion),
	legacy(legacyTrace),
];

// Reading ------------------------------------------------------------------------------------

function hasGroup(options: ItemParams): boolean {
	const group = options.raw(GROUP);
	return typeof group === 'object' && group !== null && SETTINGS in group;
}

/** The guardrail of the item's Options (`options`), checked; undefined when none is set. */
export function readGuardrail(options: ItemParams): GuardrailSettings | undefined {
	if (hasGroup(options)) {
		const settings = options.in(`${GROUP}.${SETTINGS}`);
		return {
			identifier: (identifier.read(settings) as string).trim(),
			version: version.read(settings)?.trim() || 'DRAFT',
			trace: trace.read(settings) ?? 'disabled',
		};
	}
	const id = legacyIdentifier.read(options)?.trim();
	if (!id) return undefined;
	return {
		identifier: id,
		version: legacyVersion.read(options)?.trim() || 'DRAFT',
		trace: (legacyTrace.read(options)?.toLowerCase() ?? 'disabled') as GuardrailTrace,
	};
}

/** InvokeModel's guardrail headers (the trace in upper case), none without a guardrail. */
export function guardrailHeaders(guardrail: GuardrailSettings | undefined): {
	guardrailIdentifier?: string;
	guardrailVersion?: string;
	trace?: 'DISABLED' | 'ENABLED' | 'ENABLED_FULL';
} {
	if (!guardrail) return {};
	return {
		guardrailIdentifier: guardrail.identifier,
		guardrailVersion: guardrail.version,
		trace: guardrail.trace.toUpperCase() as 'DISABLED' | 'ENABLED' | 'ENABLED_FULL',
	};
}
