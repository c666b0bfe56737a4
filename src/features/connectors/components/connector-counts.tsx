import { Button, Group, Skeleton, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { countFilters, type ConnectorCounts as Counts, type CountKey } from '../../../../contract/connector';
import { connectorQueries } from '../api';
import { filtersOf, type ListParams, type ParamsPatch } from '../list-params';

const phrases: Record<CountKey, (count: number) => string> = {
  syncing: (count) => `${count} syncing`,
  agentEnabled: (count) => `${count} serving the agent`,
  notConfigured: (count) => `${count} not configured`,
  needsSignIn: (count) => `${count} ${count === 1 ? 'needs' : 'need'} sign-in`,
};
const countKeys = Object.keys(countFilters) as CountKey[];

type Props = { params: ListParams; onChange: (patch: ParamsPatch) => void };

/** The header counts; each is the size of one filter, and clicking it applies (or removes) that filter. */
export function ConnectorCounts({ params, onChange }: Props) {
  // The previous counts stay while the new filter's arrive, so the header does not jump.
  const { data: counts, isError } = useQuery({ ...connectorQueries.counts(filtersOf(params)), placeholderData: keepPreviousData });

  if (isError && !counts) return null;
  if (!counts) return <Skeleton height={28} width="min(32rem, 100%)" aria-label="Loading counts" role="status" />;

  return (
    <Group gap="xs" wrap="wrap" aria-label="Connector counts" role="group">
      <Text size="sm" fw={600} mr="xs">
        {counts.total} {counts.total === 1 ? 'connector' : 'connectors'}
      </Text>
      {countKeys.map((key) => (
        <CountButton key={key} countKey={key} counts={counts} params={params} onChange={onChange} />
      ))}
    </Group>
  );
}

function CountButton({ countKey, counts, params, onChange }: { countKey: CountKey; counts: Counts } & Props) {
  const filter: Record<string, boolean> = countFilters[countKey];
  const active = Object.entries(filter).every(([key, value]) => params[key as keyof ListParams] === value);
  const patch: ParamsPatch = Object.fromEntries(Object.entries(filter).map(([key, value]) => [key, active ? undefined : value]));
  return (
    <Button size="compact-sm" variant={active ? 'filled' : 'light'} aria-pressed={active} onClick={() => onChange(patch)}>
      {phrases[countKey](counts[countKey])}
    </Button>
  );
}
