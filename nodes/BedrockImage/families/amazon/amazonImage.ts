/**
 * A Titan Image or Nova Canvas family from its spec: the shared tasks it has, plus tasks only
 * that model has (Nova's virtual try-on).
 */
import type { OperationKey } from '../../actions/operations';
import {
	amazonBilling,
	amazonResponseParser,
	modelFields,
	type AmazonModelSpec,
	type ModelFields,
} from './amazonBody';
import { amazonTasks } from './amazonTasks';
import type { FamilyTask, ImageFamily } from '../types';

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
		billing: amazonBilling,
		// Titan and Nova refuse a filtered prompt (or input image) with a ValidationException
		// "This request has been blocked by our content filters."; a filtered output image
		// comes back in the answer's `error` instead.
		contentFilterRefusal: /blocked by our content filters/i,
	};
}
