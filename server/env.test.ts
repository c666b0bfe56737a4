import { describe, expect, it } from 'vitest';
import { allowedHosts, parseEnv, seedsDemo } from './env';

describe('environment', () => {
  it('has defaults that run out of the box', () => {
    expect(parseEnv({})).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', STATIC_DIR: './dist' });
  });

  it('says which variable is wrong', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres/);
  });

  it('runs several processes only on a PostgreSQL server', () => {
    expect(parseEnv({}).WORKERS).toBe(1);
    expect(() => parseEnv({ WORKERS: '2' })).toThrow(/WORKERS above 1 needs DATABASE_URL/);
    expect(parseEnv({ WORKERS: '3', DATABASE_URL: 'postgres://localhost/x', SECRETS_KEY: 'k' }).WORKERS).toBe(3);
    expect(() => parseEnv({ WORKERS: '0', DATABASE_URL: 'postgres://localhost/x', SECRETS_KEY: 'k' })).toThrow(/WORKERS/);
    expect(() => parseEnv({ DATABASE_URL: 'postgres://localhost/x' })).toThrow(/SECRETS_KEY is required with DATABASE_URL/);
    expect(parseEnv({ DATABASE_POOL_SIZE: '8' }).DATABASE_POOL_SIZE).toBe(8);
    expect(() => parseEnv({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('treats an empty variable as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', SEED_DEMO: '' }).DATABASE_URL).toBeUndefined();
  });

  it('seeds demo data into the embedded database, and into PostgreSQL only with SEED_DEMO=1', () => {
    const url = 'postgres://localhost/x';
    expect(seedsDemo({})).toBe(true);
    expect(seedsDemo({ SEED_DEMO: '0' })).toBe(false);
    expect(seedsDemo({ DATABASE_URL: url })).toBe(false);
    expect(seedsDemo({ DATABASE_URL: url, SEED_DEMO: '1' })).toBe(true);
  });
});

it('names the hosts a loopback server answers to, and leaves a public one to ALLOWED_HOSTS', () => {
  const env = (values: Record<string, string>) => parseEnv({ ...values });
  expect(allowedHosts(env({}))).toEqual(['localhost', '127.0.0.1', '::1', '[::1]', '127.0.0.1']);
  expect(allowedHosts(env({ PUBLIC_URL: 'https://console.acme.test', ALLOWED_HOSTS: 'Other.Acme.Test, ' }))).toContain('other.acme.test');
  expect(allowedHosts(env({ PUBLIC_URL: 'https://console.acme.test' }))).toContain('console.acme.test');
  expect(allowedHosts(env({ HOST: '0.0.0.0' }))).toBeNull();
  expect(allowedHosts(env({ HOST: '0.0.0.0', ALLOWED_HOSTS: 'console.acme.test' }))).toEqual(['console.acme.test']);
});
