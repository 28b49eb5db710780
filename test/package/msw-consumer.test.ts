// parchment-contract/msw from the packed tarball, with msw alone, in Node and in Chromium (contract-kit's msw-consumer support).
import path from "node:path";
import { repoRoot } from "contract-pipeline/tools";
import { mswConsumerSuite } from "contract-kit/test-support/msw-consumer";

mswConsumerSuite({ repoRoot, packageDir: repoRoot, packageName: "parchment-contract", readme: path.join(repoRoot, "README.md") });
