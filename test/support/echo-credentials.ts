// A server that writes back whatever credentials verify sent it, everywhere it can: in a
// Content-Type and the body after it, a redirect's Location, a problem's title and detail, a
// violating field value longer than any cut, a requestId and an email. Shared by verify's
// library test (test/verify/hostile.test.ts) and its command line's (test/cli/).
import { jsonAnswer, type RawExchange } from "./broken-servers.js";

/** Long, with a quote and a backslash: printed JSON-escaped, they used to escape the scrubber. */
export const ECHOED_TOKEN = `tok_${"Zq9x".repeat(6)}"quoted\\slashed_${"Lm4w".repeat(8)}`;
export const ECHOED_ORGANIZATION_SECRET = `os_${"Pk7v".repeat(6)}\\back"and"forth_${"Rt2y".repeat(8)}`;

const isList = (url: URL) => url.pathname.endsWith("/users");

export function echoCredentials(exchange: RawExchange) {
  const sentToken = String(exchange.request.headers.authorization ?? "").replace(/^Bearer /, "");
  const sentSecret = String(exchange.request.headers["x-organization-secret"] ?? "");
  const both = `${sentToken}${sentSecret}`;
  const url = exchange.url.pathname;
  if (isList(exchange.url) && sentSecret) {
    // In a Content-Type, and in the body shown after it.
    return exchange.send(new Response(`users for ${both}`, { status: 200, headers: { "content-type": `text/plain; echo=${sentSecret}` } }));
  }
  if (isList(exchange.url)) {
    // In a redirect's Location, URL-encoded.
    exchange.response.writeHead(302, { location: `http://127.0.0.1:1/collect?t=${encodeURIComponent(sentToken)}&s=${encodeURIComponent(sentSecret)}` });
    return exchange.response.end();
  }
  if (url.endsWith("verify_unknown")) {
    // In a problem's title and detail.
    return exchange.send(jsonAnswer(401, { error: { type: "https://parchment.health/errors/invalid-token", title: sentSecret, detail: `token ${sentToken} and secret ${sentSecret} refused` } }));
  }
  // In a violating field value longer than any cut, a requestId and an email.
  const user = { user_id: url.split("/").at(-1), email: sentSecret, full_name: both.repeat(4), access_roles: [sentToken], details: { given_name: "A", family_name: "B", title: null, date_of_birth: null, sex: null } };
  return exchange.send(jsonAnswer(200, { message: sentToken, requestId: sentSecret, data: user }));
}
