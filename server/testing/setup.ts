import { afterAll } from 'vitest';
import { closeEmptiedDatabases } from './test-database';

afterAll(closeEmptiedDatabases);
