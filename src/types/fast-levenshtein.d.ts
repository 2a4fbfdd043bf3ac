/** fast-levenshtein ships no types: the one function the seed uses. */
declare module 'fast-levenshtein' {
  /** The Levenshtein edit distance between two strings (insertions, deletions and substitutions, each counting 1). */
  export function get(first: string, second: string, options?: { useCollator?: boolean }): number;
}
