/**
 * The offline Bedrock emulator as its own process for the scale run:
 *
 *   node tooling/scale/emulator.ts --port 0 --latency 2000 [--grain 4]
 *
 * Why not `npm run emulator`: the scale run needs the second identity the two-credential check
 * uses, a request log large enough for thousands of images per wave (the CLI keeps the default
 * 1000), and optionally realistic image sizes (`--grain`, see docs/emulator.md). A process of its
 * own, rather than the emulator inside the driver, so its CPU time is measured apart and the
 * driver's polling never delays an answer.
 */
import { parseArgs } from 'node:util';

import { startEmulator } from '../../emulator/src/index.ts';
import { setOutputGrain } from '../../emulator/src/images/output.ts';
import { SCALE_IDENTITIES } from './identities.ts';

function main(): void {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '0' },
			latency: { type: 'string', default: '2000' },
			grain: { type: 'string', default: '0' },
			'max-logged-requests': { type: 'string', default: '100000' },
		},
	});
	const grain = Number(values.grain);
	if (grain > 0) setOutputGrain(grain);
	startEmulator({
		port: Number(values.port),
		latencyMs: Number(values.latency),
		identities: SCALE_IDENTITIES,
		maxLoggedRequests: Number(values['max-logged-requests']),
	}).then(
		(emulator) => {
			const stop = () => void emulator.stop().then(() => process.exit(0));
			process.on('SIGINT', stop);
			process.on('SIGTERM', stop);
			// Printed once the handlers are in place: the parent may signal as soon as it reads it.
			process.stdout.write(`Bedrock emulator listening on ${emulator.url}\n`);
		},
		(error: Error) => {
			process.stderr.write(`Could not start the emulator: ${error.message}\n`);
			process.exit(1);
		},
	);
}

main();
