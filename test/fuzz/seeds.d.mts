// Types of seeds.mjs.
export function loadSeeds(): { values: string[]; messages: string[] };
