/**
 * List Jobs: the asynchronous invocations of the credential's region (ListAsyncInvokes), all
 * pages followed, one item per job. Filters are the API's own
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ListAsyncInvokes.html):
 * status, submitted after / before, sort order by submission time.
 */
import type { INodeProperties } from 'n8n-workflow';

import {
	collectionProperty,
	resultLimitFields,
	optionsField,
	stringField,
	type ItemParams,
} from '../../shared/fields';
import type { VideoOperation } from './common';
import { jobJson } from './job';

/** The API's largest page. */
const PAGE_SIZE = 1000;
const FILTERS = 'filters';

const resultLimit = resultLimitFields(false);

const status = optionsField({
	name: 'status',
	displayName: 'Status',
	description: 'Only jobs in this state',
	default: 'InProgress',
	options: [
		{ name: 'Completed', value: 'Completed' },
		{ name: 'Failed', value: 'Failed' },
		{ name: 'In Progress', value: 'InProgress' },
	],
});

/** A date and time as n8n's dateTime field gives it (ISO text, or a date from an expression). */
function dateField(name: string, displayName: string, description: string) {
	const field = stringField({ name, displayName, description });
	return {
		property: { ...field.property, type: 'dateTime' as const },
		name,
		displayName,
		read(params: ItemParams): Date | undefined {
			const value = params.raw(name);
			if (value === undefined || value === null || value === '') return undefined;
			const date = value instanceof Date ? value : new Date(String(value));
			if (Number.isNaN(date.getTime())) {
				return params.fail(`${displayName} must be a date and time (got ${JSON.stringify(value)})`);
			}
			return date;
		},
	};
}

const submittedAfter = dateField(
	'submittedAfter',
	'Submitted After',
	'Only jobs submitted after this time',
);
const submittedBefore = dateField(
	'submittedBefore',
	'Submitted Before',
	'Only jobs submitted before this time',
);

const sortOrder = optionsField({
	name: 'sortOrder',
	displayName: 'Sort Order',
	description: 'By submission time',
	default: 'Descending',
	options: [
		{ name: 'Newest First', value: 'Descending' },
		{ name: 'Oldest First', value: 'Ascending' },
	],
});

export const properties: INodeProperties[] = [
	...resultLimit.properties,
	collectionProperty(
		FILTERS,
		'Filters',
		[status, submittedAfter.property, submittedBefore.property, sortOrder],
		'Add Filter',
	),
];

export const execute: VideoOperation = async (context, connection, params, settings) => {
	const max = resultLimit.read(params);
	const filters = params.in(FILTERS);
	const after = submittedAfter.read(filters);
	const before = submittedBefore.read(filters);
	if (after && before && after >= before) {
		params.fail(
			`Submitted After (${after.toISOString()}) must be earlier than Submitted Before (${before.toISOString()})`,
		);
	}
	const statusEquals = status.read(filters);
	const signal = context.getExecutionCancelSignal();
	const call = { ...settings.call, timeoutMs: 60_000, ...(signal ? { signal } : {}) };
	const jobs = [];
	let nextToken: string | undefined;
	do {
		const page = await connection.listAsyncInvokes(
			{
				...(statusEquals ? { statusEquals } : {}),
				...(after ? { submitTimeAfter: after } : {}),
				...(before ? { submitTimeBefore: before } : {}),
				sortBy: 'SubmissionTime',
				sortOrder: sortOrder.read(filters) ?? 'Descending',
				maxResults: Math.min(PAGE_SIZE, max - jobs.length),
				...(nextToken ? { nextToken } : {}),
			},
			call,
		);
		jobs.push(...page.summaries.slice(0, max - jobs.length));
		nextToken = page.nextToken;
	} while (nextToken && jobs.length < max);
	return jobs.map((job) => ({ json: jobJson(job), pairedItem: { item: params.itemIndex } }));
};
