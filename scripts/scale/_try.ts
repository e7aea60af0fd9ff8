import { startPostgres, startRedis } from './services.ts';
async function main() {
	const dir = '/work/main/.n8n-run/scale-try';
	const t = Date.now();
	const [redis, pg] = await Promise.all([
		startRedis(dir + '/redis', dir + '/logs'),
		startPostgres(dir + '/pg', dir + '/logs'),
	]);
	console.log('up in', Date.now() - t, redis.port, pg.port);
	await Promise.all([redis.stop(), pg.stop()]);
	console.log('down in', Date.now() - t);
}
main().catch((e) => {
	console.error(e);
	process.exit(1);
});
