/**
 * Free TCP ports on loopback. Each n8n process listens twice (the editor/API and the task-runner
 * broker), and other engineers' tests run on the same machine, so no port is ever hard-coded.
 */
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer();
		server.unref();
		server.on('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => (port ? done(port) : fail(new Error('No free port'))));
		});
	});
}
