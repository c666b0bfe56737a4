import { Alert, Button, Group, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import type { AuthType, Connector, Scope } from '../../../../contract/connector';
import { createConnectorRequestSchema, type CreateConnectorRequest } from '../../../../contract/connector-config';
import { authFields, type ConnectorTypeSpec } from '../../../../contract/connector-types';
import { isOAuth, type Viewer } from '../../../../contract/rules';
import { ConfigFields } from '../config-form/config-fields';
import { initialConfigValues, toConfigInput, type ConfigValues } from '../config-form/config-values';
import { authTypeLabels, scopeLabels } from '../labels';
import { connectorFieldErrors, useCreateConnector } from '../lifecycle-api';

type Values = { instanceName: string; scope: Scope; authType: AuthType; config: ConfigValues };
type Props = { type: ConnectorTypeSpec; viewer: Viewer; onCreated: (connector: Connector) => void };

const resolve = schemaResolver(createConnectorRequestSchema, { sync: true });

function toRequest(type: ConnectorTypeSpec, values: Values): CreateConnectorRequest {
  return {
    connectorType: type.id,
    instanceName: values.instanceName,
    scope: values.scope,
    authType: values.authType,
    config: toConfigInput(type, values.authType, values.config),
  };
}

function credentialsNote(type: ConnectorTypeSpec, authType: AuthType): string | null {
  if (isOAuth(authType)) return `Once the connector is created, it waits for someone to sign in to ${type.displayName} with it; until then it stays off.`;
  if (authFields(type, authType).length === 0) return 'No credentials are needed.';
  return null;
}

/** The form for a new connector of `type`, drawn from the type's declaration and checked with the contract's schema. */
export function CreateConnectorForm({ type, viewer, onCreated }: Props) {
  const scopes = type.scopes.filter((scope) => scope === 'personal' || viewer.role === 'admin');
  const create = useCreateConnector();
  const form = useForm<Values>({
    // A method that needs no sign-in first, where the type has one: such a connector can run at once.
    initialValues: {
      instanceName: '',
      scope: scopes[0] ?? 'personal',
      authType: type.authTypes.find((option) => !isOAuth(option)) ?? type.authTypes[0]!,
      config: initialConfigValues(type),
    },
    validateInputOnBlur: true,
    validate: (values) => resolve(toRequest(type, values)),
  });
  const { authType } = form.getValues();

  const submit = form.onSubmit((values) => {
    create.mutate(toRequest(type, values), {
      onSuccess: onCreated,
      onError: (error) => form.setErrors(connectorFieldErrors(error)),
    });
  });
  // A refusal no input shows (a method or scope the type lacks, say) is said above the button.
  const refusedElsewhere =
    create.isError && !Object.keys(connectorFieldErrors(create.error)).some((path) => path === 'instanceName' || path.startsWith('config.'));
  const note = credentialsNote(type, authType);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Text size="sm" c="dimmed">
          Fields marked * are needed before the connector can sync; you can also fill them in later.
        </Text>
        <Stack gap="sm">
          <TextInput label="Name" required description="Unique among your team's (or your own) connectors" {...form.getInputProps('instanceName')} />
          <Radio.Group
            label="Scope"
            description={
              viewer.role === 'admin'
                ? type.scopes.length === 1
                  ? `${type.displayName} connectors are ${type.scopes[0]} connectors`
                  : 'Team connectors serve the whole organisation; personal ones only you'
                : 'Only admins can create team connectors, so yours is personal: only you see and change it'
            }
            {...form.getInputProps('scope')}
          >
            <Group gap="lg" mt={6}>
              {(['team', 'personal'] as const).map((scope) => (
                <Radio key={scope} value={scope} label={scopeLabels[scope]} disabled={!scopes.includes(scope)} />
              ))}
            </Group>
          </Radio.Group>
          {type.authTypes.length > 1 && (
            <Radio.Group label="Sign-in method" {...form.getInputProps('authType')}>
              <Group gap="lg" mt={6}>
                {type.authTypes.map((option) => (
                  <Radio key={option} value={option} label={authTypeLabels[option]} />
                ))}
              </Group>
            </Radio.Group>
          )}
        </Stack>

        <Stack gap="sm" component="section" aria-labelledby="credentials-title">
          <Title order={2} size="h4" id="credentials-title">
            Credentials
          </Title>
          {note && <Text size="sm">{note}</Text>}
          <ConfigFields fields={authFields(type, authType)} path="config.auth" getInputProps={form.getInputProps} />
        </Stack>
        <Stack gap="sm" component="section" aria-labelledby="sync-title">
          <Title order={2} size="h4" id="sync-title">
            Sync settings
          </Title>
          <ConfigFields fields={type.sync} path="config.sync" getInputProps={form.getInputProps} />
        </Stack>
        {type.filters.length > 0 && (
          <Stack gap="sm" component="section" aria-labelledby="filters-title">
            <Title order={2} size="h4" id="filters-title">
              Filters (optional)
            </Title>
            <ConfigFields fields={type.filters} path="config.filters" getInputProps={form.getInputProps} />
          </Stack>
        )}

        {refusedElsewhere && (
          <Alert color="red" title="Not created">
            {create.error.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={create.isPending}>
            Create connector
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
