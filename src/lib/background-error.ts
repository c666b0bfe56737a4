import { useSyncExternalStore } from 'react';

/**
 * The one notification this app shows: a refresh of data already on screen failed. While one is
 * shown, further failures are not added to it, so that a server that is down is reported once.
 */
export type BackgroundError = { id: number; message: string };

let current: BackgroundError | null = null;
let reported = 0;
const listeners = new Set<() => void>();

function set(next: BackgroundError | null) {
  current = next;
  listeners.forEach((notify) => notify());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const backgroundError = {
  report: (message: string) => {
    if (!current) set({ id: ++reported, message });
  },
  dismiss: () => set(null),
};

export function useBackgroundError(): BackgroundError | null {
  return useSyncExternalStore(subscribe, () => current);
}
