import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ItemParams } from '../../shared/fields';
import type { BedrockConnection } from '../../shared/transport/connection';
import type { VideoSettings } from './options';

/** One operation of the node on one item, with the item's checked Options. */
export type VideoOperation = (
	context: IExecuteFunctions,
	connection: BedrockConnection,
	params: ItemParams,
	settings: VideoSettings,
) => Promise<INodeExecutionData[]>;
