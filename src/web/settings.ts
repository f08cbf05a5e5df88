/**
 * The analyzer's settings — the same as the CLI's `--policy`, `--trusted`, `--internal` and `--providers` — and
 * their home in the URL fragment, so a view can be shared or bookmarked without any message in it (the fragment
 * never leaves the browser: RFC 3986 §3.5, and the page makes no request anyway). Pure.
 * @module
 */
import { parseCidr } from '../address/cidr.js';
import type { AnalyzeOptions } from '../options.js';
import type { ProviderEntry } from '../providers/types.js';

/** What the settings form holds, as text (as typed). */
export interface WebSettings {
  /** `practical` (default) or `bcp195`. */
  readonly policy: 'practical' | 'bcp195';
  /** Comma- or space-separated CIDRs and host names, as `--trusted`. */
  readonly trusted: string;
  /** Comma- or space-separated CIDRs and host names, as `--internal`. */
  readonly internal: string;
  /** A JSON array of provider entries, as the `--providers` file; empty = none. */
  readonly providers: string;
}

/** The settings nobody changed. */
export const DEFAULT_SETTINGS: WebSettings = Object.freeze({ policy: 'practical', trusted: '', internal: '', providers: '' });

/**
 * 64 KiB of fragment read: a shared link is typed or pasted by a person; a longer one is a mistake or an attack on
 * the page's memory. Past it the defaults are used.
 */
const MAX_FRAGMENT_CHARS = 64 * 1024;
/** 1,000 patterns per list: more than any organisation declares, few enough to match quickly per hop. */
const MAX_PATTERNS = 1000;

/** Settings from a `location.hash` (with or without its `#`); what is missing or unreadable is the default. */
export function settingsFromFragment(hash: string): WebSettings {
  if (hash.length > MAX_FRAGMENT_CHARS) return DEFAULT_SETTINGS;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  } catch {
    return DEFAULT_SETTINGS;
  }
  return {
    policy: params.get('policy') === 'bcp195' ? 'bcp195' : 'practical',
    trusted: params.get('trusted') ?? '',
    internal: params.get('internal') ?? '',
    providers: params.get('providers') ?? '',
  };
}

/** The fragment (without `#`) for `settings`: only what differs from the defaults, so the default view is `#`. */
export function settingsToFragment(settings: WebSettings): string {
  const params = new URLSearchParams();
  if (settings.policy !== 'practical') params.set('policy', settings.policy);
  if (settings.trusted.trim() !== '') params.set('trusted', settings.trusted.trim());
  if (settings.internal.trim() !== '') params.set('internal', settings.internal.trim());
  if (settings.providers.trim() !== '') params.set('providers', settings.providers.trim());
  return params.toString();
}

function splitList(text: string): string[] {
  const out: string[] = [];
  // Commas, spaces and newlines all separate (people paste lists in any of these); split is linear.
  for (const part of text.split(/[\s,]+/)) if (part !== '') out.push(part);
  return out;
}

/** Host names: no spaces or address syntax (what the CLI refuses too). */
function isHostPattern(item: string): boolean {
  for (let i = 0; i < item.length; i++) {
    if ('/;()<>[]@'.includes(item[i] ?? '')) return false;
  }
  return true;
}

/** `--trusted`-style text split into networks and hosts, or the first item that is neither. */
function networksAndHosts(label: string, text: string): { networks: string[]; hosts: string[] } | string {
  const networks: string[] = [];
  const hosts: string[] = [];
  const items = splitList(text);
  if (items.length > MAX_PATTERNS) return `${label}: more than ${MAX_PATTERNS} entries`;
  for (const item of items) {
    if (parseCidr(item) !== null) networks.push(item);
    else if (item.includes('/')) return `${label}: not a CIDR block: ${item}`;
    else if (!isHostPattern(item)) return `${label}: not a host name: ${item}`;
    else hosts.push(item);
  }
  return { networks, hosts };
}

/** The analysis options for `settings`, or a one-line problem to show beside the form (never a throw). */
export function analyzeOptionsOf(settings: WebSettings): { options: AnalyzeOptions } | { problem: string } {
  const trusted = networksAndHosts('trusted', settings.trusted);
  if (typeof trusted === 'string') return { problem: trusted };
  const internal = networksAndHosts('internal', settings.internal);
  if (typeof internal === 'string') return { problem: internal };
  let providers: ProviderEntry[] | undefined;
  if (settings.providers.trim() !== '') {
    try {
      providers = JSON.parse(settings.providers) as ProviderEntry[];
    } catch (error) {
      return { problem: `providers: not JSON (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  return {
    options: {
      policy: settings.policy,
      ...(providers === undefined ? {} : { providers }),
      ...(trusted.networks.length > 0 ? { trustedNetworks: trusted.networks } : {}),
      ...(trusted.hosts.length > 0 ? { trustedHosts: trusted.hosts } : {}),
      ...(internal.networks.length > 0 ? { internalNetworks: internal.networks } : {}),
      ...(internal.hosts.length > 0 ? { internalHosts: internal.hosts } : {}),
    },
  };
}
