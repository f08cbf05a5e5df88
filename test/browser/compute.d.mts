/** Every core function over the samples, as a JSON string (see compute.mjs). */
export declare function computeAll(messages: readonly string[], headers: readonly string[]): string;
