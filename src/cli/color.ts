/**
 * The colour decision (no-color.org, and the CLI conventions of docs/cli.md): the command line wins, then `NO_COLOR`,
 * then `FORCE_COLOR`; otherwise colour only when the output is a terminal that is not `TERM=dumb`. picocolors'
 * own detection is not used (it turns colour on whenever `CI` is set, even into a pipe).
 * @module
 */
import { createColors } from 'picocolors';
import type { Grade } from '../types.js';

/** The colour functions the formatters use. */
export type Colors = ReturnType<typeof createColors>;

/** `true` when output should be coloured. `flag` is `--color` (true) / `--no-color` (false) / absent. */
export function colorEnabled(flag: boolean | undefined, isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

/** Colour functions, all identity when `enabled` is false. */
export function colors(enabled: boolean): Colors {
  return createColors(enabled);
}

/** A grade letter in its colour: A green, B cyan, C yellow, F and none red, unknown dim. The letter is always there. */
export function paintGrade(c: Colors, grade: Grade, text: string = grade): string {
  switch (grade) {
    case 'A':
      return c.green(text);
    case 'B':
      return c.cyan(text);
    case 'C':
      return c.yellow(text);
    case 'F':
      return c.red(c.bold(text));
    case 'none':
      return c.red(text);
    default:
      return c.dim(text);
  }
}
