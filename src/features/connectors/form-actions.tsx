import { Button, Group, Text } from '@mantine/core';

type Props = { saveLabel: string; pending: boolean; edited: boolean; saved: boolean; onUndo: () => void };

/** A form's save and undo buttons, and "Saved." once what it shows is what the server holds. */
export function FormActions({ saveLabel, pending, edited, saved, onUndo }: Props) {
  return (
    <Group gap="sm" align="center">
      <Button type="submit" loading={pending} disabled={!edited}>
        {saveLabel}
      </Button>
      <Button variant="default" disabled={!edited || pending} onClick={onUndo}>
        Undo my edits
      </Button>
      {saved && !edited && (
        <Text size="sm" role="status">
          Saved.
        </Text>
      )}
    </Group>
  );
}
