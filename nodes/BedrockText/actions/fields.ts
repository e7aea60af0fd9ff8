/**
 * Field definitions both operations show: the model parameters and the guardrail. Display
 * names come from `FIELD`, the same names the validation errors use.
 */
import type { INodeProperties } from 'n8n-workflow';

import { FIELD } from '../parameters';

export const maxTokensField: INodeProperties = {
	displayName: FIELD.maxTokens,
	name: 'maxTokens',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1024,
	description:
		'Most tokens the model may generate (reasoning included). Checked against the model’s documented maximum where the node knows it.',
};

export const temperatureField: INodeProperties = {
	displayName: FIELD.temperature,
	name: 'temperature',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
	default: 0.7,
	description: 'Randomness of the answer, 0 to 1. Lower is more deterministic.',
};

export const topPField: INodeProperties = {
	displayName: FIELD.topP,
	name: 'topP',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
	default: 0.9,
	description:
		'Nucleus sampling, 0 to 1: the model picks from the most likely tokens whose probabilities add up to this value. Some models (Claude 4.5) take Temperature or Top P, not both.',
};

export const stopSequencesField: INodeProperties = {
	displayName: FIELD.stopSequences,
	name: 'stopSequences',
	type: 'string',
	typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Stop Sequence' },
	default: [],
	description:
		'Texts that end the answer when the model produces them; the stop sequence itself is not returned',
};

export const guardrailField: INodeProperties = {
	displayName: FIELD.guardrail,
	name: 'guardrail',
	type: 'fixedCollection',
	default: {},
	description: 'Apply an Amazon Bedrock guardrail to the request and the answer',
	options: [
		{
			displayName: 'Guardrail',
			name: 'settings',
			values: [
				{
					displayName: 'Identifier',
					name: 'identifier',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'e.g. gr1abc2def3g',
					description: 'The guardrail’s ID or ARN',
				},
				{
					displayName: 'Version',
					name: 'version',
					type: 'string',
					default: 'DRAFT',
					description: 'DRAFT or a version number',
				},
				{
					displayName: 'Trace',
					name: 'trace',
					type: 'options',
					default: 'disabled',
					description: 'Whether the output includes the guardrail’s assessment',
					options: [
						{ name: 'Disabled', value: 'disabled' },
						{ name: 'Enabled', value: 'enabled' },
						{ name: 'Enabled (Full)', value: 'enabled_full' },
					],
				},
			],
		},
	],
};

export const includeRawResponseField: INodeProperties = {
	displayName: 'Include Raw Response',
	name: 'includeRawResponse',
	type: 'boolean',
	default: false,
	description: 'Whether to add Bedrock’s whole answer to the output as rawResponse',
};
