import type { ActivityAction, ActivityEntry } from '../../../contract/activity';
import { findConnectorType, type FieldSpec } from '../../../contract/connector-types';

/** A sentence in pieces: text, and the one place that names the connector (a link on the Activity page). */
export type SentencePart = string | { connector: string };

export const actionLabels: Record<ActivityAction, string> = {
  created: 'Created',
  deleted: 'Deleted',
  renamed: 'Renamed',
  sync_on: 'Turned sync on',
  sync_off: 'Turned sync off',
  agent_on: 'Turned the agent on',
  agent_off: 'Turned the agent off',
  status_changed: 'Changed the status',
  config_changed: 'Changed the settings',
  signed_in: 'Signed in',
  sign_in_expired: 'Sign-in expired',
  disconnected: 'Disconnected',
};

const toggles = {
  sync_on: 'turned sync on for',
  sync_off: 'turned sync off for',
  agent_on: 'turned the agent on for',
  agent_off: 'turned the agent off for',
} as const;

const capitalised = (value: unknown) => (typeof value === 'string' ? value.charAt(0).toUpperCase() + value.slice(1) : String(value));

function fieldLabel(connectorType: string, key: string): string {
  const type = findConnectorType(connectorType);
  const dot = key.indexOf('.');
  const [section, name] = [key.slice(0, dot), key.slice(dot + 1)];
  const fields: readonly (FieldSpec | undefined)[] =
    section === 'auth' ? Object.values(type?.auth ?? {}).flat() : section === 'sync' ? (type?.sync ?? []) : section === 'filters' ? (type?.filters ?? []) : [];
  return fields.find((field) => field?.name === name)?.label ?? key;
}

function predicate(entry: ActivityEntry): { parts: SentencePart[]; detail?: string } {
  const connector = { connector: entry.connectorName };
  const { changes } = entry;
  switch (entry.action) {
    case 'created':
    case 'deleted':
    case 'disconnected':
      return { parts: [`${entry.action} `, connector] };
    case 'renamed': {
      const { from, to } = changes.instanceName ?? {};
      return typeof from === 'string' && typeof to === 'string' ? { parts: ['renamed ', { connector: from }, ` to ${to}`] } : { parts: ['renamed ', connector] };
    }
    case 'sync_on':
    case 'sync_off':
    case 'agent_on':
    case 'agent_off':
      return { parts: [`${toggles[entry.action]} `, connector] };
    case 'status_changed': {
      const status = changes.status;
      return { parts: ['changed the status of ', connector, ...(status ? [` from ${capitalised(status.from)} to ${capitalised(status.to)}`] : [])] };
    }
    case 'config_changed': {
      // A secret cleared reads as removed: the entry shows it went from "stored" to nothing.
      const label = (key: string) => `${fieldLabel(entry.connectorType, key)}${changes[key]?.from === 'stored' && changes[key]?.to === null ? ' (removed)' : ''}`;
      const labels = [...new Set(Object.keys(changes).map(label))];
      return { parts: ['changed the settings of ', connector], detail: labels.join(', ') || undefined };
    }
    case 'signed_in':
      return { parts: ['signed ', connector, ' in'] };
    case 'sign_in_expired':
      return { parts: ['signed ', connector, ' out'], detail: entry.reason ?? undefined };
  }
}

/** One entry as a sentence: "Ada Admin turned sync off for Company Drive through the API". */
export function activityParts(entry: ActivityEntry): SentencePart[] {
  const { parts, detail } = predicate(entry);
  return [`${entry.actor.name} `, ...parts, ...(entry.via === 'api' ? [' through the API'] : []), ...(detail ? [`: ${detail}`] : [])];
}

export function describeActivity(entry: ActivityEntry): string {
  return activityParts(entry)
    .map((part) => (typeof part === 'string' ? part : part.connector))
    .join('');
}
