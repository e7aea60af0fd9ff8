/**
 * The contract between the emulator's server (routing, auth, catalog, faults) and its
 * model handlers (one file per model family under models/).
 *
 * The server resolves the path's model ID (URL-decoded; inference profile IDs and ARNs
 * resolved to the base foundation model), checks access and lifecycle, parses the JSON
 * body (a body that is not JSON is a ValidationException before any handler runs) and
 * then calls the handler registered for the base model ID.
 */

export interface InvokeContext {
	/** The base foundation-model ID, e.g. `stability.sd3-5-large-v1:0`. */
	modelId: string;
	/** What the caller put in the path (profile ID or ARN included), URL-decoded. */
	requestedModelId: string;
	/** Request headers, lower-cased names. */
	headers: Record<string, string | undefined>;
	/** Region the request was signed for (or the emulator default for bearer auth). */
	region: string;
}

export interface InvokeResult {
	/** JSON body of a 200 answer. */
	body: unknown;
	/** Extra response headers, e.g. `x-amzn-bedrock-input-token-count`. */
	headers?: Record<string, string>;
}

/**
 * Handles `POST /model/{modelId}/invoke` for one model family. Throws `AwsError` for
 * rejected requests. May be async (image rendering).
 */
export type InvokeHandler = (
	body: unknown,
	ctx: InvokeContext,
) => InvokeResult | Promise<InvokeResult>;

/** Base model ID → handler. Each family file exports one of these maps. */
export type InvokeHandlerMap = Record<string, InvokeHandler>;
