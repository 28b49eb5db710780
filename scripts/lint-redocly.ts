// `npm run lint:redocly -- [--contract NAME]... [spec file...]`: Redocly's lint of each
// contract's spec (every contract of scripts/contracts.ts by default) with the contract's own
// redocly.yaml; spec files given are linted instead, with each selected contract's config.
// Output and exit code as Redocly gives them, less one thing: the boxed "Node.js 20 support is
// ending" notice Redocly prints on every run under Node 20. Node 20.19 is still a runtime this
// package supports and tests, and the pinned @redocly/cli runs on it; the notice is about
// Redocly's future releases, so it is recorded once in docs/decisions.md instead of printed on
// every lint.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { abs, CONTRACT_USAGE, isMain, main, parseScriptArgs, repoRoot, selectContracts } from "./contracts.js";
import { toolEnv } from "./tools.js";

const USAGE = `usage: npm run lint:redocly -- ${CONTRACT_USAGE} [spec file...]`;

/** `text` without the box that holds Redocly's Node 20 notice (and the blank lines around it). */
export function withoutNode20Notice(text: string): string {
  return text.replace(/\n*[ \t]*╔[^╚]*Node\.js 20 support is ending[^╚]*╚═*╝[ \t]*\n+/u, "\n").replace(/^\n+/, "");
}

if (isMain(import.meta.url)) {
  await main("lint:redocly", USAGE, () => {
    const { values, positionals } = parseScriptArgs(process.argv.slice(2), {}, true);
    if (values.help) return void console.log(USAGE);
    const redocly = path.join(repoRoot, "node_modules", ".bin", "redocly");
    let code = 0;
    for (const contract of selectContracts(values.contract)) {
      const specs = positionals.length > 0 ? positionals.map((file) => path.resolve(file)) : [abs(contract.spec)];
      const result = spawnSync(redocly, ["lint", ...specs, "--config", abs(contract.redoclyConfig)], { cwd: repoRoot, encoding: "utf8", env: toolEnv });
      if (result.error) throw result.error;
      process.stdout.write(result.stdout);
      process.stderr.write(withoutNode20Notice(result.stderr));
      code = Math.max(code, result.status ?? 1);
    }
    return code;
  });
}
