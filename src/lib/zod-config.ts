import { z } from 'zod';

// The server's Content-Security-Policy allows no eval, so zod's compiled parsers cannot run in the
// page; without this, zod finds that out with a `new Function` that the page reports as a CSP
// violation. Imported first by main.tsx: zod settles this as each object schema is created, and the
// contract's schemas are created as their modules load.
z.config({ jitless: true });
