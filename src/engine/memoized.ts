/** `f`, remembering its result for each argument it was called with. */
export function memoized<K, T>(f: (key: K) => T): (key: K) => T {
  const results = new Map<K, T>();
  return (key) => {
    let result = results.get(key);
    if (result === undefined) {
      result = f(key);
      results.set(key, result);
    }
    return result;
  };
}
