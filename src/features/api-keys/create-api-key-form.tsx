import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { createApiKeyRequestSchema } from '../../../contract/api-keys';
import type { Role } from '../../../contract/auth';
import { isApiError } from '../../lib/api-client';
import { fieldErrors } from '../../lib/field-errors';
import { useCreateApiKey } from './api';
import { expiryOptions, grantableRoles, initialApiKeyValues, roleLabels, toCreateRequest, toFormErrors, type ApiKeyValues } from './api-key-values';

export type CreatedApiKey = { name: string; key: string };

type Props = { ownRole: Role; autoFocus: boolean; onCreated: (created: CreatedApiKey) => void };

const resolve = schemaResolver(createApiKeyRequestSchema, { sync: true });

/** Names a new key, its role (at most the creator's) and when it stops working. */
export function CreateApiKeyForm({ ownRole, autoFocus, onCreated }: Props) {
  const create = useCreateApiKey();
  const form = useForm<ApiKeyValues>({
    initialValues: initialApiKeyValues,
    validate: (values) => toFormErrors(resolve(toCreateRequest(values))),
  });
  const refusedFields = Object.keys(fieldErrors(create.error)).length > 0;
  const lost = isApiError(create.error) && create.error.outcomeUnknown;
  const roles = grantableRoles(ownRole).map((role) => ({ value: role, label: roleLabels[role] }));

  const submit = form.onSubmit((values) => {
    create.mutate(createApiKeyRequestSchema.parse(toCreateRequest(values)), {
      onSuccess: ({ apiKey, key }) => onCreated({ name: apiKey.name, key }),
      onError: (error) => form.setErrors(toFormErrors(fieldErrors(error))),
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="New API key">
      <Stack gap="sm">
        <Group align="flex-start" gap="sm">
          <TextInput
            label="Name"
            placeholder="Nightly export script"
            required
            autoComplete="off"
            autoFocus={autoFocus}
            style={{ flex: '1 1 16rem' }}
            {...form.getInputProps('name')}
          />
          <Select label="Role" data={roles} allowDeselect={false} style={{ flex: '0 1 9rem' }} {...form.getInputProps('role')} />
          <Select label="Expires" data={expiryOptions} allowDeselect={false} style={{ flex: '0 1 9rem' }} {...form.getInputProps('expiry')} />
        </Group>
        {create.isError && !refusedFields && (
          <Alert color="red" title={lost ? 'No key to show' : 'Key not created'}>
            {create.error.message}
            {lost && ' If it was made anyway, it is in the list below: revoke it and create another.'}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={create.isPending}>
            Create key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
