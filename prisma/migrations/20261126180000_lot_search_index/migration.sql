-- The lots' text search matches each word against both descriptions at once, through ONE trigram
-- index on their concatenation. With one index per column (`short ILIKE w OR long ILIKE w`) the
-- planner chose between a BitmapOr of the two and a sequential scan, and at 100,000 lots often the
-- scan. The query (src/core/market/list-lots.ts, lotSearchConditions) must use this exact
-- expression. schema.prisma cannot describe an expression index: the schema-drift test allow-lists
-- it by name. (A generated column would show in the Prisma client as a writable field.)
DROP INDEX "lots_short_description_idx";
DROP INDEX "lots_description_idx";
CREATE INDEX "lots_search_idx" ON "lots" USING GIN (("short_description" || ' ' || "description") gin_trgm_ops);
