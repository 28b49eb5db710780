// verify's human report against a server whose text holds terminal control sequences: they
// are shown escaped, so that no server can overwrite a ✗ line with a forged ✓. On a real socket.
import { afterEach, describe, expect, it } from "vitest";
import { closeAllServers, startServer } from "contract-kit/test-support";
import { formatReport } from "contract-kit/verify";
import { verify } from "../../src/verify/verify.js";

afterEach(closeAllServers);

// Up a line, erase it, a forged pass; a carriage return; a C1 CSI; a right-to-left override.
const FORGED = "\u001b[1A\u001b[2K✓ read a user: getUser → 200\r✓ all good\u009b2K\u202egnissap";

describe("control characters from a server", () => {
  it("are escaped in every line of the human report, wherever the server put them", async () => {
    const server = await startServer((request, response) => {
      const body = JSON.stringify({
        success: false,
        statusCode: 500,
        error: { type: `https://parchment.health/errors/${FORGED}`, title: FORGED, detail: FORGED },
        timestamp: "2024-01-15T10:30:00.000Z",
        requestId: `req_${FORGED}_${request.url}`,
      });
      response.writeHead(500, { "content-type": "application/json", location: FORGED.replace(/[^\x20-\x7e]/g, "") }).end(body);
    });
    const report = await verify({ baseUrl: server.url, organizationId: "3f6c1b2a-8d4e-4f5a-9b7c-1d2e3f4a5b6c", organizationSecret: "os_org_secret_000000", token: "tok_terminal_0000000", userId: FORGED });
    const text = formatReport(report);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain("\\u001b[1A\\u001b[2K");
    expect(text).toContain("\\u202e");
    // Each check is still one line of its own: nothing the server sent starts a line.
    for (const line of text.split("\n").slice(1, -1)) expect(line).toMatch(/^([✓✗-] |    )/);
    // The forged user id cannot be a header: the token checks, which send it as x-user-id, are skipped, not crashed.
    expect(report.checks.filter((check) => check.operationId === "createToken").map((check) => [check.outcome, check.note])).toEqual([
      ["skipped", expect.stringContaining("cannot be sent in the x-user-id header")],
      ["skipped", expect.stringContaining("cannot be sent in the x-user-id header")],
    ]);
    // The JSON report keeps the server's text as data, escaped by JSON itself.
    expect(JSON.parse(JSON.stringify(report)).checks.some((check: { problem?: string }) => check.problem?.includes("\u001b"))).toBe(true);
  });
});
