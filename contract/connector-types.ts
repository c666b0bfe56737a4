import { z } from 'zod';
import { authTypeSchema } from './connector';

export const connectorTypeSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  authTypes: z.array(authTypeSchema).min(1),
  supportsAgent: z.boolean(),
});
export type ConnectorType = z.infer<typeof connectorTypeSchema>;

export const connectorTypesResponseSchema = z.object({
  success: z.literal(true),
  connectorTypes: z.array(connectorTypeSchema),
});

// The registry of connector types this workspace can run. Adding a type here is all it takes for
// the server to accept it and for the dashboard to name it.
export const connectorTypes = [
  { id: 'google-drive', displayName: 'Google Drive', authTypes: ['OAUTH', 'OAUTH_ADMIN_CONSENT'], supportsAgent: true },
  { id: 'slack', displayName: 'Slack', authTypes: ['OAUTH', 'API_TOKEN'], supportsAgent: true },
  { id: 'jira', displayName: 'Jira', authTypes: ['OAUTH', 'API_TOKEN'], supportsAgent: true },
  { id: 'confluence', displayName: 'Confluence', authTypes: ['OAUTH', 'API_TOKEN'], supportsAgent: true },
  { id: 'notion', displayName: 'Notion', authTypes: ['OAUTH', 'API_TOKEN'], supportsAgent: true },
  { id: 'postgres', displayName: 'PostgreSQL', authTypes: ['USERNAME_PASSWORD'], supportsAgent: false },
  { id: 's3', displayName: 'Amazon S3', authTypes: ['API_TOKEN'], supportsAgent: false },
  { id: 'web', displayName: 'Web crawler', authTypes: ['NONE'], supportsAgent: false },
] as const satisfies readonly ConnectorType[];

export type ConnectorTypeId = (typeof connectorTypes)[number]['id'];

const byId = new Map<string, ConnectorType>(connectorTypes.map((type) => [type.id, type]));

export function findConnectorType(id: string): ConnectorType | undefined {
  return byId.get(id);
}


export function connectorTypeName(id: string): string {
  return findConnectorType(id)?.displayName ?? id;
}
