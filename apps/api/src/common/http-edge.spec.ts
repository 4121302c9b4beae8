import { loadConfig } from '@partyflow/config';
import { corsOptions } from './http-edge';

const originOf = (options: ReturnType<typeof corsOptions>, origin: string | undefined) =>
  new Promise<unknown>((resolve) =>
    (options.origin as (o: string | undefined, cb: (e: Error | null, v: unknown) => void) => void)(origin, (_e, v) =>
      resolve(v),
    ),
  );

describe('CORS configuration (issue 11 §5)', () => {
  it('should allow no origin by default: the web page is same-origin', async () => {
    const config = loadConfig({});
    expect(config.api.corsOrigins).toEqual([]);
    expect(await originOf(corsOptions(config.api.corsOrigins), 'https://partyflow.example.vn')).toBe(false);
  });

  it('should allow exactly the configured origins, normalised, and no other', async () => {
    const config = loadConfig({ API_CORS_ORIGINS: 'https://partyflow.example.vn/, http://127.0.0.1:5173' });
    expect(config.api.corsOrigins).toEqual(['https://partyflow.example.vn', 'http://127.0.0.1:5173']);
    const options = corsOptions(config.api.corsOrigins);
    expect(await originOf(options, 'https://partyflow.example.vn')).toBe('https://partyflow.example.vn');
    expect(await originOf(options, 'https://evil.example')).toBe(false);
    expect(await originOf(options, undefined)).toBe(false);
  });

  it('should refuse a setting that is not a list of origins', () => {
    expect(() => loadConfig({ API_CORS_ORIGINS: 'partyflow.example.vn' })).toThrow(/API_CORS_ORIGINS/);
  });

  it('should take the body limits from the configuration, 100 KB for JSON by default (issue 11 §6)', () => {
    expect(loadConfig({}).api.limits).toEqual({
      jsonBytes: 100 * 1024,
      recordsCsvBytes: 5 * 1024 * 1024,
      importFileBytes: 100 * 1024 * 1024,
    });
    expect(loadConfig({ API_JSON_BODY_LIMIT_BYTES: '262144' }).api.limits.jsonBytes).toBe(262144);
  });
});
