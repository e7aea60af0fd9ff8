/**
 * Amazon Titan Image Generator G1 v1 and v2. Source: AWS doc `model-parameters-titan-image.html`
 * (task types, params objects, "<= 512 characters", "<= 1,408 on the longer side", similarityStrength
 * 0.2-1.0, 1-10 colours, conditioning rule); size table: swift-bedrock-library
 * `TitanImageResolutionValidator.swift` (AWS-authored, matches the doc's table); ranges from
 * the same doc's imageGenerationConfig table (numberOfImages 1-5, cfgScale 1.1-10,
 * seed 0-2,147,483,646, default seed 42).
 */
import { AwsError, malformed, validation } from '../../errors.ts';
import type { InvokeHandlerMap } from '../types.ts';
import { amazonImageHandler, paramSchemas, type AmazonImageFamily } from './amazonImage.ts';

/** Allowed width x height pairs (the swift list's 765x765 and 765x512 look like typos and are left out). */
export const TITAN_SIZES = [
	'1024x1024',
	'768x768',
	'512x512',
	'768x1152',
	'384x576',
	'1152x768',
	'576x384',
	'768x1280',
	'384x640',
	'1280x768',
	'640x384',
	'896x1152',
	'448x576',
	'1152x896',
	'576x448',
	'768x1408',
	'384x704',
	'1408x768',
	'704x384',
	'640x1408',
	'320x704',
	'1408x640',
	'704x320',
	'1152x640',
	'1173x640',
];

const TEXT = { min: 1, max: 512 };
const schemas = paramSchemas(TEXT);

/**
 * Titan's semantic errors read "400 Bad Request: <reason>" (a1official/ai-slide-generator
 * `TITAN_RESOLUTION_FIX.md`: "ValidationException: 400 Bad Request: Value of (width, height) is not valid.").
 */
const titanInvalid = (reason: string) => validation(`400 Bad Request: ${reason}`);

const titanBase: Omit<AmazonImageFamily, 'tasks' | 'errors'> = {
	text: TEXT,
	// The doc copy says the default is 1408, which is not an allowed size; 1024x1024 is what clients rely on.
	defaults: { width: 1024, height: 1024, cfgScale: 8, seed: 42 },
	limits: { maxSeed: 2_147_483_646, minCfgScale: 1.1, maxCfgScale: 10, maxImages: 5 },
	// Titan's editing examples send width/height; the output still has the input's size.
	sizelessEditTasks: [],
	inputImage: { formats: ['png', 'jpeg'], maxLongSide: 1408 },
	checkSize: (width, height) =>
		TITAN_SIZES.includes(`${width}x${height}`)
			? undefined
			: titanInvalid(`Value of (width, height) is not valid. Given: (${width}, ${height}).`),
	blockedOutputMessage:
		'The generated image has been blocked by our content filters. Please adjust your text prompt to submit a new request.',
};

const blockedInput = () =>
	validation(
		'This request has been blocked by our content filters. Our filters automatically flagged this prompt because it may conflict our AUP or AWS Responsible AI Policy. Please adjust your text prompt to submit a new request.',
	);

const titanV1: AmazonImageFamily = {
	...titanBase,
	tasks: {
		TEXT_IMAGE: schemas.textToImage(),
		INPAINTING: schemas.inPainting({ returnMask: schemas.returnMask }),
		OUTPAINTING: schemas.outPainting({ returnMask: schemas.returnMask }),
		IMAGE_VARIATION: schemas.imageVariation,
	},
	errors: {
		// Schema violations name their JSON pointer ("Malformed input request:
		// #/textToImageParams/text: expected maxLength: 512, actual: 536, …", v1 in us-west-2,
		// ktrnka/branded-image-gen-service, 2024-05); a body without a task type gets the bare
		// message (a Titan Text body sent to v1: aws-samples/amazon-bedrock-client-for-mac#12).
		malformed,
		taskType: () =>
			new AwsError(
				'ValidationException',
				'Malformed input request, please reformat your input and try again.',
			),
		invalid: titanInvalid,
		blockedInput,
	},
};

const titanV2: AmazonImageFamily = {
	...titanBase,
	tasks: {
		...titanV1.tasks,
		TEXT_IMAGE: schemas.textToImage(schemas.conditioning),
		COLOR_GUIDED_GENERATION: schemas.colorGuided,
		BACKGROUND_REMOVAL: schemas.backgroundRemoval,
	},
	errors: { malformed, taskType: malformed, invalid: titanInvalid, blockedInput },
};

export const titanImageHandlers: InvokeHandlerMap = {
	'amazon.titan-image-generator-v1': amazonImageHandler(titanV1),
	'amazon.titan-image-generator-v2:0': amazonImageHandler(titanV2),
};
