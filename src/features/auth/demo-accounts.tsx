import { Alert, Badge, Button, Card, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { demoAccountsResponseSchema } from '../../../contract/auth';
import { authQueries } from './api';

// Mantine's light yellow titles miss WCAG AA contrast on their own backgrounds.
const readableTitle = { title: { color: 'var(--mantine-color-text)' } };

export type DemoAccount = z.infer<typeof demoAccountsResponseSchema>['accounts'][number];

type Props = { onPick: (account: DemoAccount, password: string | null) => void };

/** Shown only while the server runs on its demo data; otherwise renders nothing. */
export function DemoAccounts({ onPick }: Props) {
  const { data } = useQuery(authQueries.demoAccounts());
  if (!data || data.accounts.length === 0) return null;

  return (
    <Card withBorder component="section" aria-labelledby="demo-accounts-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="demo-accounts-title">
          Demo accounts
        </Title>
        {/* A note, not an alert: it is read with the list, not announced over the page. */}
        <Alert color="yellow" title="Demo organisation" role="note" p="sm" styles={readableTitle}>
          <Text size="sm">These accounts and their password are public. Anyone can sign in as them.</Text>
          <Text size="sm" mt={4}>
            A real organisation starts from the setup link the server prints when it starts on an empty database (for example
            with <Code>SEED_DEMO=0</Code>).
          </Text>
        </Alert>
        {data.password && (
          <Text size="sm">
            Password for all of them: <Code>{data.password}</Code>
          </Text>
        )}
        {data.accounts.map((account) => (
          <Group key={account.email} justify="space-between" wrap="nowrap" gap="sm">
            <div style={{ minWidth: 0 }}>
              <Group gap={6}>
                <Text size="sm" fw={600}>
                  {account.name}
                </Text>
                <Badge variant="outline" color="gray" size="sm">
                  {account.role}
                </Badge>
              </Group>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {account.email}
              </Text>
            </div>
            <Button size="xs" variant="light" aria-label={`Use ${account.email}`} onClick={() => onPick(account, data.password)}>
              Use
            </Button>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
