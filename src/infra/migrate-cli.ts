// `npm run migrate`: applies pending migrations to DATABASE_URL, or to PGlite under DATA_DIR.
import { configFromEnvironment } from './config.js';
import { openDatabase } from './database.js';
import { createLogger } from './logger.js';

const config = configFromEnvironment();
const logger = createLogger({ level: config.logLevel });
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, logger });
logger.info(db.kind === 'postgres' ? 'PostgreSQL is up to date' : `PGlite in ${config.dataDir} is up to date`);
await db.close();
