#!/usr/bin/env node
/**
 * `bedrock-emulator [--port 8777] [--latency <ms>] [--region <region>] [--identities <file.json>] [--now <date>] [--video-job-seconds <s>]`
 * (in this repository: `npm run emulator -- …`, which runs this source on Node 24).
 *
 * Runs the offline Bedrock emulator in the foreground on 127.0.0.1 and prints its URL once it
 * accepts connections. Stops on SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import type { IdentitiesConfig } from './auth/identities.ts';
import { DEFAULT_IDENTITIES } from './auth/identities.ts';
import { startEmulator } from './server.ts';
import { DEFAULT_VIDEO_JOB_SECONDS, isoDate } from './state.ts';

export const DEFAULT_PORT = 8777;

const USAGE = `Usage: bedrock-emulator [--port <n>] [--latency <ms>] [--region <region>] [--identities <file.json>] [--now <date>] [--video-job-seconds <s>]
  --port        TCP port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free port)
  --latency     milliseconds added to every model invocation (default 0)
  --region      region of requests signed with a Bedrock API key (default us-east-1)
  --identities  JSON file with more accessKeys, apiKeys and roles (see the README)
  --now         date the model lifecycle is judged at, YYYY-MM-DD or ISO-8601 (default: today),
                e.g. 2025-03-01 to call models that have reached their end of life since
  --video-job-seconds  seconds an async video job runs before it completes (default ${DEFAULT_VIDEO_JOB_SECONDS})`;

function main(): void {
	const { values } = parseArgs({
		options: {
			port: { type: 'string' },
			latency: { type: 'string' },
			region: { type: 'string' },
			identities: { type: 'string' },
			now: { type: 'string' },
			'video-job-seconds': { type: 'string' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	const port = integerOption(values.port, 'port', DEFAULT_PORT);
	const latencyMs = integerOption(values.latency, 'latency', 0);
	const identities = values.identities ? readIdentities(values.identities) : undefined;
	const now = values.now === undefined ? undefined : dateOption(values.now);
	const videoJobSeconds = secondsOption(values['video-job-seconds'], 'video-job-seconds');

	startEmulator({
		port,
		latencyMs,
		defaultRegion: values.region,
		identities,
		now,
		videoJobSeconds,
	}).then(
		(emulator) => {
			// Handlers first: a caller may signal as soon as it reads the URL.
			let stopping = false;
			const stop = (signal: string) => {
				if (stopping) return;
				stopping = true;
				process.stdout.write(`Received ${signal}, stopping the emulator.\n`);
				emulator.stop().then(() => process.exit(0));
			};
			process.on('SIGINT', () => stop('SIGINT'));
			process.on('SIGTERM', () => stop('SIGTERM'));
			const key = DEFAULT_IDENTITIES.accessKeys[0];
			process.stdout.write(
				[
					`Bedrock emulator listening on ${emulator.url}`,
					`  access key ${key.accessKeyId} / ${key.secretAccessKey} (any region)`,
					`  Bedrock API key ${DEFAULT_IDENTITIES.apiKeys[0].apiKey}`,
					`  control API ${emulator.url}/__emulator/ (see the README)`,
					...(now === undefined ? [] : [`  model lifecycle as of ${now}`]),
					`  S3 (path-style, SigV4 for s3) on the same URL; buckets: ${emulator.control.s3
						.buckets()
						.map((bucket) => `${bucket.name} (${bucket.region})`)
						.join(', ')}`,
					'',
				].join('\n'),
			);
		},
		(error: Error) => {
			process.stderr.write(`Could not start the emulator: ${error.message}\n`);
			process.exit(1);
		},
	);
}

function integerOption(text: string | undefined, name: string, fallback: number): number {
	if (text === undefined) return fallback;
	const value = Number(text);
	if (!Number.isInteger(value) || value < 0) {
		process.stderr.write(`--${name} must be a non-negative integer, got "${text}"\n${USAGE}\n`);
		process.exit(2);
	}
	return value;
}

function dateOption(text: string): string {
	try {
		return isoDate(text);
	} catch (error) {
		process.stderr.write(`--now: ${(error as Error).message}\n${USAGE}\n`);
		process.exit(2);
	}
}

function secondsOption(text: string | undefined, name: string): number | undefined {
	if (text === undefined) return undefined;
	const value = Number(text);
	if (!Number.isFinite(value) || value < 0) {
		process.stderr.write(`--${name} must be a number of seconds >= 0, got "${text}"\n${USAGE}\n`);
		process.exit(2);
	}
	return value;
}

function readIdentities(path: string): IdentitiesConfig {
	try {
		const parsed = JSON.parse(readFileSync(path, 'utf8')) as IdentitiesConfig;
		for (const key of ['accessKeys', 'apiKeys', 'roles'] as const) {
			if (parsed[key] !== undefined && !Array.isArray(parsed[key]))
				throw new Error(`"${key}" must be an array`);
		}
		return parsed;
	} catch (error) {
		process.stderr.write(`Could not read --identities ${path}: ${(error as Error).message}\n`);
		process.exit(2);
	}
}

main();
