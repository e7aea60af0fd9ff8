/**
 * Makes sure the pinned n8n is installed, by running tooling/n8n/install.sh (instant when its
 * stamp is current, a few minutes on a fresh clone).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

import {
	N8N_VERSION,
	artifactsDir,
	n8nEntryScript,
	node24HeadersDir,
	nodeBinary,
	repoRoot,
} from './paths.ts';
import { runToCompletion } from './processes.ts';

export type N8nInstallation = { version: string; entryScript: string; seconds: number };

export async function ensureN8nInstalled(): Promise<N8nInstallation> {
	const logFile = join(artifactsDir(), 'logs', `n8n-install-${N8N_VERSION}.log`);
	const result = await runToCompletion('bash', [join(repoRoot(), 'tooling', 'n8n', 'install.sh')], {
		cwd: repoRoot(),
		// Node 24 and its headers are handed over directly, so the script never has to re-enter
		// tooling/node24.sh (whose dependency check could run `npm ci` under the running tests).
		env: {
			...process.env,
			N8N_VERSION,
			PATH: `${dirname(nodeBinary())}:${process.env.PATH ?? ''}`,
			npm_config_nodedir: node24HeadersDir(),
		},
		logFile,
		timeoutMs: 15 * 60_000,
	});
	if (result.exitCode !== 0 || !existsSync(n8nEntryScript())) {
		const tail = result.stderr.split('\n').slice(-15).join('\n');
		throw new Error(`Installing n8n ${N8N_VERSION} failed (log: ${logFile}):\n${tail}`);
	}
	return { version: N8N_VERSION, entryScript: n8nEntryScript(), seconds: result.seconds };
}
