/**
 * The node's "Options" collection, the same for every operation: where the output goes, fields
 * AWS adds later, guardrail and trace headers, and the shared batch settings (concurrency,
 * attempts, timeout).
 */
import type { INodeProperties } from 'n8n-workflow';

import { GUARDRAIL_ID, GUARDRAIL_VERSION } from '../../shared/aws/guardrails';
import { compareLabels } from '../../shared/labels';
import type { InvokeModelRequest } from '../../shared/transport/connection';
import { requestOptionFields } from '../../shared/requestOptions';

/**
 * Two images in flight by default: each holds its answer (about 2.4 MB of base64 for a
 * 1024x1024 PNG) and the decoded image until n8n has stored it. Measured for 100 such images
 * (docs/benchmark.md): peak memory growth under 64 MB at 1–2, about 75 MB at 4.
 */
export const IMAGE_CONCURRENCY = 2;
import { stringField, optionsField, shown, type ItemParams } from '../fields';

export const OPTIONS = 'options';

const outputField = stringField({
	name: 'binaryPropertyOutput',
	displayName: 'Put Output in Field',
	description: 'The name of the output binary field to put each image in',
	default: 'data',
});

const maskOutputField = stringField({
	name: 'maskPropertyOutput',
	displayName: 'Put Returned Mask in Field',
	description: 'The output binary field for the mask the model used, when Return Mask is on',
	default: 'mask',
});

const additionalFields: INodeProperties = {
	displayName: 'Additional Request Fields (JSON)',
	name: 'additionalRequestFields',
	type: 'json',
	default: '{}',
	description:
		'Fields merged into the request body (objects merged, other values replaced), e.g. for parameters AWS adds later. Sent as given: Bedrock validates them.',
};

const guardrailIdentifier = stringField({
	name: 'guardrailIdentifier',
	displayName: 'Guardrail ID',
	description:
		'A Bedrock guardrail (ID or ARN) applied to the request; not every image model supports guardrails',
	placeholder: 'e.g. a1b2c3d4e5f6',
});

const guardrailVersion = stringField({
	name: 'guardrailVersion',
	displayName: 'Guardrail Version',
	description: 'A version number, or DRAFT',
	default: 'DRAFT',
});

const trace = optionsField({
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

export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: OPTIONS,
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		additionalFields,
		guardrailIdentifier.property,
		trace.property,
		guardrailVersion.property,
		maskOutputField.property,
		outputField.property,
		...requestOptionFields(IMAGE_CONCURRENCY),
	].sort((a, b) => compareLabels(a.displayName, b.displayName)),
};

export interface InvokeSettings {
	outputField: string;
	maskField: string;
	additionalFields: Record<string, unknown>;
	headers: Pick<InvokeModelRequest, 'trace' | 'guardrailIdentifier' | 'guardrailVersion'>;
}

function readAdditionalFields(options: ItemParams): Record<string, unknown> {
	const value = options.raw(additionalFields.name);
	if (value === undefined || value === null || value === '') return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			return options.fail(
				`${additionalFields.displayName} is not valid JSON: ${(error as Error).message}`,
				'Enter a JSON object, e.g. {"extras": {}} or {"imageGenerationConfig": {"quality": "premium"}}.',
			);
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		return options.fail(
			`${additionalFields.displayName} must be a JSON object (got ${shown(parsed)})`,
		);
	}
	return parsed as Record<string, unknown>;
}

function readHeaders(options: ItemParams): InvokeSettings['headers'] {
	const identifier = guardrailIdentifier.read(options)?.trim();
	if (!identifier) return {};
	if (!GUARDRAIL_ID.test(identifier)) {
		return options.fail(
			`Guardrail ID ${shown(identifier)} is neither a guardrail ID nor a guardrail ARN`,
			'IDs are lower-case letters and digits; ARNs look like arn:aws:bedrock:us-east-1:123456789012:guardrail/abc123.',
		);
	}
	const version = guardrailVersion.read(options)?.trim() ?? 'DRAFT';
	if (!GUARDRAIL_VERSION.test(version)) {
		return options.fail(
			`Guardrail Version ${shown(version)} must be DRAFT or a version number (1–99999999)`,
		);
	}
	return {
		guardrailIdentifier: identifier,
		guardrailVersion: version,
		trace: trace.read(options) ?? 'DISABLED',
	};
}

export function readInvokeSettings(params: ItemParams): InvokeSettings {
	const options = params.in(OPTIONS);
	const output = outputField.read(options)?.trim() || 'data';
	const mask = maskOutputField.read(options)?.trim() || 'mask';
	if (output === mask) {
		params.fail(
			`Put Output in Field and Put Returned Mask in Field are both "${output}": give them different names`,
		);
	}
	return {
		outputField: output,
		maskField: mask,
		additionalFields: readAdditionalFields(options),
		headers: readHeaders(options),
	};
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body with the additional fields merged in: objects recursively, everything else replaced. */
export function mergeFields(
	body: Record<string, unknown>,
	extra: Record<string, unknown>,
): Record<string, unknown> {
	const merged: Record<string, unknown> = { ...body };
	for (const [key, value] of Object.entries(extra)) {
		const current = merged[key];
		merged[key] =
			isPlainObject(current) && isPlainObject(value) ? mergeFields(current, value) : value;
	}
	return merged;
}
