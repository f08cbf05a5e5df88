/**
 * The colour functions the text renderer paints with (picocolors, loaded only when colour is on), and the colour of
 * each grade. Whether to colour at all is the caller's decision (the CLI's `colorEnabled`).
 * @module
 */
import type { Grade } from '../types.js';
import { loadPicocolors } from './lazy-packages.js';

type Paint = (text: string) => string;

/** The colour functions the text renderer uses. */
export interface Colors {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly red: Paint;
  readonly green: Paint;
  readonly yellow: Paint;
  readonly cyan: Paint;
}

const plain: Paint = (text) => text;
const PLAIN: Colors = Object.freeze({ bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain });

/** Colour functions, all identity when `enabled` is false. */
export function colors(enabled: boolean): Colors {
  if (!enabled) return PLAIN;
  return loadPicocolors().createColors(true);
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
