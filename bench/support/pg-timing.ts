import { performance } from 'node:perf_hooks';
import pg from 'pg';

/** Time spent in PostgreSQL: every pg client's query, from the call to its answer. */
export interface PgTiming {
  ms: number;
  /** When set, the text of every statement sent. */
  capture?: string[];
  /** When set, count and time per kind of statement. */
  tally?: Map<string, { n: number; ms: number }>;
}

/** A client whose statements are not the app's (an activity sampler): not timed. */
export const EXEMPT_FROM_TIMING = Symbol('bench-exempt');

export function exemptFromTiming(client: pg.Client): void {
  (client as unknown as { [EXEMPT_FROM_TIMING]: boolean })[EXEMPT_FROM_TIMING] = true;
}

const statementText = (first: unknown) =>
  (typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '?')).replace(/\s+/g, ' ').trim();

/**
 * Wraps every pg client's query to add its time to `timing` (and, when asked, its text and a
 * tally by `kindOf(text)`); returns the function that takes the wrapper off.
 */
export function timePgQueries(timing: PgTiming, kindOf: (text: string) => string, captureWidth = 120): () => void {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    if ((this as { [EXEMPT_FROM_TIMING]?: boolean })[EXEMPT_FROM_TIMING]) return original.apply(this, args);
    const t0 = performance.now();
    const text = timing.capture || timing.tally ? statementText(args[0]) : '';
    if (timing.capture) timing.capture.push(text.slice(0, captureWidth));
    const tally = timing.tally;
    const done = () => {
      const ms = performance.now() - t0;
      timing.ms += ms;
      if (tally) {
        const kind = kindOf(text);
        const entry = tally.get(kind) ?? { n: 0, ms: 0 };
        entry.n += 1;
        entry.ms += ms;
        tally.set(kind, entry);
      }
    };
    // pg-pool's query (PrismaPg outside transactions) passes a callback; checked-out clients get a promise.
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (...results: unknown[]) => {
        done();
        return (callback as (...r: unknown[]) => unknown)(...results);
      };
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(done, done);
    return result;
  };
  return () => {
    proto.query = original;
  };
}
