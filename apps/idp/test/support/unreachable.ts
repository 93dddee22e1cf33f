/** A dependency the code under test must not reach: any property read or call throws, naming it. */
export function unreachable<T>(name: string): T {
  const fail = () => {
    throw new Error(`${name} was used, but this test gives it no implementation`);
  };
  return new Proxy(fail, { get: fail, apply: fail }) as T;
}
