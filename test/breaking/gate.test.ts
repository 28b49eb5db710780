// The gate and the changelog draft as commands, in throw-away git repositories (never this
// one: no tag is made here): which base they pick, the lines they print, when they exit 1.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { isBreakingBump, nextVersion } from "contract-pipeline/breaking/index";
import { scriptCommand } from "contract-pipeline/tools";
import { FIXTURE, USER, USERS, type Spec } from "./support.js";

const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-gate-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const original = parse(readFileSync(FIXTURE, "utf8")) as Spec;
let repos = 0;

/** A fresh repository holding a copy of the contract at `version`, committed. */
function repository(version = "0.1.0") {
  const dir = path.join(scratch, `repo-${++repos}`);
  mkdirSync(dir);
  const git = (...args: string[]) => {
    const result = spawnSync("git", ["-c", "user.name=Gate Test", "-c", "user.email=gate@example.invalid", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", ...args], { cwd: dir, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  };
  const write = (file: string, content: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  };
  /** The contract with an edit, at a version (package.json and info.version). */
  const contract = (edit: (spec: Spec) => void = () => {}, versions: { pkg?: string; info?: string } = {}, prefix = "") => {
    const spec = structuredClone(original);
    spec.info.version = versions.info ?? version;
    edit(spec);
    write(`${prefix}openapi.yaml`, stringify(spec));
    write(`${prefix}package.json`, `${JSON.stringify({ name: "contract-under-test", version: versions.pkg ?? version }, null, 2)}\n`);
  };
  const commit = (message: string) => {
    git("add", "-A");
    git("commit", "-q", "-m", message);
  };
  git("init", "-q", "-b", "main");
  contract();
  write("CHANGELOG.md", `# Changelog\n\n## ${version}\n\nFirst version.\n`);
  commit("first");
  const run = (script: "check-breaking" | "changelog", args: string[], env: Record<string, string> = {}) => {
    const result = spawnSync(...scriptCommand(`${script}.ts`, args), { cwd: dir, encoding: "utf8", env: { ...process.env, GITHUB_ACTIONS: "", ...env } });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };
  return {
    dir,
    git,
    write,
    contract,
    commit,
    gate: (...args: string[]) => run("check-breaking", args),
    gateInActions: (...args: string[]) => run("check-breaking", args, { GITHUB_ACTIONS: "true" }),
    changelog: (...args: string[]) => run("changelog", args),
  };
}

const addGuestRole = (spec: Spec) => spec.components.schemas.AccessRole.enum.push("guest");
const addOptionalField = (spec: Spec) => (spec.components.schemas.User.properties.nickname = { type: "string", maxLength: 64 });

describe("npm run check:breaking", () => {
  it("with no v* tag compares with HEAD, says so, and passes on an unchanged tree", () => {
    const repo = repository();
    const { code, out } = repo.gate();
    expect(out).toMatch(/^base: HEAD \(no v\* tag exists, so HEAD\)/);
    expect(out).toContain("openapi.yaml: 0 breaking, 0 compatible change(s) since HEAD");
    expect(code).toBe(0);
  });

  it("fails on a breaking edit without a version bump, one line per operation: METHOD /path, what changed, JSON pointer", () => {
    const repo = repository();
    repo.git("tag", "v0.1.0");
    repo.contract((spec) => {
      addGuestRole(spec);
      addOptionalField(spec);
    });
    const { code, out } = repo.gate();
    expect(out).toMatch(/^base: v0\.1\.0 \(the newest v\* tag\)/);
    const breaking = out.split("\n").filter((line) => line.startsWith("BREAKING"));
    expect(breaking).toEqual([
      `BREAKING   GET ${USERS}  response 200: Enum gained values: 'guest'.  #/components/schemas/AccessRole/enum`,
      `BREAKING   GET ${USER}  response 200: Enum gained values: 'guest'.  #/components/schemas/AccessRole/enum`,
      `BREAKING   PUT ${USER}/roles  response 200: Enum gained values: 'guest'.  #/components/schemas/AccessRole/enum`,
    ]);
    expect(out).toContain(`compatible GET ${USER}  response 200: schema added  #/components/schemas/User/properties/nickname`);
    expect(out).toMatch(/FAILED: 3 breaking change\(s\) need a new major version .*package\.json version 0\.1\.0 -> 0\.1\.0 is not one, info\.version 0\.1\.0 -> 0\.1\.0 is not one/);
    expect(code).toBe(1);
  });

  it("in GitHub Actions also writes each breaking change as an error annotation", () => {
    const repo = repository();
    repo.contract((spec) => delete spec.components.schemas.UserSummary.properties.full_name);
    const { code, out } = repo.gateInActions();
    expect(out).toContain(
      `::error file=openapi.yaml,title=Breaking change in GET ${USERS}::BREAKING   GET ${USERS}  response 200: Property \`full_name\` was removed.  #/components/schemas/UserSummary/properties/full_name`,
    );
    expect(code).toBe(1);
  });

  it("passes a compatible edit without a bump", () => {
    const repo = repository();
    repo.git("tag", "v0.1.0");
    repo.contract(addOptionalField);
    const { code, out } = repo.gate();
    expect(out).toContain("0 breaking, 1 compatible change(s) since v0.1.0");
    expect(code).toBe(0);
  });

  it("passes a breaking edit only when package.json and info.version both carry a breaking bump (0.x: a minor one)", () => {
    const repo = repository();
    repo.git("tag", "v0.1.0");
    const verdict = (versions: { pkg: string; info: string }) => {
      repo.contract(addGuestRole, versions);
      return repo.gate();
    };
    expect(verdict({ pkg: "0.2.0", info: "0.1.0" }).code).toBe(1);
    expect(verdict({ pkg: "0.1.0", info: "0.2.0" }).code).toBe(1);
    expect(verdict({ pkg: "0.1.1", info: "0.1.1" }).code).toBe(1);
    const minor = verdict({ pkg: "0.2.0", info: "0.2.0" });
    expect(minor.out).toContain("breaking changes allowed: package.json version 0.1.0 -> 0.2.0, info.version 0.1.0 -> 0.2.0");
    expect(minor.code).toBe(0);
    expect(verdict({ pkg: "1.0.0", info: "1.0.0" }).code).toBe(0);
  });

  it("takes the newest v* tag by version (v0.10.0 after v0.9.0), or the ref given with --base", () => {
    const repo = repository("0.9.0");
    repo.git("tag", "v0.9.0");
    repo.contract(addGuestRole, { pkg: "0.10.0", info: "0.10.0" });
    repo.commit("roles: guest");
    repo.git("tag", "v0.10.0");
    const newest = repo.gate();
    expect(newest.out).toMatch(/^base: v0\.10\.0 \(the newest v\* tag\)/);
    expect(newest.out).toContain("0 breaking, 0 compatible");
    const older = repo.gate("--base", "v0.9.0");
    expect(older.out).toMatch(/^base: v0\.9\.0 \(asked for with --base\)/);
    expect(older.out).toContain("3 breaking");
    expect(older.code).toBe(0); // 0.9.0 -> 0.10.0 in both places
    const commit = repo.git("rev-parse", "HEAD~1").trim();
    expect(repo.gate("--base", commit).out).toContain("3 breaking");
  });

  it("--tag-prefix picks a second contract's own tags, and v* never takes them", () => {
    const repo = repository("0.9.0");
    repo.git("tag", "avara-v0.9.0");
    repo.contract(addGuestRole, { pkg: "0.10.0", info: "0.10.0" });
    repo.commit("roles: guest");
    repo.git("tag", "avara-v0.10.0");
    expect(repo.gate().out).toMatch(/^base: HEAD \(no v\* tag exists, so HEAD\)/);
    expect(repo.gate("--tag-prefix", "avara-v").out).toMatch(/^base: avara-v0\.10\.0 \(the newest avara-v\* tag\)/);
  });

  it("takes --spec and the package.json beside it: a second contract in a folder, split over two files", () => {
    const repo = repository();
    const vendor = {
      openapi: "3.1.0",
      info: { title: "Vendor", version: "0.1.0" },
      paths: {
        "/v1/notes/{id}": {
          get: {
            operationId: "readNote",
            parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
            responses: { "200": { description: "A note", content: { "application/json": { schema: { $ref: "schemas.yaml#/Note" } } } } },
          },
        },
      },
    };
    const note = (status: string[]) => ({ Note: { type: "object", required: ["id"], properties: { id: { type: "string" }, status: { type: "string", enum: status } } } });
    repo.write("vendor/openapi.yaml", stringify(vendor));
    repo.write("vendor/schemas.yaml", stringify(note(["draft", "final"])));
    repo.write("vendor/package.json", JSON.stringify({ name: "vendor-contract", version: "0.1.0" }));
    const fresh = repo.gate("--spec", "vendor/openapi.yaml");
    expect(fresh.out).toContain("vendor/openapi.yaml did not exist at HEAD: a new contract, nothing it can break.");
    expect(fresh.code).toBe(0);

    repo.commit("vendor contract");
    repo.git("tag", "v0.1.0");
    repo.write("vendor/schemas.yaml", stringify(note(["draft", "final", "archived"])));
    const broken = repo.gate("--spec", "vendor/openapi.yaml");
    // A split spec is bundled first: the pointer is into the bundle, where Note became a component.
    expect(broken.out).toContain("BREAKING   GET /v1/notes/{id}  response 200: Enum of `status` gained values: 'archived'.  #/components/schemas/Note/properties/status/enum");
    expect(broken.code).toBe(1);
    // The version compared is the vendor's package.json, not the root one (still 0.1.0).
    repo.write("vendor/package.json", JSON.stringify({ name: "vendor-contract", version: "0.2.0" }));
    repo.write("vendor/openapi.yaml", stringify({ ...vendor, info: { ...vendor.info, version: "0.2.0" } }));
    const bumped = repo.gate("--spec", "vendor/openapi.yaml");
    expect(bumped.out).toContain("breaking changes allowed: package.json version 0.1.0 -> 0.2.0, info.version 0.1.0 -> 0.2.0");
    expect(bumped.code).toBe(0);
    // The root contract is untouched by the vendor's change.
    expect(repo.gate().code).toBe(0);
  });

  it("versions a contract in a folder without its own package.json by the nearest one above", () => {
    const repo = repository();
    const second = structuredClone(original);
    repo.write("second/openapi.yaml", stringify(second));
    repo.commit("second contract");
    repo.git("tag", "v0.1.0");
    addGuestRole(second);
    second.info.version = "0.2.0";
    repo.write("second/openapi.yaml", stringify(second));
    expect(repo.gate("--spec", "second/openapi.yaml").code).toBe(1);
    repo.write("package.json", JSON.stringify({ name: "contract-under-test", version: "0.2.0" }));
    const bumped = repo.gate("--spec", "second/openapi.yaml");
    expect(bumped.out).toContain("breaking changes allowed: package.json version 0.1.0 -> 0.2.0, info.version 0.1.0 -> 0.2.0");
    expect(bumped.code).toBe(0);
  });

  it("exits 2 with a clear message on an unknown ref, a missing spec or no git repository", () => {
    const repo = repository();
    const unknown = repo.gate("--base", "v9.9.9");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("--base v9.9.9: no such commit, tag or branch");
    const option = repo.gate("--base", "--spec");
    expect(option.code).toBe(2);
    const missing = repo.gate("--spec", "nope.yaml");
    expect(missing.err).toContain("--spec nope.yaml: no such file");
    expect(missing.code).toBe(2);
    const outside = mkdtempSync(path.join(scratch, "no-git-"));
    writeFileSync(path.join(outside, "openapi.yaml"), stringify(original));
    writeFileSync(path.join(outside, "package.json"), "{}");
    const result = spawnSync(...scriptCommand("check-breaking.ts"), { cwd: outside, encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("is not inside a git repository");
  });
});

describe("npm run changelog", () => {
  it("drafts the next entry from the same comparison: breaking first, each naming its METHOD /path", () => {
    const repo = repository();
    repo.git("tag", "v0.1.0");
    repo.contract((spec) => {
      addGuestRole(spec);
      addOptionalField(spec);
    });
    const { code, out } = repo.changelog();
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines[0]).toBe("## 0.2.0"); // package.json has not moved: the version these changes need
    expect(out.indexOf("### Breaking")).toBeLessThan(out.indexOf("### Compatible"));
    expect(out).toContain(`- \`GET ${USERS}\`, \`GET ${USER}\`, \`PUT ${USER}/roles\`: response 200: Enum gained values: 'guest'. (\`#/components/schemas/AccessRole/enum\`)`);
    expect(out).toContain(`- \`GET ${USER}\`: response 200: schema added (\`#/components/schemas/User/properties/nickname\`)`);

    // With package.json moved on, its version heads the entry; --write puts it above the newest.
    repo.contract((spec) => {
      addGuestRole(spec);
      addOptionalField(spec);
    }, { pkg: "0.3.0", info: "0.3.0" });
    expect(repo.changelog("--write").code).toBe(0);
    const changelog = readFileSync(path.join(repo.dir, "CHANGELOG.md"), "utf8");
    expect(changelog.indexOf("## 0.3.0")).toBeGreaterThan(0);
    expect(changelog.indexOf("## 0.3.0")).toBeLessThan(changelog.indexOf("## 0.1.0"));
    const again = repo.changelog("--write");
    expect(again.code).toBe(2);
    expect(again.err).toContain("CHANGELOG.md already has an entry for 0.3.0");
  });
});

describe("versions", () => {
  it("a breaking bump is a new major version, or before 1.0.0 a new minor one", () => {
    expect(isBreakingBump("0.1.0", "0.2.0")).toBe(true);
    expect(isBreakingBump("0.1.0", "1.0.0")).toBe(true);
    expect(isBreakingBump("0.1.0", "0.1.1")).toBe(false);
    expect(isBreakingBump("1.2.0", "1.3.0")).toBe(false);
    expect(isBreakingBump("1.2.0", "2.0.0")).toBe(true);
    expect(isBreakingBump("2.0.0", "1.9.0")).toBe(false);
    expect(() => isBreakingBump("0.1", "0.2.0")).toThrow(/the base version is not a semantic version: "0.1"/);
  });

  it("nextVersion picks the smallest release these changes need", () => {
    const change = { breaking: false, impact: "patch" } as Parameters<typeof nextVersion>[1][number];
    expect(nextVersion("0.1.0", [{ ...change, breaking: true, impact: "major" }])).toBe("0.2.0");
    expect(nextVersion("1.4.2", [{ ...change, breaking: true, impact: "major" }])).toBe("2.0.0");
    expect(nextVersion("1.4.2", [{ ...change, impact: "minor" }])).toBe("1.5.0");
    expect(nextVersion("1.4.2", [change])).toBe("1.4.3");
  });
});
