// The versions agree: package.json, info.version in openapi.yaml (and the bundled JSON, which
// the docs title shows), the newest CHANGELOG.md entry, and the VERSION sent in the User-Agent.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { VERSION } from "../../src/version.js";

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), "utf8");
const version = JSON.parse(read("package.json")).version as string;

describe("versions agree", () => {
  it("VERSION equals package.json's version", () => {
    expect(VERSION).toBe(version);
  });

  it("info.version in openapi.yaml and generated/openapi.json equal package.json's", () => {
    expect(parse(read("openapi.yaml")).info.version).toBe(version);
    expect(JSON.parse(read("generated/openapi.json")).info.version).toBe(version);
  });

  it("the newest CHANGELOG.md entry is package.json's version", () => {
    const heading = read("CHANGELOG.md").split("\n").find((line) => /^## /.test(line) && !/^## Unreleased/i.test(line));
    expect(heading?.split(" ")[1]).toBe(version);
  });
});
