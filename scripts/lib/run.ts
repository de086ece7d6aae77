import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT } from "./database";

const BIN = path.join(ROOT, "node_modules", ".bin");

// Runs a command from node_modules/.bin (or PATH) and resolves with its exit code.
export function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, PATH: `${BIN}:${process.env.PATH}`, ...env },
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function mustRun(cmd: string, args: string[], env: Record<string, string> = {}) {
  const code = await run(cmd, args, env);
  if (code !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${code}`);
}

// Prisma CLI with the timer preload (see unref-timers.cjs) and telemetry off.
export function prisma(args: string[], databaseUrl: string) {
  return mustRun("prisma", args, {
    DATABASE_URL: databaseUrl,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} -r ${path.join(ROOT, "scripts/lib/unref-timers.cjs")}`.trim(),
  });
}
