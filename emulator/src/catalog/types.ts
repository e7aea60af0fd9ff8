/** Shapes of the emulator's model catalog (FoundationModelSummary of the `bedrock` service model). */

export type { ModelLifecycle } from './lifecycle.ts';

/** A model as ListFoundationModels describes it, independent of the region and the date. */
export interface ModelDescription {
	modelId: string;
	modelName: string;
	providerName: string;
	inputModalities: string[];
	outputModalities: string[];
	/** Omitted for image models, as in the captured output. */
	responseStreamingSupported?: boolean;
	customizationsSupported: string[];
	/** `ON_DEMAND`, `PROVISIONED` and/or `INFERENCE_PROFILE` (the SDK passes unknown enum values through). */
	inferenceTypesSupported: string[];
}

/** A model as one region offers it; its lifecycle depends on the date (`lifecycle.ts`). */
export interface RegionalModel extends ModelDescription {
	region: string;
	modelArn: string;
}
