// Types of shapes.mjs.
export const SHAPES: ReadonlyArray<readonly [string, number, (n: number) => string, 'value' | 'message']>;
