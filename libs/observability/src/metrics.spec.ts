import { metricsScrapeAllowed } from './metrics';

describe('metricsScrapeAllowed (METRICS_TOKEN on /metrics of the API and the worker)', () => {
  const token = 'a-scrape-token-0123456789';

  it('should let every scrape through when no token is configured', () => {
    expect(metricsScrapeAllowed(undefined, undefined)).toBe(true);
    expect(metricsScrapeAllowed('Bearer anything', undefined)).toBe(true);
  });

  it('should accept only the configured bearer token once one is set', () => {
    expect(metricsScrapeAllowed(`Bearer ${token}`, token)).toBe(true);
    expect(metricsScrapeAllowed(`bearer ${token}`, token)).toBe(true);
    expect(metricsScrapeAllowed(undefined, token)).toBe(false);
    expect(metricsScrapeAllowed('', token)).toBe(false);
    expect(metricsScrapeAllowed(token, token)).toBe(false);
    expect(metricsScrapeAllowed(`Basic ${token}`, token)).toBe(false);
    expect(metricsScrapeAllowed(`Bearer ${token}x`, token)).toBe(false);
    expect(metricsScrapeAllowed(`Bearer ${token.slice(1)}`, token)).toBe(false);
    expect(metricsScrapeAllowed([`Bearer ${token}`], token)).toBe(false);
  });
});
