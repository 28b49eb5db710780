// A reference handler as a `fetch` on the vendor's real base URL, for any code that takes an
// injected fetch (ky's `fetch` option, a hand-written wrapper, plain fetch(url, init) calls):
// the whole fetch signature, the base URL's path taken off before the handler sees the request,
// and a request elsewhere refused as fetch refuses an unreachable host (a TypeError).
export type FetchFunction = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export function fetchAt(baseUrl: string, handle: (request: Request) => Promise<Response>): FetchFunction {
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, "");
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== base.origin || (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`))) {
      throw new TypeError(`fetch failed: ${url.origin}${url.pathname} is not under the reference handler's base URL ${base.origin}${basePath}`);
    }
    const target = new URL(`${url.pathname.slice(basePath.length)}${url.search}`, "http://reference.invalid");
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
    return handle(new Request(target, { method: request.method, headers: request.headers, body, signal: request.signal }));
  };
}
