import { Alert, Button, Container, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { paths } from '../../config/paths';

// Mantine's light yellow titles miss WCAG AA contrast on their own backgrounds.
const readableTitle = { title: { color: 'var(--mantine-color-text)' } };

/** A page reached from a link (setup, invitation): signed out, without the app's shell. */
export function OnboardingPage({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <main>
      <title>{`${title} · Connector console`}</title>
      <Container size="xs" py="xl">
        <Stack gap="lg">
          <div>
            <Title order={1}>{title}</Title>
            {intro && <Text c="dimmed">{intro}</Text>}
          </div>
          <Paper withBorder p="lg">
            {children}
          </Paper>
        </Stack>
      </Container>
    </main>
  );
}

/** Where a link leads nowhere (used, already set up, incomplete): why, and the way on from there. */
export function DeadLinkNotice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="md" align="flex-start">
      <Alert color="yellow" title={title} w="100%" styles={readableTitle}>
        {children}
      </Alert>
      <Button component={Link} to={paths.signIn.href()}>
        Go to sign in
      </Button>
    </Stack>
  );
}
