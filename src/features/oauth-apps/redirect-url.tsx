import { Button, CopyButton, Group, Text, TextInput } from '@mantine/core';

/** The address the provider sends people back to, to register with it: read-only, and copied in one click. */
export function RedirectUrl({ url, providerName }: { url: string; providerName: string }) {
  return (
    <Group gap="sm" align="flex-end">
      <TextInput
        label="Redirect URL"
        description={`Register this address with ${providerName} as the app's redirect URL.`}
        value={url}
        readOnly
        style={{ flex: '1 1 20rem' }}
        onFocus={(event) => event.currentTarget.select()}
      />
      <CopyButton value={url} timeout={2000}>
        {({ copied, copy }) => (
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" onClick={copy}>
              Copy redirect URL
            </Button>
            {/* Present before it speaks, so that screen readers announce the change. */}
            <Text size="sm" role="status" miw="4em">
              {copied ? 'Copied.' : ''}
            </Text>
          </Group>
        )}
      </CopyButton>
    </Group>
  );
}
