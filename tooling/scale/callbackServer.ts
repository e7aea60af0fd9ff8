/**
 * The HTTP endpoint the scale workflows report to when they reach the hand-over Wait node:
 * `{ executionId, resumeUrl, job }`, kept by execution ID so the run can resume every execution
 * once it stopped a worker.
 */
import { createServer, type Server } from 'node:http';

export class CallbackServer {
	readonly reports = new Map<string, { resumeUrl: string; job: string }>();
	private server?: Server;
	url = '';

	async start(): Promise<void> {
		this.server = createServer((request, response) => {
			let body = '';
			request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
			request.on('end', () => {
				try {
					const report = JSON.parse(body) as {
						executionId: string;
						resumeUrl: string;
						job: string;
					};
					this.reports.set(String(report.executionId), report);
					response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
				} catch {
					response.writeHead(400).end();
				}
			});
		});
		await new Promise<void>((done) => this.server?.listen(0, '127.0.0.1', done));
		const address = this.server.address();
		this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/handover`;
	}

	async stop(): Promise<void> {
		await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
	}
}
