/**
 * Amazon Nova Reel (`amazon.nova-reel-v1:0`, `amazon.nova-reel-v1:1`): 1280x720 at 24 fps, 6 s
 * per shot (https://docs.aws.amazon.com/nova/latest/userguide/video-generation.html,
 * https://docs.aws.amazon.com/nova/latest/userguide/video-gen-code-examples2.html):
 *
 * - `TEXT_VIDEO` (both versions): text 1–512 characters, optionally one starting image (PNG or
 *   JPEG, exactly 1280x720), 6 s;
 * - `MULTI_SHOT_AUTOMATED` (v1:1): text 1–4,000 characters, 12–120 s in steps of 6;
 * - `MULTI_SHOT_MANUAL` (v1:1): 2–20 shots of 1–512 characters each, each with an optional
 *   1280x720 image; the number of shots sets the length (no `durationSeconds`);
 * - `seed` 0–2,147,483,646.
 *
 * Nova Reel is past its end of life (2026-09-30) in us-east-1 and legacy in eu-west-1 and
 * ap-northeast-1 (https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-amazon-nova-reel.html):
 * kept for accounts and regions that still have it, with a notice.
 */
import type { INodeProperties } from 'n8n-workflow';

import { binaryImageField, loadImage, type ImageRules } from '../../BedrockImage/binary';
import {
	enumLabel,
	numberField,
	optionsField,
	stringField,
	valueOptions,
	type ItemParams,
} from '../../shared/fields';
import type { VideoFamily } from './types';

export const REEL_V0 = 'amazon.nova-reel-v1:0';
export const REEL_V1 = 'amazon.nova-reel-v1:1';

const TASKS = ['TEXT_VIDEO', 'MULTI_SHOT_AUTOMATED', 'MULTI_SHOT_MANUAL'] as const;
type Task = (typeof TASKS)[number];

const SHOT_SECONDS = 6;
const MAX_SHOTS = 20;
const FIXED = { fps: 24, dimension: '1280x720' };
const IMAGE_RULES: ImageRules = { formats: ['png', 'jpeg'], sizes: ['1280x720'] };

const taskType = optionsField<Task>({
	name: 'reelTask',
	displayName: 'Task',
	description:
		'One 6-second shot from a prompt (and optional image), or a longer video of several shots (Nova Reel 1.1 only)',
	default: 'TEXT_VIDEO',
	options: valueOptions(TASKS, (value) =>
		value === 'TEXT_VIDEO'
			? 'Single Shot (6 s)'
			: enumLabel(value).replace('Multi Shot', 'Multi-Shot'),
	),
});

const shotText = stringField({
	name: 'prompt',
	displayName: 'Prompt',
	description: 'What the 6-second video shows; at most 512 characters, in English',
	required: true,
	maxLength: 512,
	rows: 4,
});

const automatedText = stringField({
	name: 'prompt',
	displayName: 'Prompt',
	description:
		'What the whole video shows; Nova Reel divides it into 6-second shots. At most 4,000 characters, in English.',
	required: true,
	maxLength: 4000,
	rows: 6,
});

const startImage = binaryImageField({
	name: 'startImageField',
	displayName: 'Start Image Field',
	description:
		'The input binary field whose image (PNG or JPEG, exactly 1280x720) is the first frame. Empty: text to video.',
	hint: 'The name of the input binary field holding the start image; leave empty for text to video',
	default: '',
});

const durationSeconds = numberField({
	name: 'reelDurationSeconds',
	displayName: 'Duration (Seconds)',
	description: 'Length of the video: 12 to 120 seconds in steps of 6',
	default: 12,
	min: 12,
	max: 120,
	integer: true,
});

const seed = numberField({
	name: 'seed',
	displayName: 'Seed',
	description: 'The same seed and request give the same video',
	default: 0,
	min: 0,
	max: 2_147_483_646,
	integer: true,
});

const shotPrompt = stringField({
	name: 'text',
	displayName: 'Shot Prompt',
	description: 'What this 6-second shot shows; at most 512 characters',
	required: true,
	maxLength: 512,
	rows: 2,
});

const shotImage = stringField({
	name: 'imageField',
	displayName: 'Shot Image Field',
	description:
		'The input binary field whose image (PNG or JPEG, exactly 1280x720) starts this shot. Empty: none.',
});

const SHOTS = 'shots';
const SHOT = 'shot';

const shotsProperty: INodeProperties = {
	displayName: 'Shots',
	name: SHOTS,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Shot',
	default: {},
	description: '2 to 20 shots of 6 seconds each, in order',
	options: [{ displayName: 'Shot', name: SHOT, values: [shotPrompt.property, shotImage.property] }],
};

const show = (tasks: Task[]) => ({ displayOptions: { show: { reelTask: tasks } } });

const withShow = (property: INodeProperties, tasks: Task[]): INodeProperties => ({
	...property,
	...show(tasks),
});

async function imageSource(params: ItemParams, label: string, property: string) {
	const image = await loadImage(params, label, property, IMAGE_RULES);
	return { format: image.format, source: { bytes: image.data.toString('base64') } };
}

/**
 * The fields of one list entry read like the item's own: same checks, the entry named in the
 * error ("Shot 2: Shot Prompt is empty").
 */
function entryParams(
	params: ItemParams,
	entry: Record<string, unknown>,
	where: string,
): ItemParams {
	return Object.assign(Object.create(params) as ItemParams, {
		raw: (name: string) => entry[name] ?? undefined,
		fail: (message: string, description?: string) =>
			params.fail(`${where}: ${message}`, description),
	});
}

function readShots(params: ItemParams): Array<{ text: string; imageField?: string }> {
	const raw = params.raw(SHOTS) as { [SHOT]?: unknown } | undefined;
	const list = raw?.[SHOT];
	const entries = Array.isArray(list) ? (list as unknown[]) : [];
	if (entries.length < 2 || entries.length > MAX_SHOTS) {
		params.fail(
			`Shots must be between 2 and ${MAX_SHOTS} (got ${entries.length})`,
			'Multi-Shot Manual makes one 6-second shot per entry: add 2 to 20 shots.',
		);
	}
	return entries.map((entry, index) => {
		const shot = entryParams(
			params,
			typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {},
			`Shot ${index + 1}`,
		);
		const text = shotPrompt.read(shot) as string;
		const imageField = shotImage.read(shot)?.trim();
		return { text, ...(imageField ? { imageField } : {}) };
	});
}

export const novaReel: VideoFamily = {
	id: 'novaReel',
	displayName: 'Amazon Nova Reel',
	modelIdMarkers: ['nova-reel'],
	exampleModelId: REEL_V1,
	properties: [
		{
			displayName:
				'Nova Reel passed its end of life on 2026-09-30 in us-east-1; v1:0 stays legacy in eu-west-1 and ap-northeast-1. For new workflows use Luma Ray2 (us-west-2).',
			name: 'reelNotice',
			type: 'notice',
			default: '',
		},
		taskType.property,
		withShow(shotText.property, ['TEXT_VIDEO']),
		withShow(automatedText.property, ['MULTI_SHOT_AUTOMATED']),
		withShow(startImage.property, ['TEXT_VIDEO']),
		withShow(durationSeconds.property, ['MULTI_SHOT_AUTOMATED']),
		withShow(shotsProperty, ['MULTI_SHOT_MANUAL']),
		seed.property,
	],
	async build({ params, modelId, baseModelId }) {
		const task = taskType.read(params) ?? 'TEXT_VIDEO';
		const base = baseModelId ?? modelId;
		if (task !== 'TEXT_VIDEO' && base.includes(REEL_V0)) {
			params.fail(
				`Task "${enumLabel(task)}" needs Nova Reel 1.1 (${REEL_V1}); ${REEL_V0} makes single 6-second shots only`,
				'Pick amazon.nova-reel-v1:1 (us-east-1), or the Single Shot task.',
			);
		}
		const config = { ...FIXED, seed: seed.read(params) ?? 0 };
		if (task === 'TEXT_VIDEO') {
			const text = shotText.read(params) as string;
			const imageField = startImage.read(params)?.trim();
			const images = imageField
				? [await imageSource(params, startImage.displayName, imageField)]
				: [];
			return {
				modelInput: {
					taskType: task,
					textToVideoParams: { text, ...(images.length ? { images } : {}) },
					videoGenerationConfig: { durationSeconds: SHOT_SECONDS, ...config },
				},
				videoSeconds: SHOT_SECONDS,
				resolution: '720p',
				task: images.length ? 'image-to-video' : 'text-to-video',
				prompt: text,
			};
		}
		if (task === 'MULTI_SHOT_AUTOMATED') {
			const text = automatedText.read(params) as string;
			const seconds = durationSeconds.read(params) ?? 12;
			if (seconds % SHOT_SECONDS !== 0) {
				params.fail(
					`Duration (Seconds) must be a multiple of 6 between 12 and 120 (got ${seconds})`,
					'Nova Reel makes the video in 6-second shots.',
				);
			}
			return {
				modelInput: {
					taskType: task,
					multiShotAutomatedParams: { text },
					videoGenerationConfig: { durationSeconds: seconds, ...config },
				},
				videoSeconds: seconds,
				resolution: '720p',
				task: 'multi-shot-automated',
				prompt: text,
			};
		}
		const shots = readShots(params);
		const sent = [];
		for (const [index, shot] of shots.entries()) {
			const image = shot.imageField
				? await imageSource(params, `Shot ${index + 1} Image Field`, shot.imageField)
				: undefined;
			sent.push({ text: shot.text, ...(image ? { image } : {}) });
		}
		return {
			// No durationSeconds: the shots set the length (AWS's multi-shot examples).
			modelInput: {
				taskType: task,
				multiShotManualParams: { shots: sent },
				videoGenerationConfig: config,
			},
			videoSeconds: SHOT_SECONDS * shots.length,
			resolution: '720p',
			task: 'multi-shot-manual',
			prompt: shots.map((shot) => shot.text).join('\n'),
		};
	},
};
