/**
 * Which family an item's model belongs to, decided before any paid call:
 *
 * 1. the Model Family option, when the user chose one (checked against the ID when the ID
 *    says otherwise);
 * 2. else the model ID itself: base IDs, `us.`/`eu.`/`apac.`/`global.` profile IDs,
 *    foundation-model and inference-profile ARNs, custom-model ARNs that name their base;
 * 3. else, for an application inference profile ARN, the model it routes to
 *    (`applicationProfileModel`: the cached catalog, else GetInferenceProfile);
 * 4. else a clear error asking for the Model Family.
 */
import { foundationModelIdOf } from '../../shared/aws/modelIds';
import { applicationProfileModel } from '../../shared/modelFacts';
import type { BedrockConnection } from '../../shared/transport/connection';
import { BedrockCallError } from '../../shared/transport/errors';
import { OPERATIONS, type OperationKey } from './operations';
import type { ItemParams } from '../../shared/fields';
import { familiesFor, familyById, familyOfModelId } from '../families';
import type { FamilyTask, ImageFamily } from '../families/types';

export const AUTO_FAMILY = 'auto';

export interface ResolvedModel {
	family: ImageFamily;
	task: FamilyTask;
	/** The foundation model behind the ID, when known. */
	baseModelId?: string;
}

function familyNames(operation: OperationKey): string {
	return familiesFor(operation)
		.map((family) => family.displayName)
		.join(', ');
}

/** The application profile's model, or why it could not be read. */
async function profileModel(
	connection: BedrockConnection,
	modelId: string,
): Promise<{ baseModelId?: string; problem?: string }> {
	try {
		return { baseModelId: await applicationProfileModel(connection, modelId) };
	} catch (error) {
		return { problem: BedrockCallError.is(error) ? error.message : String(error) };
	}
}

export interface ModelReference {
	/** The model field's value for the item: model ID, profile ID or ARN. */
	modelId: string;
	/** The Model Family option: a family ID or `auto`. */
	explicitFamily: string;
	/** Whether the model field holds an expression (the editor cannot know its family). */
	isExpression: boolean;
}

export async function resolveModel(
	params: ItemParams,
	connection: BedrockConnection,
	operation: OperationKey,
	{ modelId, explicitFamily, isExpression }: ModelReference,
): Promise<ResolvedModel> {
	const operationName = OPERATIONS[operation].name;
	const choices = `Model Family options for ${operationName}: ${familyNames(operation)}.`;
	// What the ID itself says is also what the editor used to show the family's fields.
	const named = familyOfModelId(modelId);
	let baseModelId = foundationModelIdOf(modelId);
	let fromModel = named ?? (baseModelId ? familyOfModelId(baseModelId) : undefined);
	let problem: string | undefined;
	if (!fromModel) {
		const profile = await profileModel(connection, modelId);
		({ problem } = profile);
		baseModelId = profile.baseModelId ?? baseModelId;
		fromModel = baseModelId ? familyOfModelId(baseModelId) : undefined;
	}

	let family: ImageFamily;
	if (explicitFamily && explicitFamily !== AUTO_FAMILY) {
		const chosen = familyById(explicitFamily);
		if (!chosen) return params.fail(`Model Family "${explicitFamily}" is not known`, choices);
		if (fromModel && fromModel !== chosen) {
			params.fail(
				`Model Family is ${chosen.displayName}, but ${modelId} is a ${fromModel.displayName} model`,
				'Set Model Family to "Detect From Model", or pick a model of the chosen family.',
			);
		}
		family = chosen;
	} else if (!fromModel) {
		return params.fail(
			`Cannot tell which model family ${modelId} belongs to${problem ? `: ${problem}` : ''}`,
			`Choose the Model Family. ${choices} Provisioned throughput and custom model ARNs do not always name their model; application inference profiles need bedrock:ListInferenceProfiles or bedrock:GetInferenceProfile to be read.`,
		);
	} else if (!named || isExpression) {
		// The editor shows a family's fields only when the model field names the family (or the
		// family is chosen); here they were hidden, so their values never reached the node.
		return params.fail(
			`Choose Model Family "${fromModel.displayName}" for ${modelId}`,
			`${isExpression ? 'The model is given by an expression' : `It routes to ${baseModelId ?? 'a model'} but does not name it`}, so the editor cannot show that family's fields until the Model Family is chosen.`,
		);
	} else {
		family = fromModel;
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
