import { z } from 'zod';
import { authTypeSchema, scopeSchema, text, type AuthType, type DataLoaderConfig } from './connector';
import { authFields, findConnectorType, type ConnectorTypeSpec, type FieldSpec } from './connector-types';

// A connector's configuration, checked against its type's declaration in connector-types.ts.

export type ConfigSection = 'auth' | 'sync' | 'filters';
export const configSections: readonly ConfigSection[] = ['auth', 'sync', 'filters'];

/** Stored values of the fields that are not secret; a secret is kept apart, sealed, and never read back. */
export type ConfigValues = Record<string, string | number>;
export type StoredSettings = Record<ConfigSection, ConfigValues>;

export const emptySettings = (): StoredSettings => ({ auth: {}, sync: {}, filters: {} });

// Credentials go to these addresses: never in clear text.
const isWebAddress = (value: string) => URL.canParse(value) && new URL(value).protocol === 'https:';

// "postgres://reader:secret@db/x": the password would be stored unsealed and shown to every reader.
const holdsPassword = (value: string) => /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i.test(value);
const noPasswordIn = (label: string) => [(value: string) => !holdsPassword(value), `Leave the password out of ${label}: it has a field of its own, where it is stored encrypted`] as const;

/**
 * What one field accepts. An empty text (or a null number) clears the field. A secret cannot be read
 * back, so an empty one keeps the stored value (a form sends its empty input) and null removes it.
 */
export function fieldValueSchema(field: FieldSpec): z.ZodType<string | number | null> {
  switch (field.kind) {
    case 'number': {
      let number = z.number({ error: `${field.label} must be a number` }).int(`${field.label} must be a whole number`);
      if (field.min !== undefined) number = number.min(field.min, `${field.label} is at least ${field.min}`);
      if (field.max !== undefined) number = number.max(field.max, `${field.label} is at most ${field.max}`);
      return number.nullable();
    }
    case 'select': {
      const values = (field.options ?? []).map((option) => option.value);
      return z.string().refine((value) => value === '' || values.includes(value), `Choose one of: ${values.join(', ')}`);
    }
    case 'url':
      return text()
        .trim()
        .max(2000, `${field.label} is at most 2000 characters`)
        .refine((value) => value === '' || isWebAddress(value), `${field.label} must be a web address starting with https://`)
        .refine(...noPasswordIn(field.label));
    case 'secret':
      return text().max(4000, `${field.label} is at most 4000 characters`).nullable();
    case 'text':
      return text()
        .trim()
        .max(500, `${field.label} is at most 500 characters`)
        .refine(...noPasswordIn(field.label));
  }
}

function sectionSchema(fields: readonly FieldSpec[]) {
  return z.strictObject(Object.fromEntries(fields.map((field) => [field.name, fieldValueSchema(field).optional()])));
}

export function sectionFields(type: ConnectorTypeSpec, authType: AuthType, section: ConfigSection): readonly FieldSpec[] {
  if (section === 'auth') return authFields(type, authType);
  return section === 'sync' ? type.sync : type.filters;
}

/** The configuration this type and auth type accept: every field optional, each checked by its kind. */
export function configInputSchema(type: ConnectorTypeSpec, authType: AuthType) {
  return z.strictObject({
    auth: sectionSchema(authFields(type, authType)).optional(),
    sync: sectionSchema(type.sync).optional(),
    filters: sectionSchema(type.filters).optional(),
  });
}

// The shape any type's configuration has; the type's own schema then checks the fields.
const anyValue = z.union([z.string(), z.number(), z.null()]);
export const connectorConfigInputSchema = z.strictObject({
  auth: z.record(z.string(), anyValue).optional(),
  sync: z.record(z.string(), anyValue).optional(),
  filters: z.record(z.string(), anyValue).optional(),
});
export type ConnectorConfigInput = z.infer<typeof connectorConfigInputSchema>;

export const instanceNameSchema = text().trim().min(1, 'Enter a name').max(200, 'A name is at most 200 characters');

/** Adds the issues of `schema` for `value` to `context`, under `path`. */
function checkInto(context: z.RefinementCtx, schema: z.ZodType, value: unknown, path: (string | number)[]) {
  const result = schema.safeParse(value);
  if (result.success) return;
  for (const issue of result.error.issues) {
    context.addIssue({ code: 'custom', message: issue.message, path: [...path, ...issue.path.map((key) => key as string | number)] });
  }
}

export const createConnectorRequestSchema = z
  .strictObject({
    connectorType: z.string().max(100),
    instanceName: instanceNameSchema,
    scope: scopeSchema,
    authType: authTypeSchema.optional(),
    config: connectorConfigInputSchema.optional(),
  })
  .superRefine((request, context) => {
    const type = findConnectorType(request.connectorType);
    if (!type) {
      context.addIssue({ code: 'custom', path: ['connectorType'], message: `There is no connector type "${request.connectorType}"` });
      return;
    }
    if (!type.scopes.includes(request.scope)) {
      context.addIssue({ code: 'custom', path: ['scope'], message: `${type.displayName} connectors can only be ${type.scopes.join(' or ')} connectors` });
    }
    const authType = request.authType ?? type.authTypes[0]!;
    if (!type.authTypes.includes(authType)) {
      context.addIssue({ code: 'custom', path: ['authType'], message: `${type.displayName} signs in with ${type.authTypes.join(' or ')}` });
      return;
    }
    checkInto(context, configInputSchema(type, authType), request.config ?? {}, ['config']);
  });
export type CreateConnectorRequest = z.infer<typeof createConnectorRequestSchema>;

export const renameRequestSchema = z.strictObject({ instanceName: instanceNameSchema });

const isSet = (value: string | number | undefined) => value !== undefined && value !== '';

/** The labels of the required fields still unset: what to configure next. Empty when configured. */
export function missingFields(
  type: ConnectorTypeSpec,
  authType: AuthType,
  settings: StoredSettings,
  storedSecrets: readonly string[],
): string[] {
  return configSections.flatMap((section) =>
    sectionFields(type, authType, section)
      .filter((field) => field.required)
      .filter((field) => (field.kind === 'secret' ? !storedSecrets.includes(field.name) : !isSet(settings[section][field.name])))
      .map((field) => field.label),
  );
}

export function isConfiguredWith(connectorType: string, authType: AuthType, settings: StoredSettings, storedSecrets: readonly string[]): boolean {
  const type = findConnectorType(connectorType);
  return type !== undefined && missingFields(type, authType, settings, storedSecrets).length === 0;
}

/** The auth type's main secret (an API token, a password): where seed 002's `auth.password` goes. */
export function primarySecret(type: ConnectorTypeSpec | undefined, authType: AuthType): string | undefined {
  return type && authFields(type, authType).find((field) => field.kind === 'secret')?.name;
}

/** Seed 002's `dataLoaderConfig`, read from the configuration. */
export function dataLoaderView(connectorType: string, authType: AuthType, settings: StoredSettings, storedSecrets: readonly string[]): DataLoaderConfig {
  const secret = primarySecret(findConnectorType(connectorType), authType);
  const batchSize = settings.sync.batchSize;
  return {
    source: String(settings.sync.source ?? ''),
    batchSize: typeof batchSize === 'number' ? batchSize : 0,
    auth: { username: String(settings.auth.username ?? ''), hasPassword: secret !== undefined && storedSecrets.includes(secret) },
  };
}

/** The defaults of fields left out when a connector is created. */
export function defaultSettings(type: ConnectorTypeSpec, authType: AuthType): StoredSettings {
  const settings = emptySettings();
  for (const section of configSections) {
    for (const field of sectionFields(type, authType, section)) {
      if (field.defaultValue !== undefined) settings[section][field.name] = field.defaultValue;
    }
  }
  return settings;
}

const configValuesSchema = z.record(z.string(), z.union([z.string(), z.number()]));

export const connectorConfigSchema = z.object({
  connectorId: z.string(),
  connectorType: z.string(),
  instanceName: z.string(),
  authType: authTypeSchema,
  scope: scopeSchema,
  config: z.object({
    auth: configValuesSchema,
    sync: configValuesSchema,
    filters: configValuesSchema,
    /** Which secret fields hold a value. The values themselves are never sent. */
    storedSecrets: z.array(z.string()),
  }),
  isActive: z.boolean(),
  isConfigured: z.boolean(),
  isAuthenticated: z.boolean(),
  version: z.number().int(),
});
export type ConnectorConfig = z.infer<typeof connectorConfigSchema>;

export const connectorConfigResponseSchema = z.object({ success: z.literal(true), config: connectorConfigSchema });
