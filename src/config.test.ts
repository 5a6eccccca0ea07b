import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, testConfig } from './config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to an embedded database, port 8080 and Asia/Karachi', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      env: 'development',
      port: 8080,
      databaseUrl: undefined,
      dataDir: './.markaz',
      uploadDir: './.markaz/uploads',
      scryptCost: 131072,
      jobs: true,
      timezone: 'Asia/Karachi',
      secureCookies: false,
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('listens on loopback by default while the demo is on, on every interface without it, and where HOST says', () => {
    expect(loadConfig({})).toMatchObject({ demo: true, host: '127.0.0.1', hostFrom: 'default, demo on' });
    expect(loadConfig({ MARKAZ_DEMO: 'false' })).toMatchObject({ host: '0.0.0.0', hostFrom: 'default' });
    expect(loadConfig({ HOST: '0.0.0.0' })).toMatchObject({ demo: true, host: '0.0.0.0', hostFrom: 'HOST' });
    expect(loadConfig({ HOST: '', MARKAZ_DEMO: 'true' }).host).toBe('127.0.0.1');
  });

  it('parses numbers, booleans and URLs, and derives secure cookies from an https public URL', () => {
    const c = loadConfig({
      PORT: '3000',
      DATABASE_URL: 'postgres://u@db:5432/markaz',
      MARKAZ_JOBS: 'off',
      MARKAZ_TRUST_PROXY: 'yes',
      MARKAZ_PUBLIC_URL: 'https://markaz.gov.pk',
      MARKAZ_SCRYPT_COST: '1024',
    });
    expect(c).toMatchObject({
      port: 3000,
      databaseUrl: 'postgres://u@db:5432/markaz',
      jobs: false,
      trustProxy: true,
      secureCookies: true,
      scryptCost: 1024,
    });
    expect(
      loadConfig({ MARKAZ_PUBLIC_URL: 'https://x.pk', MARKAZ_SECURE_COOKIES: 'false' }).secureCookies,
    ).toBe(false);
  });

  it('takes an optional read replica, only beside a primary', () => {
    expect(loadConfig({}).databaseReadUrl).toBeUndefined();
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/markaz',
      DATABASE_READ_URL: 'postgres://u@replica/markaz',
    });
    expect(c.databaseReadUrl).toBe('postgres://u@replica/markaz');
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://u@replica/markaz' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://u@db/markaz', DATABASE_READ_URL: 'mysql://u@replica/markaz' }),
    ).toThrow(/DATABASE_READ_URL/);
  });

  it('listens for other processes’ purges on DATABASE_URL unless DATABASE_LISTEN_URL says where', () => {
    expect(loadConfig({}).databaseListenUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://u@pgbouncer:6432/markaz' }).databaseListenUrl).toBe(
      'postgres://u@pgbouncer:6432/markaz',
    );
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@pgbouncer:6432/markaz',
      DATABASE_LISTEN_URL: 'postgres://u@primary:5432/markaz',
    });
    expect(c.databaseListenUrl).toBe('postgres://u@primary:5432/markaz');
    expect(() => loadConfig({ DATABASE_LISTEN_URL: 'postgres://u@primary/markaz' })).toThrow(
      /DATABASE_LISTEN_URL: needs DATABASE_URL/,
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 8080, databaseUrl: undefined });
  });

  it('lists EVERY bad variable in one ConfigError', () => {
    const problems = problemsOf({
      NODE_ENV: 'staging',
      PORT: 'eighty',
      DATABASE_URL: 'mysql://root@localhost/markaz',
      DATABASE_POOL_SIZE: '0',
      MARKAZ_LOG_LEVEL: 'loud',
      MARKAZ_PUBLIC_URL: 'not a url',
      MARKAZ_TRUST_PROXY: 'maybe',
      MARKAZ_SCRYPT_COST: '1000',
      MARKAZ_JOBS_TICK_SECONDS: '0',
      MARKAZ_TIMEZONE: 'Mars/Olympus_Mons',
    });
    const vars = problems.map((p) => p.split(':')[0]);
    expect(vars.sort()).toEqual(
      [
        'NODE_ENV',
        'PORT',
        'DATABASE_URL',
        'DATABASE_POOL_SIZE',
        'MARKAZ_LOG_LEVEL',
        'MARKAZ_PUBLIC_URL',
        'MARKAZ_TRUST_PROXY',
        'MARKAZ_SCRYPT_COST',
        'MARKAZ_JOBS_TICK_SECONDS',
        'MARKAZ_TIMEZONE',
      ].sort(),
    );
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toMatch(/postgres:\/\//);
    expect(problems.find((p) => p.startsWith('MARKAZ_SCRYPT_COST'))).toMatch(/power of two/);
  });

  it('the error message names each variable, one per line, so an operator fixes them all at once', () => {
    try {
      loadConfig({ PORT: '70000', MARKAZ_SCRYPT_COST: '3000' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message.split('\n')).toEqual([
        'Invalid configuration:',
        expect.stringMatching(/^ {2}- PORT: /),
        expect.stringMatching(/^ {2}- MARKAZ_SCRYPT_COST: /),
      ]);
    }
  });

  it('testConfig is fast and quiet, and takes overrides', () => {
    const c = testConfig({ rateLimitPerMinute: 5 });
    expect(c).toMatchObject({
      env: 'test',
      scryptCost: 1024,
      jobs: false,
      logLevel: 'silent',
      rateLimitPerMinute: 5,
    });
  });
});
