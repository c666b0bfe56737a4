import { Alert, Button, Stack, Text } from '@mantine/core';

/** What could not be loaded, the reason, and a way to ask again. */
export function LoadError({ title, message, onRetry, maw }: { title: string; message: string; onRetry: () => void; maw?: number }) {
  return (
    <Alert color="red" title={title} maw={maw}>
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{message}</Text>
        <Button size="xs" onClick={onRetry}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}
