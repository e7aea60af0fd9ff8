/**
 * Maps a request to its operation. Paths are the service models' (the `bedrock` and
 * `bedrock-runtime` Smithy models, e.g. botocore `botocore/data/bedrock-runtime/2023-09-30/service-2.json`);
 * STS is `POST /` (or `GET /?Action=…`) with the query protocol. Anything else is answered
 * like an unknown operation of an AWS JSON service.
 */
import { AwsError, CORAL_ERROR_NAMESPACE } from './errors.ts';
import type { Exchange } from './http/exchange.ts';
import { STREAMING_OPERATIONS } from './faults.ts';
import { parseForm } from './sts.ts';

export interface RouteMatch {
	operation: string;
	/** SigV4 signing name expected in the credential scope. */
	service: 'bedrock' | 'sts';
	/** Error format: Bedrock's JSON or STS's XML. */
	protocol: 'json' | 'xml';
	/** IAM action evaluated before the operation runs. */
	iamAction: string;
	/** Runtime operations: the `{modelId}` label, URL-decoded. */
	modelId?: string;
	/** GetFoundationModel / GetInferenceProfile / GetAsyncInvoke: the identifier label, URL-decoded. */
	identifier?: string;
	/** The resource IAM evaluates when it is not a model (GetAsyncInvoke: the invocation ARN). */
	resourceArn?: string;
	streaming: boolean;
}

const RUNTIME_OPERATIONS: Record<string, { operation: string; iamAction: string }> = {
	invoke: { operation: 'InvokeModel', iamAction: 'bedrock:InvokeModel' },
	'invoke-with-response-stream': {
		operation: 'InvokeModelWithResponseStream',
		iamAction: 'bedrock:InvokeModelWithResponseStream',
	},
	converse: { operation: 'Converse', iamAction: 'bedrock:InvokeModel' },
	'converse-stream': {
		operation: 'ConverseStream',
		iamAction: 'bedrock:InvokeModelWithResponseStream',
	},
};
const STS_OPERATIONS = ['AssumeRole', 'GetCallerIdentity'];
export const UNKNOWN_OPERATION_BODY =
	'{"Output":{"__type":"com.amazon.coral.service#UnknownOperationException"},"Version":"1.0"}';

export function matchRoute(exchange: Exchange): RouteMatch {
	const { method, rawPath } = exchange;
	if (rawPath === '/' && (method === 'POST' || method === 'GET')) return stsRoute(exchange);

	const runtime = /^\/model\/([^/]+)\/([a-z-]+)$/.exec(rawPath);
	if (runtime && method === 'POST' && RUNTIME_OPERATIONS[runtime[2]]) {
		const { operation, iamAction } = RUNTIME_OPERATIONS[runtime[2]];
		return {
			operation,
			service: 'bedrock',
			protocol: 'json',
			iamAction,
			modelId: decodeLabel(runtime[1]),
			streaming: STREAMING_OPERATIONS.includes(operation),
		};
	}
	const asyncInvoke = asyncInvokeRoute(exchange);
	if (asyncInvoke) return asyncInvoke;
	if (method === 'GET') {
		if (rawPath === '/foundation-models') return controlPlane('ListFoundationModels');
		if (rawPath === '/inference-profiles') return controlPlane('ListInferenceProfiles');
		const get = /^\/(foundation-models|inference-profiles)\/([^/]+)$/.exec(rawPath);
		if (get) {
			const operation =
				get[1] === 'foundation-models' ? 'GetFoundationModel' : 'GetInferenceProfile';
			return { ...controlPlane(operation), identifier: decodeLabel(get[2]) };
		}
	}
	// A path no operation matches (e.g. an ARN model ID whose `/` was not URL-encoded) is answered
	// by the front door with HTTP 200 and a Coral body (BerriAI/litellm#8911: `<Response [200 OK]>`,
	// the same body in #3805). The error-type header is the emulator's, for logs and clients.
	throw new AwsError('UnknownOperationException', 'Unknown operation', {
		typeNamespace: CORAL_ERROR_NAMESPACE,
		status: 200,
		wireBody: UNKNOWN_OPERATION_BODY,
	});
}

function controlPlane(operation: string): RouteMatch {
	return {
		operation,
		service: 'bedrock',
		protocol: 'json',
		iamAction: `bedrock:${operation}`,
		streaming: false,
	};
}

/**
 * StartAsyncInvoke (`POST /async-invoke`, authorized as `bedrock:InvokeModel` on the model of
 * the body), GetAsyncInvoke (`GET /async-invoke/{invocationArn}`) and ListAsyncInvokes
 * (`GET /async-invoke`), with the IAM actions of the Nova Reel access page
 * (https://docs.aws.amazon.com/nova/latest/userguide/video-gen-access.html).
 */
function asyncInvokeRoute(exchange: Exchange): RouteMatch | undefined {
	const { method, rawPath } = exchange;
	const base = { service: 'bedrock' as const, protocol: 'json' as const, streaming: false };
	if (rawPath === '/async-invoke' && method === 'POST') {
		return {
			...base,
			operation: 'StartAsyncInvoke',
			iamAction: 'bedrock:InvokeModel',
			modelId: bodyModelId(exchange.body),
		};
	}
	if (rawPath === '/async-invoke' && method === 'GET')
		return { ...base, operation: 'ListAsyncInvokes', iamAction: 'bedrock:ListAsyncInvokes' };
	const get = /^\/async-invoke\/([^/]+)$/.exec(rawPath);
	if (get && method === 'GET') {
		const invocationArn = decodeLabel(get[1]);
		return {
			...base,
			operation: 'GetAsyncInvoke',
			iamAction: 'bedrock:GetAsyncInvoke',
			identifier: invocationArn,
			resourceArn: invocationArn,
		};
	}
	return undefined;
}

/** The `modelId` member of a JSON body, when there is one. */
function bodyModelId(body: Buffer): string | undefined {
	try {
		const modelId = (JSON.parse(body.toString('utf8')) as { modelId?: unknown }).modelId;
		return typeof modelId === 'string' ? modelId : undefined;
	} catch {
		return undefined;
	}
}

function stsRoute(exchange: Exchange): RouteMatch {
	const params = parseForm(exchange.body, exchange.rawQuery);
	const action = params.get('Action') ?? '';
	if (!STS_OPERATIONS.includes(action)) {
		const version = params.get('Version') ?? 'NO_VERSION_SPECIFIED';
		throw new AwsError(
			'InvalidAction',
			`Could not find operation ${action} for version ${version}`,
			{ status: 400 },
		);
	}
	return {
		operation: action,
		service: 'sts',
		protocol: 'xml',
		iamAction: `sts:${action}`,
		streaming: false,
	};
}

function decodeLabel(label: string): string {
	try {
		return decodeURIComponent(label);
	} catch {
		return label;
	}
}
