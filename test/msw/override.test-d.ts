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
// The new operations: createUser's 201, 202 (data optional) and 409 bodies; disable/enable answer { user_id }.
mock.override("createUser", 201, { ...envelope, statusCode: 201, data: { user_id: "usr_def456ghi789" } });
mock.override("createUser", 201, { ...envelope, statusCode: 201, data: { parchment_user_id: "usr_def456ghi789", external_user_id: "P#1", url: "https://app.parchment.health/dashboard/users/usr_def456ghi789" } });
mock.override("createUser", 202, { ...envelope, statusCode: 202 });
mock.override("createUser", 409, { success: false, statusCode: 409, code: "USER_ALREADY_EXISTS", error: { type: "about:blank", title: "Conflict", detail: "User with this email already exists" }, timestamp: envelope.timestamp, requestId: envelope.requestId });
mock.override("disableUser", 200, { ...envelope, data: { user_id: user.user_id } });
mock.override("enableUser", 200, { ...envelope, data: { user_id: user.user_id } });
// @ts-expect-error create's 201 needs data
mock.override("createUser", 201, { ...envelope, statusCode: 201 });
// @ts-expect-error enable documents no 409
mock.override("enableUser", 409, { ...envelope, data: { user_id: user.user_id } });
// @ts-expect-error disable answers { user_id }, not a whole user without it
mock.override("disableUser", 200, { ...envelope, data: { email: user.email } });
