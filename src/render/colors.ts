/**
 * The colour functions the text renderer paints with (picocolors), and the colour of each grade. Whether to colour
 * at all is the caller's decision (the CLI's `colorEnabled`).
 * @module
 */
import { createColors } from 'picocolors';
import type { Grade } from '../types.js';

/** The colour functions the text renderer uses. */
export type Colors = ReturnType<typeof createColors>;

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
