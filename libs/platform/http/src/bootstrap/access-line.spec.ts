import { accessMessage, isQuietPath, pathOf } from './access-line';

describe('access lines', () => {
  it('are skipped for probes and scrapes only', () => {
    expect(isQuietPath('/health/live')).toBe(true);
    expect(isQuietPath('/health/ready')).toBe(true);
    expect(isQuietPath('/metrics')).toBe(true);
    expect(isQuietPath('/metrics?x=1')).toBe(true);
    expect(isQuietPath('/applications')).toBe(false);
    expect(isQuietPath('/metrics-report')).toBe(false);
    expect(isQuietPath('/api/v1/health/live')).toBe(false);
  });

  it('record the path without its query string', () => {
    expect(pathOf('/persons?idNumber=11010519491231002X')).toBe('/persons');
    expect(pathOf('/persons')).toBe('/persons');
    expect(pathOf('/a?b?c')).toBe('/a');
  });

  it('say whether the request completed, errored or was aborted', () => {
    expect(accessMessage(true, 200)).toBe('request completed');
    expect(accessMessage(true, 404)).toBe('request completed');
    expect(accessMessage(true, 503)).toBe('request errored');
    expect(accessMessage(false, 200)).toBe('request aborted');
  });
});
