/**
 * Nova Canvas virtual try-on: a person (source image), a garment (reference image) and where
 * the garment goes, found from the garment class (with styling), described by a mask prompt, or
 * given as a mask image; mask exclusions, merge style and the returned mask.
 *
 * Source: https://docs.aws.amazon.com/nova/latest/userguide/image-gen-vto.html.
 */
import { checkSameSize, binaryImageField } from '../../binary';
import { defined, enumLabel, optionsField, valueOptions } from '../../../shared/fields';
import {
	amazonTask,
	base64,
	imageCount,
	returnMask,
	showFor,
	type AmazonModelSpec,
	type ModelFields,
} from './amazonBody';
import type { FamilyTask } from '../types';

const garmentImage = binaryImageField({
	name: 'garmentImage',
	displayName: 'Garment Image Field',
	description: 'The image of the garment (or outfit) to put on the person',
	default: 'garment',
	required: true,
});

const tryOnMaskType = optionsField({
	name: 'maskType',
	displayName: 'Mask Type',
	description: 'How the area the garment goes to is found',
	default: 'GARMENT',
	options: [
		{ name: 'Garment Class', value: 'GARMENT', description: 'Found from the kind of garment' },
		{ name: 'Mask Image', value: 'IMAGE', description: 'Given as a black-and-white image' },
		{ name: 'Mask Prompt', value: 'PROMPT', description: 'Described in words' },
	],
});

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
] as const;

const garmentClass = optionsField({
	name: 'garmentClass',
	displayName: 'Garment Class',
	default: 'UPPER_BODY',
	options: valueOptions(GARMENT_CLASSES, enumLabel),
});

const maskShape = optionsField({
	name: 'maskShape',
	displayName: 'Mask Shape',
	default: 'DEFAULT',
	options: valueOptions(['BOUNDING_BOX', 'CONTOUR', 'DEFAULT'] as const, enumLabel),
});

const styling = (name: string, displayName: string, values: readonly string[]) =>
	optionsField({ name, displayName, default: values[0], options: valueOptions(values, enumLabel) });

const longSleeveStyle = styling('longSleeveStyle', 'Long Sleeve Style', [
	'SLEEVE_DOWN',
	'SLEEVE_UP',
]);
const tuckingStyle = styling('tuckingStyle', 'Tucking Style', ['UNTUCKED', 'TUCKED']);
const outerLayerStyle = styling('outerLayerStyle', 'Outer Layer Style', ['CLOSED', 'OPEN']);
const preserve = (name: string, displayName: string) =>
	optionsField({
		name,
		displayName,
		default: 'DEFAULT',
		options: valueOptions(['DEFAULT', 'OFF', 'ON'] as const, enumLabel),
	});
const preserveBodyPose = preserve('preserveBodyPose', 'Preserve Body Pose');
const preserveHands = preserve('preserveHands', 'Preserve Hands');
const preserveFace = preserve('preserveFace', 'Preserve Face');
const mergeStyle = optionsField({
	name: 'mergeStyle',
	displayName: 'Merge Style',
	default: 'BALANCED',
	options: valueOptions(['BALANCED', 'DETAILED', 'SEAMLESS'] as const, enumLabel),
});

export function virtualTryOnTask(spec: AmazonModelSpec, fields: ModelFields): FamilyTask {
	const { maskPrompt } = fields;
	const sourceImage = binaryImageField({
		name: 'inputImage',
		displayName: 'Source Image Field',
		description: 'The image of the person (PNG or JPEG)',
		default: 'data',
		required: true,
	});
	const tryOnMaskImage = binaryImageField({
		name: 'maskImage',
		displayName: 'Mask Image Field',
		description:
			'Black-and-white mask of the source image’s size: black marks where the garment goes',
		default: 'mask',
		required: true,
	});
	return amazonTask(
		fields,
		[
			sourceImage.property,
			garmentImage.property,
			tryOnMaskType.property,
			{ ...garmentClass.property, displayOptions: showFor('maskType', ['GARMENT']) },
			{ ...maskPrompt.property, displayOptions: showFor('maskType', ['PROMPT']) },
			{ ...maskShape.property, displayOptions: showFor('maskType', ['GARMENT', 'PROMPT']) },
			{ ...tryOnMaskImage.property, displayOptions: showFor('maskType', ['IMAGE']) },
			imageCount.property,
		],
		[
			{
				...longSleeveStyle,
				property: {
					...longSleeveStyle.property,
					displayOptions: showFor('/maskType', ['GARMENT']),
				},
			},
			{
				...tuckingStyle,
				property: { ...tuckingStyle.property, displayOptions: showFor('/maskType', ['GARMENT']) },
			},
			{
				...outerLayerStyle,
				property: {
					...outerLayerStyle.property,
					displayOptions: showFor('/maskType', ['GARMENT']),
				},
			},
			preserveBodyPose,
			preserveHands,
			preserveFace,
			mergeStyle,
			returnMask,
		],
		async (params, options) => {
			const rules = spec.inputImages;
			const source = await sourceImage.load(params, rules);
			const garment = await garmentImage.load(params, rules);
			const type = tryOnMaskType.read(params) ?? 'GARMENT';
			const masks: Record<string, unknown> = {};
			if (type === 'GARMENT') {
				const styles = defined({
					longSleeveStyle: longSleeveStyle.read(options),
					tuckingStyle: tuckingStyle.read(options),
					outerLayerStyle: outerLayerStyle.read(options),
				});
				masks.garmentBasedMask = {
					garmentClass: garmentClass.read(params) ?? 'UPPER_BODY',
					...defined({ maskShape: maskShape.read(params) }),
					...(Object.keys(styles).length > 0 ? { garmentStyling: styles } : {}),
				};
			} else if (type === 'PROMPT') {
				masks.promptBasedMask = {
					maskPrompt: maskPrompt.read(params),
					...defined({ maskShape: maskShape.read(params) }),
				};
			} else {
				const mask = await tryOnMaskImage.load(params, rules);
				checkSameSize(params, tryOnMaskImage.property.displayName, source, mask);
				masks.imageBasedMask = { maskImage: base64(mask) };
			}
			const exclusions = defined({
				preserveBodyPose: preserveBodyPose.read(options),
				preserveHands: preserveHands.read(options),
				preserveFace: preserveFace.read(options),
			});
			return {
				taskType: 'VIRTUAL_TRY_ON',
				params: {
					sourceImage: base64(source),
					referenceImage: base64(garment),
					maskType: type,
					...masks,
					...(Object.keys(exclusions).length > 0 ? { maskExclusions: exclusions } : {}),
					...defined({
						mergeStyle: mergeStyle.read(options),
						returnMask: returnMask.read(options),
					}),
				},
			};
		},
	);
}
