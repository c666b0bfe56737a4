import { Badge, Button, Card, Chip, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { categorySchema, connectorTypes, type ConnectorTypeSpec } from '../../../../contract/connector-types';
import type { Viewer } from '../../../../contract/rules';
import { authTypeLabels } from '../labels';

type Props = { viewer: Viewer; hrefFor: (type: ConnectorTypeSpec) => string };

const ALL = 'All';

function matches(type: ConnectorTypeSpec, search: string): boolean {
  const needle = search.trim().toLowerCase();
  return !needle || [type.displayName, type.description, type.category, type.appGroup].some((text) => text.toLowerCase().includes(needle));
}

function scopeText(type: ConnectorTypeSpec): string {
  if (type.scopes.length === 2) return 'Team or personal';
  return type.scopes[0] === 'team' ? 'Team only' : 'Personal only';
}

/** Every connector type, searchable and by category; choosing one opens its form. */
export function ConnectorCatalog({ viewer, hrefFor }: Props) {
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState(ALL);
  const shown = connectorTypes.filter(
    (type: ConnectorTypeSpec) => (category === ALL || type.category === category) && matches(type, search),
  );

  return (
    <Stack gap="md">
      <TextInput
        label="Search connector types"
        placeholder="Name, category or vendor"
        type="search"
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={420}
      />
      <Chip.Group value={category} onChange={(value) => setCategory(value as string)}>
        <Group gap="xs" role="group" aria-label="Category">
          {[ALL, ...categorySchema.options].map((option) => (
            <Chip key={option} value={option} size="sm">
              {option}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Text size="sm" role="status">
        {shown.length === 1 ? '1 connector type' : `${shown.length} connector types`}
      </Text>
      {shown.length === 0 && (
        <Group gap="xs">
          <Text size="sm">No connector type matches.</Text>
          <Button variant="subtle" size="compact-sm" onClick={() => { setSearch(''); setCategory(ALL); }}>
            Show all types
          </Button>
        </Group>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {shown.map((type: ConnectorTypeSpec) => {
          const teamOnly = !type.scopes.includes('personal');
          const blocked = teamOnly && viewer.role !== 'admin';
          return (
            <Card key={type.id} component="li" withBorder padding="md" radius="md">
              <Stack gap="xs" h="100%">
                <Group justify="space-between" align="baseline" wrap="nowrap">
                  <Title order={2} size="h4">
                    {type.displayName}
                  </Title>
                  <Text size="xs" c="dimmed">
                    {type.category}
                  </Text>
                </Group>
                <Text size="sm">{type.description}</Text>
                <Group gap={6}>
                  {type.authTypes.map((authType) => (
                    <Badge key={authType} variant="light" color="gray">
                      {authTypeLabels[authType]}
                    </Badge>
                  ))}
                  <Badge variant="light" color="gray">
                    {type.supportsAgent ? 'Agent' : 'No agent'}
                  </Badge>
                  <Badge variant="light" color="gray">
                    {scopeText(type)}
                  </Badge>
                </Group>
                <Group mt="auto" pt="xs" gap="sm">
                  {blocked ? (
                    <Text size="sm" c="dimmed">
                      Team only: ask an admin to add one
                    </Text>
                  ) : (
                    <Button component={Link} to={hrefFor(type)} size="sm" variant="light" aria-label={`${type.displayName}: set up`}>
                      Set up
                    </Button>
                  )}
                </Group>
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
