import { Alert, Button, Card, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useId } from 'react';
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
        <Group gap="sm" align="flex-end">
          <TextInput
            label="API key"
            value={created.key}
            readOnly
            // Opened by a click on "Create key": copying it is the one thing left to do.
            autoFocus
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            style={{ flex: '1 1 20rem' }}
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton value={created.key} timeout={2000}>
            {({ copied, copy }) => (
              <Group gap="xs" wrap="nowrap">
                <Button variant="default" onClick={copy}>
                  Copy key
                </Button>
                {/* Present before it speaks, so that screen readers announce the change. */}
                <Text size="sm" role="status" miw="4em">
                  {copied ? 'Copied.' : ''}
                </Text>
              </Group>
            )}
          </CopyButton>
        </Group>
        <Group>
          <Button onClick={onDone}>Done</Button>
        </Group>
      </Stack>
    </Card>
  );
}
