/**
 * The lifecycle notice the invoking nodes add to their output, so that nobody builds on a
 * dying model by accident: "stability.stable-diffusion-xl-v1 is Legacy in us-west-2 (end of
 * life 2027-05-20): plan a move to a current model."
 *
 * Read from the same model catalog the pickers use (`modelFacts`, cached per credential and
 * region). The lookup is best effort: without the list permission the call itself is not held
 * up, there is just no notice.
 */
import { lifecycleLabel } from './modelCatalog';
import { clearModelFacts, modelFacts } from './modelFacts';
import type { BedrockConnection } from './transport/connection';

/**
 * A sentence about the model's lifecycle when it is not ACTIVE, else undefined.
 * `baseModelId` is the foundation model behind a profile ID or ARN, when known.
 */
export async function lifecycleNotice(
	connection: BedrockConnection,
	modelId: string,
	baseModelId?: string,
): Promise<string | undefined> {
	const region = connection.regionFor(modelId);
	const { lifecycles } = await modelFacts(connection, region);
	const lifecycle =
		lifecycles.get(modelId) ?? (baseModelId ? lifecycles.get(baseModelId) : undefined);
	const label = lifecycleLabel(lifecycle);
	if (!label) return undefined;
	return `${baseModelId ?? modelId} is ${label} in ${region}: it stays callable until then, but plan a move to a current model (List Models shows which).`;
}

/** Forgets cached lifecycles (tests). */
export function clearLifecycleCache(): void {
	clearModelFacts();
}
