/**
 * Amazon Nova Canvas (`amazon.nova-canvas-v1:0`). Sources: AWS Nova docs `image-gen-req-resp-structure.html`
 * (text 1-1024 characters, styles, no width/height for inpainting/outpainting) and `image-gen-vto.html`
 * (virtual try-on: source, reference and mask; "up to five images"); limits from the awslabs Nova
 * Canvas MCP tests (awslabs/mcp `src/nova-canvas-mcp-server/tests/test_models.py`) and
 * build-on-aws/swift-bedrock-library `NovaImageResolutionValidator.swift`.
 */
import { malformed, validation } from '../../errors.ts';
import { bool, obj, str } from '../../schema.ts';
import type { InvokeHandlerMap } from '../types.ts';
import { amazonImageHandler, paramSchemas, type AmazonImageFamily } from './amazonImage.ts';

const TEXT = { min: 1, max: 1024 };
const schemas = paramSchemas(TEXT);

export const NOVA_SIZE_LIMITS = {
	minSide: 320,
	maxSide: 4096,
	multipleOf: 16,
	/** Longer side / shorter side: "between 1:4 and 4:1". */
	maxAspectRatio: 4,
	/** Total pixels must be strictly below this ("< 4,194,304": the awslabs tests reject 2048x2048). */
	pixelLimit: 4_194_304,
};

const STYLES = [
	'3D_ANIMATED_FAMILY_FILM',
	'DESIGN_SKETCH',
	'FLAT_VECTOR_ILLUSTRATION',
	'GRAPHIC_NOVEL_ILLUSTRATION',
	'MAXIMALISM',
	'MIDCENTURY_RETRO',
	'PHOTOREALISM',
	'SOFT_DIGITAL_PAINTING',
];

const GARMENT_CLASSES = [
	'UPPER_BODY',
	'LOWER_BODY',
	'FULL_BODY',
	'FOOTWEAR',
	'LONG_SLEEVE_SHIRT',
	'SHORT_SLEEVE_SHIRT',
	'NO_SLEEVE_SHIRT',
	'OTHER_UPPER_BODY',
	'LONG_PANTS',
	'SHORT_PANTS',
	'OTHER_LOWER_BODY',
	'LONG_DRESS',
	'SHORT_DRESS',
	'FULL_BODY_OUTFIT',
	'OTHER_FULL_BODY',
	'SHOES',
	'BOOTS',
	'OTHER_FOOTWEAR',
];
const MASK_SHAPE = str({ enum: ['CONTOUR', 'BOUNDING_BOX', 'DEFAULT'] });
const TOGGLE = str({ enum: ['ON', 'OFF', 'DEFAULT'] });

/** `virtualTryOnParams` (image-gen-vto.html): try-on takes no text or negativeText. */
const VIRTUAL_TRY_ON = obj(
	{
		sourceImage: str(),
		referenceImage: str(),
		maskType: str({ enum: ['IMAGE', 'GARMENT', 'PROMPT'] }),
		imageBasedMask: obj({ maskImage: str() }, ['maskImage']),
		garmentBasedMask: obj(
			{
				maskShape: MASK_SHAPE,
				garmentClass: str({ enum: GARMENT_CLASSES }),
				garmentStyling: obj({
					longSleeveStyle: str({ enum: ['SLEEVE_DOWN', 'SLEEVE_UP'] }),
					tuckingStyle: str({ enum: ['UNTUCKED', 'TUCKED'] }),
					outerLayerStyle: str({ enum: ['CLOSED', 'OPEN'] }),
				}),
			},
			['garmentClass'],
		),
		promptBasedMask: obj({ maskShape: MASK_SHAPE, maskPrompt: schemas.text }, ['maskPrompt']),
		maskExclusions: obj({ preserveBodyPose: TOGGLE, preserveHands: TOGGLE, preserveFace: TOGGLE }),
		mergeStyle: str({ enum: ['BALANCED', 'SEAMLESS', 'DETAILED'] }),
		returnMask: bool(),
	},
	['sourceImage', 'referenceImage', 'maskType'],
);

function checkNovaSize(width: number, height: number) {
	const { minSide, maxSide, multipleOf, maxAspectRatio, pixelLimit } = NOVA_SIZE_LIMITS;
	const size = `${width}x${height}`;
	if (Math.min(width, height) < minSide || Math.max(width, height) > maxSide) {
		return validation(
			`Invalid image size ${size}: width and height must each be between ${minSide} and ${maxSide} pixels.`,
		);
	}
	if (width % multipleOf !== 0 || height % multipleOf !== 0) {
		return validation(
			`Invalid image size ${size}: width and height must be divisible by ${multipleOf}.`,
		);
	}
	if (Math.max(width, height) / Math.min(width, height) > maxAspectRatio) {
		return validation(
			`Invalid image size ${size}: the aspect ratio must be between 1:${maxAspectRatio} and ${maxAspectRatio}:1.`,
		);
	}
	if (width * height >= pixelLimit) {
		return validation(
			`Invalid image size ${size}: the total pixel count must be less than ${pixelLimit}.`,
		);
	}
	return undefined;
}

const novaCanvas: AmazonImageFamily = {
	tasks: {
		TEXT_IMAGE: schemas.textToImage({ style: str({ enum: STYLES }), ...schemas.conditioning }),
		COLOR_GUIDED_GENERATION: schemas.colorGuided,
		IMAGE_VARIATION: schemas.imageVariation,
		// Nova documents returnMask for virtual try-on only.
		INPAINTING: schemas.inPainting(),
		OUTPAINTING: schemas.outPainting(),
		BACKGROUND_REMOVAL: schemas.backgroundRemoval,
		VIRTUAL_TRY_ON: VIRTUAL_TRY_ON,
	},
	text: TEXT,
	defaults: { width: 1024, height: 1024, cfgScale: 6.5, seed: 12 },
	limits: { maxSeed: 858_993_459, minCfgScale: 1.1, maxCfgScale: 10, maxImages: 5 },
	sizelessEditTasks: ['INPAINTING', 'OUTPAINTING', 'VIRTUAL_TRY_ON'],
	// Input images follow the output limits except the pixel count: AWS's workshop outpaints and
	// removes the background of a 2048x2048 image (exactly 4,194,304 pixels, aws-samples/amazon-bedrock-workshop,
	// `04_Image_and_Multimodal/nova-canvas-notebook.ipynb`), which a generated image may not have.
	inputImage: {
		formats: ['png', 'jpeg'],
		minSide: NOVA_SIZE_LIMITS.minSide,
		maxSide: NOVA_SIZE_LIMITS.maxSide,
		maxPixels: NOVA_SIZE_LIMITS.pixelLimit,
		maxAspectRatio: NOVA_SIZE_LIMITS.maxAspectRatio,
	},
	checkSize: checkNovaSize,
	errors: {
		malformed,
		taskType: malformed,
		invalid: validation,
		blockedInput: () =>
			validation(
				'This request has been blocked by our content filters. Please adjust your text prompt to submit a new request.',
			),
	},
	blockedOutputMessage:
		'The generated image has been blocked by our content filters. Please adjust your input prompt to submit a new request.',
};

export const novaCanvasHandlers: InvokeHandlerMap = {
	'amazon.nova-canvas-v1:0': amazonImageHandler(novaCanvas),
};
