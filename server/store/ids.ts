import { randomBytes } from 'node:crypto';

export function newConnectorId(): string {
  return `conn_${randomBytes(9).toString('base64url')}`;
}
