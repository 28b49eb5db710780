// avara-autoscribe-contract/msw from the packed tarball, with msw alone, in Node and in Chromium (contract-kit's msw-consumer support).
import path from "node:path";
import { repoRoot } from "contract-pipeline/tools";
import { mswConsumerSuite } from "contract-kit/test-support/msw-consumer";

const folder = path.join(repoRoot, "avara");
mswConsumerSuite({ repoRoot, packageDir: folder, packageName: "avara-autoscribe-contract", readme: path.join(folder, "README.md") });
