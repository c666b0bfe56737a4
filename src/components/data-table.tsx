import { Table, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

type Props = {
  label: string;
  columns: (string | false)[];
  /** A last column of row actions, whose heading only screen readers read. */
  actions?: boolean;
  minWidth: number;
  children: ReactNode;
};

/** A named table of records with its column headings, scrolled sideways on narrow screens. */
export function DataTable({ label, columns, actions = false, minWidth, children }: Props) {
  return (
    <Table.ScrollContainer minWidth={minWidth} w="100%">
      <Table aria-label={label} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            {columns.filter((column) => column !== false).map((column) => (
              <Table.Th key={column} scope="col">
                {column}
              </Table.Th>
            ))}
            {actions && (
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
