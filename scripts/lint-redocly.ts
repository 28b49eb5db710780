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
import { abs, CONTRACT_USAGE, isMain, main, parseScriptArgs, repoRoot, selectContracts, type Contract } from "./contracts.js";
import { toolEnv } from "./tools.js";

const USAGE = `usage: npm run lint:redocly -- ${CONTRACT_USAGE} [spec file...]`;

/** `text` without the box that holds Redocly's Node 20 notice (and the blank lines around it). */
export function withoutNode20Notice(text: string): string {
  return text.replace(/\n*[ \t]*╔[^╚]*Node\.js 20 support is ending[^╚]*╚═*╝[ \t]*\n+/u, "\n").replace(/^\n+/, "");
}

export interface LintResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Redocly's lint of a contract's spec (or of `specs`) with the contract's own redocly.yaml. */
export function redoclyLint(contract: Contract, specs: string[] = [abs(contract.spec)]): LintResult {
  const redocly = path.join(repoRoot, "node_modules", ".bin", "redocly");
  const result = spawnSync(redocly, ["lint", ...specs, "--config", abs(contract.redoclyConfig)], { cwd: repoRoot, encoding: "utf8", env: toolEnv });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: withoutNode20Notice(result.stderr) };
}

if (isMain(import.meta.url)) {
  await main("lint:redocly", USAGE, () => {
    const { values, positionals } = parseScriptArgs(process.argv.slice(2), {}, true);
    if (values.help) return void console.log(USAGE);
    let code = 0;
    for (const contract of selectContracts(values.contract)) {
      const result = redoclyLint(contract, positionals.length > 0 ? positionals.map((file) => path.resolve(file)) : undefined);
      process.stdout.write(result.stdout);
      process.stderr.write(result.stderr);
      code = Math.max(code, result.status);
    }
    return code;
  });
}
