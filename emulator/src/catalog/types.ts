/** Shapes of the emulator's model catalog (FoundationModelSummary of the `bedrock` service model). */

export type ModelStatus = 'ACTIVE' | 'LEGACY';

/** A model as ListFoundationModels describes it, independent of the region. */
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
	status: ModelStatus;
}

/** `modelLifecycle` of a FoundationModelSummary; timestamps are ISO-8601 strings on the wire. */
export interface Lifecycle {
	status: ModelStatus;
	startOfLifeTime?: string;
	legacyTime?: string;
	publicExtendedAccessTime?: string;
	endOfLifeTime?: string;
}

/** A model as one region offers it. */
export interface RegionalModel extends Omit<ModelDescription, 'status'> {
	region: string;
	modelArn: string;
	modelLifecycle: Lifecycle;
}
