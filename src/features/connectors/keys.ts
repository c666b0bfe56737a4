import type { ConnectorFilters } from '../../../contract/connector';
import type { BulkRequest } from './bulk/bulk-api';
import type { ListParams } from './list-params';

/** Who changed which connector lately, as the live stream told: filled by events, never fetched. */
export const recentChangeKeys = { all: () => ['connector-changes', 'recent'] as const };

// From general to specific, so that invalidating a prefix reaches everything below it.
export const connectorKeys = {
  all: () => ['connectors'] as const,
  lists: () => [...connectorKeys.all(), 'list'] as const,
  list: (params: ListParams) => [...connectorKeys.lists(), params] as const,
  allCounts: () => [...connectorKeys.all(), 'counts'] as const,
  counts: (filters: ConnectorFilters) => [...connectorKeys.allCounts(), filters] as const,
  details: () => [...connectorKeys.all(), 'detail'] as const,
  detail: (connectorId: string) => [...connectorKeys.details(), connectorId] as const,
  configs: () => [...connectorKeys.all(), 'config'] as const,
  config: (connectorId: string) => [...connectorKeys.configs(), connectorId] as const,
  bulkPreviews: () => [...connectorKeys.all(), 'bulk-preview'] as const,
  bulkPreview: (request: BulkRequest) => [...connectorKeys.bulkPreviews(), request] as const,
};
