/**
 * The credential test: proves Bedrock access, not just valid keys, by listing foundation
 * models with the same client factory the nodes use. Every node of the pack exposes it as
 * `methods.credentialTest.awsBedrockApiTest`.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { BedrockConnection } from './transport/connection';
import { BedrockCallError } from './transport/errors';

export const CREDENTIAL_TEST_METHOD = 'awsBedrockApiTest';

/** The test must not keep the credential dialog waiting on a dead endpoint. */
const TEST_TIMEOUT_MS = 15_000;

export async function awsBedrockApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted<ICredentialDataDecryptedObject>,
): Promise<INodeCredentialTestResult> {
	try {
		const connection = BedrockConnection.fromCredentialData(credential.data ?? {});
		const models = await connection.listFoundationModels(
			{},
			{ timeoutMs: TEST_TIMEOUT_MS, maxAttempts: 2 },
		);
		return {
			status: 'OK',
			message: `Connection successful: ${models.length} foundation models listed in ${connection.credentials.region}`,
		};
	} catch (error) {
		// The headline, then what to do and what AWS said (as the nodes' errors show them).
		const message = BedrockCallError.is(error)
			? `${error.message}. ${error.description}`
			: String(error);
		return { status: 'Error', message };
	}
}
