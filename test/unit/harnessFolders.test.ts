/**
 * The test harness removes the n8n user folders of harness processes that have ended (jest ends
 * its workers without running exit handlers; the folders hold a run's binary data).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { removeFoldersOfEndedProcesses } from '../../tooling/harness/n8n.ts';

test('folders of ended processes go, those of live processes and others stay', () => {
	const ended = spawnSync(process.execPath, ['-e', '0']).pid;
	const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
	const folders = {
		ended: path.join(tmpdir(), `n8n-bedrock-test-${ended}-Ab12Cd`),
		alive: path.join(tmpdir(), `n8n-bedrock-test-${alive.pid}-Ef34Gh`),
		own: path.join(tmpdir(), `n8n-bedrock-test-${process.pid}-Ij56Kl`),
		other: path.join(tmpdir(), 'n8n-bedrock-other-Mn78Op'),
	};
	try {
		for (const folder of Object.values(folders)) mkdirSync(folder, { recursive: true });
		removeFoldersOfEndedProcesses();
		expect(existsSync(folders.ended)).toBe(false);
		expect(existsSync(folders.alive)).toBe(true);
		expect(existsSync(folders.own)).toBe(true);
		expect(existsSync(folders.other)).toBe(true);
	} finally {
		alive.kill();
		for (const folder of Object.values(folders)) rmSync(folder, { recursive: true, force: true });
	}
});
