/** Every image model the emulator serves, by base model ID (bedrock-api.md, section A.0). */
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
