import type { ConnectorSort, SortableField } from '../../contract/connector';
import { AppError } from '../errors';

export type ListPosition = { sort: ConnectorSort; value: string | null; id: string };

export function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.value, position.id])).toString('base64url');
}

const invalid = () =>
  new AppError('VALIDATION_ERROR', 'cursor is not one this server handed out for this sort: start again from the first page', [
    { path: ['cursor'], message: 'Unknown cursor' },
  ]);

export function decodeCursor(cursor: string, sort: ConnectorSort): ListPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
  const [cursorSort, value, id] = parsed as unknown[];
  if (cursorSort !== sort || typeof id !== 'string' || (value !== null && typeof value !== 'string')) throw invalid();
  return { sort, value, id };
}

export function sortParts(sort: ConnectorSort): { field: SortableField; descending: boolean } {
  return { field: sort.replace(/^-/, '') as SortableField, descending: sort.startsWith('-') };
}
