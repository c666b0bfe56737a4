import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { oauthAppInputSchema, type OAuthAppSlot } from '../../../contract/oauth';
import { fieldErrors } from '../../lib/field-errors';
import { useSaveOAuthApp } from './api';
import { initialOAuthAppValues, toFormErrors, toOAuthAppInput, type OAuthAppValues } from './oauth-app-values';

type Props = { slot: OAuthAppSlot; justSaved: boolean; onSaved: () => void; onCancel: () => void };

const resolve = schemaResolver(oauthAppInputSchema, { sync: true });

/** The OAuth app of one connector type, as the provider issued it. Remounted after each save. */
export function OAuthAppForm({ slot, justSaved, onSaved, onCancel }: Props) {
  const save = useSaveOAuthApp();
  const storedSecret = slot.app?.hasClientSecret ?? false;
  const form = useForm<OAuthAppValues>({
    initialValues: initialOAuthAppValues(slot.app),
    validateInputOnBlur: true,
    validate: (values) => toFormErrors(resolve(toOAuthAppInput(values))),
  });
  const edited = form.isDirty();
  const refusedFields = Object.keys(fieldErrors(save.error)).length > 0;

  const submit = form.onSubmit((values) => {
    save.mutate(
      { connectorType: slot.connectorType, input: toOAuthAppInput(values) },
      { onSuccess: onSaved, onError: (error) => form.setErrors(toFormErrors(fieldErrors(error))) },
    );
  });

  const url = { type: 'url', inputMode: 'url', autoComplete: 'off', required: true } as const;
  return (
    <form onSubmit={submit} noValidate aria-label={`${slot.displayName} OAuth app`}>
      <Stack gap="sm">
        {/* Opened by a click on "Set up" or "Edit": the person wants to type here. */}
        <TextInput label="Client ID" required autoComplete="off" autoFocus {...form.getInputProps('clientId')} />
        <PasswordInput
          label="Client secret"
          required={!storedSecret}
          autoComplete="new-password"
          description={storedSecret ? 'A client secret is stored. Type a new one to replace it.' : undefined}
          {...form.getInputProps('clientSecret')}
        />
        <TextInput label="Authorization URL" placeholder="https://" {...url} {...form.getInputProps('authorizeUrl')} />
        <TextInput label="Token URL" placeholder="https://" {...url} {...form.getInputProps('tokenUrl')} />
        <TextInput
          label="Issuer"
          description="Only for providers that name themselves in their answer (RFC 9207)"
          {...url}
          required={false}
          {...form.getInputProps('issuer')}
        />
        <TextInput label="Scopes" description="Separated by spaces, as the provider names them" autoComplete="off" {...form.getInputProps('scopes')} />
        {save.isError && !refusedFields && (
          <Alert color="red" title="Not saved">
            {save.error.message}
          </Alert>
        )}
        <Group gap="sm" align="center">
          <Button type="submit" loading={save.isPending} disabled={!edited}>
            Save app
          </Button>
          <Button variant="default" disabled={save.isPending} onClick={onCancel}>
            {edited ? 'Cancel' : 'Close'}
          </Button>
          {justSaved && !edited && (
            <Text size="sm" role="status">
              Saved.
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
