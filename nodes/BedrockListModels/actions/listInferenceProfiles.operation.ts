import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsField } from '../../shared/fields';
import { loadCatalog } from '../../shared/modelCatalog';
import type { ItemOperation } from '../../shared/runItems';
import { listingFields, profileJson, readListingSettings, toItems } from './common';

const profileType = optionsField({
	name: 'profileType',
	displayName: 'Profile Type',
	default: 'all',
	options: [
		{ name: 'All', value: 'all' },
		{
			name: 'Application (Your Own)',
			value: 'APPLICATION',
			description: 'Profiles created in this account, for example to tag costs per team',
		},
		{
			name: 'System-Defined (Cross-Region)',
			value: 'SYSTEM_DEFINED',
			description: 'Cross-region profiles that AWS provides (us, eu, apac, global)',
		},
	],
});

const properties: INodeProperties[] = [profileType.property, ...listingFields];

const displayOptions = { show: { operation: ['listInferenceProfiles'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export const execute: ItemOperation = async function (connection, params) {
	const { itemIndex } = params;
	const type = profileType.read(params);
	const settings = readListingSettings(params);
	const catalog = await loadCatalog(connection);
	if (catalog.failures.profiles) throw catalog.failures.profiles;
	const wanted =
		type === 'APPLICATION'
			? 'applicationProfile'
			: type === 'SYSTEM_DEFINED'
				? 'systemProfile'
				: undefined;
	const rows: IDataObject[] = catalog.profiles
		.filter((p) => !wanted || p.kind === wanted)
		.sort((a, b) => a.profileId.localeCompare(b.profileId))
		.map((p) => profileJson(p, settings.simplify, catalog));
	return toItems(this, itemIndex, rows, settings, catalog.notices);
};
