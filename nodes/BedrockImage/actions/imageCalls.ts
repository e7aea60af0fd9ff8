/**
 * One image call, whichever Bedrock operation a family's requests go through (`ImageFamily.api`):
 * InvokeModel with the model's native body, or Converse. The rest of an item's run (fields,
 * parallel calls, answers read by the family, images stored) is the same for both.
 */
import type { ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';

import type { ItemParams } from '../../shared/fields';
import type { CallOptions } from '../../shared/transport/call';
import type { BedrockConnection } from '../../shared/transport/connection';
import type { ImageApi } from '../families/types';
import type { InvokeSettings } from './options';

/**
 * InvokeModel's body limit: a blob of at most 25,000,000 bytes
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html).
 */
export const MAX_BODY_BYTES = 25_000_000;

export interface SentCall {
	/** The answer as the family's `parseResponse` reads it. */
	answer: unknown;
	requestId?: string;
	region: string;
	latencyMs: number;
	attempts: number;
}

export interface ImageSender {
	/** Checks a planned body against the operation's own limits, before any call. */
	check(params: ItemParams, body: Record<string, unknown>): void;
	/** The request as it is sent (what Dry Run shows). */
	request(modelId: string, body: Record<string, unknown>, settings: InvokeSettings): object;
	send(
		connection: BedrockConnection,
		modelId: string,
		body: Record<string, unknown>,
		settings: InvokeSettings,
		call: CallOptions,
	): Promise<SentCall>;
}

const invokeModel: ImageSender = {
	check(params, body) {
		const bytes = Buffer.byteLength(JSON.stringify(body));
		if (bytes > MAX_BODY_BYTES) {
			params.fail(
				`The request would be ${bytes} bytes; Bedrock accepts at most ${MAX_BODY_BYTES} bytes per request`,
				'Use smaller input images (base64 adds a third to their size).',
			);
		}
	},
	request: (modelId, body, settings) => ({ modelId, body, ...settings.headers }),
	async send(connection, modelId, body, settings, call) {
		const { result, attempts, latencyMs } = await connection.invokeModel(
			{ modelId, body, ...settings.headers },
			call,
		);
		const { requestId, region } = result;
		return { answer: result.body, requestId, region, latencyMs, attempts };
	},
};

/**
 * Converse: the body is the request without `modelId`; the Options' guardrail becomes
 * `guardrailConfig`. Input images are held to their model's limits by the family (Converse
 * publishes no body limit of its own).
 */
function converseInput(
	modelId: string,
	body: Record<string, unknown>,
	settings: InvokeSettings,
): ConverseCommandInput {
	const { guardrail } = settings;
	return {
		...body,
		modelId,
		...(guardrail
			? {
					guardrailConfig: {
						guardrailIdentifier: guardrail.identifier,
						guardrailVersion: guardrail.version,
						trace: guardrail.trace,
					},
				}
			: {}),
	} as ConverseCommandInput;
}

const converse: ImageSender = {
	check() {},
	request: converseInput,
	async send(connection, modelId, body, settings, call) {
		const input = converseInput(modelId, body, settings);
		const { result, attempts, latencyMs } = await connection.converse(input, call);
		const { requestId, region } = result;
		return { answer: result.output, requestId, region, latencyMs, attempts };
	},
};

export const IMAGE_SENDERS: Record<ImageApi, ImageSender> = { invokeModel, converse };
