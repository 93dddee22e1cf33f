/**
 * Route paths in Fastify's pattern syntax (`/interaction/:uid/login`): the
 * server registers the pattern, the UIs fill it with `pathOf`, so both sides
 * name one string.
 */

/** The `:name` parameters of a path pattern. */
export type PathParams<Pattern extends string> = Pattern extends `${string}:${infer Name}/${infer Rest}` ? Name | PathParams<`/${Rest}`> : Pattern extends `${string}:${infer Name}` ? Name : never;

/** The pattern with each `:name` replaced by its value, URL-encoded. */
export function pathOf<Pattern extends string>(pattern: Pattern, params: Record<PathParams<Pattern>, string>): string {
  const values: Record<string, string> = params;
  return pattern.replace(/:([A-Za-z]+)/g, (_match, name: string) => encodeURIComponent(values[name] ?? ''));
}
