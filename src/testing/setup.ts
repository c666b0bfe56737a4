import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { backgroundError } from '../lib/background-error';

// The real server answers in-process, but a busy machine can make a page take over a second.
configure({ asyncUtilTimeout: 5000 });

// happy-dom lays nothing out (every element measures 0): a window this tall lets the virtualized
// list render every row of the demo org, as a large screen would.
beforeEach(() => {
  (window as unknown as { happyDOM: { setViewport(size: { width: number; height: number }): void } }).happyDOM.setViewport({
    width: 1280,
    height: 20_000,
  });
});

afterEach(() => {
  cleanup();
  backgroundError.dismiss();
  localStorage.clear();
  window.scrollTo(0, 0);
});
