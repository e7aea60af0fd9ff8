/**
 * The one way the nodes talk to Bedrock: a connection made from the node's credential,
 * with the handful of operations the pack uses.
 *
 * Operations run through `callBedrock` (timeout, cancellation, retries, error description)
 * and go to the region of the model ARN when one is given, else the credential's region.
 * SDK command classes are imported on first use, never at module load.
 */
import type {
	FoundationModelDetails,
	FoundationModelSummary,
	GetInferenceProfileCommandOutput,
	InferenceProfileSummary,
	ListFoundationModelsCommandInput,
} from '@aws-sdk/client-bedrock';
import type {
	AsyncInvokeSummary,
	ConverseCommandInput,
	ConverseCommandOutput,
	GetAsyncInvokeCommandOutput,
	InvokeModelCommand,
	ListAsyncInvokesCommandInput,
	StartAsyncInvokeCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { parseBedrockArn, regionFromModelArn } from '../aws/regions';
import { CREDENTIAL_TYPE, parseCredentials, type BedrockCredentials } from '../credentials';
import { callBedrock, type CallOptions, type CallResult } from './call';
import { describeCallError, type CallDescription } from './errors';

export interface InvokeModelRequest {
	modelId: string;
	/** The model's native request body; serialized as JSON. */
	body: unknown;
	/** `X-Amzn-Bedrock-Trace`. */
	trace?: 'ENABLED' | 'DISABLED' | 'ENABLED_FULL';
	guardrailIdentifier?: string;
	guardrailVersion?: string;
	/** `X-Amzn-Bedrock-PerformanceConfig-Latency`. */
	performanceConfigLatency?: 'standard' | 'optimized';
}

export interface InvokeModelResponse {
	/** The parsed JSON answer. */
	body: unknown;
	requestId?: string;
	region: string;
	/**
	 * The `x-amzn-bedrock-*` response headers (names lower case): token counts and invocation
	 * latency, which the service sends but the SDK's `InvokeModelCommandOutput`
	 * (@aws-sdk/client-bedrock-runtime) does not carry.
	 */
	bedrockHeaders: Record<string, string>;
}

export interface ConverseResponse {
	output: ConverseCommandOutput;
	requestId?: string;
	region: string;
}

export type FoundationModelFilters = Pick<
	ListFoundationModelsCommandInput,
	'byProvider' | 'byOutputModality' | 'byInferenceType' | 'byCustomizationType'
>;

const BEDROCK_HEADER_PREFIX = 'x-amzn-bedrock-';

/**
 * Copies the raw response's `x-amzn-bedrock-*` headers into `into` (each attempt overwrites
 * the last). A middleware is the SDK's only way to the raw response; the command is built per
 * call, so the middleware never outlives it.
 */
function captureBedrockHeaders(
	command: { middlewareStack: InvokeModelCommand['middlewareStack'] },
	into: Record<string, string>,
): void {
	command.middlewareStack.add(
		(next) => async (args) => {
			const result = await next(args);
			const headers =
				(result.response as { headers?: Record<string, string> } | undefined)?.headers ?? {};
			for (const [name, value] of Object.entries(headers)) {
				if (name.toLowerCase().startsWith(BEDROCK_HEADER_PREFIX)) into[name.toLowerCase()] = value;
			}
			return result;
		},
		{ step: 'deserialize', name: 'captureBedrockHeaders' },
	);
}

/** Profiles per page when listing all of them (the API allows 1–1000). */
const PROFILES_PAGE_SIZE = 1000;

/** Operations served by the runtime endpoint (`bedrock-runtime`); the others by `bedrock`. */
const RUNTIME_OPERATIONS = new Set([
	'InvokeModel',
	'Converse',
	'StartAsyncInvoke',
	'GetAsyncInvoke',
	'ListAsyncInvokes',
]);

/** A page of ListAsyncInvokes. */
export interface AsyncInvokePage {
	summaries: AsyncInvokeSummary[];
	nextToken?: string;
}

export type AsyncInvokeFilters = Pick<
	ListAsyncInvokesCommandInput,
	'statusEquals' | 'submitTimeAfter' | 'submitTimeBefore' | 'sortBy' | 'sortOrder'
>;

export class BedrockConnection {
	readonly credentials: BedrockCredentials;

	private readonly signal?: AbortSignal;

	constructor(credentials: BedrockCredentials, signal?: AbortSignal) {
		this.credentials = credentials;
		this.signal = signal;
	}

	/**
	 * Reads and checks the node's `awsBedrockApi` credential.
	 * @throws {BedrockCallError} code `CredentialConfig` naming the field at fault
	 */
	static async fromContext(
		context: IExecuteFunctions | ILoadOptionsFunctions,
	): Promise<BedrockConnection> {
		const data = await context.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
		const signal =
			'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
		return BedrockConnection.fromCredentialData(data, signal);
	}

	static fromCredentialData(
		data: ICredentialDataDecryptedObject,
		signal?: AbortSignal,
	): BedrockConnection {
		try {
			return new BedrockConnection(parseCredentials(data), signal);
		} catch (error) {
			throw describeCallError(error, {
				operation: 'Credential',
				region: String(data.region ?? ''),
			});
		}
	}

	/** Where a call about this model goes: the ARN's region, else the credential's. */
	regionFor(modelId?: string): string {
		return (modelId && regionFromModelArn(modelId)) || this.credentials.region;
	}

	private describe(operation: string, region: string, modelId?: string): CallDescription {
		const { runtime, controlPlane } = this.credentials.endpoints;
		const endpoint = RUNTIME_OPERATIONS.has(operation) ? runtime : controlPlane;
		return {
			operation,
			region,
			...(modelId ? { modelId } : {}),
			...(endpoint ? { endpoint } : {}),
		};
	}

	private options(options: CallOptions): CallOptions {
		return { ...options, signal: options.signal ?? this.signal };
	}

	async invokeModel(
		request: InvokeModelRequest,
		options: CallOptions = {},
	): Promise<CallResult<InvokeModelResponse>> {
		const region = this.regionFor(request.modelId);
		const { InvokeModelCommand } = await import('@aws-sdk/client-bedrock-runtime');
		const command = new InvokeModelCommand({
			modelId: request.modelId,
			body: JSON.stringify(request.body),
			// "You must specify application/json"
			// (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html); left unset, the SDK sends
			// application/octet-stream.
			contentType: 'application/json',
			accept: 'application/json',
			...(request.trace ? { trace: request.trace } : {}),
			...(request.guardrailIdentifier ? { guardrailIdentifier: request.guardrailIdentifier } : {}),
			...(request.guardrailVersion ? { guardrailVersion: request.guardrailVersion } : {}),
			...(request.performanceConfigLatency
				? { performanceConfigLatency: request.performanceConfigLatency }
				: {}),
		});
		const bedrockHeaders: Record<string, string> = {};
		captureBedrockHeaders(command, bedrockHeaders);
		return await callBedrock(
			this.credentials,
			'runtime',
			this.describe('InvokeModel', region, request.modelId),
			async (client, abortSignal) => {
				const response = await client.send(command, { abortSignal });
				// A view, not a copy: image answers are megabytes.
				const { buffer, byteOffset, byteLength } = response.body;
				return {
					body: JSON.parse(Buffer.from(buffer, byteOffset, byteLength).toString('utf8')) as unknown,
					requestId: response.$metadata.requestId,
					region,
					bedrockHeaders,
				};
			},
			this.options(options),
		);
	}

	async converse(
		input: ConverseCommandInput,
		options: CallOptions = {},
	): Promise<CallResult<ConverseResponse>> {
		const region = this.regionFor(input.modelId);
		const { ConverseCommand } = await import('@aws-sdk/client-bedrock-runtime');
		const command = new ConverseCommand(input);
		return await callBedrock(
			this.credentials,
			'runtime',
			this.describe('Converse', region, input.modelId),
			async (client, abortSignal) => {
				const output = await client.send(command, { abortSignal });
				return { output, requestId: output.$metadata.requestId, region };
			},
			this.options(options),
		);
	}

	async listFoundationModels(
		filters: FoundationModelFilters = {},
		options: CallOptions = {},
		region = this.credentials.region,
	): Promise<FoundationModelSummary[]> {
		const { ListFoundationModelsCommand } = await import('@aws-sdk/client-bedrock');
		const { result } = await callBedrock(
			this.credentials,
			'controlPlane',
			this.describe('ListFoundationModels', region),
			async (client, abortSignal) =>
				await client.send(new ListFoundationModelsCommand(filters), { abortSignal }),
			this.options(options),
		);
		return result.modelSummaries ?? [];
	}

	async getFoundationModel(
		modelIdentifier: string,
		options: CallOptions = {},
	): Promise<FoundationModelDetails> {
		const region = this.regionFor(modelIdentifier);
		const { GetFoundationModelCommand } = await import('@aws-sdk/client-bedrock');
		const { result } = await callBedrock(
			this.credentials,
			'controlPlane',
			this.describe('GetFoundationModel', region, modelIdentifier),
			async (client, abortSignal) =>
				await client.send(new GetFoundationModelCommand({ modelIdentifier }), { abortSignal }),
			this.options(options),
		);
		if (!result.modelDetails) {
			throw describeCallError(
				{ name: 'ResourceNotFoundException', message: 'The answer carried no model details.' },
				this.describe('GetFoundationModel', region, modelIdentifier),
			);
		}
		return result.modelDetails;
	}

	/** Every inference profile of one type, all pages followed. */
	async listInferenceProfiles(
		type: 'SYSTEM_DEFINED' | 'APPLICATION',
		options: CallOptions = {},
		region = this.credentials.region,
	): Promise<InferenceProfileSummary[]> {
		const { ListInferenceProfilesCommand } = await import('@aws-sdk/client-bedrock');
		const profiles: InferenceProfileSummary[] = [];
		let nextToken: string | undefined;
		do {
			const { result } = await callBedrock(
				this.credentials,
				'controlPlane',
				this.describe('ListInferenceProfiles', region),
				async (client, abortSignal) =>
					await client.send(
						new ListInferenceProfilesCommand({
							typeEquals: type,
							maxResults: PROFILES_PAGE_SIZE,
							...(nextToken ? { nextToken } : {}),
						}),
						{ abortSignal },
					),
				this.options(options),
			);
			profiles.push(...(result.inferenceProfileSummaries ?? []));
			nextToken = result.nextToken;
		} while (nextToken);
		return profiles;
	}

	async getInferenceProfile(
		inferenceProfileIdentifier: string,
		options: CallOptions = {},
	): Promise<GetInferenceProfileCommandOutput> {
		const region = this.regionFor(inferenceProfileIdentifier);
		const { GetInferenceProfileCommand } = await import('@aws-sdk/client-bedrock');
		const { result } = await callBedrock(
			this.credentials,
			'controlPlane',
			this.describe('GetInferenceProfile', region, inferenceProfileIdentifier),
			async (client, abortSignal) =>
				await client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier }), {
					abortSignal,
				}),
			this.options(options),
		);
		return result;
	}

	/**
	 * Starts an asynchronous invocation (video models). The request's `clientRequestToken`
	 * makes a repeated start return the first invocation instead of starting another
	 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_StartAsyncInvoke.html);
	 * the SDK would fill in a random one, so callers set their own.
	 */
	async startAsyncInvoke(
		input: StartAsyncInvokeCommandInput & { clientRequestToken: string },
		options: CallOptions = {},
	): Promise<CallResult<{ invocationArn: string; requestId?: string; region: string }>> {
		const region = this.regionFor(input.modelId);
		const { StartAsyncInvokeCommand } = await import('@aws-sdk/client-bedrock-runtime');
		return await callBedrock(
			this.credentials,
			'runtime',
			this.describe('StartAsyncInvoke', region, input.modelId),
			async (client, abortSignal) => {
				const output = await client.send(new StartAsyncInvokeCommand(input), { abortSignal });
				return {
					invocationArn: output.invocationArn ?? '',
					requestId: output.$metadata.requestId,
					region,
				};
			},
			this.options(options),
		);
	}

	/** The state of an asynchronous invocation, asked in the invocation ARN's region. */
	async getAsyncInvoke(
		invocationArn: string,
		options: CallOptions = {},
	): Promise<CallResult<GetAsyncInvokeCommandOutput>> {
		const region = parseBedrockArn(invocationArn)?.region || this.credentials.region;
		const { GetAsyncInvokeCommand } = await import('@aws-sdk/client-bedrock-runtime');
		return await callBedrock(
			this.credentials,
			'runtime',
			this.describe('GetAsyncInvoke', region, invocationArn),
			async (client, abortSignal) =>
				await client.send(new GetAsyncInvokeCommand({ invocationArn }), { abortSignal }),
			this.options(options),
		);
	}

	/** One page of the region's asynchronous invocations. */
	async listAsyncInvokes(
		filters: AsyncInvokeFilters & { maxResults?: number; nextToken?: string },
		options: CallOptions = {},
		region = this.credentials.region,
	): Promise<AsyncInvokePage> {
		const { ListAsyncInvokesCommand } = await import('@aws-sdk/client-bedrock-runtime');
		const { result } = await callBedrock(
			this.credentials,
			'runtime',
			this.describe('ListAsyncInvokes', region),
			async (client, abortSignal) =>
				await client.send(new ListAsyncInvokesCommand(filters), { abortSignal }),
			this.options(options),
		);
		return {
			summaries: result.asyncInvokeSummaries ?? [],
			...(result.nextToken ? { nextToken: result.nextToken } : {}),
		};
	}
}
