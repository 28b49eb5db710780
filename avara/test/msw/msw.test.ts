// avara-autoscribe-contract/msw in Node: MSW's setupServer with the reference handler's
// handlers, the real client on its default base URL, and overrides checked against the spec.
import { listenWithMocks } from "contract-kit/test-support/msw";
import { describe, expect, it } from "vitest";
import { AvaraApiError, createAvaraClient } from "../../src/index.js";
import { createAvaraHandlers } from "../../src/msw.js";
import { failure } from "../client/support.js";

const mock = createAvaraHandlers();
const server = listenWithMocks(mock);

const client = () => createAvaraClient({ apiKey: mock.apiKey, retry: false });

describe("createAvaraHandlers with setupServer", () => {
  it("answers both operations on Avara's URL, statefully, and reset() restores the seed", async () => {
    const before = await client().users.get(mock.userId);
    const after = await client().users.update(mock.userId, { firstName: "Ada" });
    expect(after.firstName).toBe("Ada");
    expect(mock.readUser(mock.userId)?.firstName).toBe("Ada");
    mock.reset();
    expect((await client().users.get(mock.userId)).firstName).toBe(before.firstName);
  });

  it("refuses a wrong API key and answers an injected fault", async () => {
    const error = await failure(createAvaraClient({ apiKey: "sk_live_wrong", retry: false }).users.get(mock.userId));
    expect(error).toBeInstanceOf(AvaraApiError);
    expect(error.status).toBe(401);
    mock.failNext({ status: 500 });
    expect((await failure(client().users.get(mock.userId))).status).toBe(500);
  });

  it("overrides one answer, and refuses an override that breaks the contract with its pointer", async () => {
    const user = mock.readUser(mock.userId)!;
    server.use(mock.override("getUser", 200, { ...user, firstName: "Override" }));
    expect((await client().users.get(mock.userId)).firstName).toBe("Override");
    expect(() => mock.override("getUser", 200, { ...user, email: "nope" })).toThrow(/^override getUser 200: the body does not match the contract: \/email must match format "email"/);
  });
});
