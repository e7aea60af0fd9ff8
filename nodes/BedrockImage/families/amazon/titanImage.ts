/**
 * Amazon Titan Image Generator G1 v1 and v2.
 *
 * Source: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-image.html:
 * text up to 512 characters, seeds 0–2,147,483,646 (default 42), cfgScale default 8, input
 * images PNG or JPEG with the longer side at most 1,408 px, and the table of allowed sizes
 * (which AWS's Swift Bedrock library checks the same way in TitanImageResolutionValidator.swift,
 * https://github.com/build-on-aws/swift-bedrock-library; its 765x765 and 765x512 look like
 * typos and are left out). Inputs of at most 5 MB, as AWS's Titan Image Generator model card
 * gives. v2 adds image conditioning, color-guided generation and background removal.
 */
import { sizeListField } from '../common';
import { amazonImageFamily, type AmazonModelSpec, type SizeSpec } from './amazonImage';

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
] as const;

const size = sizeListField('titanSize', 'Titan', TITAN_SIZES);

const titanSize: SizeSpec = { properties: [size.field.property], read: size.read };

const titanBase: Omit<
	AmazonModelSpec,
	'id' | 'displayName' | 'modelIdMarkers' | 'exampleModelId' | 'operations'
> = {
	textMaxLength: 512,
	seed: { max: 2_147_483_646, default: 42 },
	cfgScaleDefault: 8,
	size: titanSize,
	inputImages: { formats: ['png', 'jpeg'], maxLongSide: 1408, maxBytes: 5_000_000 },
	editsReturnMask: true,
};

export const titanImageV1 = amazonImageFamily({
	...titanBase,
	id: 'titanV1',
	displayName: 'Amazon Titan Image Generator G1 v1',
	modelIdMarkers: ['amazon.titan-image-generator-v1'],
	exampleModelId: 'amazon.titan-image-generator-v1',
	operations: ['generate', 'inpaint', 'outpaint', 'vary'],
});

export const titanImageV2 = amazonImageFamily({
	...titanBase,
	id: 'titanV2',
	displayName: 'Amazon Titan Image Generator G1 v2',
	modelIdMarkers: ['amazon.titan-image-generator-v2'],
	exampleModelId: 'amazon.titan-image-generator-v2:0',
	operations: [
		'generate',
		'inpaint',
		'outpaint',
		'vary',
		'colorPalette',
		'control',
		'removeBackground',
	],
});
