// `npm run lint:redocly`: Redocly's lint of openapi.yaml, output and exit code as Redocly gives
// them, less one thing: the boxed "Node.js 20 support is ending" notice Redocly prints on every
// run under Node 20. Node 20.19 is still a runtime this package supports and tests, and the
// pinned @redocly/cli runs on it; the notice is about Redocly's future releases, so it is
// recorded once in docs/decisions.md instead of printed on every lint.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./tools.mjs";

/** `text` without the box that holds Redocly's Node 20 notice (and the blank lines around it). */
export function withoutNode20Notice(text) {
  return text.replace(/\n*[ \t]*╔[^╚]*Node\.js 20 support is ending[^╚]*╚═*╝[ \t]*\n+/u, "\n").replace(/^\n+/, "");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const redocly = path.join(repoRoot, "node_modules", ".bin", "redocly");
  const args = process.argv.length > 2 ? process.argv.slice(2) : ["openapi.yaml"];
  const result = spawnSync(redocly, ["lint", ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  if (result.error) throw result.error;
  process.stdout.write(result.stdout);
  process.stderr.write(withoutNode20Notice(result.stderr));
  process.exitCode = result.status ?? 1;
}
