import { ActionIcon } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import type { Connector } from '../../../../contract/connector';
import type { Viewer } from '../../../../contract/rules';

const loadMenu = () => import('./row-menu-loaded');
const LoadedRowMenu = lazy(async () => ({ default: (await loadMenu()).LoadedRowMenu }));

/**
 * A row's other actions. Until first used it is a plain button: the menu, its positioning and the
 * delete dialog load on demand, so that the list's first download stays small.
 */
export function RowMenu({ connector, viewer }: { connector: Connector; viewer: Viewer }) {
  const [used, setUsed] = useState(false);
  const label = `More actions for ${connector.instanceName}`;
  const button = (
    <ActionIcon variant="subtle" color="gray" aria-label={label} aria-haspopup="menu" onPointerEnter={() => void loadMenu()} onFocus={() => void loadMenu()} onClick={() => setUsed(true)}>
      <span aria-hidden="true">⋯</span>
    </ActionIcon>
  );
  if (!used) return button;
  return (
    <Suspense fallback={button}>
      <LoadedRowMenu connector={connector} viewer={viewer} label={label} />
    </Suspense>
  );
}
