/**
 * The decisions of `npm start` that do not need a running n8n: its command line, where Bedrock is
 * (the offline emulator, or AWS when AWS credentials are in the environment), the credential that
 * points there, and which of the scheduled example's prompts the region can run.
 */
import {
	EXAMPLE_CREDENTIAL,
	EXAMPLE_REGION,
	emulatorCredential,
	type CredentialImport,
} from '../n8n/examples.ts';

export type DemoOptions = {
	/** Exit after the scheduled example ran instead of leaving the editor running. */
	once: boolean;
	/** The editor's port (http://localhost:<port>). */
	port: number;
	/** Where the emulator listens when it is used. */
	emulatorPort: number;
	/** Use the emulator even when AWS credentials are in the environment. */
	forceEmulator: boolean;
	/** Start from an empty demo folder (new database, credential and workflows). */
	fresh: boolean;
};

export const USAGE = `Usage: npm start [-- options]

  --once               run the scheduled image example, print where the images are, and exit
  --port <n>           the n8n editor's port (default 5678)
  --emulator-port <n>  the offline Bedrock emulator's port (default 8777)
  --emulator           use the emulator even when AWS credentials are in the environment
  --fresh              start from an empty .n8n-demo/ folder
  --help               this text

Bedrock is the offline emulator unless AWS credentials are in the environment:
  AWS_BEARER_TOKEN_BEDROCK                 a Bedrock API key
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY access keys (AWS_SESSION_TOKEN for temporary ones)
  AWS_PROFILE                              a shared-config or SSO profile (host credential chain)
  AWS_REGION or AWS_DEFAULT_REGION         the region (default us-west-2)
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME, AWS_ENDPOINT_URL_BEDROCK, AWS_ENDPOINT_URL_STS
                                           other endpoints (VPC endpoint, proxy)

The demo keeps its n8n (database, images, logs) in .n8n-demo/, or in BEDROCK_DEMO_DIR.`;

export function parseArguments(args: string[]): DemoOptions | 'help' {
	const options: DemoOptions = {
		once: false,
		port: 5678,
		emulatorPort: 8777,
		forceEmulator: false,
		fresh: false,
	};
	const port = (flag: string, value: string | undefined): number => {
		const parsed = Number(value);
		if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) {
			throw new Error(`${flag} needs a port number (1-65535), got ${value ?? 'nothing'}`);
		}
		return parsed;
	};
	for (let index = 0; index < args.length; index++) {
		const arg = args[index];
		if (arg === '--once') options.once = true;
		else if (arg === '--emulator') options.forceEmulator = true;
		else if (arg === '--fresh') options.fresh = true;
		else if (arg === '--port') options.port = port(arg, args[++index]);
		else if (arg === '--emulator-port') options.emulatorPort = port(arg, args[++index]);
		else if (arg === '--help' || arg === '-h') return 'help';
		else throw new Error(`Unknown option ${arg}\n\n${USAGE}`);
	}
	return options;
}

export type Target =
	| { kind: 'emulator'; region: string; describe: string }
	| {
			kind: 'aws';
			region: string;
			describe: string;
			credential: CredentialImport;
			/** Extra environment for n8n (the host chain's opt-in). */
			n8nEnv: Record<string, string>;
	  };

/**
 * AWS when the environment holds credentials (and --emulator was not given), else the emulator.
 * The AWS credential has no endpoint overrides unless the AWS SDK's own endpoint variables are set.
 * Secrets go into the credential only; `describe` never contains them.
 */
export function chooseTarget(env: NodeJS.ProcessEnv, forceEmulator: boolean): Target {
	const emulator: Target = {
		kind: 'emulator',
		region: EXAMPLE_REGION,
		describe: `the offline Bedrock emulator (${EXAMPLE_REGION})`,
	};
	if (forceEmulator) return emulator;
	const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-west-2';
	let auth: Record<string, string>;
	let how: string;
	let n8nEnv: Record<string, string> = {};
	if (env.AWS_BEARER_TOKEN_BEDROCK) {
		auth = { authentication: 'apiKey', apiKey: env.AWS_BEARER_TOKEN_BEDROCK };
		how = 'the Bedrock API key in AWS_BEARER_TOKEN_BEDROCK';
	} else if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
		auth = {
			authentication: 'accessKeys',
			accessKeyId: env.AWS_ACCESS_KEY_ID,
			secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
			...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
		};
		how = `access key ${env.AWS_ACCESS_KEY_ID.slice(0, 4)}…${env.AWS_SESSION_TOKEN ? ' with its session token' : ''}`;
	} else if (env.AWS_PROFILE) {
		// The pack keeps the host's identity off unless n8n's administrator allows it; the demo's own
		// n8n is that administrator's choice here.
		auth = { authentication: 'hostChain' };
		how = `the host credential chain (profile ${env.AWS_PROFILE})`;
		n8nEnv = { N8N_BEDROCK_ALLOW_HOST_CREDENTIALS: 'true' };
	} else {
		return emulator;
	}
	const endpoints = {
		runtimeEndpoint: env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME ?? '',
		controlPlaneEndpoint: env.AWS_ENDPOINT_URL_BEDROCK ?? '',
		stsEndpoint: env.AWS_ENDPOINT_URL_STS ?? '',
		s3Endpoint: env.AWS_ENDPOINT_URL_S3 ?? '',
	};
	const customEndpoints = Object.values(endpoints).some(Boolean);
	return {
		kind: 'aws',
		region,
		describe: `AWS in ${region} with ${how}${customEndpoints ? ' (custom endpoints)' : ''}`,
		credential: {
			...EXAMPLE_CREDENTIAL,
			type: 'awsBedrockApi',
			data: {
				...auth,
				region,
				...(customEndpoints ? { customEndpoints: true, ...endpoints } : {}),
			},
		},
		n8nEnv,
	};
}

/** The credential the examples use, for either target. */
export function credentialFor(target: Target, emulatorUrl: string | undefined): CredentialImport {
	if (target.kind === 'aws') return target.credential;
	if (!emulatorUrl) throw new Error('The emulator is not running');
	return emulatorCredential(emulatorUrl, target.region);
}

/** One row of Bedrock List Models' "List Invocable Models" output (simplified). */
export type InvocableModel = {
	invokeWith?: unknown;
	lifecycleStatus?: unknown;
	endOfLifeTime?: unknown;
};

export type ImageJob = {
	/** The prompt's `model` in the example's Prompts node. */
	model: 'sd35' | 'ultra';
	/** The example's node that makes its images. */
	node: string;
	label: string;
	/** IDs to try, best first: Active models only (a demo never shows a retired one). */
	candidates: string[];
};

export const IMAGE_JOBS: ImageJob[] = [
	{
		model: 'sd35',
		node: 'Generate (SD3.5 Large)',
		label: 'the rose (SD3.5 Large)',
		candidates: ['stability.sd3-5-large-v1:0'],
	},
	{
		model: 'ultra',
		node: 'Generate (Stable Image Ultra)',
		label: 'the vegetable car (Stable Image Ultra)',
		candidates: ['stability.stable-image-ultra-v1:1', 'us.stability.stable-image-ultra-v1:1'],
	},
];

export type JobPlan = ImageJob & { modelId?: string; reason?: string };

/**
 * Which model each job of the scheduled example uses in this region: the first candidate the
 * account can invoke there that has not reached its end of life; none (with the reason) otherwise.
 */
export function planImageJobs(
	models: InvocableModel[],
	region: string,
	now: Date = new Date(),
): JobPlan[] {
	const usable = new Set<string>();
	for (const model of models) {
		if (typeof model.invokeWith !== 'string') continue;
		const endOfLife =
			typeof model.endOfLifeTime === 'string' ? Date.parse(model.endOfLifeTime) : NaN;
		if (!Number.isNaN(endOfLife) && endOfLife <= now.getTime()) continue;
		usable.add(model.invokeWith);
	}
	return IMAGE_JOBS.map((job) => {
		const modelId = job.candidates.find((candidate) => usable.has(candidate));
		return modelId
			? { ...job, modelId }
			: {
					...job,
					reason: `${region} offers none of ${job.candidates.join(', ')} (or only past its end of life)`,
				};
	});
}
