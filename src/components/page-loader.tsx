import { Loader, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

/** A whole page holding one thing in its centre: a loader, or why the page could not load. */
export function CentredPage({ children }: { children: ReactNode }) {
  return (
    <Stack component="main" h="100dvh" p="md" align="center" justify="center">
      {children}
    </Stack>
  );
}

/** A whole page waiting for what it needs to show anything (the session, the page's own code). */
export function PageLoader({ label }: { label: string }) {
  return (
    <CentredPage>
      <Loader aria-label={label} />
    </CentredPage>
  );
}
