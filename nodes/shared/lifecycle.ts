/**
 * The lifecycle notice the invoking nodes add to their output, so that nobody builds on a
 * dying model by accident. It says what the region's catalog says, what happens and what to
 * use instead: "amazon.nova-canvas-v1:0 is Legacy in us-east-1: Bedrock stops serving it on
 * 2026-09-30, and bills it at the higher public extended access price from 2026-06-30. Move to
 * Stability's current models: …".
 *
 * Lifecycle states (https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html):
 * Active; Legacy, with an end-of-life date and, for end-of-life dates after 2026-02-01, a public
 * extended access period at a higher price; past its end of life, every call fails.
 *
 * Read from the same model catalog the pickers use (`modelFacts`, cached per credential and
 * region). A successor is named only when that catalog lists it as Active in the region, with
 * the ID to invoke it by there; otherwise the notice points to List Models. The lookup is best
 * effort: without the list permission the call itself is not held up, there is just no notice.
 */
import { successorOf } from './aws/successors';
import { isPastEndOfLife, type Lifecycle } from './modelCatalog';
import { clearModelFacts, modelFacts, type ModelFacts } from './modelFacts';
import type { BedrockConnection } from './transport/connection';

const day = (time: string | undefined) => time?.slice(0, 10);

/** What to move to, from the region's catalog: a named successor that is Active here, or List Models. */
function moveTo(foundationModelId: string, region: string, facts: ModelFacts): string {
	const successor = successorOf(foundationModelId);
	for (const modelId of successor?.modelIds ?? []) {
		const invokeId = (facts.invokeWith.get(modelId) ?? []).find(
			(id) => (facts.lifecycles.get(id) ?? facts.lifecycles.get(modelId))?.status === 'ACTIVE',
		);
		if (!invokeId) continue;
		return `Move to ${successor?.text}${invokeId === modelId ? '' : `, invoked in ${region} as ${invokeId}`}.`;
	}
	return `Move to an active model: Bedrock List Models (List Invocable Models, Include Legacy Models off) shows those of ${region}.`;
}

/**
 * The notice for a model whose lifecycle is not Active, else undefined. `modelId` is the
 * foundation model (behind a profile or an ARN, when known).
 */
export function lifecycleSentence(
	modelId: string,
	region: string,
	lifecycle: Lifecycle | undefined,
	facts: ModelFacts,
	now = Date.now(),
): string | undefined {
	if (!lifecycle || lifecycle.status === 'ACTIVE') return undefined;
	const eol = day(lifecycle.endOfLifeTime);
	const advice = moveTo(modelId, region, facts);
	if (isPastEndOfLife(lifecycle, now)) {
		// The notice goes with an answer Bedrock just gave: a model still answers for a while after
		// its end-of-life date (calls fail "on or shortly after" it, per the lifecycle page above;
		// a Legacy answer four days after one: noteflowai/ai-chat-for-amazon-bedrock
		// `tests/bedrock-errors.php`), so it is not "no longer served" yet, but soon.
		return `${modelId} is past its end of life in ${region}${eol ? ` (${eol})` : ''}: Bedrock still answered, but can stop serving it at any time. ${advice}`;
	}
	const extended = lifecycle.publicExtendedAccessTime;
	const price = extended
		? `, and bills it at the higher public extended access price ${Date.parse(extended) <= now ? 'since' : 'from'} ${day(extended)}`
		: '';
	const until = eol
		? `Bedrock stops serving it on ${eol}${price}`
		: `Bedrock will stop serving it (no end-of-life date published yet)${price}`;
	return `${modelId} is Legacy in ${region}: ${until}. ${advice}`;
}

/**
 * The lifecycle notice of an invoked model, when it is not Active. `baseModelId` is the
 * foundation model behind a profile ID or ARN, when known.
 */
export async function lifecycleNotice(
	connection: BedrockConnection,
	modelId: string,
	baseModelId?: string,
): Promise<string | undefined> {
	const region = connection.regionFor(modelId);
	const facts = await modelFacts(connection, region);
	const lifecycle =
		facts.lifecycles.get(modelId) ?? (baseModelId ? facts.lifecycles.get(baseModelId) : undefined);
	return lifecycleSentence(baseModelId ?? modelId, region, lifecycle, facts);
}

/** Forgets cached lifecycles (tests). */
export function clearLifecycleCache(): void {
	clearModelFacts();
}
