import { Alert, Skeleton, Stack, Text, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Connector } from '../../../../contract/connector';
import { configInputSchema, missingFields, type ConnectorConfig } from '../../../../contract/connector-config';
import { authFields, findConnectorType, type ConnectorTypeSpec } from '../../../../contract/connector-types';
import { changeDenial, type Viewer } from '../../../../contract/rules';
import { LoadError } from '../../../components/load-error';
import { isApiError } from '../../../lib/api-client';
import { configQueries, connectorFieldErrors, useConfigureConnector } from '../lifecycle-api';
import { FormActions } from '../form-actions';
import { useUnsavedChanges } from '../unsaved-changes';
import { ConfigFields } from './config-fields';
import { initialConfigValues, toConfigInput, type ConfigValues } from './config-values';

type Props = { connector: Connector; viewer: Viewer };

/** What is still missing before the connector can sync, for the page's "next step". */
export function useMissingFields(connector: Connector): string[] | undefined {
  const config = useQuery(configQueries.config(connector.connectorId)).data;
  const type = findConnectorType(connector.connectorType);
  if (!config || !type) return undefined;
  return missingFields(type, config.authType, config.config, config.config.storedSecrets);
}

/** Credentials, sync settings and filters of one connector, in its type's form. */
export function ConfigEditor({ connector, viewer }: Props) {
  const query = useQuery(configQueries.config(connector.connectorId));
  // A new form after each save starts from what was saved; a refused save keeps the edits.
  const [generation, setGeneration] = useState(0);
  const type = findConnectorType(connector.connectorType);

  let body;
  if (!type) body = <Text size="sm">Connectors of type {connector.connectorType} can no longer be configured.</Text>;
  else if (query.isPending) body = <Skeleton height={240} aria-label="Loading the settings" />;
  else if (query.isError) body = <LoadError title="Could not load the settings" message={query.error.message} onRetry={() => void query.refetch()} />;
  else {
    body = (
      <ConfigForm
        key={generation}
        type={type}
        config={query.data}
        readOnly={changeDenial(viewer, connector) !== null}
        justSaved={generation > 0}
        onSaved={() => setGeneration((current) => current + 1)}
      />
    );
  }
  return (
    <Stack gap="md" component="section" aria-labelledby="config-title">
      <Title order={2} size="h3" id="config-title">
        Credentials and sync settings
      </Title>
      {body}
    </Stack>
  );
}

type FormProps = { type: ConnectorTypeSpec; config: ConnectorConfig; readOnly: boolean; justSaved: boolean; onSaved: () => void };

function ConfigForm({ type, config, readOnly, justSaved, onSaved }: FormProps) {
  const configure = useConfigureConnector(config.connectorId);
  const [base] = useState(() => initialConfigValues(type, config.config));
  const [started] = useState(config);
  // A newer version whose settings are still the ones the form started from changed something else
  // (a switch, the name): saving over it loses nothing. Newer settings are someone else's, and saving
  // waits for the conflict to be shown first.
  const sameSettings = JSON.stringify(config.config) === JSON.stringify(started.config);
  const resolve = schemaResolver(configInputSchema(type, config.authType), { sync: true });
  const form = useForm<ConfigValues>({
    initialValues: base,
    validateInputOnBlur: true,
    validate: (values) => resolve(toConfigInput(type, config.authType, values, base)),
  });
  const input = toConfigInput(type, config.authType, form.getValues(), base);
  const edited = Object.keys(input).length > 0;
  const conflict = isApiError(configure.error) && configure.error.code === 'VERSION_CONFLICT';
  const version = sameSettings || conflict ? config.version : started.version;
  useUnsavedChanges(edited && !readOnly);

  const save = form.onSubmit((values) => {
    // After a conflict was shown, saving again lays only the edited fields over theirs.
    configure.mutate(
      { input: toConfigInput(type, config.authType, values, base), version },
      { onSuccess: onSaved, onError: (error) => form.setErrors(connectorFieldErrors(error)) },
    );
  });
  const credentials = authFields(type, config.authType);

  return (
    <form onSubmit={save} noValidate>
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Fields marked * are needed before the connector can sync.
          </Text>
          {credentials.length > 0 && (
            <ConfigFields fields={credentials} path="auth" getInputProps={form.getInputProps} storedSecrets={config.config.storedSecrets} />
          )}
          <ConfigFields fields={type.sync} path="sync" getInputProps={form.getInputProps} />
          {type.filters.length > 0 && <ConfigFields fields={type.filters} path="filters" getInputProps={form.getInputProps} />}
          {conflict && (
            <Alert color="yellow" title="Someone else changed these settings meanwhile">
              Your edits are still here. Saving again applies only the fields you changed, on top of their changes.
            </Alert>
          )}
          {configure.isError && !conflict && Object.keys(connectorFieldErrors(configure.error)).length === 0 && (
            <Alert color="red" title="Not saved">
              {configure.error.message}
            </Alert>
          )}
          <FormActions saveLabel="Save settings" pending={configure.isPending} edited={edited} saved={justSaved} onUndo={() => form.reset()} />
        </Stack>
      </fieldset>
    </form>
  );
}
