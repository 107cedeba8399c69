import type { CoreDeps } from '../core/deps.js';
import type { Logger } from '../infra/logger.js';

/** What every handler finds on the context: `c.var.logger`, `c.var.core`. */
export interface ApiEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    core: CoreDeps;
  };
}
