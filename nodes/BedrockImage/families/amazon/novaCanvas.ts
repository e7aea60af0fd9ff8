/**
 * Amazon Nova Canvas (`amazon.nova-canvas-v1:0`): every Titan v2 task, style presets and
 * virtual try-on.
 *
 * Sources: https://docs.aws.amazon.com/nova/latest/userguide/image-gen-req-resp-structure.html
 * and https://docs.aws.amazon.com/nova/latest/userguide/image-gen-vto.html; limits as AWS's own
 * Nova Canvas MCP server tests them (https://github.com/awslabs/mcp,
 * src/nova-canvas-mcp-server/tests/test_models.py): text 1–1,024 characters, seeds
 * 0–858,993,459 (default 12), cfgScale default 6.5, width and height 320–4,096 px in steps of
 * 16, aspect ratio between 1:4 and 4:1, fewer than 4,194,304 pixels (2048x2048 is refused). No
 * separate input limits are published; inputs are held to the output limits (the stricter reading).
 */
import { numberField, type ItemParams } from '../../../shared/fields';
import { amazonImageFamily, type AmazonModelSpec, type SizeSpec } from './amazonImage';
import { virtualTryOnTask } from './virtualTryOn';

const MIN_SIDE = 320;
const MAX_SIDE = 4096;
const STEP = 16;
const MAX_ASPECT_RATIO = 4;
/** Total pixels must stay below this. */
const PIXEL_LIMIT = 4_194_304;

const side = (name: 'width' | 'height') =>
	numberField({
		name,
		displayName: name === 'width' ? 'Width' : 'Height',
		description: `${MIN_SIDE}–${MAX_SIDE} px in steps of ${STEP}; aspect ratio 1:4 to 4:1; fewer than ${PIXEL_LIMIT} pixels in total`,
		default: 1024,
		min: MIN_SIDE,
		max: MAX_SIDE,
		integer: true,
	});

const width = side('width');
const height = side('height');

const novaSize: SizeSpec = {
	properties: [width.property, height.property],
	read(params: ItemParams) {
		const w = width.read(params) ?? 1024;
		const h = height.read(params) ?? 1024;
		const size = `${w}x${h}`;
		if (w % STEP !== 0 || h % STEP !== 0) {
			return params.fail(`Size ${size}: Width and Height must be multiples of ${STEP}`);
		}
		if (Math.max(w, h) / Math.min(w, h) > MAX_ASPECT_RATIO) {
			return params.fail(
				`Width and Height: Size ${size}: the aspect ratio must be between 1:4 and 4:1`,
			);
		}
		if (w * h >= PIXEL_LIMIT) {
			return params.fail(
				`Width and Height: Size ${size} has ${w * h} pixels; Nova Canvas needs fewer than ${PIXEL_LIMIT}`,
			);
		}
		return { width: w, height: h };
	},
};

export const NOVA_STYLES = [
	'3D_ANIMATED_FAMILY_FILM',
	'DESIGN_SKETCH',
	'FLAT_VECTOR_ILLUSTRATION',
	'GRAPHIC_NOVEL_ILLUSTRATION',
	'MAXIMALISM',
	'MIDCENTURY_RETRO',
	'PHOTOREALISM',
	'SOFT_DIGITAL_PAINTING',
] as const;

const spec: AmazonModelSpec = {
	id: 'novaCanvas',
	displayName: 'Amazon Nova Canvas',
	modelIdMarkers: ['amazon.nova-canvas'],
	exampleModelId: 'amazon.nova-canvas-v1:0',
	operations: [
		'generate',
		'inpaint',
		'outpaint',
		'vary',
		'colorPalette',
		'control',
		'removeBackground',
	],
	textMaxLength: 1024,
	seed: { max: 858_993_459, default: 12 },
	cfgScaleDefault: 6.5,
	size: novaSize,
	inputImages: {
		formats: ['png', 'jpeg'],
		minSide: MIN_SIDE,
		maxSide: MAX_SIDE,
		maxAspectRatio: MAX_ASPECT_RATIO,
		// The "fewer than" rule is the output's: AWS's workshop outpaints a 2048x2048 input
		// (exactly 4,194,304 pixels; aws-samples/amazon-bedrock-workshop,
		// `04_Image_and_Multimodal/nova-canvas-notebook.ipynb`).
		maxPixels: PIXEL_LIMIT,
	},
	// Nova documents returnMask for virtual try-on only.
	editsReturnMask: false,
	styles: NOVA_STYLES,
};

export const novaCanvas = amazonImageFamily(spec, (fields) => ({
	virtualTryOn: virtualTryOnTask(spec, fields),
}));
