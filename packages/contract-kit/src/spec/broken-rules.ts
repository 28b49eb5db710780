// The rules of a schema that a value breaks, each named as the spec states it, from ajv's
// verbose errors: "$.full_name: minLength 1", "$.access_roles: uniqueItems", and a rule made of
// other rules (an if/then, a oneOf, a contains) as one, named by what the spec says of it (the
// titles of its `if` and `then`, else its description) rather than by the parts ajv reports
// inside it. Nothing here knows a contract: the rules are the document's own.
import { lookup, pointerKeys } from "./pointer.js";

/** A JSON pointer ("/data/access_roles/0") as a JSON path ("$.data.access_roles[0]"). */
export function jsonPath(pointer: string): string {
  return pointerKeys(pointer).reduce(
    (path, key) => (/^\d+$/.test(key) ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`),
    "$",
  );
}

/** Keywords whose error stands for errors ajv reports inside their subschemas. */
const COMPOSITE = new Set(["if", "oneOf", "anyOf", "contains"]);

type Schema = Record<string, unknown>;

/**
 * What brokenRules reads of an error of ajv's (its ErrorObject, from a validator with `verbose`
 * on): written out, so that no declaration the packages publish refers to ajv's own types.
 */
export interface RuleError {
  keyword: string;
  instancePath: string;
  params: Record<string, any>;
  schema?: unknown;
  parentSchema?: unknown;
}

/** Every schema object inside `roots` (following the document's $refs), by identity: what ajv names as an error's parentSchema. */
function schemasWithin(document: unknown, roots: unknown[]): Set<unknown> {
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    const ref = (node as Schema).$ref;
    if (typeof ref === "string" && ref.startsWith("#/")) visit(lookup(document, ref));
    for (const value of Object.values(node as Schema)) visit(value);
  };
  roots.forEach(visit);
  return seen;
}

const firstLine = (text: unknown) => (typeof text === "string" ? text.trim().split("\n")[0]!.replace(/\.$/, "") : undefined);

/** A leaf keyword with the parameter that says what it wants: "minLength 1", "const true", "uniqueItems". */
function keywordRule({ keyword, params }: RuleError): string {
  const wanted = params.limit ?? params.allowedValue ?? params.allowedValues ?? params.type ?? params.format ?? params.pattern ?? params.multipleOf;
  if (wanted === undefined) return keyword;
  return `${keyword} ${typeof wanted === "string" && keyword !== "const" ? wanted : JSON.stringify(wanted)}`;
}

/** The errors' rules, each named once, in order; ajv's errors must come from a verbose validator with every error listed. */
export function brokenRules(errors: readonly RuleError[], document: unknown): string[] {
  // The errors each composite rule stands for: those whose schema lies inside its subschemas.
  const inside = new Map<RuleError, Set<unknown>>();
  for (const error of errors) {
    if (!COMPOSITE.has(error.keyword) || !error.parentSchema) continue;
    const parent = error.parentSchema as Schema;
    inside.set(error, schemasWithin(document, error.keyword === "if" ? [parent.then, parent.else] : [error.schema]));
  }
  const within = (error: RuleError, outer: RuleError) => error !== outer && inside.get(outer)?.has(error.parentSchema) === true;
  const partsOf = (outer: RuleError) => errors.filter((error) => within(error, outer) && !errors.some((middle) => middle !== outer && within(middle, outer) && within(error, middle)));

  const rule = (error: RuleError): string => {
    const parent = error.parentSchema as Schema | undefined;
    switch (error.keyword) {
      case "if": {
        const [when, then] = [firstLine((parent?.if as Schema | undefined)?.title), firstLine((parent?.then as Schema | undefined)?.title)];
        return when && then ? `if ${when}, then ${then}` : (firstLine(parent?.description) ?? "if/then");
      }
      case "oneOf":
      case "anyOf": {
        const parts = partsOf(error).map(rule);
        return parts.length > 0 ? `${error.keyword} (${[...new Set(parts)].join(" or ")})` : error.keyword;
      }
      case "contains": {
        const parts = partsOf(error).map(rule);
        return parts.length > 0 ? `contains ${[...new Set(parts)].join(", ")}` : "contains";
      }
      default:
        return keywordRule(error);
    }
  };

  const rules: string[] = [];
  for (const error of errors) {
    if ([...inside.keys()].some((outer) => within(error, outer))) continue;
    const named = error.params.missingProperty ?? error.params.additionalProperty;
    const path = jsonPath(typeof named === "string" ? `${error.instancePath}/${named.replaceAll("~", "~0").replaceAll("/", "~1")}` : error.instancePath);
    const text = path === "$" ? rule(error) : `${path}: ${rule(error)}`;
    if (!rules.includes(text)) rules.push(text);
  }
  return rules;
}
