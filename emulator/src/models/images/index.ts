/**
 * Every image model the emulator serves, by base model ID (IDs from the AWS model-parameter
 * pages, e.g. https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-3-5-large.html,
 * and https://docs.aws.amazon.com/bedrock/latest/userguide/stable-image-services.html).
 */
import type { InvokeHandlerMap } from '../types.ts';
import { novaCanvasHandlers } from './novaCanvas.ts';
import { sdxlHandlers } from './sdxl.ts';
import { stabilityServiceHandlers } from './stabilityServices.ts';
import { stabilityTextToImageHandlers } from './stabilityText2Image.ts';
import { titanImageHandlers } from './titanImage.ts';

export const imageHandlers: InvokeHandlerMap = {
	...sdxlHandlers,
	...stabilityTextToImageHandlers,
	...stabilityServiceHandlers,
	...titanImageHandlers,
	...novaCanvasHandlers,
};
