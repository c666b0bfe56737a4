import { Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';

export function RowSkeleton({ label }: { label?: string }) {
  return (
    <Group justify="space-between" align="flex-start" py="sm" px="md" aria-label={label} role={label ? 'status' : undefined}>
      <Stack gap={8} style={{ flex: '1 1 22rem' }}>
        <Skeleton height={16} width="45%" />
        <Skeleton height={18} width="60%" />
        <Skeleton height={12} width="80%" />
      </Stack>
      <Group gap="lg">
        <Skeleton height={24} width={80} />
        <Skeleton height={24} width={80} />
      </Group>
    </Group>
  );
}

export function ListSkeleton() {
  return (
    <Paper withBorder role="status" aria-label="Loading connectors">
      {Array.from({ length: 6 }, (_, index) => (
        <div key={index} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <RowSkeleton />
        </div>
      ))}
    </Paper>
  );
}

export function EmptyList({ filtered, onClearFilters }: { filtered: boolean; onClearFilters: () => void }) {
  return (
    <Paper withBorder p="xl">
      <Stack align="center" gap="sm" ta="center">
        <Title order={2} size="h3">
          {filtered ? 'No connectors match these filters' : 'No connectors yet'}
        </Title>
        <Text c="dimmed">
          {filtered
            ? 'Try another search, or clear the filters to see every connector you can see.'
            : 'Connectors your organisation sets up will appear here.'}
        </Text>
        {filtered && <Button onClick={onClearFilters}>Clear filters</Button>}
      </Stack>
    </Paper>
  );
}
