// Where a scenario's CPU time goes on this machine: the app's processes, Postgres's (when it
// runs here) and the load generator's own. Read from /proc (Linux); null elsewhere.
import fs from "node:fs";
import os from "node:os";

const TICK_MS = 10; // USER_HZ is 100 on every Linux the benchmark runs on

function ticksOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(f[11]) + Number(f[12]); // utime + stime, all threads
}

function postgresPids(): number[] {
  return fs.readdirSync("/proc").flatMap((d) => {
    if (!/^\d+$/.test(d)) return [];
    try {
      return fs.readFileSync(`/proc/${d}/comm`, "utf8").trim() === "postgres" ? [Number(d)] : [];
    } catch {
      return [];
    }
  });
}

export interface CpuSplit {
  appMs: number;
  postgresMs: number;
  loadMs: number;
}

/** Starts counting; the returned function gives the CPU milliseconds spent since, per side. */
export function startCpuCount(appPids: number[]): (() => CpuSplit) | null {
  if (os.platform() !== "linux" || !fs.existsSync("/proc/self/stat")) return null;
  const sum = (pids: number[], at: Map<number, number>) => {
    let t = 0;
    for (const pid of pids) {
      try {
        const now = ticksOf(pid);
        t += now - (at.get(pid) ?? 0); // a backend that started since counts from zero
      } catch {
        // exited: its time is lost (backends live as long as the pool keeps them)
      }
    }
    return t * TICK_MS;
  };
  const snapshot = (pids: number[]) => {
    const at = new Map<number, number>();
    for (const pid of pids) {
      try {
        at.set(pid, ticksOf(pid));
      } catch {
        // gone already
      }
    }
    return at;
  };
  const app0 = snapshot(appPids);
  const pg0 = snapshot(postgresPids());
  const self0 = process.cpuUsage();
  return () => {
    const self = process.cpuUsage(self0);
    return { appMs: sum(appPids, app0), postgresMs: sum(postgresPids(), pg0), loadMs: (self.user + self.system) / 1000 };
  };
}
