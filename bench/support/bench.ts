/** A benchmark `npm run bench` can run by name. */
export interface Bench {
  name: string;
  description: string;
  /** Run only when named on the command line, not as part of `npm run bench`. */
  explicitOnly?: boolean;
  /** Runs the bench, prints its report; false when a correctness check failed. */
  run(): Promise<boolean>;
}
