// The docs pages' TypeScript samples (x-codeSamples), typechecked as they are, each a program
// of its own, against the package's source under its published name.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

/** tsc's complaints about the samples ("" when they typecheck); `entry` is the package's src/index.ts. */
export function typecheckSamples(samples: { operationId: string; source: string }[], options: { scratch: string; repoRoot: string; packageName: string; entry: string }): string {
  const { scratch, repoRoot, packageName, entry } = options;
  const files = samples.map((sample) => {
    const file = path.join(scratch, `${sample.operationId}.mts`);
    writeFileSync(file, sample.source);
    return file;
  });
  writeFileSync(
    path.join(scratch, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true,
        lib: ["ES2023", "DOM"], types: ["node"], typeRoots: [path.join(repoRoot, "node_modules/@types")], resolveJsonModule: true, baseUrl: ".",
        paths: { [packageName]: [entry] },
      },
      files,
    }),
  );
  try {
    execFileSync(path.join(repoRoot, "node_modules/.bin/tsc"), ["-p", path.join(scratch, "tsconfig.json")], { encoding: "utf8", stdio: "pipe" });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout);
  }
}
