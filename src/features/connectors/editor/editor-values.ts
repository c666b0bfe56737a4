import { schemaResolver, type FormErrors } from '@mantine/form';
import { connectorPatchSchema, type Connector, type ConnectorStatus } from '../../../../contract/connector';
import { authTypeLabels, statusLabels } from '../labels';

export type EditorValues = {
  instanceName: string;
  status: ConnectorStatus;
};

export function toEditorValues(connector: Connector): EditorValues {
  return { instanceName: connector.instanceName, status: connector.status };
}

type Field = { path: string; label: string; read: (values: EditorValues) => string | number };

export const editorFields: Field[] = [
  { path: 'instanceName', label: 'Name', read: (values) => values.instanceName },
  { path: 'status', label: 'Status', read: (values) => values.status },
];

/** The fields the user changed, compared with the version they started from. */
export function editedPaths(values: EditorValues, base: EditorValues): string[] {
  return editorFields.filter((field) => field.read(values) !== field.read(base)).map((field) => field.path);
}

/**
 * What to send: only the sections that changed, so that saving a new name does not require fixing an
 * unrelated part of the configuration first. Validated and trimmed by the contract's schema.
 */
export function buildPatch(values: EditorValues, base: EditorValues): Record<string, unknown> {
  const edited = new Set(editedPaths(values, base));
  const patch: Record<string, unknown> = {};
  if (edited.has('instanceName')) patch.instanceName = values.instanceName;
  if (edited.has('status')) patch.status = values.status;
  return patch;
}

const resolvePatch = schemaResolver(connectorPatchSchema, { sync: true });

export function validateEdits(values: EditorValues, base: EditorValues): FormErrors {
  // The schema's "send at least one field" applies to the whole form, not to any one input.
  const { '': _nothingToSave, ...errors } = resolvePatch(buildPatch(values, base));
  return errors;
}

/** The user's edits laid over a newer version of the connector, so nothing has to be typed again. */
export function reapplyEdits(values: EditorValues, base: EditorValues, latest: Connector): EditorValues {
  const next = structuredClone(toEditorValues(latest));
  const edited = new Set(editedPaths(values, base));
  if (edited.has('instanceName')) next.instanceName = values.instanceName;
  if (edited.has('status')) next.status = values.status;
  return next;
}

export type Change = { label: string; before: string; after: string; yours?: string };

const onOff = (value: boolean) => (value ? 'On' : 'Off');
const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/** Field by field, what changed between the version the user started from and the latest one. */
export function describeChanges(base: Connector, latest: Connector, values: EditorValues, baseValues: EditorValues): Change[] {
  const edited = new Set(editedPaths(values, baseValues));
  const yours = (path: string, read: (v: EditorValues) => string | number) => (edited.has(path) ? String(read(values)) : undefined);
  const rows: Array<Change | null> = [
    ...editorFields.map((field) => {
        const before = field.read(toEditorValues(base));
        const after = field.read(toEditorValues(latest));
        if (before === after) return null;
        const show = (value: string | number) => (field.path === 'status' ? statusLabels[value as ConnectorStatus] : String(value));
        const mine = yours(field.path, field.read);
        return { label: field.label, before: show(before), after: show(after), yours: mine === undefined ? undefined : show(mine) };
      }),
    base.dataLoaderConfig.source !== latest.dataLoaderConfig.source
      ? { label: 'Source', before: base.dataLoaderConfig.source, after: latest.dataLoaderConfig.source }
      : null,
    base.authType !== latest.authType ? { label: 'Auth type', before: authTypeLabels[base.authType], after: authTypeLabels[latest.authType] } : null,
    base.syncEnabled !== latest.syncEnabled ? { label: 'Sync', before: onOff(base.syncEnabled), after: onOff(latest.syncEnabled) } : null,
    base.agentEnabled !== latest.agentEnabled ? { label: 'Agent', before: onOff(base.agentEnabled), after: onOff(latest.agentEnabled) } : null,
    base.isConfigured !== latest.isConfigured ? { label: 'Configured', before: yesNo(base.isConfigured), after: yesNo(latest.isConfigured) } : null,
    base.isAuthenticated !== latest.isAuthenticated ? { label: 'Signed in', before: yesNo(base.isAuthenticated), after: yesNo(latest.isAuthenticated) } : null,
  ];
  return rows.filter((row): row is Change => row !== null);
}
