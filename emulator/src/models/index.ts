/**
 * Every InvokeModel handler the emulator has, keyed by base foundation-model ID: the text
 * families (Titan Text native bodies) and the image families.
 */
import { imageHandlers } from './images/index.ts';
import { textInvokeHandlers } from './titanText.ts';
import type { InvokeHandler } from './types.ts';

const invokeHandlers: Record<string, InvokeHandler> = { ...textInvokeHandlers, ...imageHandlers };

export function invokeHandlerFor(modelId: string): InvokeHandler | undefined {
	return invokeHandlers[modelId];
}
