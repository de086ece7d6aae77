import "server-only";
import { z } from "zod";

// zod → JSON Schema for the OpenAPI description (zod's own z.toJSONSchema). Responses are described
// as the routes send them (io "output"), request bodies and parameters as callers send them (io
// "input": a field with a default or a coercion is described by what it accepts).

export type JsonSchema = { [key: string]: unknown; properties?: Record<string, JsonSchema>; required?: string[]; description?: string };
export type Parameter = { name: string; in: "query" | "path"; required: boolean; description?: string; schema: JsonSchema };

// Named schemas, referring to each other as #/components/schemas/<name>.
export function componentSchemas(named: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema as JsonSchema]));
}

// The fields of an object schema as query or path parameters.
export function parameters(schema: z.ZodObject, where: "query" | "path"): Parameter[] {
  const json = z.toJSONSchema(schema, { io: "input" }) as JsonSchema;
  return Object.entries(json.properties ?? {}).map(([name, { description, ...s }]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    ...(description && { description }),
    schema: s,
  }));
}

// Query parameters that depend on a path parameter's value (the CSV lists' filters): one entry per
// name, saying which values read it; a name read differently by two values gets both schemas.
export function parametersByValue(common: z.ZodObject, byValue: Record<string, z.ZodObject>): Parameter[] {
  const byName = new Map<string, { value: string; param: Parameter }[]>();
  for (const [value, schema] of Object.entries(byValue)) {
    for (const param of parameters(schema, "query")) byName.set(param.name, [...(byName.get(param.name) ?? []), { value, param }]);
  }
  const merged = [...byName].map(([name, uses]): Parameter => {
    const bySchema = new Map<string, typeof uses>();
    for (const u of uses) bySchema.set(JSON.stringify(u.param.schema), [...(bySchema.get(JSON.stringify(u.param.schema)) ?? []), u]);
    const descriptions = new Set(uses.flatMap((u) => (u.param.description ? [u.param.description] : [])));
    return {
      name,
      in: "query",
      required: false,
      description: [`Only for ${uses.map((u) => u.value).join(", ")}.`, ...descriptions].join(" "),
      schema:
        bySchema.size === 1
          ? uses[0].param.schema
          : { anyOf: [...bySchema.values()].map((us) => ({ title: us.map((u) => u.value).join(", "), ...us[0].param.schema })) },
    };
  });
  return [...parameters(common, "query"), ...merged];
}
