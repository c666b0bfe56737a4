import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useId, useRef, useState } from 'react';
import { sortableFields, type SortableField } from '../../../../contract/connector';
import { connectorTypes } from '../../../../contract/connector-types';
import { countActiveFilters, type ListParams, type ParamKey, type ParamsPatch } from '../list-params';
import { scopeLabels, statusLabels } from '../labels';
import classes from './list-toolbar.module.css';

type Props = {
  params: ListParams;
  onChange: (patch: ParamsPatch, options?: { replace?: boolean }) => void;
  onClear: () => void;
};

type Option = { value: string; label: string };
const any: Option = { value: '', label: 'Any' };
const yesNo = (yes: string, no: string): Option[] => [any, { value: 'true', label: yes }, { value: 'false', label: no }];

const filterFields: Array<{ key: Exclude<ParamKey, 'search' | 'sort'>; label: string; options: Option[] }> = [
  { key: 'scope', label: 'Scope', options: [any, ...Object.entries(scopeLabels).map(([value, label]) => ({ value, label }))] },
  { key: 'connectorType', label: 'Type', options: [any, ...connectorTypes.map((type) => ({ value: type.id, label: type.displayName }))] },
  { key: 'status', label: 'Status', options: [any, ...Object.entries(statusLabels).map(([value, label]) => ({ value, label }))] },
  { key: 'syncEnabled', label: 'Sync', options: yesNo('On', 'Off') },
  { key: 'agentEnabled', label: 'Agent', options: yesNo('On', 'Off') },
  { key: 'isConfigured', label: 'Configuration', options: yesNo('Configured', 'Not configured') },
  { key: 'isAuthenticated', label: 'Sign-in', options: yesNo('Signed in', 'Needs sign-in') },
];

const sortLabels: Record<SortableField, [string, string]> = {
  instanceName: ['Name, A to Z', 'Name, Z to A'],
  connectorType: ['Type, A to Z', 'Type, Z to A'],
  scope: ['Scope, personal first', 'Scope, team first'],
  authType: ['Auth type, A to Z', 'Auth type, Z to A'],
  status: ['Status, A to Z', 'Status, Z to A'],
  createdBy: ['Creator, A to Z', 'Creator, Z to A'],
  lastSyncAt: ['Last synced, oldest first', 'Last synced, newest first'],
  createdAt: ['Created, oldest first', 'Created, newest first'],
  updatedAt: ['Updated, oldest first', 'Updated, newest first'],
};
const sortOptions: Option[] = [
  { value: '', label: 'Default order' },
  ...sortableFields.flatMap((field) => [
    { value: field, label: sortLabels[field][0] },
    { value: `-${field}`, label: sortLabels[field][1] },
  ]),
];

export function ListToolbar({ params, onChange, onClear }: Props) {
  const filtersId = useId();
  const activeFilters = countActiveFilters(params) - (params.search ? 1 : 0);
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  const [filtersOpen, setFiltersOpen] = useState<boolean | null>(null);
  const showFilters = filtersOpen ?? (wide || activeFilters > 0);

  return (
    <Stack gap={0}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <SearchBox value={params.search ?? ''} onSearch={(search) => onChange({ search }, { replace: true })} />
        <NativeSelect
          label="Sort"
          data={sortOptions}
          value={params.sort ?? ''}
          onChange={(event) => onChange({ sort: event.currentTarget.value })}
          style={{ flex: '0 1 14rem' }}
        />
        <Button variant="default" aria-expanded={showFilters} aria-controls={filtersId} onClick={() => setFiltersOpen(!showFilters)}>
          Filters{activeFilters > 0 ? ` (${activeFilters})` : ''}
        </Button>
        {countActiveFilters(params) > 0 && (
          <Button variant="subtle" onClick={onClear}>
            Clear filters
          </Button>
        )}
      </Group>
      <div id={filtersId} className={classes.collapse} data-expanded={showFilters || undefined}>
        <div className={classes.clip}>
          <div className={classes.filters}>
            {filterFields.map(({ key, label, options }) => (
              <NativeSelect
                key={key}
                label={label}
                data={options}
                value={params[key] === undefined ? '' : String(params[key])}
                onChange={(event) => onChange({ [key]: event.currentTarget.value })}
              />
            ))}
          </div>
        </div>
      </div>
    </Stack>
  );
}

/** Types freely; the URL (and so the server query) follows 300 ms after the last keystroke. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (search: string) => void }) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  // The search waiting for typing to pause, sent with the latest onSearch (which reads the latest URL).
  // Written out rather than Mantine's useDebouncedCallback: its leading/maxWait/flush machinery is the
  // 0.3 kB that took the list page's JavaScript over the 180 kB budget (bench/bundle.ts).
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latestOnSearch = useRef(onSearch);
  useEffect(() => {
    latestOnSearch.current = onSearch;
  });
  // Dropped if the page goes away first.
  useEffect(() => () => clearTimeout(pending.current), []);
  // The URL changed (back button, "Clear filters", or this box's own search arriving): show what it
  // says, unless that is what is typed already, trailing spaces included.
  if (value !== seen) {
    setSeen(value);
    if (value !== text.trim()) setText(value);
  }

  return (
    <TextInput
      label="Search"
      placeholder="Search by name"
      type="search"
      value={text}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        clearTimeout(pending.current);
        pending.current = setTimeout(() => latestOnSearch.current(next.trim()), 300);
      }}
      style={{ flex: '1 1 16rem' }}
    />
  );
}
