/**
 * The colour decision (no-color.org, and the CLI conventions of docs/cli.md): the command line wins, then `NO_COLOR`,
 * then `FORCE_COLOR`; otherwise colour only when the output is a terminal that is not `TERM=dumb`. picocolors'
 * own detection is not used (it turns colour on whenever `CI` is set, even into a pipe).
 * @module
 */

/** `true` when output should be coloured. `flag` is `--color` (true) / `--no-color` (false) / absent. */
export function colorEnabled(flag: boolean | undefined, isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return isTTY && env.TERM !== 'dumb';
}
