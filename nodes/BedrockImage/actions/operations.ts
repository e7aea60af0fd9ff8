/**
 * The Bedrock Image node's resources and operations: what the user picks in the editor. Which
 * models can do each operation is declared by the model families (`../families`), not here.
 */
export type Resource = 'image' | 'edit';

export interface OperationInfo {
	resource: Resource;
	name: string;
	/** The sentence n8n shows in the actions list and the node's subtitle. */
	action: string;
	description: string;
}

export const OPERATIONS = {
	generate: {
		resource: 'image',
		name: 'Generate',
		action: 'Generate an image from text',
		description: 'Create images from a text prompt',
	},
	transform: {
		resource: 'image',
		name: 'Transform',
		action: 'Transform an image with a prompt',
		description: 'Make a new image from an input image and a prompt (image to image)',
	},
	vary: {
		resource: 'image',
		name: 'Vary',
		action: 'Create variations of an image',
		description: 'Variations of one to five input images, optionally guided by a prompt',
	},
	colorPalette: {
		resource: 'image',
		name: 'Generate With Color Palette',
		action: 'Generate an image with a color palette',
		description: 'Create images from a prompt that use the colors you list',
	},
	control: {
		resource: 'image',
		name: 'Generate From Sketch or Structure',
		action: 'Generate an image from a sketch or structure',
		description: "Create images that follow a control image's edges, layout or segmentation",
	},
	applyStyle: {
		resource: 'image',
		name: 'Apply Style',
		action: 'Apply the style of a reference image',
		description: 'Create an image in the style of a reference image (style guide, style transfer)',
	},
	instructEdit: {
		resource: 'edit',
		name: 'Edit With Instruction',
		action: 'Edit an image with a written instruction',
		description: 'Change an image the way a sentence says, e.g. "make the sky a starry night"',
	},
	inpaint: {
		resource: 'edit',
		name: 'Inpaint',
		action: 'Inpaint part of an image',
		description: 'Replace the masked area of an image with what the prompt describes',
	},
	outpaint: {
		resource: 'edit',
		name: 'Outpaint',
		action: 'Outpaint an image',
		description: 'Extend an image beyond its borders, or change everything outside a mask',
	},
	eraseObject: {
		resource: 'edit',
		name: 'Erase Object',
		action: 'Erase an object from an image',
		description: 'Remove the masked object and fill in the background',
	},
	searchAndReplace: {
		resource: 'edit',
		name: 'Search and Replace',
		action: 'Search and replace an object in an image',
		description: 'Find an object by description and replace it with what the prompt describes',
	},
	searchAndRecolor: {
		resource: 'edit',
		name: 'Search and Recolor',
		action: 'Search and recolor an object in an image',
		description: 'Find an object by description and change its colors',
	},
	removeBackground: {
		resource: 'edit',
		name: 'Remove Background',
		action: 'Remove the background of an image',
		description: 'Keep the subject, make the background transparent',
	},
	upscale: {
		resource: 'edit',
		name: 'Upscale',
		action: 'Upscale an image',
		description: 'Enlarge an image (fast, conservative or creative upscaling)',
	},
	virtualTryOn: {
		resource: 'edit',
		name: 'Virtual Try-On',
		action: 'Dress a person in a garment',
		description: 'Put the garment of a reference image onto the person of a source image',
	},
} as const satisfies Record<string, OperationInfo>;

export type OperationKey = keyof typeof OPERATIONS;

export const OPERATION_KEYS = Object.keys(OPERATIONS) as OperationKey[];

export function isOperationKey(value: unknown): value is OperationKey {
	return typeof value === 'string' && value in OPERATIONS;
}
