import { detectIpAddresses } from '../../../src/guardrails/vendors/detectors/ip-address.detector';

const values = (text: string): string[] => detectIpAddresses(text).map((span) => text.slice(span.start, span.end));

describe(detectIpAddresses.name, () => {
  it('finds IPv4 addresses, also at the end of a sentence', () => {
    expect(values('Server 192.168.1.10 answered; backup at 10.0.0.1.')).toEqual(['192.168.1.10', '10.0.0.1']);
  });

  it('ignores out-of-range octets and longer dotted numbers', () => {
    expect(values('999.1.1.1 and 1.2.3.4.5')).toEqual([]);
  });

  it('finds full and compressed IPv6 addresses', () => {
    expect(values('from 6e40:4041:c617:e898:c11:40d2:c669:2eb4 and fe80::1 too')).toEqual([
      '6e40:4041:c617:e898:c11:40d2:c669:2eb4',
      'fe80::1',
    ]);
  });

  it('ignores clock times, MAC addresses, a bare :: and C++ scopes', () => {
    expect(values('at 12:30:45, nic 00:1A:2B:3C:4D:5E, std::vector and ::')).toEqual([]);
  });
});
