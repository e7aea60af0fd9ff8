/**
 * Where the CPU goes during a wave: CPU seconds per process group (a worker with its task
 * runner, PostgreSQL with its backends, …) from /proc, and the whole machine's busy time from
 * /proc/stat, so a figure can say which component saturated the 2 cores and how much of the
 * machine other people's work took meanwhile.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';

let ticksPerSecond: number | undefined;

function clockTicks(): number {
	if (ticksPerSecond === undefined) {
		try {
			ticksPerSecond =
				Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
		} catch {
			ticksPerSecond = 100;
		}
	}
	return ticksPerSecond;
}

type ProcStat = { pid: number; ppid: number; pgid: number; ticks: number };

/** utime + stime of the process and of its children it already reaped (cutime + cstime). */
function readStat(pid: string): ProcStat | undefined {
	try {
		const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name may contain spaces and parentheses: fields start after the last ')'.
		const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
		// fields[0] is field 3 (state): ppid and pgrp are fields 4 and 5, utime..cstime 14..17.
		const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
		return { pid: Number(pid), ppid: Number(fields[1]), pgid: Number(fields[2]), ticks };
	} catch {
		return undefined; // The process ended between readdir and read.
	}
}

/**
 * CPU seconds used so far by each of the given process groups (keyed by the group leader's
 * pid): the group's processes and every descendant of its leader, because PostgreSQL's
 * backends put themselves into process groups of their own (setsid).
 */
export function groupCpuSeconds(groups: number[]): Map<number, number> {
	const stats = new Map<number, ProcStat>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const stat = readStat(entry);
		if (stat) stats.set(stat.pid, stat);
	}
	const wanted = new Set(groups);
	const owner = (stat: ProcStat): number | undefined => {
		for (let current: ProcStat | undefined = stat, hops = 0; current && hops < 64; hops++) {
			if (wanted.has(current.pgid)) return current.pgid;
			if (wanted.has(current.pid)) return current.pid;
			current = stats.get(current.ppid);
		}
		return undefined;
	};
	const totals = new Map(groups.map((group) => [group, 0]));
	for (const stat of stats.values()) {
		const group = owner(stat);
		if (group !== undefined) totals.set(group, (totals.get(group) ?? 0) + stat.ticks);
	}
	for (const [group, ticks] of totals) totals.set(group, ticks / clockTicks());
	return totals;
}

/** Busy CPU seconds of the whole machine so far (all cores; idle and iowait excluded). */
export function machineBusySeconds(): number {
	const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
	const [, ...values] = line.trim().split(/\s+/);
	const [user, nice, system, , , irq, softirq, steal] = values.map(Number);
	return (user + nice + system + irq + softirq + steal) / clockTicks();
}

export function coreCount(): number {
	return cpus().length;
}

export type CpuSnapshot = { at: number; groups: Map<number, number>; machine: number };

export function snapshot(groups: number[]): CpuSnapshot {
	return { at: Date.now(), groups: groupCpuSeconds(groups), machine: machineBusySeconds() };
}

/** CPU seconds per labelled component between two snapshots, plus the machine's total. */
export function cpuBetween(
	before: CpuSnapshot,
	after: CpuSnapshot,
	labels: Array<{ label: string; group: number }>,
): { perComponent: Record<string, number>; ours: number; machine: number; wallSeconds: number } {
	const perComponent: Record<string, number> = {};
	for (const { label, group } of labels) {
		// A group that ended (a stopped worker) reads 0 afterwards: count nothing, not a negative.
		const used = Math.max(0, (after.groups.get(group) ?? 0) - (before.groups.get(group) ?? 0));
		perComponent[label] = (perComponent[label] ?? 0) + used;
	}
	const ours = Object.values(perComponent).reduce((sum, value) => sum + value, 0);
	return {
		perComponent,
		ours,
		machine: after.machine - before.machine,
		wallSeconds: (after.at - before.at) / 1000,
	};
}
