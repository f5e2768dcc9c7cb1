/**
 * A minimal, strict DER reader: definite lengths only, every length checked against the buffer.
 * Just enough to walk X.509 certificates; anything it cannot read is a `DerError`.
 */

export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

export const DerTag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  NUMERIC_STRING: 0x12,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

export interface DerNode {
  /** The identifier octet (single-byte tags only, as in X.509). */
  readonly tag: number;
  readonly constructed: boolean;
  /** The content octets. */
  readonly content: Buffer;
  /** The whole element: identifier, length and content. */
  readonly raw: Buffer;
}

const MAX_DEPTH = 32;

export function readNode(buffer: Buffer, offset = 0): DerNode {
  if (offset + 2 > buffer.length) throw new DerError('truncated element');
  const tag = buffer[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not supported');
  let length = buffer[offset + 1] as number;
  let headerLength = 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0) throw new DerError('indefinite length is not DER');
    if (octets > 4) throw new DerError('element too long');
    if (offset + 2 + octets > buffer.length) throw new DerError('truncated length');
    length = 0;
    for (let i = 0; i < octets; i += 1) length = length * 256 + (buffer[offset + 2 + i] as number);
    if (length < 0x80) throw new DerError('non-minimal length encoding');
    headerLength += octets;
  }
  const end = offset + headerLength + length;
  if (end > buffer.length) throw new DerError('element longer than its container');
  return {
    tag,
    constructed: (tag & 0x20) !== 0,
    content: buffer.subarray(offset + headerLength, end),
    raw: buffer.subarray(offset, end),
  };
}

/** Reads exactly one element that fills the whole buffer. */
export function readSingle(buffer: Buffer): DerNode {
  const node = readNode(buffer, 0);
  if (node.raw.length !== buffer.length) throw new DerError('trailing bytes after element');
  return node;
}

export function children(node: DerNode, depth = 0): DerNode[] {
  if (!node.constructed) throw new DerError('expected a constructed element');
  if (depth > MAX_DEPTH) throw new DerError('nesting too deep');
  const result: DerNode[] = [];
  let offset = 0;
  while (offset < node.content.length) {
    const child = readNode(node.content, offset);
    result.push(child);
    offset += child.raw.length;
  }
  return result;
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node || node.tag !== tag) throw new DerError(`expected ${what}`);
  return node;
}

export function decodeOid(node: DerNode): string {
  expectTag(node, DerTag.OID, 'an object identifier');
  const bytes = node.content;
  if (bytes.length === 0) throw new DerError('empty object identifier');
  const arcs: string[] = [];
  let value = 0n;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i] as number;
    value = (value << 7n) | BigInt(byte & 0x7f);
    if (!(byte & 0x80)) {
      if (arcs.length === 0) {
        const first = value < 80n ? value / 40n : 2n;
        arcs.push(first.toString(), (value - first * 40n).toString());
      } else {
        arcs.push(value.toString());
      }
      value = 0n;
    } else if (i === bytes.length - 1) {
      throw new DerError('truncated object identifier');
    }
  }
  return arcs.join('.');
}

/** An unsigned big-endian integer (X.509 serials and key values are positive). */
export function decodeUnsignedInteger(node: DerNode): bigint {
  expectTag(node, DerTag.INTEGER, 'an integer');
  if (node.content.length === 0) throw new DerError('empty integer');
  if ((node.content[0] as number) & 0x80) throw new DerError('negative integer');
  return BigInt(`0x${node.content.toString('hex')}`);
}

export function decodeSmallInteger(node: DerNode): number {
  const value = decodeUnsignedInteger(node);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new DerError('integer too large');
  return Number(value);
}

export function decodeBoolean(node: DerNode): boolean {
  expectTag(node, DerTag.BOOLEAN, 'a boolean');
  if (node.content.length !== 1) throw new DerError('bad boolean');
  return node.content[0] !== 0;
}

/** The bits of a BIT STRING with no unused bits (keys and signatures). */
export function decodeBitStringBytes(node: DerNode): Buffer {
  expectTag(node, DerTag.BIT_STRING, 'a bit string');
  if (node.content.length === 0 || node.content[0] !== 0) throw new DerError('bit string with unused bits');
  return node.content.subarray(1);
}

/** Named bits of a BIT STRING (bit 0 is the most significant bit of the first byte). */
export function decodeNamedBits(node: DerNode): Set<number> {
  expectTag(node, DerTag.BIT_STRING, 'a bit string');
  if (node.content.length === 0) throw new DerError('empty bit string');
  const unused = node.content[0] as number;
  if (unused > 7) throw new DerError('bad bit string');
  const bits = new Set<number>();
  const data = node.content.subarray(1);
  const total = data.length * 8 - unused;
  for (let i = 0; i < total; i += 1) {
    if (((data[i >> 3] as number) >> (7 - (i & 7))) & 1) bits.add(i);
  }
  return bits;
}

export function decodeTime(node: DerNode): Date {
  const text = node.content.toString('latin1');
  let match: RegExpExecArray | null;
  let year: number;
  if (node.tag === DerTag.UTC_TIME) {
    match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
    if (!match) throw new DerError('bad UTCTime');
    const yy = Number(match[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (node.tag === DerTag.GENERALIZED_TIME) {
    match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
    if (!match) throw new DerError('bad GeneralizedTime');
    year = Number(match[1]);
  } else {
    throw new DerError('expected a time');
  }
  const [month, day, hour, minute, second] = match.slice(2, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new DerError('impossible date');
  }
  return date;
}

/** The directory-string types X.509 names use; BMPString is common in older Chinese certificates. */
export function decodeString(node: DerNode): string {
  switch (node.tag) {
    case DerTag.UTF8_STRING:
      return node.content.toString('utf8');
    case DerTag.PRINTABLE_STRING:
    case DerTag.NUMERIC_STRING:
    case DerTag.IA5_STRING:
    case DerTag.VISIBLE_STRING:
    case DerTag.T61_STRING:
      return node.content.toString('latin1');
    case DerTag.BMP_STRING: {
      if (node.content.length % 2 !== 0) throw new DerError('bad BMPString');
      const swapped = Buffer.from(node.content);
      swapped.swap16();
      return swapped.toString('utf16le');
    }
    case DerTag.UNIVERSAL_STRING: {
      if (node.content.length % 4 !== 0) throw new DerError('bad UniversalString');
      const points: number[] = [];
      for (let i = 0; i < node.content.length; i += 4) points.push(node.content.readUInt32BE(i));
      try {
        return String.fromCodePoint(...points);
      } catch {
        throw new DerError('bad UniversalString');
      }
    }
    default:
      throw new DerError('unsupported string type');
  }
}
