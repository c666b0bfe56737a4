import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { paths } from '../../../config/paths';

export function NotFoundRoute() {
  return (
    <Stack align="flex-start" gap="sm">
      <title>Page not found · Connector console</title>
      <Title order={1}>Page not found</Title>
      <Text>There is no page at this address.</Text>
      <Button component={Link} to={paths.connectors.href()}>
        Back to connectors
      </Button>
    </Stack>
  );
}
