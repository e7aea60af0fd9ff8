/**
 * Return All and Limit, n8n's usual pair for list operations: the Limit field shows only while
 * Return All is off, and `read` gives the number of results to return (Infinity for all).
 */
import type { INodeProperties } from 'n8n-workflow';

import { booleanField, numberField } from './kinds';
import type { ItemParams } from './params';

const DEFAULT_LIMIT = 50;

export interface ResultLimit {
	properties: INodeProperties[];
	/** How many results to return: Infinity when Return All is on. */
	read(params: ItemParams): number;
}

export function resultLimitFields(returnAllByDefault: boolean): ResultLimit {
	const returnAll = booleanField({
		name: 'returnAll',
		displayName: 'Return All',
		description: 'Whether to return all results or only up to a given limit',
		default: returnAllByDefault,
	});
	const limit = numberField({
		name: 'limit',
		displayName: 'Limit',
		description: 'Max number of results to return',
		default: DEFAULT_LIMIT,
		min: 1,
		integer: true,
	});
	return {
		properties: [
			returnAll.property,
			{ ...limit.property, displayOptions: { show: { returnAll: [false] } } },
		],
		read: (params) =>
			(returnAll.read(params) ?? returnAllByDefault)
				? Infinity
				: (limit.read(params) ?? DEFAULT_LIMIT),
	};
}
