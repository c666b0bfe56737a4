import { Alert, Box, Button, Group, Text } from '@mantine/core';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { paths } from '../config/paths';

function describe(error: unknown): string {
  if (isRouteErrorResponse(error)) return error.status === 404 ? 'This page does not exist.' : `${error.status} ${error.statusText}`;
  if (error instanceof Error) return error.message;
  return 'An unexpected error occurred.';
}

/**
 * Shown when a page fails to render. `standalone` is for errors outside the signed-in layout, which
 * then has to provide the page's main landmark itself.
 */
export function RouteError({ standalone = false }: { standalone?: boolean }) {
  const error = useRouteError();
  const content = (
    <Box maw={720} mx="auto" px="md" py="xl">
      <title>Something went wrong · Connector console</title>
      <Alert color="red" title="Something went wrong on this page">
        <Text size="sm" mb="md">
          {describe(error)}
        </Text>
        <Group gap="sm">
          <Button component={Link} to={paths.connectors.href()}>
            Back to connectors
          </Button>
          <Button variant="default" onClick={() => window.location.reload()}>
            Reload the page
          </Button>
        </Group>
      </Alert>
    </Box>
  );
  return standalone ? <main>{content}</main> : content;
}
