import { Anchor, Checkbox } from '@mantine/core';
import { memo } from 'react';
import { Link, useLocation } from 'react-router';
import type { Connector } from '../../../../contract/connector';
import { connectorTypeName } from '../../../../contract/connector-types';
import type { Viewer } from '../../../../contract/rules';
import { RelativeTime } from '../../../components/relative-time';
import { paths } from '../../../config/paths';
import { authTypeLabels, scopeLabels } from '../labels';
import { ConnectorBadges } from './connector-badges';
import classes from './connector-row.module.css';
import { ConnectorToggles } from './connector-toggles';
import { RowMenu } from './row-menu';

type Props = {
  connector: Connector;
  viewer: Viewer;
  creatorName: string;
  /** Someone else's change that arrived live, shown for a few minutes. */
  recentChange?: { by: string; at: string };
  selected: boolean;
  /** The same function for every row, so that selecting one row does not render the others. */
  onSelectedChange: (connectorId: string, selected: boolean) => void;
};

/**
 * One connector in the list. Memoized: the virtualized list renders again on every scroll event and
 * every cache write, and a row needs to render only when its own connector, creator or selection changes.
 */
export const ConnectorRow = memo(function ConnectorRow({ connector, viewer, creatorName, selected, onSelectedChange, recentChange }: Props) {
  const { search } = useLocation();
  return (
    <div className={classes.row}>
      <div className={classes.main}>
        <Checkbox
          aria-label={`Select ${connector.instanceName}`}
          checked={selected}
          onChange={(event) => onSelectedChange(connector.connectorId, event.currentTarget.checked)}
          className={classes.select}
        />
        <div className={classes.details}>
          <div className={classes.heading}>
            <Anchor component={Link} to={paths.connector.href(connector.connectorId)} state={{ listSearch: search }} fw={600} className={classes.name}>
              {connector.instanceName}
            </Anchor>
            <p className={classes.note}>{connectorTypeName(connector.connectorType)}</p>
            <RowMenu connector={connector} viewer={viewer} />
          </div>
          <ConnectorBadges connector={connector} />
          <p className={classes.note}>
            {scopeLabels[connector.scope]} · {authTypeLabels[connector.authType]} · Created by {creatorName} ·
            Last synced <RelativeTime value={connector.lastSyncAt} />
            {recentChange && (
              <>
                {' '}
                · Changed by {recentChange.by} <RelativeTime value={recentChange.at} />
              </>
            )}
          </p>
        </div>
      </div>
      <div className={classes.toggles}>
        <ConnectorToggles connector={connector} viewer={viewer} />
      </div>
    </div>
  );
});
