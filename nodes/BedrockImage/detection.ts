/**
 * Which family an item's model belongs to, decided before any paid call:
 *
 * 1. the Model Family option, when the user chose one (checked against the ID when the ID
 *    says otherwise);
 * 2. else the model ID itself: base IDs, `us.`/`eu.`/`apac.`/`global.` profile IDs,
 *    foundation-model and inference-profile ARNs, custom-model ARNs that name their base;
 * 3. else, for an application inference profile ARN, the model it routes to
 *    (GetInferenceProfile, asked once per execution);
 * 4. else a clear error asking for the Model Family.
 */
import { parseBedrockArn } from '../shared/aws/regions';
import { foundationModelIdOf } from '../shared/aws/modelIds';
import type { BedrockConnection } from '../shared/transport/connection';
import { BedrockCallError } from '../shared/transport/errors';
import { OPERATIONS, type OperationKey } from './actions/operations';
import type { ItemParams } from './fields';
import { familiesFor, familyById, familyOfModelId } from './families';
import type { FamilyTask, ImageFamily } from './families/types';

export const AUTO_FAMILY = 'auto';

export interface ResolvedModel {
	family: ImageFamily;
	task: FamilyTask;
	/** The foundation model behind the ID, when known. */
	baseModelId?: string;
}

/** Application profile ARN → the foundation model it routes to; one lookup per execution. */
export type ProfileLookups = Map<string, Promise<string | undefined>>;

async function applicationProfileModel(
	connection: BedrockConnection,
	arn: string,
	lookups: ProfileLookups,
): Promise<string | undefined> {
	let lookup = lookups.get(arn);
	if (!lookup) {
		lookup = connection.getInferenceProfile(arn).then((profile) => {
			const member = profile.models?.find((model) => model.modelArn)?.modelArn;
			return member ? foundationModelIdOf(member) : undefined;
		});
		lookups.set(arn, lookup);
	}
	return await lookup;
}

function familyNames(operation: OperationKey): string {
	return familiesFor(operation)
		.map((family) => family.displayName)
		.join(', ');
}

async function detect(
	params: ItemParams,
	connection: BedrockConnection,
	modelId: string,
	lookups: ProfileLookups,
): Promise<{ family?: ImageFamily; baseModelId?: string }> {
	const baseModelId = foundationModelIdOf(modelId);
	const family = familyOfModelId(baseModelId ?? modelId);
	if (family || parseBedrockArn(modelId)?.resourceType !== 'application-inference-profile') {
		return { family, baseModelId };
	}
	try {
		const member = await applicationProfileModel(connection, modelId, lookups);
		return { family: member ? familyOfModelId(member) : undefined, baseModelId: member };
	} catch (error) {
		const reason = BedrockCallError.is(error) ? error.message : String(error);
		return params.fail(
			`Cannot tell which model the application inference profile ${modelId} uses: ${reason}`,
			'Choose the Model Family of the profile’s model, or allow bedrock:GetInferenceProfile.',
		);
	}
}

export async function resolveModel(
	params: ItemParams,
	connection: BedrockConnection,
	operation: OperationKey,
	modelId: string,
	explicitFamily: string,
	lookups: ProfileLookups,
): Promise<ResolvedModel> {
	const operationName = OPERATIONS[operation].name;
	let family: ImageFamily | undefined;
	let baseModelId: string | undefined;
	if (explicitFamily && explicitFamily !== AUTO_FAMILY) {
		family = familyById(explicitFamily);
		if (!family) return params.fail(`Model Family "${explicitFamily}" is not known`);
		baseModelId = foundationModelIdOf(modelId);
		const fromId = familyOfModelId(baseModelId ?? modelId);
		if (fromId && fromId !== family) {
			params.fail(
				`Model Family is ${family.displayName}, but ${modelId} is a ${fromId.displayName} model`,
				'Set Model Family to "Detect From Model", or pick a model of the chosen family.',
			);
		}
	} else {
		({ family, baseModelId } = await detect(params, connection, modelId, lookups));
		if (!family) {
			return params.fail(
				`Cannot tell which model family ${modelId} belongs to`,
				`Choose the Model Family (for ${operationName}: ${familyNames(operation)}). Application inference profiles, provisioned throughput and custom model ARNs do not always name their model.`,
			);
		}
	}
	const task = family.tasks[operation];
	if (!task) {
		return params.fail(
			`${family.displayName} models cannot do "${operationName}"`,
			`Models that can: ${familyNames(operation)}.`,
		);
	}
	return { family, task, ...(baseModelId ? { baseModelId } : {}) };
}
