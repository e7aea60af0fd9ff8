/**
 * Dates at which retired model families were still Active, per the lifecycle table
 * (`src/catalog/lifecycle.ts`). Tests of those families run the emulator at these dates
 * (`startEmulator({ now })` or `control.configure({ now })`) so that they keep testing request
 * bodies rather than the end-of-life answer; every other test runs at today's date.
 * `lifecycle.test.ts` checks each date against the table, so a table change that retires a
 * family earlier fails there, with the family's name.
 */
export interface FamilyDate {
	date: string;
	/** The models the family's tests call, all Active on `date`. */
	models: string[];
}

/** SDXL 1.0: Legacy from 2024-11-21 (AWS's first notice), end of life 2025-05-20. */
export const SDXL_DATE: FamilyDate = {
	date: '2024-10-01',
	models: ['stability.stable-diffusion-xl-v1', 'stability.stable-diffusion-xl-v1:0'],
};

/** SD3 Large, Stable Image Core v1:0 and Ultra v1:0: retired by 2025-11-10, Legacy from 2025-05-10. */
export const STABILITY_V1_0_DATE: FamilyDate = {
	date: '2025-03-01',
	models: [
		'stability.sd3-large-v1:0',
		'stability.stable-image-core-v1:0',
		'stability.stable-image-ultra-v1:0',
	],
};

/**
 * Titan Image Generator v1/v2 (Legacy by 2025-09-22, end of life 2026-06-30) and Nova Canvas
 * (Legacy 2026-03-30, end of life 2026-09-30), after Nova Canvas's virtual try-on launch
 * (2025-07-02).
 */
export const AMAZON_IMAGE_DATE: FamilyDate = {
	date: '2025-08-01',
	models: [
		'amazon.titan-image-generator-v1',
		'amazon.titan-image-generator-v2:0',
		'amazon.nova-canvas-v1:0',
	],
};

/**
 * Nova Reel v1:0 and v1:1 (Legacy 2026-03-30, end of life 2026-09-30 in every region), after
 * v1:1's multi-shot launch (2025-04).
 */
export const NOVA_REEL_DATE: FamilyDate = {
	date: '2025-08-01',
	models: ['amazon.nova-reel-v1:0', 'amazon.nova-reel-v1:1'],
};

/** Titan Text Express, Lite, Premier and Large: Legacy from 2025-02-11 (Premier: 2025-04-17). */
export const TITAN_TEXT_DATE: FamilyDate = {
	date: '2024-12-01',
	models: [
		'amazon.titan-text-express-v1',
		'amazon.titan-text-lite-v1',
		'amazon.titan-text-premier-v1:0',
		'amazon.titan-tg1-large',
	],
};

/**
 * Chat models retired in 2026 (Claude 3.x, 3.5, 3.7, Sonnet 4, Llama 3.2, Nova Premier, Command R):
 * all Active on 2025-09-01 except Claude 3 Sonnet (Legacy since 2025-01), which the emulator's
 * default account still uses.
 */
export const RETIRED_CHAT_DATE: FamilyDate = {
	date: '2025-09-01',
	models: [
		'anthropic.claude-3-haiku-20240307-v1:0',
		'anthropic.claude-3-opus-20240229-v1:0',
		'anthropic.claude-3-5-sonnet-20240620-v1:0',
		'anthropic.claude-3-5-sonnet-20241022-v2:0',
		'anthropic.claude-3-5-haiku-20241022-v1:0',
		'anthropic.claude-3-7-sonnet-20250219-v1:0',
		'anthropic.claude-sonnet-4-20250514-v1:0',
		'meta.llama3-2-1b-instruct-v1:0',
		'meta.llama3-2-11b-instruct-v1:0',
		'meta.llama3-2-90b-instruct-v1:0',
		'amazon.nova-premier-v1:0',
		'cohere.command-r-v1:0',
		'cohere.command-r-plus-v1:0',
		'ai21.jamba-1-5-large-v1:0',
		'ai21.jamba-1-5-mini-v1:0',
	],
};

export const RETIRED_FAMILY_DATES: Record<string, FamilyDate> = {
	SDXL_DATE,
	STABILITY_V1_0_DATE,
	AMAZON_IMAGE_DATE,
	NOVA_REEL_DATE,
	TITAN_TEXT_DATE,
	RETIRED_CHAT_DATE,
};
