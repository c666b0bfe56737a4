import type { AuthType } from '../../../../contract/connector';
import { configSections, sectionFields, type ConfigSection, type ConnectorConfig, type ConnectorConfigInput } from '../../../../contract/connector-config';
import type { ConnectorTypeSpec } from '../../../../contract/connector-types';

/**
 * What the inputs hold: text, or a number input's number ('' while empty). Secrets start empty; null
 * marks a stored secret for removal.
 */
export type FieldValues = Record<string, string | number | null>;
export type ConfigValues = Record<ConfigSection, FieldValues>;

/** Every field of every auth type, so switching the auth type in a form keeps what was typed. */
function allFields(type: ConnectorTypeSpec, section: ConfigSection) {
  return type.authTypes.flatMap((authType) => sectionFields(type, authType, section));
}

/** The form's starting values: the stored configuration, or each field's default for a new connector. */
export function initialConfigValues(type: ConnectorTypeSpec, stored?: ConnectorConfig['config']): ConfigValues {
  const values = { auth: {}, sync: {}, filters: {} } as ConfigValues;
  for (const section of configSections) {
    for (const field of allFields(type, section)) {
      const value = field.kind === 'secret' ? undefined : stored ? stored[section][field.name] : field.defaultValue;
      values[section][field.name] = value ?? '';
    }
  }
  return values;
}

/**
 * What to send for `authType`'s fields. Without `base` (creating): every field that holds something.
 * With `base` (editing): only what changed from it, an emptied field as '' (or null for a number), and a
 * secret only when one was typed (an empty secret keeps the stored one) or as null to remove it.
 */
export function toConfigInput(type: ConnectorTypeSpec, authType: AuthType, values: ConfigValues, base?: ConfigValues): ConnectorConfigInput {
  const input: ConnectorConfigInput = {};
  for (const section of configSections) {
    const entries: [string, string | number | null][] = [];
    for (const field of sectionFields(type, authType, section)) {
      const held = values[section][field.name];
      // Only a stored secret marked for removal holds null, and null is what removes it.
      if (held === null) {
        entries.push([field.name, null]);
        continue;
      }
      const value = held ?? '';
      if (field.kind === 'secret' || !base) {
        if (value !== '') entries.push([field.name, value]);
      } else if (value !== (base[section][field.name] ?? '')) {
        entries.push([field.name, value === '' && field.kind === 'number' ? null : value]);
      }
    }
    if (entries.length > 0) input[section] = Object.fromEntries(entries);
  }
  return input;
}
