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
 * The request's query string checked against `schema` (an object of string parameters; unknown
 * ones are refused too, so a misspelt `limt` is not silently ignored, and so is a repeated one): or a 400 naming every bad
 * parameter, `{error: "bad_request", message, reasons: ["limit: expected at most 50"]}`.
 */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): { ok: true; value: z.output<S> } | { ok: false; response: Response } {
  const raw: Record<string, string> = {};
  const repeated: string[] = [];
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (values.length > 1) repeated.push(`${name}: given more than once`);
    else raw[name] = values[0]!;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success && !repeated.length) return { ok: true, value: parsed.data };
  const reasons = [
    ...repeated,
    ...(parsed.error?.issues ?? []).flatMap((issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => `${key}: unknown parameter`) : [`${issue.path.join('.') || 'query'}: ${issue.message}`],
    ),
  ];
  return { ok: false, response: c.json({ error: 'bad_request', message: 'The query parameters are not valid.', reasons }, 400) };
}
