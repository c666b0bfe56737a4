import { z } from 'zod';

// The server's Content-Security-Policy allows no eval, so zod's compiled parsers cannot run in the
// page; without this, zod finds that out with a `new Function` that the page reports as a CSP
// violation. Imported first by main.tsx: some modules parse with their schemas as they load.
z.config({ jitless: true });
