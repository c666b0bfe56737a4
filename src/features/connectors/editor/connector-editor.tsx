import { Alert, Group, Radio, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { connectorPatchSchema, type Connector } from '../../../../contract/connector';
import { changeDenial, type Viewer } from '../../../../contract/rules';
import { isApiError } from '../../../lib/api-client';
import { useUpdateConnector } from '../api';
import { statusLabels } from '../labels';
import { ConflictNotice } from './conflict-notice';
import { buildPatch, describeChanges, reapplyEdits, toEditorValues, validateEdits, type EditorValues } from './editor-values';
import { FormActions } from '../form-actions';
import { useUnsavedChanges } from '../unsaved-changes';

type Props = { connector: Connector; viewer: Viewer };

/** The name and operational status of a connector; credentials and sync settings have their own form. */
export function ConnectorEditor({ connector, viewer }: Props) {
  // The version the edits are based on: saving sends it in If-Match, and a newer one in the cache
  // means someone else changed the connector meanwhile. Deliberately not kept in step with the cache.
  const [base, setBase] = useState(connector);
  const baseValues = toEditorValues(base);
  const update = useUpdateConnector(connector.connectorId);
  const form = useForm<EditorValues>({
    initialValues: baseValues,
    validate: (values) => validateEdits(values, baseValues),
  });

  const denial = changeDenial(viewer, connector);
  const dirty = form.isDirty();
  const refused = isApiError(update.error) && update.error.code === 'VERSION_CONFLICT';
  const newer = connector.version > base.version ? connector : null;
  // Toggles and the settings form change the version too; only a new name or status is news to this form.
  const latest = newer && (newer.instanceName !== base.instanceName || newer.status !== base.status) ? newer : null;
  useUnsavedChanges(dirty && !denial);

  const startFrom = (next: Connector, values: EditorValues) => {
    setBase(next);
    form.setInitialValues(toEditorValues(next));
    form.setValues(values);
  };
  const resolveConflict = (values: (latest: Connector) => EditorValues) => {
    if (!latest) return;
    startFrom(latest, values(latest));
    update.reset();
  };

  const save = form.onSubmit((values) => {
    const patch = connectorPatchSchema.parse(buildPatch(values, baseValues));
    update.mutate({ version: latest ? base.version : (newer ?? base).version, patch }, { onSuccess: (saved) => startFrom(saved, toEditorValues(saved)) });
  });

  return (
    <Stack gap="md" component="section" aria-labelledby="editor-title">
      <Title order={2} size="h3" id="editor-title">
        Name and status
      </Title>
      {denial && (
        <Alert color="gray" title="You can view this connector but not change or delete it">
          {denial.message}
        </Alert>
      )}
      {(latest || refused) && (
        <ConflictNotice
          refused={refused}
          dirty={dirty}
          changes={latest ? describeChanges(base, latest, form.getValues(), baseValues) : null}
          onReapply={() => resolveConflict((next) => reapplyEdits(form.getValues(), baseValues, next))}
          onDiscard={() => resolveConflict(toEditorValues)}
        />
      )}
      <form onSubmit={save} noValidate>
        <fieldset disabled={denial !== null} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="sm">
            <TextInput label="Name" {...form.getInputProps('instanceName')} />
            <Radio.Group label="Status" {...form.getInputProps('status')}>
              <Group gap="lg" mt={6}>
                {Object.entries(statusLabels).map(([value, label]) => (
                  <Radio key={value} value={value} label={label} />
                ))}
              </Group>
            </Radio.Group>
            {update.isError && !refused && (
              <Alert color="red" title="Not saved">
                {update.error.message}
              </Alert>
            )}
            <FormActions saveLabel="Save changes" pending={update.isPending} edited={dirty} saved={update.isSuccess} onUndo={() => form.reset()} />
          </Stack>
        </fieldset>
      </form>
    </Stack>
  );
}
