/**
 * Facts about the invocable IDs of a region, read from the model catalog: each ID's lifecycle
 * and the foundation models it routes to. Application inference profiles, whose ARN does not
 * say which model serves them, are resolved here, for both invoking nodes.
 *
 * Looked up once per (credential, region) every 10 minutes. Best effort: without the list
 * permissions the facts are empty and callers go on without them.
 */
import { foundationModelIdOf } from './aws/modelIds';
import { parseBedrockArn } from './aws/regions';
import { fingerprint } from './credentials';
import { loadCatalog, type Lifecycle } from './modelCatalog';
import type { BedrockConnection } from './transport/connection';

const TTL_MS = 10 * 60_000;
/**
 * The facts only add to a call's output: a control plane that does not answer (an endpoint
 * that only serves the runtime) must not hold the calls up.
 */
const LOOKUP_CALL = { timeoutMs: 10_000, maxAttempts: 2 };

export interface ModelFacts {
	/** Lifecycle by foundation model ID and by profile `invokeWith` value. */
	lifecycles: Map<string, Lifecycle>;
	/** Foundation model IDs behind each profile's `invokeWith` value (profile ID or ARN). */
	profileModels: Map<string, string[]>;
	/** The IDs each foundation model is invoked with here (its own ID, or its profiles). */
	invokeWith: Map<string, string[]>;
}

const cache = new Map<string, { at: number; facts: Promise<ModelFacts> }>();

function emptyFacts(): ModelFacts {
	return { lifecycles: new Map(), profileModels: new Map(), invokeWith: new Map() };
}

export async function modelFacts(
	connection: BedrockConnection,
	region: string,
): Promise<ModelFacts> {
	const key = `${fingerprint(connection.credentials)}|${region}`;
	const hit = cache.get(key);
	if (hit && Date.now() - hit.at < TTL_MS) return await hit.facts;
	const facts = loadCatalog(connection, { region, call: LOOKUP_CALL })
		.then((catalog) => {
			const result = emptyFacts();
			for (const model of catalog.foundationModels) {
				result.lifecycles.set(model.modelId, model.lifecycle);
				result.invokeWith.set(model.modelId, model.invokeWith);
			}
			for (const profile of catalog.profiles) {
				if (profile.lifecycle) result.lifecycles.set(profile.invokeWith, profile.lifecycle);
				result.profileModels.set(profile.invokeWith, profile.modelIds);
			}
			return result;
		})
		.catch(() => emptyFacts());
	cache.set(key, { at: Date.now(), facts });
	return await facts;
}

const profileLookups = new Map<string, { at: number; model: Promise<string | undefined> }>();

/**
 * The foundation model an application inference profile ARN routes to (the ARN does not say);
 * undefined for any other model ID. The region's catalog, read anyway for lifecycles, lists
 * it; without the list permissions, GetInferenceProfile reads the one profile. Rejects with
 * that call's error when neither can tell; a failed lookup is not remembered.
 */
export async function applicationProfileModel(
	connection: BedrockConnection,
	profileArn: string,
): Promise<string | undefined> {
	if (parseBedrockArn(profileArn)?.resourceType !== 'application-inference-profile') {
		return undefined;
	}
	const facts = await modelFacts(connection, connection.regionFor(profileArn));
	const [listed] = facts.profileModels.get(profileArn) ?? [];
	if (listed) return listed;
	const key = `${fingerprint(connection.credentials)}|${profileArn}`;
	const hit = profileLookups.get(key);
	if (hit && Date.now() - hit.at < TTL_MS) return await hit.model;
	const model = connection.getInferenceProfile(profileArn, LOOKUP_CALL).then((profile) => {
		const member = profile.models?.find((entry) => entry.modelArn)?.modelArn;
		return member ? foundationModelIdOf(member) : undefined;
	});
	profileLookups.set(key, { at: Date.now(), model });
	model.catch(() => profileLookups.delete(key));
	return await model;
}

/** Forgets cached facts (tests). */
export function clearModelFacts(): void {
	cache.clear();
	profileLookups.clear();
}
