/**
 * The offline Bedrock emulator's server: one loopback port, HTTP/1.1 and h2c, serving the
 * Bedrock runtime, the Bedrock control plane, STS and the control API.
 *
 * Requests signed for S3 go to the S3 endpoint (s3/operations.ts).
 *
 * Request pipeline, in the order AWS evaluates (public error reports, see modelResolution.ts): route → authenticate
 * (SigV4 or API key) → injected faults → IAM (denied actions) → the operation, which checks
 * the model (identifier, access, lifecycle, throughput) before it reads the body.
 */
import { getAsyncInvoke, listAsyncInvokes, startAsyncInvoke } from './async/operations.ts';
import { assertAllowed } from './auth/authorize.ts';
import { isS3Signed } from './s3/auth.ts';
import { handleS3Request } from './s3/operations.ts';
import { authenticate } from './auth/authenticate.ts';
import type { Principal } from './auth/identities.ts';
import {
	type EmulatorControl,
	CONTROL_PREFIX,
	createControl,
	handleControlRequest,
} from './control.ts';
import {
	listFoundationModels,
	getFoundationModel,
	getInferenceProfile,
	listInferenceProfiles,
} from './controlPlane.ts';
import { AwsError } from './errors.ts';
import type { AppliedFaults } from './faults.ts';
import {
	type AnyRequest,
	type AnyResponse,
	type Exchange,
	dropConnection,
	readExchange,
} from './http/exchange.ts';
import { listenDualProtocol } from './http/listener.ts';
import { sendAwsError, sendJson } from './http/respond.ts';
import { foundationModelArn } from './catalog.ts';
import { identifyModel } from './modelResolution.ts';
import { type RequestLogEntry, redactBody, redactHeaders } from './requestLog.ts';
import { type RouteMatch, matchRoute } from './router.ts';
import {
	type RuntimeContext,
	converse,
	converseStream,
	invokeModel,
	invokeModelWithResponseStream,
} from './runtime/operations.ts';
import { type EmulatorOptions, EmulatorState } from './state.ts';
import { handleAssumeRole, handleGetCallerIdentity, parseForm, sendStsError } from './sts.ts';

export type { EmulatorOptions } from './state.ts';

export interface RunningEmulator {
	/** `http://127.0.0.1:<port>`: the endpoint for the runtime, control-plane and STS clients. */
	url: string;
	port: number;
	control: EmulatorControl;
	/** Closes every connection (hung ones included) and the listener. */
	stop(): Promise<void>;
}

/** Bodies above Bedrock's 25,000,000-byte InvokeModel limit plus JSON overhead are refused. */
const MAX_BODY_BYTES = 30 * 1024 * 1024;
const HOST = '127.0.0.1';

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
	const state = new EmulatorState(options);
	const control = createControl(state);
	const listener = await listenDualProtocol(options.port ?? 0, HOST, (request, response) => {
		handle(state, control, request, response).catch((error: unknown) => {
			process.stderr.write(
				`[emulator] unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`,
			);
			if (!response.headersSent) response.destroy();
		});
	});
	return {
		url: `http://${HOST}:${listener.port}`,
		port: listener.port,
		control,
		stop: async () => {
			await listener.close();
			state.dispose();
		},
	};
}

async function handle(
	state: EmulatorState,
	control: EmulatorControl,
	request: AnyRequest,
	response: AnyResponse,
): Promise<void> {
	// S3 (signed for the `s3` service) streams its bodies: routed before the body is read.
	if (isS3Signed(request.headers, request.url ?? '/'))
		return handleS3Request(state, request, response);
	const exchange = await readExchange(request, response, MAX_BODY_BYTES);
	exchange.now = () => state.now();
	if (exchange.rawPath === CONTROL_PREFIX || exchange.rawPath.startsWith(`${CONTROL_PREFIX}/`)) {
		handleControlRequest(exchange, control);
		return;
	}
	const entry = logEntry(exchange);
	state.log.track(exchange, entry);

	let protocol: RouteMatch['protocol'] = exchange.rawPath === '/' ? 'xml' : 'json';
	try {
		const route = matchRoute(exchange);
		protocol = route.protocol;
		entry.operation = route.operation;
		entry.modelId = route.modelId;
		const authenticated = authenticate(exchange, {
			store: state.identities,
			service: route.service,
			now: state.now(),
			defaultRegion: state.settings.defaultRegion,
			allowBearer: route.service === 'bedrock',
		});
		const { principal, region } = authenticated;
		entry.identity = principal.label;
		entry.region = region;

		const resolveOptions = {
			region,
			accountId: principal.accountId,
			applicationProfiles: state.applicationProfiles,
			accessDeniedModels: state.settings.accessDeniedModels,
			inactiveLegacyModels: state.settings.inactiveLegacyModels,
			now: state.lifecycleNow(),
		};
		const identified =
			route.modelId === undefined ? undefined : identifyModel(route.modelId, resolveOptions);
		const faults = state.faults.apply({
			rawPath: exchange.rawPath,
			decodedPath: safeDecode(exchange.rawPath),
			operation: route.operation,
			modelIds: [route.modelId, identified?.model.modelId].filter(
				(id): id is string => id !== undefined,
			),
			streaming: route.streaming,
		});
		if (faults.labels.length > 0) entry.fault = faults.labels.join(',');
		if (!(await applyFaults(faults, exchange))) return;

		if (authenticated.scheme === 'bearer')
			assertAllowed(principal, 'bedrock:CallWithBearerToken', state.settings.deniedActions);
		// STS evaluates sts:AssumeRole itself (role trust, external ID); GetCallerIdentity needs no permission.
		if (route.service === 'bedrock') {
			const resource =
				route.resourceArn ??
				(route.modelId === undefined
					? undefined
					: (identified?.resourceArn ?? foundationModelArn(region, route.modelId)));
			assertAllowed(principal, route.iamAction, state.settings.deniedActions, resource);
		}

		await runOperation(route, {
			exchange,
			state,
			principal,
			region,
			streamFault: streamFaultOf(faults),
		});
	} catch (error) {
		if (exchange.clientAborted) return;
		const awsError =
			error instanceof AwsError
				? error
				: new AwsError(
						'InternalServerException',
						'The system encountered an unexpected error during processing. Try your request again.',
					);
		if (!(error instanceof AwsError)) {
			process.stderr.write(`[emulator] ${error instanceof Error ? error.stack : String(error)}\n`);
		}
		if (protocol === 'xml') sendStsError(exchange, awsError);
		else sendAwsError(exchange, awsError);
	}
}

interface OperationInput {
	exchange: Exchange;
	state: EmulatorState;
	principal: Principal;
	region: string;
	streamFault?: RuntimeContext['streamFault'];
}

async function runOperation(route: RouteMatch, input: OperationInput): Promise<void> {
	const { exchange, state, principal, region } = input;
	const controlPlaneContext = {
		region,
		accountId: principal.accountId,
		applicationProfiles: state.applicationProfiles,
		maxPageSize: state.settings.maxPageSize,
		now: state.lifecycleNow(),
	};
	const query = new URLSearchParams(exchange.rawQuery);
	switch (route.operation) {
		case 'InvokeModel':
		case 'InvokeModelWithResponseStream':
		case 'Converse':
		case 'ConverseStream': {
			const context: RuntimeContext = { ...input, requestedModelId: route.modelId as string };
			if (route.operation === 'InvokeModel') return invokeModel(context);
			if (route.operation === 'InvokeModelWithResponseStream')
				return invokeModelWithResponseStream(context);
			if (route.operation === 'Converse') return converse(context);
			return converseStream(context);
		}
		case 'ListFoundationModels':
			return sendJson(exchange, 200, listFoundationModels(query, controlPlaneContext));
		case 'GetFoundationModel':
			return sendJson(
				exchange,
				200,
				getFoundationModel(route.identifier as string, controlPlaneContext),
			);
		case 'ListInferenceProfiles':
			return sendJson(exchange, 200, listInferenceProfiles(query, controlPlaneContext));
		case 'GetInferenceProfile':
			return sendJson(
				exchange,
				200,
				getInferenceProfile(route.identifier as string, controlPlaneContext),
			);
		case 'StartAsyncInvoke':
			return startAsyncInvoke(input);
		case 'GetAsyncInvoke':
			return getAsyncInvoke(input, route.identifier as string);
		case 'ListAsyncInvokes':
			return listAsyncInvokes(input);
		case 'AssumeRole':
			return handleAssumeRole(exchange, state, principal);
		case 'GetCallerIdentity':
			return handleGetCallerIdentity(exchange, principal);
		default:
			throw new Error(`no handler for ${route.operation}`);
	}
}

/** Applies latency and the fault's action; false when the request must not be answered normally. */
async function applyFaults(faults: AppliedFaults, exchange: Exchange): Promise<boolean> {
	if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
	const action = faults.action;
	if (!action || action.kind === 'streamError') return true;
	if (action.kind === 'error') throw action.error;
	if (action.kind === 'drop') dropConnection(exchange);
	// 'hang': leave the request open until the client gives up or the emulator stops.
	return false;
}

function streamFaultOf(faults: AppliedFaults): RuntimeContext['streamFault'] {
	return faults.action?.kind === 'streamError' ? faults.action : undefined;
}

function logEntry(exchange: Exchange): RequestLogEntry {
	return {
		id: exchange.requestId,
		time: new Date(exchange.startedAt).toISOString(),
		method: exchange.method,
		path: exchange.rawQuery ? `${exchange.rawPath}?${exchange.rawQuery}` : exchange.rawPath,
		httpVersion: exchange.httpVersion,
		headers: redactHeaders(exchange.headers),
		body: loggedBody(exchange),
		clientAborted: false,
	};
}

function loggedBody(exchange: Exchange): unknown {
	if (exchange.body.length === 0) return null;
	if (exchange.rawPath === '/') return Object.fromEntries(parseForm(exchange.body, ''));
	try {
		return redactBody(JSON.parse(exchange.body.toString('utf8')));
	} catch {
		return redactBody(exchange.body.toString('utf8'));
	}
}

function safeDecode(path: string): string {
	try {
		return decodeURIComponent(path);
	} catch {
		return path;
	}
}
