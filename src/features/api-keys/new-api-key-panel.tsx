import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { CopyField } from '../../components/copy-field';
import type { CreatedApiKey } from './create-api-key-form';

type Props = { created: CreatedApiKey; onDone: () => void };

/** The new key, shown this once: the server keeps only its hash. */
export function NewApiKeyPanel({ created, onDone }: Props) {
  const titleId = useId();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={titleId}>
          Key created: {created.name}
        </Title>
        <Alert color="yellow" variant="light" p="xs">
          <Text size="sm" fw={600}>
            Copy it now: it will not be shown again.
          </Text>
        </Alert>
        {/* Opened by a click on "Create key": copying it is the one thing left to do. */}
        <CopyField label="API key" value={created.key} copyLabel="Copy key" monospace autoFocus />
        <Group>
          <Button onClick={onDone}>Done</Button>
        </Group>
      </Stack>
    </Card>
  );
}
