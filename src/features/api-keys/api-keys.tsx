import { Stack } from '@mantine/core';
import { useState } from 'react';
import { useCurrentUser } from '../../lib/session';
import { ApiKeyTable } from './api-key-table';
import { CreateApiKeyForm, type CreatedApiKey } from './create-api-key-form';
import { NewApiKeyPanel } from './new-api-key-panel';

/** Creating a key, showing it once, and the keys the viewer may revoke. */
export function ApiKeys() {
  const user = useCurrentUser();
  // The plain key lives here only while its panel is open; "Done" drops it for good.
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  // Back from the panel, the person is at the form: its first field takes the focus the panel had.
  const [shownOnce, setShownOnce] = useState(false);

  return (
    <Stack gap="lg">
      {created ? (
        <NewApiKeyPanel
          created={created}
          onDone={() => {
            setCreated(null);
            setShownOnce(true);
          }}
        />
      ) : (
        <CreateApiKeyForm ownRole={user.role} autoFocus={shownOnce} onCreated={setCreated} />
      )}
      <ApiKeyTable />
    </Stack>
  );
}
