import { Button, CopyButton, Group, Text, TextInput } from '@mantine/core';

type Props = {
  label: string;
  value: string;
  copyLabel: string;
  description?: string;
  monospace?: boolean;
  autoFocus?: boolean;
};

/** A value to copy elsewhere (a key, an address to register): read-only, selected on focus, copied in one click. */
export function CopyField({ label, value, copyLabel, description, monospace = false, autoFocus = false }: Props) {
  return (
    <Group gap="sm" align="flex-end">
      <TextInput
        label={label}
        description={description}
        value={value}
        readOnly
        autoFocus={autoFocus}
        styles={monospace ? { input: { fontFamily: 'var(--mantine-font-family-monospace)' } } : undefined}
        style={{ flex: '1 1 20rem' }}
        onFocus={(event) => event.currentTarget.select()}
      />
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" onClick={copy}>
              {copyLabel}
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
