// Random ids and secrets for the reference servers, from Web Crypto rather than node:crypto:
// the same handler runs in a browser (the MSW service worker entry) as in Node.
const randomBytes = (count: number) => crypto.getRandomValues(new Uint8Array(count));

export const randomHex = (count: number): string => Array.from(randomBytes(count), (byte) => byte.toString(16).padStart(2, "0")).join("");

export const randomBase64url = (count: number): string => btoa(String.fromCharCode(...randomBytes(count))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
