/**
 * The lifecycle notice the invoking nodes add to their output, so that nobody builds on a
 * dying model by accident: "stability.stable-diffusion-xl-v1 is Legacy in us-west-2 (end of
 * life 2027-05-20): plan a move to a current model."
 *
 * Looked up once per (credential, region, model) every 10 minutes, from the same model
 * catalog the pickers use. The lookup is best effort: without the list permission the call
 * itself is not held up, there is just no notice.
 */
import { fingerprint } from './credentials';
import { lifecycleLabel, loadCatalog, type Lifecycle } from './modelCatalog';
import type { BedrockConnection } from './transport/connection';

const TTL_MS = 10 * 60_000;
const lifecycles = new Map<string, { at: number; byModel: Promise<Map<string, Lifecycle>> }>();

async function lifecyclesOf(
	connection: BedrockConnection,
	region: string,
): Promise<Map<string, Lifecycle>> {
	const key = `${fingerprint(connection.credentials)}|${region}`;
	const hit = lifecycles.get(key);
	if (hit && Date.now() - hit.at < TTL_MS) return await hit.byModel;
	const byModel = loadCatalog(connection, { region })
		.then((catalog) => {
			const map = new Map<string, Lifecycle>();
			for (const model of catalog.foundationModels) map.set(model.modelId, model.lifecycle);
			for (const profile of catalog.profiles) {
				if (profile.lifecycle) map.set(profile.invokeWith, profile.lifecycle);
			}
			return map;
		})
		.catch(() => new Map<string, Lifecycle>());
	lifecycles.set(key, { at: Date.now(), byModel });
	return await byModel;
}

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
	const byModel = await lifecyclesOf(connection, region);
	const lifecycle = byModel.get(modelId) ?? (baseModelId ? byModel.get(baseModelId) : undefined);
	const label = lifecycleLabel(lifecycle);
	if (!label) return undefined;
	return `${baseModelId ?? modelId} is ${label} in ${region}: it stays callable until then, but plan a move to a current model (List Models shows which).`;
}

/** Forgets cached lifecycles (tests). */
export function clearLifecycleCache(): void {
	lifecycles.clear();
}
