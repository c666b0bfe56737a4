import type { BulkToggleResponse } from '../../../../contract/bulk';
import type { ErrorCode } from '../../../../contract/errors';
import type { BulkAction } from './bulk-api';

type Summary = BulkToggleResponse['summary'];

// Each refusal as it reads after a count: [one, several].
const reasons: Partial<Record<ErrorCode, [string, string]>> = {
  NOT_CONFIGURED: ['not configured', 'not configured'],
  NOT_AUTHENTICATED: ['needs sign-in', 'need sign-in'],
  AGENT_NOT_SUPPORTED: ['does not support the agent', 'do not support the agent'],
  FORBIDDEN: ['you may not change', 'you may not change'],
  NOT_FOUND: ['no longer exists', 'no longer exist'],
};

const plural = (count: number, one: string, several: string) => (count === 1 ? one : several);

export function actionLabel({ type, enabled }: BulkAction): string {
  return `Turn ${type} ${enabled ? 'on' : 'off'}`;
}

export function refusedCount(summary: Summary): number {
  return Object.values(summary.refused).reduce((sum, count) => sum + (count ?? 0), 0);
}

function refusedReasons(summary: Summary): string {
  return Object.entries(summary.refused)
    .map(([code, count = 0]) => {
      const [one, several] = reasons[code as ErrorCode] ?? ['cannot be changed', 'cannot be changed'];
      return `${count} ${plural(count, one, several)}`;
    })
    .join(', ');
}

export function previewSentence(summary: Summary, { enabled }: BulkAction): string {
  const state = enabled ? 'on' : 'off';
  const unchanged = summary.unchanged;
  const refused = refusedCount(summary);
  return [
    `${summary.willChange ?? 0} will be turned ${state}`,
    unchanged > 0 && `${unchanged} ${plural(unchanged, 'is', 'are')} already ${state}`,
    refused > 0 && `${refused} cannot: ${refusedReasons(summary)}`,
  ]
    .filter(Boolean)
    .join(', ');
}

export function resultSentence(summary: Summary, { type, enabled }: BulkAction): string {
  const state = enabled ? 'on' : 'off';
  const unchanged = summary.unchanged;
  const refused = refusedCount(summary);
  return [
    `Turned ${type} ${state} for ${summary.changed ?? 0}`,
    unchanged > 0 && `${unchanged} ${plural(unchanged, 'was', 'were')} already ${state}`,
    refused > 0 && `${refused} could not be changed`,
  ]
    .filter(Boolean)
    .join('; ');
}
