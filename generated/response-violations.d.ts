// Generated from openapi.yaml by scripts/generate.ts (ajv standalone code). Do not edit by hand.
import type { ResponseValidators } from "contract-kit/http";
/** Each operation's validators (each lists every violation), by method and path template, then by documented status. */
export declare const responseValidators: ResponseValidators;
