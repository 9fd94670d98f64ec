import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { nextBin, nextStartArgs, serverNodeArgs } from "@/lib/cli/build-state";

describe("the production server's command line", () => {
  // A V8 flag this Node does not know stops `node` before the server starts: npm start,
  // the benchmarks and the fault tests would all fail at once.
  it("passes only flags this Node accepts", () => {
    const r = spawnSync(process.execPath, [...serverNodeArgs, "-e", "process.exit(0)"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("runs next start with them on the given port and host", () => {
    expect(nextStartArgs({ port: 3100, host: "127.0.0.1", root: "/srv/app" })).toEqual([...serverNodeArgs, nextBin("/srv/app"), "start", "-p", "3100", "-H", "127.0.0.1"]);
    expect(nextStartArgs({ port: "80", root: "/srv/app" })).toEqual([...serverNodeArgs, nextBin("/srv/app"), "start", "-p", "80"]);
  });
});
