/**
 * A Titan Image or Nova Canvas family from its spec: the shared tasks it has, plus tasks only
 * that model has (Nova's virtual try-on).
 */
import type { OperationKey } from '../actions/operations';
import {
	amazonResponseParser,
	modelFields,
	type AmazonModelSpec,
	type ModelFields,
} from './amazonBody';
import { amazonTasks } from './amazonTasks';
import type { FamilyTask, ImageFamily } from './types';

export type { AmazonModelSpec, SizeSpec } from './amazonBody';

export function amazonImageFamily(
	spec: AmazonModelSpec,
	ownTasks: (fields: ModelFields) => Partial<Record<OperationKey, FamilyTask>> = () => ({}),
): ImageFamily {
	return {
		id: spec.id,
		displayName: spec.displayName,
		modelIdMarkers: spec.modelIdMarkers,
		exampleModelId: spec.exampleModelId,
		tasks: { ...amazonTasks(spec), ...ownTasks(modelFields(spec)) },
		parseResponse: amazonResponseParser(spec),
	};
}
