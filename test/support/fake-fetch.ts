// An injected fetch for client tests: answers from a handler and records every request.
export type Handler = (request: Request, call: number) => Response | Promise<Response>;

export interface FakeFetch {
  (input: Request, init?: RequestInit): Promise<Response>;
  requests: Request[];
  bodies: unknown[];
}

export function fakeFetch(handler: Handler): FakeFetch {
  const requests: Request[] = [];
  const bodies: unknown[] = [];
  const fake = (async (input: Request) => {
    requests.push(input);
    const text = input.body ? await input.clone().text() : "";
    bodies.push(text ? JSON.parse(text) : undefined);
    // Like fetch, reject as soon as the request's signal aborts.
    return new Promise<Response>((resolve, reject) => {
      if (input.signal.aborted) return reject(input.signal.reason);
      input.signal.addEventListener("abort", () => reject(input.signal.reason), { once: true });
      Promise.resolve()
        .then(() => handler(input, requests.length))
        .then(resolve, reject);
    });
  }) as FakeFetch;
  fake.requests = requests;
  fake.bodies = bodies;
  return fake;
}

export const REQUEST_ID = "req_1705312200000_abc123";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export function success(data: unknown, requestId = REQUEST_ID): Response {
  return json(200, { success: true, statusCode: 200, message: "OK", data, timestamp: "2024-01-15T10:30:00.000Z", requestId });
}

export function problem(
  status: number,
  error: { type?: string; title?: string; detail?: string; validation?: unknown[] } = {},
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return json(
    status,
    {
      success: false,
      statusCode: status,
      error: { type: "https://parchment.health/errors/bad-request", title: "Bad Request", detail: "Something was wrong", ...error },
      timestamp: "2024-01-15T10:30:00.000Z",
      requestId: `req_error_${status}`,
      ...extra,
    },
    headers,
  );
}

export const ORG = "3f6c1b2a-8d4e-4f5a-9b7c-1d2e3f4a5b6c";
export const ORG_SECRET = "os_test_organisation_secret_value";
export const TOKEN = "eyJ.test-bearer-token.sig";
export const BASE = "https://parchment.test/external";

export const userFixture = {
  user_id: "usr_abc123def456",
  email: "darlene.cameron@example.com",
  full_name: "Dr Darlene Cameron",
  access_roles: ["admin", "provider"],
  details: { given_name: "Darlene", family_name: "Cameron", title: "Dr", date_of_birth: "1969-10-02T00:00:00.000Z", sex: "F" },
};
