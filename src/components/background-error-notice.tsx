import { Alert } from '@mantine/core';
import { useEffect, useState } from 'react';
import { backgroundError, useBackgroundError, type BackgroundError } from '../lib/background-error';

const AUTO_CLOSE_MS = 10_000;

/** Says, top right, that a refresh failed and the page may be out of date; closes itself after a while. */
export function BackgroundErrorNotice() {
  const error = useBackgroundError();
  // A failure reported after the previous one closed starts its own timer.
  return error ? <Notice key={error.id} error={error} /> : null;
}

function Notice({ error }: { error: BackgroundError }) {
  // Stays open while the pointer or the focus is on it, so that it can be read to the end.
  const [held, setHeld] = useState(false);

  useEffect(() => {
    if (held) return;
    const timer = setTimeout(backgroundError.dismiss, AUTO_CLOSE_MS);
    return () => clearTimeout(timer);
  }, [held]);

  return (
    <Alert
      className="background-error"
      variant="default"
      color="red"
      title="Could not refresh the data on this page"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={backgroundError.dismiss}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      {error.message} What you see may be out of date.
    </Alert>
  );
}
