import { createHash } from 'node:crypto';

/**
 * SM2 signature verification (GB/T 32918.2, GM/T 0003.2) over the sm2p256v1 curve, with the
 * signer's distinguishing identifier in Z as GM/T 0009 requires.
 *
 * Why not `crypto.verify('sm3', ...)`: on Node 20 with OpenSSL 3.0 it hashes Z with an EMPTY
 * identifier and Node offers no way to set one (OpenSSL's `distid`), so it cannot verify
 * signatures made with the standard identifier `1234567812345678` that CAs and USB keys use;
 * `X509Certificate.verify` fails on such certificates for the same reason (see ADR 0022). SM3 comes
 * from OpenSSL (`createHash('sm3')`); the curve arithmetic below is verification only, on public
 * data, so constant time is not needed.
 */

/** GM/T 0009-2012 default user identifier. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

const hex = (value: string): bigint => BigInt(`0x${value.replace(/\s/g, '')}`);
const P = hex('FFFFFFFE FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF 00000000 FFFFFFFF FFFFFFFF');
const A = hex('FFFFFFFE FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF 00000000 FFFFFFFF FFFFFFFC');
const B = hex('28E9FA9E 9D9F5E34 4D5A9E4B CF6509A7 F39789F5 15AB8F92 DDBCBD41 4D940E93');
const N = hex('FFFFFFFE FFFFFFFF FFFFFFFF FFFFFFFF 7203DF6B 21C6052B 53BBF409 39D54123');
const GX = hex('32C4AE2C 1F198119 5F990446 6A39C994 8FE30BBF F2660BE1 715A4589 334C74C7');
const GY = hex('BC3736A2 F4F6779C 59BDCEE3 6B692153 D0A9877C C62A4740 02DF32E5 2139F0A0');

/** Jacobian coordinates; Z = 0 is the point at infinity. */
interface Jacobian {
  readonly x: bigint;
  readonly y: bigint;
  readonly z: bigint;
}
const INFINITY: Jacobian = { x: 1n, y: 1n, z: 0n };

const mod = (value: bigint, m: bigint = P): bigint => {
  const r = value % m;
  return r < 0n ? r + m : r;
};

function invert(value: bigint, m: bigint): bigint {
  let [a, b] = [mod(value, m), m];
  let [x0, x1] = [1n, 0n];
  while (b !== 0n) {
    const q = a / b;
    [a, b] = [b, a - q * b];
    [x0, x1] = [x1, x0 - q * x1];
  }
  return mod(x0, m);
}

function double(p: Jacobian): Jacobian {
  if (p.z === 0n || p.y === 0n) return INFINITY;
  const xx = mod(p.x * p.x);
  const yy = mod(p.y * p.y);
  const yyyy = mod(yy * yy);
  const zz = mod(p.z * p.z);
  const s = mod(2n * (mod((p.x + yy) ** 2n) - xx - yyyy));
  const m = mod(3n * xx + A * mod(zz * zz));
  const x = mod(m * m - 2n * s);
  return { x, y: mod(m * (s - x) - 8n * yyyy), z: mod((p.y + p.z) ** 2n - yy - zz) };
}

function add(p: Jacobian, q: Jacobian): Jacobian {
  if (p.z === 0n) return q;
  if (q.z === 0n) return p;
  const z1z1 = mod(p.z * p.z);
  const z2z2 = mod(q.z * q.z);
  const u1 = mod(p.x * z2z2);
  const u2 = mod(q.x * z1z1);
  const s1 = mod(p.y * q.z * z2z2);
  const s2 = mod(q.y * p.z * z1z1);
  const h = mod(u2 - u1);
  const r = mod(2n * (s2 - s1));
  if (h === 0n) return r === 0n ? double(p) : INFINITY;
  const i = mod(4n * h * h);
  const j = mod(h * i);
  const v = mod(u1 * i);
  const x = mod(r * r - j - 2n * v);
  return { x, y: mod(r * (v - x) - 2n * s1 * j), z: mod(mod((p.z + q.z) ** 2n - z1z1 - z2z2) * h) };
}

/** k1·G + k2·Q with Shamir's trick. */
function twoScalarMultiply(k1: bigint, k2: bigint, q: Jacobian): Jacobian {
  const g: Jacobian = { x: GX, y: GY, z: 1n };
  const gq = add(g, q);
  let result = INFINITY;
  const bits = Math.max(k1.toString(2).length, k2.toString(2).length);
  for (let i = bits - 1; i >= 0; i -= 1) {
    result = double(result);
    const b1 = (k1 >> BigInt(i)) & 1n;
    const b2 = (k2 >> BigInt(i)) & 1n;
    if (b1 && b2) result = add(result, gq);
    else if (b1) result = add(result, g);
    else if (b2) result = add(result, q);
  }
  return result;
}

function toAffineX(p: Jacobian): bigint {
  const zInv = invert(p.z, P);
  return mod(p.x * zInv * zInv);
}

const bytes32 = (value: bigint): Buffer => Buffer.from(value.toString(16).padStart(64, '0'), 'hex');

export interface Sm2Point {
  readonly x: bigint;
  readonly y: bigint;
}

/** Decodes an uncompressed point (04 || X || Y) and checks that it lies on the curve. */
export function decodeSm2Point(encoded: Uint8Array): Sm2Point | null {
  if (encoded.length !== 65 || encoded[0] !== 0x04) return null;
  const buffer = Buffer.from(encoded);
  const x = BigInt(`0x${buffer.subarray(1, 33).toString('hex')}`);
  const y = BigInt(`0x${buffer.subarray(33).toString('hex')}`);
  if (x >= P || y >= P) return null;
  if (mod(y * y) !== mod(x * x * x + A * x + B)) return null;
  return { x, y };
}

/** Z = SM3(ENTL || ID || a || b || xG || yG || xA || yA). */
export function sm2Z(publicKey: Sm2Point, userId: string = SM2_DEFAULT_USER_ID): Buffer {
  const id = Buffer.from(userId, 'utf8');
  if (id.length * 8 > 0xffff) throw new RangeError('SM2 user id too long');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  return createHash('sm3')
    .update(
      Buffer.concat([
        entl,
        id,
        bytes32(A),
        bytes32(B),
        bytes32(GX),
        bytes32(GY),
        bytes32(publicKey.x),
        bytes32(publicKey.y),
      ]),
    )
    .digest();
}

/** Verifies (r, s) over `message` with the SM3 digest of Z || message. */
export function verifySm2(
  publicKey: Sm2Point,
  message: Uint8Array,
  signature: { readonly r: bigint; readonly s: bigint },
  userId: string = SM2_DEFAULT_USER_ID,
): boolean {
  const { r, s } = signature;
  if (r < 1n || r >= N || s < 1n || s >= N) return false;
  const e = BigInt(`0x${createHash('sm3').update(sm2Z(publicKey, userId)).update(message).digest('hex')}`);
  const t = mod(r + s, N);
  if (t === 0n) return false;
  const point = twoScalarMultiply(s, t, { x: publicKey.x, y: publicKey.y, z: 1n });
  if (point.z === 0n) return false;
  return mod(e + toAffineX(point), N) === r;
}
