/**
 * Guardrail identifiers and versions as the Bedrock Runtime API constrains them (InvokeModel's
 * `X-Amzn-Bedrock-GuardrailIdentifier` / `…Version` headers,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html, and Converse's `guardrailConfig`,
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_GuardrailConfiguration.html): checked before a call so a typo is not a
 * paid round trip.
 */

/** A guardrail ID (lower-case letters and digits) or a guardrail ARN. */
export const GUARDRAIL_ID =
	/^(([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail\/[a-z0-9]+))$/;

/** `DRAFT` or a version number 1–99999999. */
export const GUARDRAIL_VERSION = /^(([1-9][0-9]{0,7})|(DRAFT))$/;
