import { describe, expect, it } from 'vitest';
import { forwardedClient, limitedAddress } from './client-address';

describe('forwardedClient', () => {
  const proxies = new Set(['10.0.0.1', '10.0.0.2']);

  it('takes the address a trusted proxy forwarded for, from the right, past every trusted hop', () => {
    expect(forwardedClient('10.0.0.1', '203.0.113.7', proxies)).toBe('203.0.113.7');
    expect(forwardedClient('10.0.0.1', '203.0.113.7, 10.0.0.2', proxies)).toBe('203.0.113.7');
    // What the client wrote itself sits further left and is never reached.
    expect(forwardedClient('10.0.0.1', '1.2.3.4, 203.0.113.7', proxies)).toBe('203.0.113.7');
  });

  it('ignores X-Forwarded-For from anyone not trusted', () => {
    expect(forwardedClient('198.51.100.9', '1.2.3.4', proxies)).toBe('198.51.100.9');
    expect(forwardedClient('198.51.100.9', undefined, new Set())).toBe('198.51.100.9');
    expect(forwardedClient('10.0.0.1', undefined, proxies)).toBe('10.0.0.1');
  });
});

describe('limitedAddress', () => {
  it('counts an IPv6 client by its /64, however it is written', () => {
    expect(limitedAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(limitedAddress('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(limitedAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(limitedAddress('::1')).toBe('0:0:0:0::/64');
  });

  it('leaves IPv4 and anything else as it is', () => {
    expect(limitedAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(limitedAddress('in-process')).toBe('in-process');
  });
});
