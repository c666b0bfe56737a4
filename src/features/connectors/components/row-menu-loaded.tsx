import { ActionIcon, Menu } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Connector } from '../../../../contract/connector';
import { changeDenial, type Viewer } from '../../../../contract/rules';
import { paths } from '../../../config/paths';
import { DeleteConnectorDialog } from '../delete/delete-connector-dialog';

type Props = { connector: Connector; viewer: Viewer; label: string };

/** The row menu itself, opened as it loads; one action this viewer may not take says why instead. */
export function LoadedRowMenu({ connector, viewer, label }: Props) {
  const [deleting, setDeleting] = useState(false);
  const denial = changeDenial(viewer, connector);
  return (
    <>
      <Menu position="bottom-end" withinPortal defaultOpened>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={label}>
            <span aria-hidden="true">⋯</span>
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item component={Link} to={paths.connector.href(connector.connectorId)}>
            Open and configure
          </Menu.Item>
          {denial ? (
            <Menu.Item disabled>{denial.message.replace('change', 'change or delete')}</Menu.Item>
          ) : (
            <Menu.Item color="red" onClick={() => setDeleting(true)}>
              Delete connector
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      {deleting && <DeleteConnectorDialog connector={connector} opened onClose={() => setDeleting(false)} onDeleted={() => setDeleting(false)} />}
    </>
  );
}
