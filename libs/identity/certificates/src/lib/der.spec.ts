import fc from 'fast-check';
import {
  children,
  decodeNamedBits,
  decodeOid,
  decodeString,
  decodeTime,
  DerError,
  DerNode,
  readNode,
  readSingle,
} from './der';

const tlv = (tag: number, content: Buffer): Buffer => {
  const length =
    content.length < 0x80
      ? Buffer.from([content.length])
      : Buffer.from([0x82, content.length >> 8, content.length & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
};

describe('DER reader', () => {
  it('decodes object identifiers, including large arcs', () => {
    expect(decodeOid(readSingle(Buffer.from('06082a811ccf55018375', 'hex')))).toBe('1.2.156.10197.1.501');
    expect(decodeOid(readSingle(Buffer.from('06092a864886f70d010101', 'hex')))).toBe('1.2.840.113549.1.1.1');
    expect(decodeOid(readSingle(Buffer.from('0603551d0f', 'hex')))).toBe('2.5.29.15');
  });

  it('reads UTCTime with the 1950 pivot and GeneralizedTime', () => {
    expect(decodeTime(readSingle(tlv(0x17, Buffer.from('491231235959Z'))))).toEqual(
      new Date('2049-12-31T23:59:59Z'),
    );
    expect(decodeTime(readSingle(tlv(0x17, Buffer.from('500101000000Z'))))).toEqual(
      new Date('1950-01-01T00:00:00Z'),
    );
    expect(decodeTime(readSingle(tlv(0x18, Buffer.from('20610301120000Z'))))).toEqual(
      new Date('2061-03-01T12:00:00Z'),
    );
  });

  it.each([
    ['an impossible date', tlv(0x17, Buffer.from('260230000000Z'))],
    ['a local time without Z', tlv(0x18, Buffer.from('20260101000000'))],
    ['fractional seconds', tlv(0x18, Buffer.from('20260101000000.5Z'))],
  ])('refuses a time with %s', (_case, bytes) => {
    expect(() => decodeTime(readSingle(bytes))).toThrow(DerError);
  });

  it.each([
    ['an indefinite length', Buffer.from('3080020101 0000'.replace(/ /g, ''), 'hex')],
    ['a length beyond the buffer', Buffer.from('3005020101', 'hex')],
    ['a non-minimal length', Buffer.from('30810302 0101'.replace(/ /g, ''), 'hex')],
    ['trailing bytes', Buffer.from('30030201010000', 'hex')],
    ['a truncated header', Buffer.from('30', 'hex')],
  ])('refuses %s', (_case, bytes) => {
    expect(() => children(readSingle(bytes))).toThrow(DerError);
  });

  it('decodes BMPString (UCS-2 big endian), common in older Chinese certificates', () => {
    const bmp = Buffer.from('张三(350123)', 'utf16le').swap16();
    expect(decodeString(readSingle(tlv(0x1e, bmp)))).toBe('张三(350123)');
  });

  it('reads key usage bits with unused trailing bits', () => {
    // digitalSignature (bit 0) and nonRepudiation (bit 1): 0x03 0x02 0x06 0xc0
    expect([...decodeNamedBits(readSingle(Buffer.from('030206c0', 'hex')))]).toEqual([0, 1]);
  });

  it('never throws anything but DerError on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          const walk = (node: DerNode): void => {
            if (node.constructed) children(node).forEach(walk);
          };
          walk(readNode(Buffer.from(bytes)));
          return true;
        } catch (error) {
          return error instanceof DerError;
        }
      }),
    );
  });
});
