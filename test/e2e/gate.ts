/**
 * The end-to-end suites run by default; `E2E=0` is the one explicit way to skip them (for a quick
 * local loop), and it says so rather than passing silently.
 */
export const e2eEnabled = process.env.E2E !== '0';

export const describeE2e: jest.Describe = e2eEnabled ? describe : describe.skip;

if (!e2eEnabled) {
	process.stdout.write('[e2e] E2E=0: skipping the real-n8n end-to-end tests\n');
}
