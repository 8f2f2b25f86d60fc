// picomatch ships no types and @types/picomatch is not installed; this is the one call used.
declare module 'picomatch' {
  interface PicomatchOptions {
    dot?: boolean;
    nocase?: boolean;
    matchBase?: boolean;
  }
  function picomatch(patterns: string | string[], options?: PicomatchOptions): (path: string) => boolean;
  export default picomatch;
}
