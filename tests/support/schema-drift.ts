// Compares prisma/schema.prisma (read through Prisma's own parser, as DMMF) with the catalog of a
// migrated database and lists every disagreement. Driven entirely by the DMMF, so new models,
// fields, indexes, relations and enums are checked without touching this file.
//
// Compared: tables, columns (type with length/precision/scale, nullability, default), primary keys,
// unique and normal indexes (columns in order, sort order, method), foreign keys (columns,
// referenced table/columns, ON DELETE / ON UPDATE) and enums (values in order), both ways: what
// the schema describes must exist, and the database must hold nothing the schema does not describe
// (tables, enums, indexes, foreign keys), except the caller's allow-list of indexes.
// Not compared: CHECK constraints, triggers, constraint/index names that the schema does not map
// explicitly, and anything outside the `public` schema.

import { readFileSync } from 'node:fs';
import { get_dmmf } from '@prisma/prisma-schema-wasm';

export const SCHEMA_PATH = new URL('../../prisma/schema.prisma', import.meta.url);

/** The part of a Prisma client the checker needs: raw catalog queries. */
export interface CatalogReader {
  $queryRawUnsafe(query: string): Promise<unknown>;
}

export interface DriftOptions {
  /** Indexes that exist in the database on purpose although the schema cannot describe them. */
  allowedExtraIndexes?: readonly string[];
  /** Tables that exist in the database on purpose although they are not models. */
  allowedExtraTables?: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// DMMF (the subset used here, as produced by @prisma/prisma-schema-wasm 7.10)

type LiteralDefault = string | number | boolean | Array<string | number | boolean>;
type FunctionDefault = { name: string; args: Array<string | number> };
type DmmfDefault = LiteralDefault | FunctionDefault;

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: DmmfDefault;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

interface DmmfModel {
  name: string;
  dbName: string | null;
  schema: string | null;
  fields: DmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
  uniqueFields: string[][];
  uniqueIndexes: Array<{ name: string | null; fields: string[] }>;
}

interface DmmfEnum {
  name: string;
  dbName: string | null;
  values: Array<{ name: string; dbName: string | null }>;
}

interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  isDefinedOnField: boolean;
  name?: string;
  dbName?: string;
  algorithm?: string;
  fields: Array<{ name: string; sortOrder?: 'asc' | 'desc'; length?: number; operatorClass?: string }>;
}

interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: DmmfEnum[]; indexes?: DmmfIndex[] };
}

export function readSchema(): string {
  return readFileSync(SCHEMA_PATH, 'utf8');
}

export function parseSchema(schemaText: string): Dmmf {
  return JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schemaText }))) as Dmmf;
}

// ---------------------------------------------------------------------------------------------
// The database catalog

interface DbColumn {
  table: string;
  column: string;
  position: number;
  /** format_type(): `integer`, `numeric(5,2)[]`, `timestamp(3) with time zone`, `"Role"[]`... */
  type: string;
  is_array: boolean;
  /** The type (of the element, for arrays) by name, and its kind: `e` is an enum. */
  base_type: string;
  base_typtype: string;
  not_null: boolean;
  default: string | null;
  identity: string;
  generated: string;
}

interface DbIndex {
  table: string;
  name: string;
  is_unique: boolean;
  is_primary: boolean;
  is_partial: boolean;
  method: string;
  /** Key columns in order; null for an expression. */
  columns: Array<string | null>;
  /** Per key column: true when DESC. */
  descending: boolean[];
  definition: string;
}

interface DbConstraint {
  table: string;
  name: string;
  type: 'p' | 'f';
  columns: string[];
  ref_table: string | null;
  ref_columns: string[] | null;
  on_delete: string;
  on_update: string;
}

interface DbEnum {
  name: string;
  values: string[];
}

interface Catalog {
  tables: string[];
  columns: DbColumn[];
  indexes: DbIndex[];
  constraints: DbConstraint[];
  enums: DbEnum[];
}

/** Runs a query and returns its rows through JSON, so no driver adapter type mapping is involved. */
async function rows<T>(db: CatalogReader, sql: string): Promise<T[]> {
  const result = (await db.$queryRawUnsafe(
    `SELECT coalesce(json_agg(q), '[]'::json)::text AS j FROM (${sql}) q`,
  )) as Array<{ j: string }>;
  return JSON.parse(result[0]?.j ?? '[]') as T[];
}

export async function readCatalog(db: CatalogReader, schema = 'public'): Promise<Catalog> {
  const ns = `'${schema.replaceAll("'", "''")}'`;
  const tables = await rows<{ name: string }>(
    db,
    `SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = ${ns} AND c.relkind IN ('r', 'p')`,
  );
  const columns = await rows<DbColumn>(
    db,
    `SELECT c.relname::text AS table, a.attname::text AS column, a.attnum AS position,
            format_type(a.atttypid, a.atttypmod) AS type,
            t.typcategory = 'A' AS is_array,
            et.typname::text AS base_type, et.typtype::text AS base_typtype,
            a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default,
            a.attidentity::text AS identity, a.attgenerated::text AS generated
     FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_type t ON t.oid = a.atttypid
     JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = ${ns} AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY c.relname, a.attnum`,
  );
  const indexes = await rows<DbIndex>(
    db,
    `SELECT t.relname::text AS table, i.relname::text AS name, x.indisunique AS is_unique,
            x.indisprimary AS is_primary, x.indpred IS NOT NULL AS is_partial, am.amname::text AS method,
            ARRAY(SELECT a.attname::text FROM unnest((x.indkey::int2[])[0:x.indnkeyatts - 1]) WITH ORDINALITY k(attnum, ord)
                  LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum AND k.attnum <> 0
                  ORDER BY k.ord) AS columns,
            ARRAY(SELECT (o.opt & 1) = 1 FROM unnest((x.indoption::int2[])[0:x.indnkeyatts - 1]) WITH ORDINALITY o(opt, ord)
                  ORDER BY o.ord) AS descending,
            pg_get_indexdef(x.indexrelid) AS definition
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     JOIN pg_am am ON am.oid = i.relam
     WHERE n.nspname = ${ns} AND t.relkind IN ('r', 'p')
     ORDER BY t.relname, i.relname`,
  );
  const constraints = await rows<DbConstraint>(
    db,
    `SELECT t.relname::text AS table, con.conname::text AS name, con.contype::text AS type,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            rt.relname::text AS ref_table,
            CASE WHEN con.contype = 'f' THEN
              ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)
            END AS ref_columns,
            con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update
     FROM pg_constraint con
     JOIN pg_class t ON t.oid = con.conrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     LEFT JOIN pg_class rt ON rt.oid = con.confrelid
     WHERE n.nspname = ${ns} AND con.contype IN ('p', 'f')
     ORDER BY t.relname, con.conname`,
  );
  const enums = await rows<DbEnum>(
    db,
    `SELECT t.typname::text AS name,
            ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = ${ns} AND t.typtype = 'e'
     ORDER BY t.typname`,
  );
  return { tables: tables.map((t) => t.name), columns, indexes, constraints, enums };
}

// ---------------------------------------------------------------------------------------------
// Expected types

/** format_type() of Prisma's default PostgreSQL type for each scalar. */
const DEFAULT_TYPES: Record<string, string> = {
  String: 'text',
  Boolean: 'boolean',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

/** format_type() of each @db.X native type; args are the attribute's arguments. */
function nativeTypeName(name: string, args: string[]): string | undefined {
  const a = args.length ? `(${args.join(',')})` : '';
  const precision = (base: string, suffix: string) => (args.length ? `${base}(${args[0]}) ${suffix}` : `${base} ${suffix}`);
  switch (name) {
    case 'Text':
      return 'text';
    case 'VarChar':
      return `character varying${a}`;
    case 'Char':
      return `character${args.length ? a : '(1)'}`;
    case 'Uuid':
      return 'uuid';
    case 'Xml':
      return 'xml';
    case 'Inet':
      return 'inet';
    case 'Citext':
      return 'citext';
    case 'Bit':
      return `bit${args.length ? a : '(1)'}`;
    case 'VarBit':
      return `bit varying${a}`;
    case 'Boolean':
      return 'boolean';
    case 'Integer':
      return 'integer';
    case 'SmallInt':
      return 'smallint';
    case 'Oid':
      return 'oid';
    case 'BigInt':
      return 'bigint';
    case 'DoublePrecision':
      return 'double precision';
    case 'Real':
      return 'real';
    case 'Decimal':
      return `numeric${a}`;
    case 'Money':
      return 'money';
    case 'Timestamp':
      return precision('timestamp', 'without time zone');
    case 'Timestamptz':
      return precision('timestamp', 'with time zone');
    case 'Time':
      return precision('time', 'without time zone');
    case 'Timetz':
      return precision('time', 'with time zone');
    case 'Date':
      return 'date';
    case 'Json':
      return 'json';
    case 'JsonB':
      return 'jsonb';
    case 'ByteA':
      return 'bytea';
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Defaults

/** Prisma-side generators: the client fills these in, the database has no default. */
const CLIENT_GENERATED_DEFAULTS = new Set(['uuid', 'cuid', 'nanoid', 'ulid']);

/** Strips `::type` casts and wrapping parentheses from a default expression. */
function stripCasts(expr: string): string {
  let s = expr.trim();
  for (;;) {
    const next = s
      .replace(/::(?:"[^"]+"|[a-z_][a-z0-9_ ]*?)(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])*$/i, '')
      .replace(/^\((.*)\)$/s, '$1')
      .trim();
    if (next === s) return s;
    s = next;
  }
}

function unquote(s: string): string {
  const t = stripCasts(s);
  return t.startsWith("'") && t.endsWith("'") ? t.slice(1, -1).replaceAll("''", "'") : t;
}

/** Splits `a, 'b,c', d` at top-level commas. */
function splitList(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of s) {
    if (ch === "'") quoted = !quoted;
    else if (!quoted && (ch === '(' || ch === '[')) depth++;
    else if (!quoted && (ch === ')' || ch === ']')) depth--;
    if (ch === ',' && !quoted && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** A database default as a comparable literal: a string, or a list of strings for arrays. */
function dbLiteral(expr: string, isArray: boolean): string | string[] {
  const s = stripCasts(expr);
  const array = /^ARRAY\[(.*)\]$/is.exec(s);
  if (array) return splitList(array[1] ?? '').map(unquote);
  const text = unquote(s);
  if (isArray && s.startsWith("'") && text.startsWith('{') && text.endsWith('}') && !/^\{\s*"/.test(text)) {
    // '{A,B}' array literal of an array column (a JSON column's '{}' is an empty object)
    return splitList(text.slice(1, -1)).map((v) => v.replace(/^"(.*)"$/, '$1'));
  }
  return text;
}

function looselyEqual(expected: string, actual: string): boolean {
  if (expected === actual) return true;
  const e = Number(expected);
  const a = Number(actual);
  if (expected.trim() !== '' && actual.trim() !== '' && !Number.isNaN(e) && !Number.isNaN(a)) return e === a;
  try {
    return JSON.stringify(JSON.parse(expected)) === JSON.stringify(JSON.parse(actual));
  } catch {}
  const de = Date.parse(expected);
  const da = Date.parse(actual);
  if (!Number.isNaN(de) && !Number.isNaN(da) && /\d{4}-\d\d-\d\d/.test(expected)) return de === da;
  return false;
}

/** Checks a column's default against the field's @default; returns a problem or undefined. */
function compareDefault(field: DmmfField, column: DbColumn, enumValueDbName: (v: string) => string): string | undefined {
  const actual = column.default;
  const value = field.default;
  const fn = isFunctionDefault(value) ? value : undefined;

  // No DB default expected: no @default at all, or one the client computes (uuid(), cuid()...).
  if (value === undefined || (fn && CLIENT_GENERATED_DEFAULTS.has(fn.name))) {
    if (actual !== null) return `has DB default ${actual}, schema has ${fn ? `@default(${fn.name}())` : 'no @default'}`;
    if (column.identity) return 'is an identity column, schema has no @default(autoincrement())';
    return undefined;
  }
  if (fn) {
    if (fn.name === 'autoincrement') {
      if (column.identity || (actual && /^nextval\(/i.test(actual))) return undefined;
      return `default is ${actual ?? 'missing'}, schema has @default(autoincrement()) (expected nextval(...))`;
    }
    if (fn.name === 'now') {
      if (actual && /^(current_timestamp|now\(\))/i.test(stripCasts(actual))) return undefined;
      return `default is ${actual ?? 'missing'}, schema has @default(now()) (expected CURRENT_TIMESTAMP)`;
    }
    if (fn.name === 'dbgenerated') {
      // The database rewrites expressions; only require that there is one (or none, if no argument).
      if (fn.args.length === 0 || actual !== null) return undefined;
      return `default is missing, schema has @default(dbgenerated(${JSON.stringify(fn.args[0])}))`;
    }
    return `schema has @default(${fn.name}()), which this checker does not know; extend tests/support/schema-drift.ts`;
  }
  const literal = value as LiteralDefault;
  if (actual === null) return `default is missing, schema has @default(${JSON.stringify(literal)})`;

  const mapValue = (v: string | number | boolean) => (field.kind === 'enum' ? enumValueDbName(String(v)) : String(v));
  const got = dbLiteral(actual, column.is_array);
  if (Array.isArray(literal)) {
    const want = literal.map(mapValue);
    if (Array.isArray(got) && got.length === want.length && got.every((g, i) => looselyEqual(want[i] ?? '', g)))
      return undefined;
  } else if (!Array.isArray(got) && looselyEqual(mapValue(literal), got)) return undefined;
  return `default is ${actual}, schema has @default(${JSON.stringify(literal)})`;
}

function isFunctionDefault(value: DmmfDefault | undefined): value is FunctionDefault {
  return value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Foreign key actions

const FK_ACTIONS: Record<string, string> = { a: 'NoAction', r: 'Restrict', c: 'Cascade', n: 'SetNull', d: 'SetDefault' };

// ---------------------------------------------------------------------------------------------
// The comparison

const sameList = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);
const list = (cols: ReadonlyArray<string | null>) => `(${cols.map((c) => c ?? '<expression>').join(', ')})`;

/**
 * Every disagreement between the schema (as text) and the database, one readable line each.
 * An empty list means the migrations produce exactly what schema.prisma describes.
 */
export async function findSchemaDrift(
  db: CatalogReader,
  schemaText: string,
  options: DriftOptions = {},
): Promise<string[]> {
  const { datamodel } = parseSchema(schemaText);
  const catalog = await readCatalog(db);
  const problems: string[] = [];

  const enumsByName = new Map(datamodel.enums.map((e) => [e.name, e]));
  const enumDbName = (name: string) => enumsByName.get(name)?.dbName ?? name;
  const modelsByName = new Map(datamodel.models.map((m) => [m.name, m]));
  const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
  const columnOf = (m: DmmfModel, fieldName: string) => {
    const f = m.fields.find((x) => x.name === fieldName);
    return f ? (f.dbName ?? f.name) : `<unknown field ${m.name}.${fieldName}>`;
  };

  // --- Enums, both ways.
  const dbEnums = new Map(catalog.enums.map((e) => [e.name, e.values]));
  for (const e of datamodel.enums) {
    const name = e.dbName ?? e.name;
    const want = e.values.map((v) => v.dbName ?? v.name);
    const got = dbEnums.get(name);
    if (!got) problems.push(`enum "${name}": missing in the database`);
    else if (!sameList(want, got)) problems.push(`enum "${name}": values [${got.join(', ')}] in the database, schema has [${want.join(', ')}]`);
  }
  const schemaEnums = new Set(datamodel.enums.map((e) => e.dbName ?? e.name));
  for (const e of catalog.enums) {
    if (!schemaEnums.has(e.name)) problems.push(`enum "${e.name}": in the database but not in the schema`);
  }

  // --- Tables, both ways.
  const dbTables = new Set(catalog.tables);
  const allowedTables = new Set(['_prisma_migrations', ...(options.allowedExtraTables ?? [])]);
  for (const m of datamodel.models) {
    if (m.schema && m.schema !== 'public') problems.push(`model ${m.name}: schema "${m.schema}" is not checked; extend the checker`);
  }
  const modelTables = new Set(datamodel.models.map(tableOf));
  for (const t of catalog.tables) {
    if (!modelTables.has(t) && !allowedTables.has(t)) problems.push(`table ${t}: in the database but no model maps to it`);
  }

  // Indexes and foreign keys in the database that some part of the schema accounts for.
  const matchedIndexes = new Set<string>();
  const matchedForeignKeys = new Set<string>();

  for (const model of datamodel.models) {
    const table = tableOf(model);
    if (!dbTables.has(table)) {
      problems.push(`table ${table} (model ${model.name}): missing in the database`);
      continue;
    }
    const where = (what: string) => `${table}${what}`;

    // --- Columns: the same set, then type, nullability and default of each.
    const scalarFields = model.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum');
    const dbColumns = new Map(catalog.columns.filter((c) => c.table === table).map((c) => [c.column, c]));
    for (const field of scalarFields) {
      const name = field.dbName ?? field.name;
      const column = dbColumns.get(name);
      if (!column) {
        problems.push(`${where(`.${name}`)}: column missing in the database (field ${model.name}.${field.name})`);
        continue;
      }
      if (column.generated) problems.push(`${where(`.${name}`)}: is a generated column, the schema cannot describe that`);

      // Type.
      if (field.kind === 'enum') {
        const want = enumDbName(field.type);
        if (column.base_typtype !== 'e' || column.base_type !== want || column.is_array !== field.isList) {
          problems.push(`${where(`.${name}`)}: type ${column.type} in the database, schema has enum "${want}"${field.isList ? '[]' : ''}`);
        }
      } else {
        const base = field.nativeType ? nativeTypeName(field.nativeType[0], field.nativeType[1]) : DEFAULT_TYPES[field.type];
        if (!base) {
          const t = field.nativeType ? `@db.${field.nativeType[0]}` : field.type;
          problems.push(`${where(`.${name}`)}: type ${t} is not known to the checker; extend tests/support/schema-drift.ts`);
        } else {
          const want = `${base}${field.isList ? '[]' : ''}`;
          if (column.type !== want) problems.push(`${where(`.${name}`)}: type ${column.type} in the database, schema has ${want}`);
        }
      }

      // Nullability. Prisma creates scalar lists without NOT NULL, so a list may be either.
      if (!field.isList) {
        if (field.isRequired && !column.not_null) problems.push(`${where(`.${name}`)}: nullable in the database, required in the schema`);
        if (!field.isRequired && column.not_null) problems.push(`${where(`.${name}`)}: NOT NULL in the database, optional in the schema`);
      }

      // Default.
      const enumValue = (v: string) => enumsByName.get(field.type)?.values.find((x) => x.name === v)?.dbName ?? v;
      const problem = compareDefault(field, column, enumValue);
      if (problem) problems.push(`${where(`.${name}`)}: ${problem}`);
    }
    const fieldColumns = new Set(scalarFields.map((f) => f.dbName ?? f.name));
    for (const column of dbColumns.keys()) {
      if (!fieldColumns.has(column)) problems.push(`${where(`.${column}`)}: column in the database but no field maps to it`);
    }

    // --- Primary key.
    const pkFields = model.primaryKey?.fields ?? model.fields.filter((f) => f.isId).map((f) => f.name);
    const wantPk = pkFields.map((f) => columnOf(model, f));
    const dbPk = catalog.constraints.find((c) => c.table === table && c.type === 'p');
    if (!dbPk && wantPk.length) problems.push(`${table}: primary key ${list(wantPk)} missing in the database`);
    else if (dbPk && !sameList(dbPk.columns, wantPk)) {
      problems.push(`${table}: primary key ${list(dbPk.columns)} in the database, schema has ${wantPk.length ? list(wantPk) : 'none'}`);
    }
    if (dbPk) {
      const pkIndex = catalog.indexes.find((i) => i.table === table && i.is_primary);
      if (pkIndex) matchedIndexes.add(`${table}.${pkIndex.name}`);
    }

    // --- Unique and normal indexes: each one in the schema must exist with exactly its columns.
    const tableIndexes = catalog.indexes.filter((i) => i.table === table && !i.is_primary);
    for (const idx of expectedIndexes(datamodel, model)) {
      const cols = idx.fields.map((f) => columnOf(model, f.name));
      const desc = idx.fields.map((f) => f.sortOrder === 'desc');
      const method = (idx.algorithm ?? 'BTree').toLowerCase();
      const unique = idx.type === 'unique';
      const label = `${unique ? 'unique index' : 'index'} ${list(cols)}${idx.dbName ? ` "${idx.dbName}"` : ''}`;
      const found = tableIndexes.find(
        (i) =>
          !matchedIndexes.has(`${table}.${i.name}`) &&
          !i.is_partial &&
          i.is_unique === unique &&
          sameList(i.columns, cols) &&
          sameList(i.descending, desc) &&
          i.method === method &&
          (!idx.dbName || i.name === idx.dbName),
      );
      if (found) matchedIndexes.add(`${table}.${found.name}`);
      else {
        const near = tableIndexes.filter((i) => sameList(i.columns, cols)).map((i) => i.definition);
        problems.push(`${table}: ${label} missing in the database${near.length ? `; found instead: ${near.join('; ')}` : ''}`);
      }
    }

    // --- Foreign keys: one per relation field that holds the keys.
    const tableFks = catalog.constraints.filter((c) => c.table === table && c.type === 'f');
    for (const rel of model.fields.filter((f) => f.kind === 'object' && f.relationFromFields?.length)) {
      const target = modelsByName.get(rel.type);
      if (!target) continue;
      const fromFields = rel.relationFromFields ?? [];
      const cols = fromFields.map((f) => columnOf(model, f));
      const refTable = tableOf(target);
      const refCols = (rel.relationToFields ?? []).map((f) => columnOf(target, f));
      // Prisma's defaults: Restrict when the key is required, SetNull when optional; updates cascade.
      const anyRequired = fromFields.some((f) => model.fields.find((x) => x.name === f)?.isRequired);
      const onDelete = rel.relationOnDelete ?? (anyRequired ? 'Restrict' : 'SetNull');
      const onUpdate = rel.relationOnUpdate ?? 'Cascade';
      const label = `foreign key ${list(cols)} -> ${refTable}${list(refCols)} (relation ${model.name}.${rel.name})`;
      const candidates = tableFks.filter((c) => !matchedForeignKeys.has(`${table}.${c.name}`) && sameList(c.columns, cols));
      const exact = candidates.find((c) => c.ref_table === refTable && sameList(c.ref_columns ?? [], refCols));
      if (!exact) {
        const other = candidates.map((c) => `${c.name} -> ${c.ref_table}${list(c.ref_columns ?? [])}`);
        problems.push(`${table}: ${label} missing in the database${other.length ? `; found instead: ${other.join('; ')}` : ''}`);
        continue;
      }
      matchedForeignKeys.add(`${table}.${exact.name}`);
      const gotDelete = FK_ACTIONS[exact.on_delete] ?? exact.on_delete;
      const gotUpdate = FK_ACTIONS[exact.on_update] ?? exact.on_update;
      if (gotDelete !== onDelete) problems.push(`${table}: ${exact.name} is ON DELETE ${gotDelete} in the database, schema has onDelete: ${onDelete}`);
      if (gotUpdate !== onUpdate) problems.push(`${table}: ${exact.name} is ON UPDATE ${gotUpdate} in the database, schema has onUpdate: ${onUpdate}`);
    }
  }

  // --- The reverse: indexes and foreign keys the schema does not describe.
  const allowedIndexes = new Set(options.allowedExtraIndexes ?? []);
  for (const name of allowedIndexes) {
    if (!catalog.indexes.some((i) => i.name === name)) problems.push(`allow-listed index ${name} does not exist in the database; drop it from the allow-list`);
  }
  for (const i of catalog.indexes) {
    if (!modelTables.has(i.table) || matchedIndexes.has(`${i.table}.${i.name}`) || allowedIndexes.has(i.name)) continue;
    problems.push(`${i.table}: index ${i.name} in the database but not in the schema: ${i.definition}`);
  }
  for (const c of catalog.constraints) {
    if (c.type !== 'f' || !modelTables.has(c.table) || matchedForeignKeys.has(`${c.table}.${c.name}`)) continue;
    problems.push(`${c.table}: foreign key ${c.name} ${list(c.columns)} -> ${c.ref_table}${list(c.ref_columns ?? [])} in the database but no relation in the schema`);
  }

  return problems;
}

/** The model's unique and normal indexes (fulltext is MySQL-only). */
function expectedIndexes(datamodel: Dmmf['datamodel'], model: DmmfModel): DmmfIndex[] {
  // Without `datamodel.indexes` the normal (@@index) indexes would go unchecked: fail loudly instead.
  if (!datamodel.indexes) throw new Error('this DMMF has no datamodel.indexes; update tests/support/schema-drift.ts');
  return datamodel.indexes.filter((i) => i.model === model.name && (i.type === 'unique' || i.type === 'normal'));
}
