/**
 * IPv6 text in the one canonical form of RFC 5952 §4: lower-case hex without leading zeros (§4.1, §4.3), the
 * longest run of two or more zero groups written `::` — the first such run on a tie (§4.2.1–§4.2.3) — and a lone
 * zero group written `0` (§4.2.2).
 * @module
 */

/** RFC 5952 §4 text of eight 16-bit groups (callers pass exactly eight). */
export function formatIpv6Groups(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let k = 0; k < 8; ) {
    if (groups[k] !== 0) {
      k++;
      continue;
    }
    let end = k + 1;
    while (end < 8 && groups[end] === 0) end++;
    if (end - k > bestLength) {
      bestStart = k;
      bestLength = end - k;
    }
    k = end;
  }
  if (bestStart < 0) return hexJoin(groups, 0, 8);
  return `${hexJoin(groups, 0, bestStart)}::${hexJoin(groups, bestStart + bestLength, 8)}`;
}

function hexJoin(groups: readonly number[], from: number, to: number): string {
  let text = '';
  for (let k = from; k < to; k++) text += k === from ? (groups[k] ?? 0).toString(16) : `:${(groups[k] ?? 0).toString(16)}`;
  return text;
}
