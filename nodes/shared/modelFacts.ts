/**
 * Facts about the invocable IDs of a region, read from the model catalog: each ID's lifecycle
 * and the foundation models it routes to. Application inference profiles, whose ARN does not
 * say which model serves them, are resolved here.
 *
 * Looked up once per (credential, region) every 10 minutes. Best effort: without the list
 * permissions the facts are empty and callers go on without them.
 */
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
}

const cache = new Map<string, { at: number; facts: Promise<ModelFacts> }>();

function emptyFacts(): ModelFacts {
	return { lifecycles: new Map(), profileModels: new Map() };
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
			for (const model of catalog.foundationModels)
				result.lifecycles.set(model.modelId, model.lifecycle);
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

/** The foundation models an application inference profile ARN routes to, when the catalog knows it. */
export async function applicationProfileModels(
	connection: BedrockConnection,
	profileArn: string,
): Promise<string[]> {
	const facts = await modelFacts(connection, connection.regionFor(profileArn));
	return facts.profileModels.get(profileArn) ?? [];
}

/** Forgets cached facts (tests). */
export function clearModelFacts(): void {
	cache.clear();
}
