import { Alert, Anchor, Button, Skeleton, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { Link } from 'react-router';
import type { ActivityEntry } from '../../../contract/activity';
import { LoadError } from '../../components/load-error';
import { RelativeTime } from '../../components/relative-time';
import { paths } from '../../config/paths';
import { useCurrentUser } from '../../lib/session';
import type { ActivityListOptions } from './api';
import { activityParts } from './describe-activity';
import classes from './activity-timeline.module.css';

type Props = {
  options: ActivityListOptions;
  /** Names the connector of each entry as a link to its page (not on that page itself). */
  linkConnectors?: boolean;
  moreLabel?: string;
  empty?: string;
};

export function ActivityTimeline({ options, linkConnectors = false, moreLabel = 'Show more', empty = 'No activity yet' }: Props) {
  const query = useInfiniteQuery(options);
  // An admin reads the history of others' personal connectors too, but cannot open them.
  const userId = useCurrentUser().id;
  const entries = query.data?.pages.flatMap((page) => page.activity) ?? [];

  if (query.isPending) {
    return (
      <Stack gap="xs" role="status" aria-label="Loading the activity">
        <Skeleton height={18} width="70%" />
        <Skeleton height={18} width="60%" />
        <Skeleton height={18} width="65%" />
      </Stack>
    );
  }
  if (query.isError && entries.length === 0) {
    return <LoadError title="Could not load the activity" message={query.error.message} onRetry={() => void query.refetch()} />;
  }
  if (entries.length === 0) return <Text c="dimmed">{empty}</Text>;

  return (
    <Stack gap="sm" align="flex-start">
      <ol className={classes.list} aria-label="Activity, newest first">
        {entries.map((entry) => (
          <li key={entry.id} className={classes.entry}>
            <Sentence entry={entry} link={linkConnectors && !entry.connectorDeleted && (entry.ownerId === null || entry.ownerId === userId)} />
            <Text size="xs" c="dimmed">
              <RelativeTime value={entry.at} />
            </Text>
          </li>
        ))}
      </ol>
      {query.isFetchNextPageError && (
        <Alert color="red" title="Could not load more activity" w="100%">
          {query.error?.message}
        </Alert>
      )}
      {query.hasNextPage && (
        <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {query.isFetchNextPageError ? 'Try again' : moreLabel}
        </Button>
      )}
    </Stack>
  );
}

function Sentence({ entry, link }: { entry: ActivityEntry; link: boolean }) {
  return (
    <Text size="sm">
      {activityParts(entry).map((part, index) => (
        <Fragment key={index}>
          {typeof part === 'string' ? (
            part
          ) : link ? (
            <Anchor component={Link} to={paths.connector.href(entry.connectorId)} inherit underline="always">
              {part.connector}
            </Anchor>
          ) : (
            part.connector
          )}
        </Fragment>
      ))}
    </Text>
  );
}
