/**
 * What to use instead of a retired model: the lifecycle notice and the end-of-life error name
 * it, so that a user whose model is going away learns what to pick. Only successors that are
 * Active (as of 2026-12-06) are listed; a model without an entry gets the generic advice.
 *
 * Sources:
 * - Stability: SD3 Large and Stable Image Core/Ultra v1:0 were retired in 2025 per
 *   https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html, while SD3.5 Large
 *   and Core/Ultra v1:1 took their place (https://github.com/epam/ai-dial-adapter-bedrock/issues/322,
 *   pull requests 334 and 335 there); SDXL 1.0 stopped on 2025-05-20 without a named successor
 *   (https://github.com/aws-samples/document-translation/issues/110), and SD3.5 Large is the
 *   current model of the same kind (text to image, image to image).
 * - Titan Image Generator and Nova Canvas: "the Active image generation models on Bedrock are
 *   Stability AI models" (AWS's startup advisor, from the lifecycle page as of 2026-09-21:
 *   https://github.com/awslabs/startups/blob/1271d8f09ace31228f35e7844fa3a86aefd4b3b2/advisor/plugins/aws-startup-advisor/skills/gcp-to-aws/references/shared/ai-model-lifecycle.md);
 *   AWS's own samples moved to Stable Image Ultra
 *   (https://github.com/aws-samples/generative-ai-ml-latam-samples/pull/109). Nova 2 Omni
 *   (preview, https://aws.amazon.com/about-aws/whats-new/2025/12/amazon-nova-2-omni-preview/)
 *   makes images in Converse answers.
 * - Claude: the same page names Claude Haiku 4.5 for Claude 3 Haiku and Claude Sonnet 4.6 / 5
 *   for Sonnet 4; Claude Sonnet 4.5 is the oldest Sonnet still Active, so the notice offers
 *   "4.5 or later".
 */

export interface Successor {
	/** The replacement in words, with the model IDs: for notices and error hints. */
	text: string;
	/** Their foundation model IDs, best first. */
	modelIds: readonly string[];
}

function one(name: string, modelId: string): Successor {
	return { text: `${name} (${modelId})`, modelIds: [modelId] };
}

const CURRENT_STABILITY_IMAGES: Successor = {
	text: 'Stability’s current models: Stable Image Core or Ultra v1:1 (stability.stable-image-core-v1:1, stability.stable-image-ultra-v1:1) or SD3.5 Large (stability.sd3-5-large-v1:0); AWS also offers Nova 2 Omni (preview), which makes images in Converse answers',
	modelIds: [
		'stability.stable-image-core-v1:1',
		'stability.stable-image-ultra-v1:1',
		'stability.sd3-5-large-v1:0',
	],
};

const SD35_LARGE = one('SD3.5 Large', 'stability.sd3-5-large-v1:0');
const CLAUDE_HAIKU_45 = one('Claude Haiku 4.5', 'anthropic.claude-haiku-4-5-20251001-v1:0');
const CLAUDE_SONNET_45 = one(
	'Claude Sonnet 4.5 or later',
	'anthropic.claude-sonnet-4-5-20250929-v1:0',
);

/** By foundation model ID prefix; the first match wins. */
const SUCCESSORS: Array<[prefix: string, successor: Successor]> = [
	[
		'stability.stable-image-core-v1:0',
		one('Stable Image Core v1:1', 'stability.stable-image-core-v1:1'),
	],
	[
		'stability.stable-image-ultra-v1:0',
		one('Stable Image Ultra v1:1', 'stability.stable-image-ultra-v1:1'),
	],
	['stability.sd3-large-v1:0', SD35_LARGE],
	['stability.stable-diffusion-xl', SD35_LARGE],
	['amazon.titan-image-generator', CURRENT_STABILITY_IMAGES],
	['amazon.nova-canvas', CURRENT_STABILITY_IMAGES],
	['anthropic.claude-3-haiku', CLAUDE_HAIKU_45],
	['anthropic.claude-3-5-haiku', CLAUDE_HAIKU_45],
	['anthropic.claude-3-sonnet', CLAUDE_SONNET_45],
	['anthropic.claude-3-5-sonnet', CLAUDE_SONNET_45],
	['anthropic.claude-3-7-sonnet', CLAUDE_SONNET_45],
	['anthropic.claude-sonnet-4-20250514', CLAUDE_SONNET_45],
];

/** The replacement of a retired foundation model, when AWS names one. */
export function successorOf(foundationModelId: string | undefined): Successor | undefined {
	if (!foundationModelId) return undefined;
	return SUCCESSORS.find(([prefix]) => foundationModelId.startsWith(prefix))?.[1];
}
