/**
 * The shape of one cipher suite as the catalogue and `lookupCipher` return it. Plain, frozen data: JSON-safe.
 * @module
 */
import type { TlsVersion } from '../types.js';

/**
 * Key-exchange family. `DH`/`ECDH` are the static (certificate-key) forms, `DHE`/`ECDHE` the ephemeral ones
 * (RFC 5246 §7.4.3, RFC 8422 §2); `TLS1.3` means negotiated outside the suite (RFC 8446 §4.2.8), always ephemeral.
 */
export type KeyExchange =
  | 'ECDHE'
  | 'DHE'
  | 'RSA'
  | 'DH'
  | 'ECDH'
  | 'DH_anon'
  | 'ECDH_anon'
  | 'PSK'
  | 'DHE_PSK'
  | 'ECDHE_PSK'
  | 'RSA_PSK'
  | 'SRP'
  | 'KRB5'
  | 'GOST'
  | 'ECCPWD'
  | 'TLS1.3'
  | 'NULL'
  | 'unknown';

/** How the server proves its identity. `DH`/`ECDH` = the static key in its certificate; `anon` = not at all. */
export type Authentication =
  | 'RSA'
  | 'DSS'
  | 'ECDSA'
  | 'DH'
  | 'ECDH'
  | 'PSK'
  | 'SRP'
  | 'KRB5'
  | 'GOST'
  | 'ECCPWD'
  | 'anon'
  | 'TLS1.3'
  | 'NULL'
  | 'unknown';

/** Bulk cipher algorithm; `NULL` = no encryption at all (RFC 5246 §6.2.3 NULL cipher). */
export type BulkCipher =
  | 'AES'
  | 'Camellia'
  | 'ARIA'
  | 'SEED'
  | 'ChaCha20'
  | '3DES'
  | 'DES'
  | 'RC4'
  | 'RC2'
  | 'IDEA'
  | 'SM4'
  | 'AEGIS'
  | 'ASCON'
  | 'Kuznyechik'
  | 'Magma'
  | 'GOST28147'
  | 'NULL'
  | 'unknown';

/** Record protection mode: `AEAD` (GCM, CCM, Poly1305, MGM…), `CBC` + HMAC, `stream` (RC4, CTR/CNT), `none` (NULL). */
export type CipherMode = 'AEAD' | 'CBC' | 'stream' | 'none' | 'unknown';

/** Record MAC: `AEAD` when the cipher authenticates itself, else the HMAC hash (`SHA1` is the IANA `_SHA`). */
export type MacAlgorithm = 'AEAD' | 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512' | 'MD5' | 'SM3' | 'GOST' | 'NULL' | 'unknown';

/** IANA registry `Recommended` column (RFC 8447 §5, `D` added by the 8447bis update); `null` = not in the registry. */
export type IanaRecommended = 'Y' | 'N' | 'D';

/** One cipher suite and its properties, as derived from its IANA name. */
export interface CipherSuite {
  /** IANA registry name (`TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384`); draft/SSLv2 name for rows outside the registry; `null` only when `partial`. */
  readonly iana: string | null;
  /** Code point as IANA writes it (`0xC0,0x30`; three bytes for SSLv2 kinds); `null` only when `partial`. */
  readonly code: string | null;
  /** OpenSSL/LibreSSL/BoringSSL names, current spelling first, then historical aliases (`EDH-…`); may be empty. */
  readonly openssl: readonly string[];
  /** GnuTLS name (`TLS_ECDHE_RSA_AES_256_GCM_SHA384`); `null` when GnuTLS does not implement the suite. */
  readonly gnutls: string | null;
  /** Key-exchange family (`unknown` only when `partial`). */
  readonly keyExchange: KeyExchange;
  /** Server authentication (`unknown` only when `partial`). */
  readonly authentication: Authentication;
  /** `true` when a later key compromise cannot decrypt recorded traffic (ephemeral key exchange); `null` = not readable. */
  readonly forwardSecrecy: boolean | null;
  /** Bulk cipher (`unknown` only when `partial`). */
  readonly cipher: BulkCipher;
  /** Record protection mode (`unknown` only when `partial`). */
  readonly mode: CipherMode;
  /** Effective secret key bits (3DES = 112, export = 40/56, NULL = 0); `null` = not readable. */
  readonly bits: number | null;
  /** Block size of the cipher in bits (64 for 3DES/IDEA/RC2/DES: Sweet32); `null` for stream ciphers, NULL and unknown. */
  readonly blockBits: number | null;
  /** `true` for a truncated 64-bit AEAD tag (`CCM_8`, RFC 6655 §4; RFC 9325 §4.2 does not recommend it). */
  readonly truncatedTag: boolean;
  /** Record MAC (`unknown` only when `partial`). */
  readonly mac: MacAlgorithm;
  /** `true` for the 1990s export-grade suites (40/56-bit, RFC 2246 Appendix A.5). */
  readonly export: boolean;
  /** Oldest protocol version the suite can run under (not the negotiated one); `null` = not readable. */
  readonly minVersion: TlsVersion | null;
  /** IANA `Recommended` value; `null` when the suite is not in the IANA registry (draft, SSLv2) or `partial`. */
  readonly recommended: IanaRecommended | null;
  /** Key-exchange group when the spelling stated one (SChannel `_P384` → `secp384r1`, GnuTLS `X25519` → `x25519`); else `null`. */
  readonly group: string | null;
  /** Finite-field DH group size when the spelling stated one (GnuTLS `DHE_RSA_2038`); else `null`. */
  readonly dhBits: number | null;
  /** `true` when the name is not in the catalogue and the properties were read from its parts (unknown ones say `unknown`/`null`). */
  readonly partial: boolean;
}

/** The properties derived from a suite's name: everything but names, registry data and per-lookup facts. */
export type SuiteProperties = Pick<
  CipherSuite,
  | 'keyExchange'
  | 'authentication'
  | 'forwardSecrecy'
  | 'cipher'
  | 'mode'
  | 'bits'
  | 'blockBits'
  | 'truncatedTag'
  | 'mac'
  | 'export'
  | 'minVersion'
>;
