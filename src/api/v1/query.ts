import type { Context } from 'hono';
import { z } from 'zod';

/**
 * `?page=&limit=` of the paged /api/v1 lists: whole numbers, page from 1, limit 1..50 (the core's
 * largest page). Absent means the first page of 20.
 */
export const pageQuery = {
  page: wholeNumber(1, 1_000_000).default(1),
  limit: wholeNumber(1, 50).default(20),
};

/** A query parameter that is a whole number from `min` to `max`, written in plain digits. */
export function wholeNumber(min: number, max: number) {
  return z
    .string()
    .regex(/^[0-9]{1,15}$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `expected ${min} or more`).max(max, `expected at most ${max}`));
}

/**
 * The query string checked against `schema` (an object of string parameters), or a 400 that names
 * every bad parameter: `{error: "bad_request", message: "Bad query parameters: limit, colour.",
 * fields: {limit: "expected at most 50", colour: "not a parameter of this endpoint"}}`. Unknown
 * parameters (with a strict schema) and repeated ones are bad too, so a misspelt `limt` or a second
 * `page` is never silently ignored.
 */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): { ok: true; value: z.output<S> } | { ok: false; response: Response } {
  const raw: Record<string, string> = {};
  const fields: Record<string, string> = {};
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (values.length > 1) fields[name] = 'given more than once';
    else raw[name] = values[0]!;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success && Object.keys(fields).length === 0) return { ok: true, value: parsed.data };
  for (const issue of parsed.error?.issues ?? []) {
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
