// npm links the `node` bin of a Node package (the pinned Node 22 and 24 of test/runtimes, when
// they were root dependencies) into node_modules/.bin, which npm puts first on PATH for every
// script: `npm test` would then run on that Node instead of the one you installed with. They
// are installed into a cache of their own now (test/package/pinned-nodes.ts); this removes a
// link an older install left. The consumer test fails if one is there. Concerns the repository, not a
// contract: it takes no --contract.
import { lstatSync, readlinkSync, rmSync } from "node:fs";
import path from "node:path";
import { isMain, repoRoot } from "./contracts.js";

export const shadowingNode = path.join(repoRoot, "node_modules", ".bin", "node");

/** Where node_modules/.bin/node points, when it is there. */
export function shadowTarget(): string | undefined {
  try {
    return lstatSync(shadowingNode).isSymbolicLink() ? readlinkSync(shadowingNode) : shadowingNode;
  } catch {
    return undefined;
  }
}

if (isMain(import.meta.url)) {
  const target = shadowTarget();
  // Only the link into one of the pinned runtimes goes; anything else is left to its owner.
  if (target && /^\.\.\/node-\d+\/bin\/node$/.test(target)) {
    rmSync(shadowingNode);
    console.log(`removed node_modules/.bin/node (-> ${target}), so npm scripts run on your own Node`);
  }
}
