import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../../lib/api-client';
import { bulkQueries, useBulkToggle, type BulkRequest } from './bulk-api';
import { actionLabel, previewSentence, resultSentence } from './bulk-phrases';
import { RefusedList } from './refused-list';

type Props = { request: BulkRequest; onClose: () => void; onApplied: () => void };

function failureMessage(error: Error): string {
  if (!isApiError(error) || !error.outcomeUnknown) return error.message;
  return `${error.message} Some connectors may have changed. Sending it again is safe: each is only set to what you chose.`;
}

/** Mounted per action, so that each starts from a fresh dry run. */
export function BulkDialog({ request, onClose, onApplied }: Props) {
  const preview = useQuery(bulkQueries.preview(request));
  const apply = useBulkToggle();
  const label = actionLabel(request);
  const willChange = preview.data?.summary.willChange ?? 0;
  // Closing mid-request would hide its outcome; the request is bounded by the client's timeout.
  const close = apply.isPending ? () => undefined : onClose;

  return (
    <Modal opened onClose={close} title={`${label}?`} centered size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {apply.isSuccess ? (
        <Stack gap="md">
          <Text role="status">{resultSentence(apply.data.summary, request)}</Text>
          <RefusedList
            results={apply.data.results}
            names={new Map(preview.data?.results.map((result) => [result.connectorId, result.instanceName]))}
          />
          <Group justify="flex-end">
            <Button onClick={onClose} autoFocus>
              Done
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          {preview.isPending ? (
            <Group gap="sm" role="status">
              <Loader size="sm" />
              <Text size="sm">Checking what would change…</Text>
            </Group>
          ) : preview.isError ? (
            <Alert color="red" title="Could not check what would change">
              {preview.error.message}
            </Alert>
          ) : (
            <>
              <Text>{previewSentence(preview.data.summary, request)}</Text>
              <RefusedList results={preview.data.results} />
            </>
          )}
          {apply.isError && (
            <Alert color="red" title="The change was not confirmed">
              {failureMessage(apply.error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={apply.isPending}>
              Cancel
            </Button>
            {preview.isError && <Button onClick={() => void preview.refetch()}>Try again</Button>}
            {preview.isSuccess && (
              <Button disabled={willChange === 0} loading={apply.isPending} onClick={() => apply.mutate(request, { onSuccess: onApplied })}>
                {label} for {willChange}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
