import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import type { FieldSpec } from '../../../../contract/connector-types';

type Props = {
  field: FieldSpec;
  /** Whether a value is stored: it can then be kept (input left empty), replaced or removed. */
  stored: boolean;
  /** The form's props for this input; its value is null while the stored secret is marked for removal. */
  inputProps: GetInputPropsReturnType & { label: string; required: boolean; placeholder?: string };
};

/** "API token", "password": the label inside a sentence. */
const named = (field: FieldSpec) => field.label.toLowerCase().replace(/^api/, 'API');
const article = (label: string) => (/^[aeiou]/i.test(label) ? 'An' : 'A');

function description(field: FieldSpec, stored: boolean, removing: boolean): string | undefined {
  if (removing) {
    const then = field.required ? ' Until a new one is entered, the connector is not configured.' : '';
    return `The stored ${named(field)} will be removed when you save.${then}`;
  }
  if (!stored) return field.help;
  return `${article(field.label)} ${named(field)} is stored. Type a new one to replace it.`;
}

/** A write-only input; a stored value can also be marked for removal, which the next save carries out. */
export function SecretField({ field, stored, inputProps }: Props) {
  const removing = inputProps.value === null;
  const input = (
    <PasswordInput
      {...inputProps}
      value={removing ? '' : inputProps.value}
      disabled={removing}
      autoComplete="new-password"
      description={description(field, stored, removing)}
    />
  );
  if (!stored) return input;
  return (
    <Stack gap={4}>
      {input}
      <Group>
        {/* One button that changes its name, so focus stays on it when it is pressed. */}
        <Button variant="subtle" size="compact-sm" onClick={() => inputProps.onChange(removing ? '' : null)}>
          {removing ? `Keep stored ${named(field)}` : `Clear stored ${named(field)}`}
        </Button>
      </Group>
    </Stack>
  );
}
