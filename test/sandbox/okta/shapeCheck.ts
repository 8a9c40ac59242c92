// Checks a request body against the fields an operation accepts (nested objects, enums, strings,
// booleans) and words each problem as Okta's validation errors do: "field: what is wrong". Absent and
// null fields are fine: Okta's updates here are partial. A guess: Okta refuses unknown fields.

export type Shape = string[] | 'string' | 'boolean' | { [field: string]: Shape };

export function checkShape(value: unknown, shape: Shape, path = ''): string[] {
  if (value === null || value === undefined) return [];
  if (shape === 'string' || shape === 'boolean') return typeof value === shape ? [] : [`${path}: The value must be a ${shape}.`];
  if (Array.isArray(shape)) {
    return typeof value === 'string' && shape.includes(value) ? [] : [`${path}: The value must be one of ${shape.join(', ')}.`];
  }
  if (typeof value !== 'object' || Array.isArray(value)) return [`${path || 'body'}: The value must be an object.`];
  return Object.entries(value).flatMap(([key, field]) => {
    const name = path ? `${path}.${key}` : key;
    return key in shape ? checkShape(field, shape[key], name) : [`${name}: The property is not supported.`];
  });
}
