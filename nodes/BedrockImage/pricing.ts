/**
 * Estimated on-demand price of one generated image, in USD, with where the figure comes from.
 *
 * Sources:
 * - LiteLLM's `model_prices_and_context_window.json`, snapshot 2026-08-01 (bedrock-api.md E):
 *   flat prices per image for the Stability models and services, SDXL by steps (≤ 50, > 50).
 * - Titan Image Generator and Nova Canvas are priced by AWS per size tier and quality; LiteLLM
 *   has one flat figure for each ($0.008 Titan = standard ≤ 512×512; $0.06 Nova = premium
 *   ≤ 1024×1024, or standard up to 2048×2048). The tier figures below are those of the AWS
 *   Bedrock pricing page as published in 2024–2025; they could not be re-checked offline.
 *
 * Assumptions: every SDXL size is about one megapixel and is priced as 1024×1024; edits and
 * background removal cost what a generated image of the output's size costs; provisioned
 * throughput is billed per hour, so no per-image estimate is given for it.
 */
export interface PriceEstimate {
	usd: number;
	source: string;
}

export interface PricedImage {
	/** The foundation model, without profile prefix. */
	baseModelId: string;
	/** The request body as sent (steps, quality). */
	body: Record<string, unknown>;
	width: number;
	height: number;
}

const LITELLM = 'LiteLLM price list, snapshot 2026-08-01';
const AWS_TIERS = 'AWS Bedrock pricing page tiers (size and quality), as published 2024–2025';

interface PriceRule {
	model: RegExp;
	source: string;
	price(image: PricedImage): number;
}

const flat = (usd: number) => () => usd;

function quality(body: Record<string, unknown>): string {
	const config = body.imageGenerationConfig as Record<string, unknown> | undefined;
	return config?.quality === 'premium' ? 'premium' : 'standard';
}

const RULES: PriceRule[] = [
	{
		model: /^stability\.stable-diffusion-xl/,
		source: `${LITELLM} (1024-x-1024/50-steps and max-steps)`,
		price: ({ body }) => ((typeof body.steps === 'number' ? body.steps : 30) > 50 ? 0.08 : 0.04),
	},
	{ model: /^stability\.sd3-large/, source: LITELLM, price: flat(0.08) },
	{ model: /^stability\.sd3-5-large/, source: LITELLM, price: flat(0.08) },
	{ model: /^stability\.stable-image-core/, source: LITELLM, price: flat(0.04) },
	{ model: /^stability\.stable-image-ultra/, source: LITELLM, price: flat(0.14) },
	{ model: /^stability\.stable-conservative-upscale/, source: LITELLM, price: flat(0.4) },
	{ model: /^stability\.stable-creative-upscale/, source: LITELLM, price: flat(0.6) },
	{ model: /^stability\.stable-fast-upscale/, source: LITELLM, price: flat(0.03) },
	{ model: /^stability\.stable-outpaint/, source: LITELLM, price: flat(0.06) },
	{ model: /^stability\.stable-style-transfer/, source: LITELLM, price: flat(0.08) },
	{
		model:
			/^stability\.stable-image-(inpaint|erase-object|remove-background|search-recolor|search-replace|control-sketch|control-structure|style-guide)/,
		source: LITELLM,
		price: flat(0.07),
	},
	{
		// Standard: ≤ 512×512 $0.008, larger $0.01; premium: $0.01 and $0.012.
		model: /^amazon\.titan-image-generator/,
		source: AWS_TIERS,
		price: ({ body, width, height }) => {
			const small = width * height <= 512 * 512;
			if (quality(body) === 'premium') return small ? 0.01 : 0.012;
			return small ? 0.008 : 0.01;
		},
	},
	{
		// Standard: ≤ 1024×1024 $0.04, up to 2048×2048 $0.06; premium: $0.06 and $0.08.
		model: /^amazon\.nova-canvas/,
		source: AWS_TIERS,
		price: ({ body, width, height }) => {
			const small = width * height <= 1024 * 1024;
			if (quality(body) === 'premium') return small ? 0.06 : 0.08;
			return small ? 0.04 : 0.06;
		},
	},
];

/** The estimate for one image, or undefined when the model has no known per-image price. */
export function estimateImagePrice(image: PricedImage): PriceEstimate | undefined {
	const rule = RULES.find((candidate) => candidate.model.test(image.baseModelId));
	return rule ? { usd: rule.price(image), source: rule.source } : undefined;
}
