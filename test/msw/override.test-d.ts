// The override's types (checked by tsc, npm run typecheck): the status is one the operation
// documents, and the body is the spec's type for that status (from generated/openapi.ts).
import { createParchmentHandlers } from "../../src/msw.js";

const mock = createParchmentHandlers();
const user = mock.readUser(mock.userId)!;
const envelope = { success: true as const, statusCode: 200, message: "OK", timestamp: "2024-01-15T10:30:00.000Z", requestId: "req_1" };

mock.override("getUser", 200, { ...envelope, data: user });
mock.override("getUser", 404, { ...envelope, success: false as never, error: { type: "about:blank", title: "Not Found", detail: "No such user" } } as never);
// @ts-expect-error getUser documents no 418
mock.override("getUser", 418, { ...envelope, data: user });
// @ts-expect-error no such operation
mock.override("deleteUser", 200, {});
// @ts-expect-error data must be a User, not a string
mock.override("getUser", 200, { ...envelope, data: "not a user" });
// @ts-expect-error the roles answer is { user_id, access_roles }, not a whole user without them
mock.override("updateUserRoles", 200, { ...envelope, data: { email: user.email } });
