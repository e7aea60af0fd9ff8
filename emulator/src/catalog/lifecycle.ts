/**
 * Lifecycle facts of Bedrock's foundation models: the ONE table the emulator's catalog takes
 * its Legacy, public-extended-access and end-of-life dates from. The status a caller sees is
 * derived from these dates and the emulator's clock (`lifecycleAt`): ACTIVE before `legacy`,
 * LEGACY until `endOfLife`, then EOL.
 *
 * AWS states the policy on https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html
 * (models launched on or after 2026-09-07) and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle-legacy.html (older models):
 * a model stays Legacy for at least 6 months before its EOL date; for an EOL after 2026-02-01
 * the last part of Legacy is "public extended access" (higher prices possible); on or shortly
 * after the EOL date requests fail in every Region. The dates are global, not per Region.
 *
 * Every row names its public sources: the lifecycle page (quoted in public issues, since its
 * tables change), AWS notices quoted by users, and users' reports of a model failing. Where
 * AWS's own date was not found, the row says how its date was bounded (`note`), e.g. "EOL no
 * later than" the first public report of the model being gone, or "Legacy = EOL − 6 months",
 * the policy's minimum. `evidence` grades the row: `high` (AWS's date quoted verbatim),
 * `medium` (one bound is AWS's, the other derived), `low` (both bounded or assumed).
 *
 * Models without a row (no public lifecycle statement found) are ACTIVE at every date.
 */

export type Evidence = 'high' | 'medium' | 'low';

export interface LifecycleFact {
	/**
	 * The model IDs the row covers. Provisioned-throughput variants (`…:0:8k`, `…:1:200k`) follow
	 * their base ID: `factFor` strips `:<suffix>` segments until a row matches.
	 */
	modelIds: string[];
	/** Launch date (`startOfLifeTime`), only where a public source gives it. */
	startOfLife?: string;
	/** First day of the Legacy state. */
	legacy?: string;
	/** First day of public extended access (part of Legacy), only where AWS's date is quoted. */
	publicExtendedAccess?: string;
	/** First day the model no longer answers. */
	endOfLife?: string;
	evidence: Evidence;
	/** Public URLs: AWS pages and notices, and public issues that quote or observe them. */
	sources: string[];
	/** How a date was obtained when AWS's own was not found. */
	note?: string;
}

const LIFECYCLE_PAGE = 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html';
const LIFECYCLE_LEGACY_PAGE =
	'https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle-legacy.html';
/** An AWS-organisation snapshot of the lifecycle page's Legacy/EOL table ("as of July 17, 2026"). */
const AWSLABS_LIFECYCLE_SNAPSHOT =
	'https://github.com/awslabs/startups/blob/0b59caf457ae16afa9f89c1907bcb126d4a0cc1b/advisor/plugins/aws-startup-advisor/skills/gcp-to-aws/references/shared/ai-model-lifecycle.md';
const AWSLABS_PRICING_CACHE =
	'https://github.com/awslabs/startups/blob/0b59caf457ae16afa9f89c1907bcb126d4a0cc1b/advisor/plugins/aws-startup-advisor/skills/gcp-to-aws/references/shared/pricing-cache.md';
/** Real Bedrock answers captured in 2026-09 (end-of-life and Legacy errors). */
const NOTEFLOW_CAPTURES =
	'https://github.com/noteflowai/ai-chat-for-amazon-bedrock/blob/b5c7776d83db159584ddfd809b27cc14702deb2d/tests/bedrock-errors.php';
/** The lifecycle page's EOL table quoted on 2025-09-19 (Claude v2, Cohere Command rows). */
const EPAM_EOL_TABLE = 'https://github.com/epam/ai-dial-adapter-bedrock/pull/310';
const STABILITY_RETIRED = [
	'https://github.com/epam/ai-dial-adapter-bedrock/issues/322',
	'https://github.com/epam/ai-dial-adapter-bedrock/pull/335',
	LIFECYCLE_PAGE,
];
const STABILITY_ACTIVE = [
	'https://docs.aws.amazon.com/bedrock/latest/userguide/stable-image-services.html',
	'https://docs.aws.amazon.com/bedrock/latest/userguide/model-cards-stability-ai.html',
	'https://github.com/stdapi-ai/stdapi.ai/issues/93',
];
const NOVA_2_LAUNCH =
	'https://aws.amazon.com/about-aws/whats-new/2025/12/nova-2-foundation-models-amazon-bedrock/';

export const LIFECYCLE: LifecycleFact[] = [
	// ---- Stability AI -------------------------------------------------------------------------
	{
		// SDXL 0.8 and its unversioned alias.
		modelIds: ['stability.stable-diffusion-xl-v0', 'stability.stable-diffusion-xl'],
		legacy: '2024-02-23',
		endOfLife: '2024-04-30',
		evidence: 'medium',
		sources: [
			'https://github.com/epam/ai-dial-adapter-bedrock/issues/91',
			'https://github.com/aws-samples/amazon-bedrock-aistylist-lab/issues/8',
			'https://github.com/aws-samples/amazon-bedrock-samples/blob/85fba9d9c404ae120c0ceee5e67befed35004fdc/articles-guides/prompt-engineering/session-4/Setup.ipynb',
		],
		note: 'EOL: "going to be deprecated after Apr 30, 2024" (epam#91). Legacy no later than 2024-02-23, when a saved ListFoundationModels output shows both IDs as LEGACY.',
	},
	{
		modelIds: ['stability.stable-diffusion-xl-v1'],
		legacy: '2024-11-21',
		endOfLife: '2025-05-20',
		evidence: 'high',
		sources: [
			'https://github.com/aws-samples/document-translation/issues/110',
			'https://github.com/caylent/battleground/pull/3',
			'https://github.com/epam/ai-dial-adapter-bedrock/issues/280',
		],
		note: 'AWS notice quoted in document-translation#110: "As of May 20, 2025, this model will no longer be operational in both us-east-1 and us-west-2"; its first notice was sent on November 21, 2024 (taken as the Legacy date).',
	},
	{
		modelIds: [
			'stability.sd3-large-v1:0',
			'stability.stable-image-core-v1:0',
			'stability.stable-image-ultra-v1:0',
		],
		legacy: '2025-05-10',
		endOfLife: '2025-11-10',
		evidence: 'low',
		sources: STABILITY_RETIRED,
		note: 'AWS dates not found. EOL no later than 2025-11-10 (epam PR#335 removes them as retired; successors Core/Ultra v1:1 and SD3.5 Large); Legacy = EOL − 6 months (policy minimum).',
	},
	{
		modelIds: [
			'stability.sd3-5-large-v1:0',
			'stability.stable-image-core-v1:1',
			'stability.stable-image-ultra-v1:1',
		],
		evidence: 'medium',
		sources: ['https://github.com/epam/ai-dial-adapter-bedrock/pull/334', ...STABILITY_ACTIVE],
		note: 'Active: listed as non-legacy in a live account (stdapi#93, 2026-07-29); no Legacy notice found.',
	},
	{
		modelIds: [
			'stability.stable-conservative-upscale-v1:0',
			'stability.stable-creative-upscale-v1:0',
			'stability.stable-fast-upscale-v1:0',
			'stability.stable-outpaint-v1:0',
			'stability.stable-image-inpaint-v1:0',
			'stability.stable-image-erase-object-v1:0',
			'stability.stable-image-remove-background-v1:0',
			'stability.stable-image-search-recolor-v1:0',
			'stability.stable-image-search-replace-v1:0',
			'stability.stable-image-control-sketch-v1:0',
			'stability.stable-image-control-structure-v1:0',
			'stability.stable-image-style-guide-v1:0',
			'stability.stable-style-transfer-v1:0',
		],
		evidence: 'low',
		sources: STABILITY_ACTIVE,
		note: 'Active: AWS documents the 13 services; no Legacy notice found for any of them.',
	},
	// ---- Amazon image and video -----------------------------------------------------------------
	{
		modelIds: ['amazon.titan-image-generator-v2:0'],
		legacy: '2025-09-22',
		endOfLife: '2026-06-30',
		evidence: 'medium',
		sources: [
			AWSLABS_LIFECYCLE_SNAPSHOT,
			'https://github.com/awslabs/startups/pull/304',
			'https://github.com/aws-samples/generative-ai-use-cases/pull/1282',
		],
		note: 'EOL "Jun 30, 2026" (lifecycle page snapshot). Legacy no later than 2025-09-22 (GenU PR#1282 removes it as a Legacy model).',
	},
	{
		modelIds: ['amazon.titan-image-generator-v1'],
		legacy: '2025-09-22',
		endOfLife: '2026-06-30',
		evidence: 'low',
		sources: [
			'https://github.com/aws-samples/generative-ai-use-cases/pull/1282',
			AWSLABS_LIFECYCLE_SNAPSHOT,
		],
		note: 'Legacy no later than 2025-09-22 (GenU PR#1282). Its own EOL date was not found: the v2 model’s (2026-06-30) is assumed.',
	},
	{
		modelIds: ['amazon.nova-canvas-v1:0'],
		startOfLife: '2024-12-03',
		legacy: '2026-03-30',
		endOfLife: '2026-09-30',
		evidence: 'high',
		sources: [
			'https://github.com/aws-samples/generative-ai-use-cases/issues/1553',
			'https://github.com/stdapi-ai/stdapi.ai/issues/93',
			AWSLABS_LIFECYCLE_SNAPSHOT,
			LIFECYCLE_LEGACY_PAGE,
		],
		note: 'Legacy 2026-03-30 and EOL 2026-09-30 quoted from the lifecycle page (GenU#1553) and read from the API (stdapi#93). The public-extended-access date was not found.',
	},
	{
		modelIds: ['amazon.nova-reel-v1:0', 'amazon.nova-reel-v1:1'],
		legacy: '2026-03-30',
		endOfLife: '2026-09-30',
		evidence: 'medium',
		sources: [
			AWSLABS_LIFECYCLE_SNAPSHOT,
			'https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-amazon-nova-reel.html',
		],
		note: 'EOL "Sep 30, 2026" (lifecycle page snapshot); Legacy = EOL − 6 months (already Legacy in the 2026-04 snapshot).',
	},
	{
		modelIds: ['amazon.nova-2-omni-v1:0'],
		startOfLife: '2025-12-02',
		evidence: 'medium',
		sources: [
			'https://aws.amazon.com/about-aws/whats-new/2025/12/amazon-nova-2-omni-preview/',
			AWSLABS_PRICING_CACHE,
		],
		note: 'Preview since 2025-12-02 (the API has no PREVIEW status: shown ACTIVE).',
	},
	{
		modelIds: ['luma.ray-v2:0'],
		evidence: 'low',
		sources: ['https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-luma-ai-ray2.html'],
		note: 'Active video model (StartAsyncInvoke only); no Legacy notice found.',
	},
	// ---- Amazon text ------------------------------------------------------------------------------
	{
		modelIds: [
			'amazon.titan-text-express-v1',
			'amazon.titan-text-lite-v1',
			'amazon.titan-tg1-large',
			'ai21.jamba-instruct-v1:0',
		],
		legacy: '2025-02-11',
		endOfLife: '2025-08-31',
		evidence: 'medium',
		sources: [
			'https://github.com/langchain4j/langchain4j/pull/2532',
			'https://github.com/newrelic/newrelic-dotnet-agent/pull/3373',
			'https://github.com/weaviate/weaviate/pull/10053',
			'https://github.com/epam/ai-dial-adapter-bedrock/pull/378',
			NOTEFLOW_CAPTURES,
			LIFECYCLE_PAGE,
		],
		note: 'On 2025-02-11 the lifecycle page listed Titan Text Express and Jamba-Instruct as Legacy "with an end of life notice for August" (langchain4j PR#2532); the day is not quoted: the end of August 2025 is used. Titan Text Lite was removed as EOL in the same wave (weaviate PR#10053, epam PR#378); Titan Text Large (tg1-large) is assumed to share the family’s dates. A real 2026-09-24 capture shows Express answering the end-of-life error (noteflow).',
	},
	{
		modelIds: ['amazon.titan-text-premier-v1:0'],
		legacy: '2025-04-17',
		endOfLife: '2025-10-17',
		evidence: 'low',
		sources: ['https://github.com/weaviate/weaviate/pull/9494'],
		note: 'EOL no later than 2025-10-17 ("reached it\'s end of life time and is no longer available", weaviate PR#9494); Legacy = EOL − 6 months.',
	},
	{
		modelIds: ['amazon.titan-embed-text-v2:0'],
		evidence: 'low',
		sources: [
			'https://github.com/awslabs/startups/blob/0b59caf457ae16afa9f89c1907bcb126d4a0cc1b/advisor/plugins/aws-startup-advisor/skills/gcp-to-aws/references/phases/discover/discover-preview.md',
		],
		note: 'Active: AWS’s 2026-08 migration guide maps embedding workloads to it.',
	},
	{
		modelIds: ['amazon.nova-micro-v1:0', 'amazon.nova-lite-v1:0', 'amazon.nova-pro-v1:0'],
		startOfLife: '2024-12-03',
		evidence: 'medium',
		sources: ['https://github.com/charmbracelet/catwalk/pull/155', AWSLABS_PRICING_CACHE],
		note: 'Active but superseded by Nova 2 ("AWS Bedrock lifecycle (July 2026)", catwalk PR#155).',
	},
	{
		modelIds: ['amazon.nova-premier-v1:0'],
		legacy: '2026-03-14',
		endOfLife: '2026-09-14',
		evidence: 'medium',
		sources: [
			AWSLABS_LIFECYCLE_SNAPSHOT,
			'https://github.com/awslabs/startups/pull/304',
			'https://github.com/charmbracelet/catwalk/pull/155',
		],
		note: 'EOL "Sep 14, 2026" (lifecycle page snapshot); Legacy = EOL − 6 months (Legacy by July 2026, catwalk PR#155).',
	},
	{
		modelIds: ['amazon.nova-2-lite-v1:0'],
		startOfLife: '2025-12-02',
		evidence: 'high',
		sources: [NOVA_2_LAUNCH, 'https://github.com/charmbracelet/catwalk/pull/155'],
		note: 'Generally available since 2025-12-02; no Legacy notice.',
	},
	{
		modelIds: ['amazon.nova-2-pro-v1:0'],
		startOfLife: '2025-12-02',
		evidence: 'low',
		sources: [NOVA_2_LAUNCH, AWSLABS_PRICING_CACHE],
		note: 'Preview since 2025-12-02 (shown ACTIVE).',
	},
	// ---- Anthropic --------------------------------------------------------------------------------
	{
		modelIds: ['anthropic.claude-v2', 'anthropic.claude-v2:1', 'anthropic.claude-instant-v1'],
		legacy: '2025-01-21',
		endOfLife: '2025-07-21',
		evidence: 'medium',
		sources: [EPAM_EOL_TABLE, LIFECYCLE_PAGE],
		note: 'The lifecycle page’s EOL table, quoted in epam PR#310: "Claude v2 | January 21, 2025 (all Regions) | July 21, 2025". The quote is cut before the Claude v2.1 and Instant rows; the same PR removes them as past EOL, so Claude v2’s dates are assumed for them.',
	},
	{
		modelIds: ['anthropic.claude-3-sonnet-20240229-v1:0'],
		legacy: '2025-01-22',
		endOfLife: '2026-07-30',
		evidence: 'medium',
		sources: [AWSLABS_LIFECYCLE_SNAPSHOT, 'https://github.com/aws/aws-cdk/pull/33058'],
		note: 'EOL "Jul 30, 2026" (lifecycle page snapshot). Legacy no later than 2025-01-22 ("legacy only in specific regions", aws-cdk PR#33058: the Regions’ dates differ; the earliest bound is used everywhere).',
	},
	{
		modelIds: ['anthropic.claude-3-haiku-20240307-v1:0'],
		legacy: '2026-03-10',
		endOfLife: '2026-09-10',
		evidence: 'medium',
		sources: [
			AWSLABS_LIFECYCLE_SNAPSHOT,
			'https://github.com/aws-samples/bedrock-chat/issues/1053',
			NOTEFLOW_CAPTURES,
		],
		note: 'EOL "Sep 10, 2026" (lifecycle page snapshot); Legacy = EOL − 6 months (Legacy by 2026-04-08, bedrock-chat#1053).',
	},
	{
		modelIds: ['anthropic.claude-3-opus-20240229-v1:0'],
		legacy: '2025-10-08',
		endOfLife: '2026-04-08',
		evidence: 'low',
		sources: ['https://github.com/aws-samples/bedrock-chat/issues/1053'],
		note: 'EOL no later than 2026-04-08 ("this should be already in end-of-life", bedrock-chat#1053); Legacy = EOL − 6 months.',
	},
	{
		modelIds: ['anthropic.claude-3-5-sonnet-20240620-v1:0'],
		legacy: '2025-09-08',
		publicExtendedAccess: '2025-12-01',
		endOfLife: '2026-07-30',
		evidence: 'high',
		sources: [
			'https://github.com/posit-dev/positron/issues/9339',
			'https://github.com/run-llama/llama_index/pull/20211',
			AWSLABS_LIFECYCLE_SNAPSHOT,
		],
		note: 'AWS notice quoted 2025-09-08 (positron#9339): "December 1, 2025: Extended access begins with premium pricing", EOL first March 1, 2026, later moved to "Jul 30, 2026" (lifecycle page snapshot). Legacy no later than the notice.',
	},
	{
		modelIds: ['anthropic.claude-3-5-sonnet-20241022-v2:0'],
		legacy: '2026-01-30',
		endOfLife: '2026-07-30',
		evidence: 'medium',
		sources: [AWSLABS_LIFECYCLE_SNAPSHOT, 'https://github.com/run-llama/llama_index/pull/20211'],
		note: 'EOL "Jul 30, 2026" (lifecycle page snapshot); Legacy = EOL − 6 months (still Active on 2025-09-08, positron#9339).',
	},
	{
		modelIds: ['anthropic.claude-3-5-haiku-20241022-v1:0'],
		legacy: '2025-12-19',
		endOfLife: '2026-06-19',
		evidence: 'medium',
		sources: [AWSLABS_LIFECYCLE_SNAPSHOT],
		note: 'EOL "Jun 19, 2026" (lifecycle page snapshot); Legacy = EOL − 6 months.',
	},
	{
		modelIds: ['anthropic.claude-3-7-sonnet-20250219-v1:0'],
		legacy: '2025-10-28',
		endOfLife: '2026-04-28',
		evidence: 'medium',
		sources: [
			AWSLABS_LIFECYCLE_SNAPSHOT,
			'https://github.com/braintrustdata/braintrust-proxy/pull/919',
			NOTEFLOW_CAPTURES,
		],
		note: 'EOL "Apr 28, 2026" (lifecycle page snapshot; the us. profile answered the end-of-life error on 2026-09-24, noteflow). Legacy = EOL − 6 months.',
	},
	{
		modelIds: ['anthropic.claude-sonnet-4-20250514-v1:0'],
		legacy: '2026-04-14',
		publicExtendedAccess: '2026-07-14',
		endOfLife: '2026-10-14',
		evidence: 'high',
		sources: [
			'https://github.com/braintrustdata/braintrust-proxy/pull/919',
			'https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-sonnet-4.html',
		],
		note: 'The three dates as GetFoundationModel printed them in 2026 captures; the EOL is the model card’s "October 14, 2026" (braintrust-proxy PR#919).',
	},
	{
		modelIds: ['anthropic.claude-opus-4-1-20250805-v1:0'],
		legacy: '2026-07-08',
		publicExtendedAccess: '2026-10-08',
		endOfLife: '2027-01-08',
		evidence: 'high',
		sources: [
			'https://github.com/theopenco/llmgateway/pull/3229',
			'https://github.com/anomalyco/models.dev/pull/3708',
			LIFECYCLE_PAGE,
		],
		note: 'AWS’s Bedrock timeline quoted in llmgateway PR#3229: Legacy July 8, 2026, extended access October 8, 2026, EOL January 8, 2027.',
	},
	{
		modelIds: [
			'anthropic.claude-sonnet-4-5-20250929-v1:0',
			'anthropic.claude-haiku-4-5-20251001-v1:0',
			'anthropic.claude-opus-4-8',
			'anthropic.claude-sonnet-5',
		],
		evidence: 'medium',
		sources: [
			AWSLABS_LIFECYCLE_SNAPSHOT,
			AWSLABS_PRICING_CACHE,
			'https://github.com/awslabs/startups/pull/131',
		],
		note: 'Active in the 2026-07/08 snapshots; Sonnet 5 and Opus 4.8 were added then (awslabs PR#131).',
	},
	// ---- Meta -------------------------------------------------------------------------------------
	{
		modelIds: [
			'meta.llama3-2-1b-instruct-v1:0',
			'meta.llama3-2-3b-instruct-v1:0',
			'meta.llama3-2-11b-instruct-v1:0',
			'meta.llama3-2-90b-instruct-v1:0',
		],
		legacy: '2026-01-07',
		endOfLife: '2026-07-07',
		evidence: 'medium',
		sources: [
			AWSLABS_LIFECYCLE_SNAPSHOT,
			'https://github.com/aws-samples/bedrock-chat/issues/1053',
		],
		note: 'EOL "Jul 7, 2026" (lifecycle page snapshot); Legacy = EOL − 6 months (Legacy by 2026-04-08, bedrock-chat#1053).',
	},
	{
		modelIds: [
			'meta.llama3-1-8b-instruct-v1:0',
			'meta.llama3-3-70b-instruct-v1:0',
			'meta.llama4-scout-17b-instruct-v1:0',
			'meta.llama4-maverick-17b-instruct-v1:0',
			'deepseek.r1-v1:0',
		],
		evidence: 'low',
		sources: [AWSLABS_PRICING_CACHE],
		note: 'Active in AWS’s 2026-08 pricing snapshot; on no Legacy list found.',
	},
	// ---- Cohere and AI21 --------------------------------------------------------------------------
	{
		modelIds: ['cohere.command-text-v14', 'cohere.command-light-text-v14'],
		legacy: '2024-10-04',
		endOfLife: '2025-08-12',
		evidence: 'high',
		sources: [EPAM_EOL_TABLE, LIFECYCLE_PAGE],
		note: 'The lifecycle page’s EOL table quoted in epam PR#310: "Cohere Command | October 4, 2024 | August 12, 2025" (Command Light the same).',
	},
	{
		modelIds: ['cohere.command-r-v1:0', 'cohere.command-r-plus-v1:0'],
		legacy: '2026-02-19',
		endOfLife: '2026-08-19',
		evidence: 'high',
		sources: [AWSLABS_LIFECYCLE_SNAPSHOT, 'https://github.com/awslabs/startups/pull/304'],
		note: 'Lifecycle page quoted in awslabs PR#304: "Legacy Feb 19, 2026; EOL Aug 19, 2026". Public-extended-access date not quoted.',
	},
	{
		modelIds: ['ai21.jamba-1-5-large-v1:0'],
		startOfLife: '2024-09-23',
		legacy: '2026-05-26',
		publicExtendedAccess: '2026-08-26',
		endOfLife: '2026-11-26',
		evidence: 'high',
		sources: [
			'https://raw.githubusercontent.com/awslabs/aws-service-eol-data/main/data/eol.json',
			AWSLABS_LIFECYCLE_SNAPSHOT,
		],
		note: 'AWS Health version catalog (awslabs/aws-service-eol-data): Legacy 2026-05-26, public extended access 2026-08-26, EOL 2026-11-26.',
	},
	{
		modelIds: ['ai21.jamba-1-5-mini-v1:0'],
		startOfLife: '2024-09-23',
		legacy: '2026-05-26',
		endOfLife: '2026-11-26',
		evidence: 'medium',
		sources: [
			AWSLABS_LIFECYCLE_SNAPSHOT,
			'https://raw.githubusercontent.com/awslabs/aws-service-eol-data/main/data/eol.json',
		],
		note: 'EOL "Nov 26, 2026" with Jamba 1.5 Large (lifecycle page snapshot); Large’s Legacy date assumed.',
	},
];

export type LifecycleStatus = 'ACTIVE' | 'LEGACY' | 'EOL';

/** `modelLifecycle` of a FoundationModelSummary; timestamps are ISO-8601 strings on the wire. */
export interface ModelLifecycle {
	status: 'ACTIVE' | 'LEGACY';
	startOfLifeTime?: string;
	legacyTime?: string;
	publicExtendedAccessTime?: string;
	endOfLifeTime?: string;
}

const factsById = new Map<string, LifecycleFact>();
for (const fact of LIFECYCLE) {
	for (const modelId of fact.modelIds) {
		if (factsById.has(modelId)) throw new Error(`lifecycle: ${modelId} has two rows`);
		factsById.set(modelId, fact);
	}
}

/** The row of a model ID, or of its base ID for provisioned variants (`…-v1:0:28k` → `…-v1:0`). */
export function factFor(modelId: string): LifecycleFact | undefined {
	let id = modelId;
	for (;;) {
		const fact = factsById.get(id);
		if (fact) return fact;
		const cut = id.lastIndexOf(':');
		if (cut < 0) return undefined;
		id = id.slice(0, cut);
	}
}

function time(date: string | undefined): number | undefined {
	return date === undefined ? undefined : Date.parse(`${date}T00:00:00Z`);
}

/** The status at `now` (epoch ms). */
export function statusAt(modelId: string, now: number): LifecycleStatus {
	const fact = factFor(modelId);
	if (!fact) return 'ACTIVE';
	const endOfLife = time(fact.endOfLife);
	if (endOfLife !== undefined && now >= endOfLife) return 'EOL';
	const legacy = time(fact.legacy) ?? endOfLife;
	return legacy !== undefined && now >= legacy ? 'LEGACY' : 'ACTIVE';
}

/**
 * What ListFoundationModels and GetFoundationModel show at `now`, or undefined past the end of
 * life (the API's status enum is ACTIVE | LEGACY: EOL models are no longer listed). Active
 * models show only their launch time, as in real answers (`{"status": "ACTIVE",
 * "startOfLifeTime": …}`); Legacy models add their Legacy, extended-access and EOL times.
 */
export function lifecycleAt(modelId: string, now: number): ModelLifecycle | undefined {
	const status = statusAt(modelId, now);
	if (status === 'EOL') return undefined;
	const fact = factFor(modelId);
	const wire = (date: string | undefined) => (date === undefined ? undefined : `${date}T00:00:00Z`);
	const lifecycle: ModelLifecycle = { status };
	if (fact?.startOfLife) lifecycle.startOfLifeTime = wire(fact.startOfLife);
	if (status === 'LEGACY' && fact) {
		if (fact.legacy) lifecycle.legacyTime = wire(fact.legacy);
		if (fact.publicExtendedAccess)
			lifecycle.publicExtendedAccessTime = wire(fact.publicExtendedAccess);
		if (fact.endOfLife) lifecycle.endOfLifeTime = wire(fact.endOfLife);
	}
	return lifecycle;
}
