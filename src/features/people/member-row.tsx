import { Button, Select, Table } from '@mantine/core';
import { roleSchema, type OrgUser } from '../../../contract/auth';
import { useChangeRole } from './api';
import { roleOptions } from './people-values';

type Props = {
  member: OrgUser;
  you: boolean;
  /** This member is the org's only admin: their role stays until someone else is made one. */
  lastAdmin: boolean;
  onRemove: (member: OrgUser) => void;
};

/** One person: their role, changed in place (a refusal is said under it), and a way to remove them. */
export function MemberRow({ member, you, lastAdmin, onRemove }: Props) {
  const change = useChangeRole();
  const role = change.isPending ? change.variables.role : member.role;
  const hint = lastAdmin ? `${you ? 'You are' : `${member.name} is`} the only admin: make someone else an admin first.` : undefined;

  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        {you ? `${member.name} (you)` : member.name}
      </Table.Th>
      <Table.Td>{member.email}</Table.Td>
      <Table.Td>
        <Select
          aria-label={`Role of ${member.name}`}
          data={roleOptions}
          value={role}
          allowDeselect={false}
          disabled={lastAdmin || change.isPending}
          description={change.isError ? undefined : hint}
          error={change.error?.message}
          maw={320}
          onChange={(value) => {
            const next = roleSchema.safeParse(value);
            if (next.success && next.data !== member.role) change.mutate({ userId: member.id, role: next.data });
          }}
        />
      </Table.Td>
      <Table.Td>
        {!you && (
          <Button size="xs" variant="default" color="red" aria-label={`Remove ${member.name}`} disabled={lastAdmin} onClick={() => onRemove(member)}>
            Remove
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
