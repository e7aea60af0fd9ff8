/**
 * Helpers for the Bedrock Text integration tests: run the node against the emulator and read
 * what it sent (the emulator's request log) and returned.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RunningEmulator } from '../../emulator/src/index.ts';
import type { RequestLogEntry } from '../../emulator/src/requestLog.ts';
import { runWorkflow, type InputItem, type RunResult } from '../../tooling/harness/n8n.ts';
import { emulatorCredentials } from './helpers.ts';

export const TEXT_NODE = 'Text';

export interface TextRun {
	input?: InputItem[];
	/** The credential's region (default us-east-1). */
	region?: string;
	continueOnFail?: boolean;
	onStart?: (cancel: () => void) => void;
}

/** Runs one Bedrock Text node over the input items. */
export async function runTextNode(
	emulator: RunningEmulator,
	parameters: IDataObject,
	run: TextRun = {},
): Promise<RunResult> {
	return await runWorkflow({
		nodes: [
			{
				name: TEXT_NODE,
				type: 'bedrockText',
				parameters,
				...(run.continueOnFail ? { continueOnFail: true } : {}),
			},
		],
		input: run.input,
		credentials: emulatorCredentials(emulator, run.region ? { region: run.region } : {}),
		...(run.onStart ? { onStart: run.onStart } : {}),
	});
}

/** The JSON of the node's output items; the node's error, if any, is thrown. */
export async function textAnswers(
	emulator: RunningEmulator,
	parameters: IDataObject,
	run: TextRun = {},
): Promise<IDataObject[]> {
	const result = await runTextNode(emulator, parameters, run);
	const error = result.error(TEXT_NODE);
	if (error) throw error;
	return result.output(TEXT_NODE).map((item) => item.json);
}

/** The requests of one operation the emulator received, in order. */
export function requestsOf(emulator: RunningEmulator, operation: string): RequestLogEntry[] {
	return emulator.control.requests().filter((request) => request.operation === operation);
}
