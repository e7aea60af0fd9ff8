/**
 * The node's "Options" collection, the same for every operation: where the output goes, fields
 * AWS adds later, the Guardrail (sent as InvokeModel headers; the node's first three guardrail
 * options still read), and the shared batch settings (concurrency, attempts, timeout).
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	collectionProperty,
	guardrailHeaders,
	guardrailProperty,
	jsonObjectField,
	legacyGuardrailProperties,
	readGuardrail,
	readStoreInS3,
	storeInS3Fields,
	stringField,
	type GuardrailSettings,
	type ItemParams,
	type StoreInS3Settings,
} from '../../shared/fields';
import type { InvokeModelRequest } from '../../shared/transport/connection';
import { requestOptions } from '../../shared/requestOptions';

/**
 * Two images in flight by default: each holds its answer (about 2.4 MB of base64 for a
 * 1024x1024 PNG) and the decoded image until n8n has stored it. Measured for 100 such images
 * (docs/benchmark.md): peak memory growth under 64 MB at 1–2, about 75 MB at 4.
 */
export const IMAGE_CONCURRENCY = 2;

export const OPTIONS = 'options';

export const imageRequestOptions = requestOptions(IMAGE_CONCURRENCY);

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

const additionalFields = jsonObjectField({
	name: 'additionalRequestFields',
	displayName: 'Additional Request Fields (JSON)',
	description:
		'Fields merged into the request body (objects merged, other values replaced), e.g. for parameters AWS adds later. Sent as given: Bedrock validates them.',
	example: '{"extras": {}} or {"imageGenerationConfig": {"quality": "premium"}}',
});

export const optionsProperty: INodeProperties = collectionProperty(OPTIONS, 'Options', [
	additionalFields,
	{
		...guardrailProperty,
		description: `${guardrailProperty.description}; not every image model supports guardrails`,
	},
	...legacyGuardrailProperties,
	maskOutputField,
	outputField,
	...storeInS3Fields,
	...imageRequestOptions.fields,
]);

export interface InvokeSettings {
	outputField: string;
	maskField: string;
	additionalFields: Record<string, unknown>;
	headers: Pick<InvokeModelRequest, 'trace' | 'guardrailIdentifier' | 'guardrailVersion'>;
	/** The same guardrail, for families that call Converse (`guardrailConfig`). */
	guardrail?: GuardrailSettings;
	/** Store in S3: where each image also goes; undefined when not asked. */
	store?: StoreInS3Settings;
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
	const guardrail = readGuardrail(options);
	const store = readStoreInS3(options);
	return {
		outputField: output,
		maskField: mask,
		additionalFields: additionalFields.read(options) ?? {},
		headers: guardrailHeaders(guardrail),
		...(guardrail ? { guardrail } : {}),
		...(store ? { store } : {}),
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
