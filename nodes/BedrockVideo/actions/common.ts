import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { PreparedItem } from '../../shared/cost';
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

/** An operation that starts a paid job: checked and priced first, started by `run` (the cost guard). */
export type StartingOperation = (
	context: IExecuteFunctions,
	connection: BedrockConnection,
	params: ItemParams,
	settings: VideoSettings,
) => Promise<PreparedItem>;
