/** For the `default` of exhaustive switches: a new case added elsewhere fails the type check here. */
export function assertUnreachable(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
