/**
 * The benchmark's emulator, in its own process so that its work (SigV4 checks, JSON, image
 * encoding) never counts as the node's CPU time nor competes with it on the event loop.
 *
 *   node tooling/bench/emulator.ts [--grain 4]   → prints {"url": "http://127.0.0.1:<port>"} once ready
 *
 * Grain makes outputs the size Bedrock returns (a 1024x1024 PNG of about 1.7 MB rather than the
 * emulator's flat 20 KB tiles): decoding, storing and memory are measured on realistic bytes.
 * Stops when its parent closes stdin or on SIGTERM.
 */
import { parseArgs } from 'node:util';

import { startEmulator } from '../../emulator/src/index.ts';
import { setOutputGrain } from '../../emulator/src/images/output.ts';

function main(): void {
	const { values } = parseArgs({ options: { grain: { type: 'string', default: '4' } } });
	setOutputGrain(Number(values.grain));
	startEmulator({ port: 0, maxLoggedRequests: 2000 }).then(
		(emulator) => {
			const stop = () => void emulator.stop().then(() => process.exit(0));
			process.on('SIGTERM', stop);
			process.stdin.on('end', stop);
			process.stdin.resume();
			// Printed once the handlers are in place: the parent may signal as soon as it reads it.
			process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);
		},
		(error: Error) => {
			process.stderr.write(`Could not start the emulator: ${error.message}\n`);
			process.exit(1);
		},
	);
}

main();
