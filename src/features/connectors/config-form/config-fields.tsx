import { NumberInput, Select, Stack, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import type { FieldSpec } from '../../../../contract/connector-types';
import { SecretField } from './secret-field';

type Props = {
  fields: readonly FieldSpec[];
  /** The form path of the section these fields belong to, like `config.auth`. */
  path: string;
  getInputProps: (path: string) => GetInputPropsReturnType;
  /** Names of the secrets already stored: their inputs say so, may stay empty, and offer to remove them. */
  storedSecrets?: readonly string[];
};

/** The inputs for one section of a connector type's declaration, each fitted to its kind. */
export function ConfigFields({ fields, path, getInputProps, storedSecrets = [] }: Props) {
  return (
    <Stack gap="sm">
      {fields.map((field) => {
        const common = {
          label: field.label,
          // `required` also tells screen readers; the forms validate themselves (noValidate).
          required: field.required,
          placeholder: field.placeholder,
          ...getInputProps(`${path}.${field.name}`),
        };
        switch (field.kind) {
          case 'secret':
            return <SecretField key={field.name} field={field} stored={storedSecrets.includes(field.name)} inputProps={common} />;
          case 'number':
            // Not clamped: the schema's message says what is wrong instead of the value silently changing.
            return <NumberInput key={field.name} {...common} description={field.help} min={field.min} max={field.max} clampBehavior="none" allowDecimal={false} />;
          case 'select':
            return <Select key={field.name} {...common} description={field.help} data={field.options ?? []} clearable />;
          case 'url':
            return <TextInput key={field.name} {...common} description={field.help} type="url" inputMode="url" autoComplete="url" />;
          case 'text':
            return <TextInput key={field.name} {...common} description={field.help} autoComplete="off" />;
        }
      })}
    </Stack>
  );
}
