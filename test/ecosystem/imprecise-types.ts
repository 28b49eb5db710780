// Finds every place where a generated type has lost its precision: a field (at any depth,
// through unions, intersections, arrays and index signatures) whose type is `unknown` or
// `any`. Read with the TypeScript compiler itself, so what is reported is what a consumer's
// editor shows, not what a regular expression guesses from the text.
import ts from "typescript";

export interface ImpreciseField {
  /** Where, as `Schema.field.nested[]`. */
  path: string;
  type: "unknown" | "any";
}

const ANY_OR_UNKNOWN = ts.TypeFlags.Any | ts.TypeFlags.Unknown;

/**
 * Walks each member of `container` (a type or interface exported by `file`, such as
 * openapi-typescript's `components`, then its `schemas`) and reports every field typed
 * `unknown` or `any`.
 */
export function impreciseFields(file: string, container: string[], options: ts.CompilerOptions = {}): ImpreciseField[] {
  const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, ...options });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`cannot read ${file}`);
  const [root, ...members] = container;
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const symbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((candidate) => candidate.name === root);
  if (!symbol) throw new Error(`${file} exports no type ${root}`);
  let type = checker.getDeclaredTypeOfSymbol(symbol);
  for (const member of members) {
    const property = type.getProperty(member);
    if (!property) throw new Error(`${root} has no member ${member}`);
    type = checker.getTypeOfSymbol(property);
  }

  const found: ImpreciseField[] = [];
  const visiting = new Set<ts.Type>();
  const visit = (current: ts.Type, path: string): void => {
    if (current.flags & ANY_OR_UNKNOWN) {
      found.push({ path, type: current.flags & ts.TypeFlags.Any ? "any" : "unknown" });
      return;
    }
    if (visiting.has(current)) return;
    visiting.add(current);
    if (current.isUnionOrIntersection()) {
      for (const part of current.types) visit(part, path);
    } else if (checker.isArrayType(current) || checker.isTupleType(current)) {
      for (const element of checker.getTypeArguments(current as ts.TypeReference)) visit(element, `${path}[]`);
    } else if (current.flags & ts.TypeFlags.Object) {
      for (const property of checker.getPropertiesOfType(current)) visit(checker.getTypeOfSymbol(property), `${path}.${property.name}`);
      for (const index of checker.getIndexInfosOfType(current)) visit(index.type, `${path}[${checker.typeToString(index.keyType)}]`);
    }
    visiting.delete(current);
  };
  for (const property of checker.getPropertiesOfType(type)) visit(checker.getTypeOfSymbol(property), property.name);
  return found;
}
