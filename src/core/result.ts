/** Expected business failures are values with a stable code; bugs and outages throw. */
export type Ok<T> = { ok: true; value: T };
export type Fail<C extends string> = { ok: false; code: C; details?: Record<string, string> };
export type Result<T, C extends string> = Ok<T> | Fail<C>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const fail = <C extends string>(code: C, details?: Record<string, string>): Fail<C> =>
  details ? { ok: false, code, details } : { ok: false, code };
