import type { Context } from 'hono';
import type { z } from 'zod';

/** The query string checked against `schema`, or a 400 that names every bad parameter. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): { ok: true; value: z.output<S> } | { ok: false; response: Response } {
  const parsed = schema.safeParse(c.req.query());
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    // An unknown parameter is reported under its own name.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.join('.') || 'query'];
    for (const key of keys) fields[key] ??= issue.code === 'unrecognized_keys' ? 'not a parameter of this endpoint' : issue.message;
  }
  const names = Object.keys(fields);
  return {
    ok: false,
    response: c.json({ error: 'bad_request', message: `Bad query parameter${names.length > 1 ? 's' : ''}: ${names.join(', ')}.`, fields }, 400),
  };
}
