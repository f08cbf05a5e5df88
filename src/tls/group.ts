/**
 * Key-exchange group names as `HopTls.group` carries them: the IANA TLS Supported Groups names (RFC 8446 §4.2.7,
 * RFC 8422 §5.1.1) in lower case. OpenSSL writes `prime256v1` / `X9_62_prime256v1`, SChannel `_P256`.
 * @module
 */

const ALIASES: ReadonlyMap<string, string> = new Map([
  ['prime256v1', 'secp256r1'],
  ['x9_62_prime256v1', 'secp256r1'],
  ['p-256', 'secp256r1'],
  ['p256', 'secp256r1'],
  ['nistp256', 'secp256r1'],
  ['secp256r1', 'secp256r1'],
  ['p-384', 'secp384r1'],
  ['p384', 'secp384r1'],
  ['nistp384', 'secp384r1'],
  ['secp384r1', 'secp384r1'],
  ['p-521', 'secp521r1'],
  ['p521', 'secp521r1'],
  ['nistp521', 'secp521r1'],
  ['secp521r1', 'secp521r1'],
  ['x25519', 'x25519'],
  ['x448', 'x448'],
]);

/** Longest group name we keep; anything longer is not a group name. */
const MAX_GROUP_LENGTH = 40;

/** Normalise a group name as written (`X25519` → `x25519`, `prime256v1` → `secp256r1`); unknown names lower-cased. */
export function normaliseGroup(name: string): string | null {
  if (name.length === 0 || name.length > MAX_GROUP_LENGTH) return null;
  const lower = name.toLowerCase();
  return ALIASES.get(lower) ?? lower;
}

/** The group an SChannel cipher name carries as `_P256` / `_P384` / `_P521` (Windows before 10), else null. */
export function schannelGroup(cipher: string): string | null {
  const n = cipher.length;
  if (n < 6 || cipher.charCodeAt(n - 5) !== 0x5f) return null;
  const tail = cipher.slice(n - 4).toUpperCase();
  if (tail === 'P256') return 'secp256r1';
  if (tail === 'P384') return 'secp384r1';
  if (tail === 'P521') return 'secp521r1';
  return null;
}
