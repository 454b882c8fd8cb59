/**
 * The lower-case words of an identifier: camelCase, PascalCase, snake_case, kebab-case, digits and
 * acronyms split apart (`parseHTTPResponse_v2` → parse, http, response, v2).
 */
export function splitIdentifier(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}
