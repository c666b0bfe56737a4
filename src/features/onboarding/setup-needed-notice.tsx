import { Alert, Code, Text } from '@mantine/core';

// Mantine's light blue titles miss WCAG AA contrast on their own backgrounds.
const readableTitle = { title: { color: 'var(--mantine-color-text)' } };

/** On the sign-in page of a server nobody can sign in to yet: the form would only refuse everyone. */
export function SetupNeededNotice() {
  return (
    <Alert color="blue" title="No organisation yet" styles={readableTitle}>
      <Text size="sm">This server has no organisation yet. Open the setup link the server printed when it started.</Text>
      <Text size="sm" mt="xs">
        It looks like <Code>http://host:port/setup?token=…</Code> and is printed again at every start until the organisation exists.
      </Text>
    </Alert>
  );
}
