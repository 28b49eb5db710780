// Spectral function: the schema (after $refs are resolved) must list every property named
// in `functionOptions.properties` as required, either itself or in one of its allOf parts.
// Our success envelopes are `allOf: [SuccessEnvelope, {data}]`, so a plain `required`
// lookup would miss what the shared envelope requires.
function collectRequired(schema, into = new Set()) {
  if (!schema || typeof schema !== "object") return into;
  for (const name of schema.required ?? []) into.add(name);
  for (const part of schema.allOf ?? []) collectRequired(part, into);
  return into;
}

export default function requiredProperties(schema, options) {
  const required = collectRequired(schema);
  return (options?.properties ?? [])
    .filter((name) => !required.has(name))
    .map((name) => ({ message: `The response schema does not require \`${name}\`.` }));
}
