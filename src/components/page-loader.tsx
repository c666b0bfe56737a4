import { Loader, Stack } from '@mantine/core';

/** A whole page waiting for what it needs to show anything (the session, the page's own code). */
export function PageLoader({ label }: { label: string }) {
  return (
    <Stack component="main" h="100dvh" align="center" justify="center">
      <Loader aria-label={label} />
    </Stack>
  );
}
