import { Button, Group, Modal, Text } from '@mantine/core';
import { createContext, useContext, useEffect, useId, useState, type ReactNode } from 'react';
import { useBeforeUnload, useBlocker } from 'react-router';

// Which forms of the page hold unsaved edits. A router has one blocker, so the page asks for all of them.
const DirtyForms = createContext<Map<string, boolean> | null>(null);

/** Reports whether this form holds unsaved edits to the page's UnsavedChangesGuard. */
export function useUnsavedChanges(dirty: boolean): void {
  const forms = useContext(DirtyForms);
  const id = useId();
  useEffect(() => {
    forms?.set(id, dirty);
    return () => void forms?.delete(id);
  }, [forms, id, dirty]);
}

/**
 * Asks before leaving the page while any form in it holds unsaved edits: in the app (a modal) and when
 * closing the tab (the browser's prompt). A navigation whose state says `leavesEdits` is let through.
 */
export function UnsavedChangesGuard({ children }: { children: ReactNode }) {
  const [forms] = useState(() => new Map<string, boolean>());
  const anyDirty = () => [...forms.values()].some(Boolean);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      anyDirty() && currentLocation.pathname !== nextLocation.pathname && !(nextLocation.state as { leavesEdits?: boolean } | null)?.leavesEdits,
  );
  useBeforeUnload((event) => {
    if (anyDirty()) event.preventDefault();
  });

  return (
    <DirtyForms.Provider value={forms}>
      {children}
      <Modal opened={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} title="Leave without saving?" centered closeButtonProps={{ 'aria-label': 'Close' }}>
        <Text size="sm" mb="lg">
          Your changes to this connector have not been saved. If you leave now, they are lost.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
            Stay on this page
          </Button>
          <Button color="red.9" onClick={() => blocker.proceed?.()}>
            Leave without saving
          </Button>
        </Group>
      </Modal>
    </DirtyForms.Provider>
  );
}
