import { Button, Group, Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { activityActionSchema } from '../../../contract/activity';
import { sessionQueries } from '../../lib/session';
import type { ActivityFilters as Filters, FilterKey } from './activity-params';
import { actionLabels } from './describe-activity';

type Props = {
  filters: Filters;
  onChange: (key: FilterKey, value: string | null) => void;
  onClear: () => void;
};

// "Any" is a choice of its own, so the input always says what the list shows.
const actionOptions = [{ value: '', label: 'Any action' }, ...activityActionSchema.options.map((action) => ({ value: action, label: actionLabels[action] }))];
const periodOptions = [
  { value: '', label: 'Any time' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
];

export function ActivityFilters({ filters, onChange, onClear }: Props) {
  const users = useQuery(sessionQueries.users());
  const people = [{ value: '', label: 'Anyone' }, ...(users.data ?? []).map((user) => ({ value: user.id, label: user.removed ? `${user.name} (removed)` : user.name }))];
  const common = { allowDeselect: false, style: { flex: '0 1 14rem' } } as const;

  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <Select label="Action" data={actionOptions} value={filters.action ?? ''} onChange={(value) => onChange('action', value)} {...common} />
      <Select label="Person" data={people} value={filters.person ?? ''} onChange={(value) => onChange('person', value)} {...common} />
      <Select label="Period" data={periodOptions} value={filters.period ?? ''} onChange={(value) => onChange('period', value)} {...common} />
      {Object.keys(filters).length > 0 && (
        <Button variant="subtle" onClick={onClear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
