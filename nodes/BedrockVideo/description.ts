/**
 * The Bedrock Video node's fields: the operation, then for Generate Video and Start Only the
 * model picker (video models), the Model Family, each family's own fields, the output bucket
 * and Options; Get Result's invocation ARN; List Jobs' filters.
 *
 * A family's fields are declared twice under the same name, as in Bedrock Image
 * (../BedrockImage/description.ts says why): shown when the model ID names the family, or when
 * the Model Family is chosen.
 */
import type { DisplayCondition, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { compareLabels } from '../shared/labels';
import { modelLocator } from '../shared/modelLocator';
import * as getResult from './actions/getResult.operation';
import { AUTO_FAMILY } from './actions/job';
import * as listJobs from './actions/listJobs.operation';
import { optionsProperty, outputS3Uri, resultOptionsProperty } from './actions/options';
import { SEARCH_VIDEO_MODELS } from './methods/listSearch';
import { VIDEO_FAMILIES } from './models';
import { RAY2_MODEL_ID } from './models/lumaRay';
import type { VideoFamily } from './models/types';

export const OPERATIONS = ['generate', 'start', 'getResult', 'listJobs'] as const;
export type OperationKey = (typeof OPERATIONS)[number];

/** The operations that start a job, and show the model and its fields. */
const STARTING: OperationKey[] = ['generate', 'start'];

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'generate',
	options: [
		{
			name: 'Generate Video',
			value: 'generate',
			action: 'Generate a video',
			description:
				'Start a video job, wait for it and return the MP4 (text to video, image to video)',
		},
		{
			name: 'Get Result',
			value: 'getResult',
			action: 'Get the result of a video job',
			description: 'The state of a job by its invocation ARN, and its MP4 once it is done',
		},
		{
			name: 'List Jobs',
			value: 'listJobs',
			action: 'List video jobs',
			description: 'The asynchronous invocations of the region, with filters, all pages',
		},
		{
			name: 'Start Only',
			value: 'start',
			action: 'Start a video job',
			description:
				'Start a video job and return its invocation ARN at once (wait with the Wait node, then Get Result)',
		},
	],
};

function containsMarker(family: VideoFamily): DisplayCondition[] {
	return family.modelIdMarkers.map((marker) => ({ _cnd: { includes: marker } }));
}

function withShow(property: INodeProperties, show: IDisplayOptions['show']): INodeProperties {
	const own = property.displayOptions;
	return {
		...property,
		displayOptions: { show: { ...show, ...own?.show }, ...(own?.hide ? { hide: own.hide } : {}) },
	};
}

function familyProperties(family: VideoFamily): INodeProperties[] {
	const detected = {
		operation: STARTING,
		modelFamily: [AUTO_FAMILY],
		modelId: containsMarker(family),
	};
	const chosen = { operation: STARTING, modelFamily: [family.id] };
	return family.properties.flatMap((property) => [
		withShow(property, detected),
		withShow(property, chosen),
	]);
}

const onlyFor = (operations: OperationKey[]) => ({
	displayOptions: { show: { operation: operations } },
});

export const properties: INodeProperties[] = [
	operationProperty,
	modelLocator({
		searchListMethod: SEARCH_VIDEO_MODELS,
		exampleId: RAY2_MODEL_ID,
		description:
			'The video model: Luma Ray2 (us-west-2), or Nova Reel where the account still has it. The list shows the video models of the credential’s region.',
		...onlyFor(STARTING),
	}),
	{
		displayName: 'Model Family',
		name: 'modelFamily',
		type: 'options',
		noDataExpression: true,
		default: AUTO_FAMILY,
		description:
			'Which request format the model takes. Detected from the model ID; choose it when the model is given by an expression.',
		options: [
			{ name: 'Detect From Model', value: AUTO_FAMILY },
			...VIDEO_FAMILIES.map((family) => ({ name: family.displayName, value: family.id })).sort(
				(a, b) => compareLabels(a.name, b.name),
			),
		],
		...onlyFor(STARTING),
	},
	{
		displayName:
			'Pick a model to see its fields. For a model given by an expression, choose the Model Family.',
		name: 'familyNotice',
		type: 'notice',
		default: '',
		displayOptions: {
			show: { operation: STARTING, modelFamily: [AUTO_FAMILY] },
			hide: { modelId: VIDEO_FAMILIES.flatMap(containsMarker) },
		},
	},
	...VIDEO_FAMILIES.flatMap(familyProperties),
	{ ...outputS3Uri.property, ...onlyFor(STARTING) },
	...getResult.properties.map((property) => ({ ...property, ...onlyFor(['getResult']) })),
	...listJobs.properties.map((property) => withShow(property, { operation: ['listJobs'] })),
	{ ...optionsProperty, ...onlyFor(STARTING) },
	{ ...resultOptionsProperty, ...onlyFor(['getResult']) },
];
