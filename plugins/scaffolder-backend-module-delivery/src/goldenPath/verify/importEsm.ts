import vm from 'node:vm';

// A script compiled in Node's main context with its default loader: its `import()` is
// Node's own, whatever sandbox the calling module runs in. Compiled on first use only.
let mainContextImport: ((specifier: string) => Promise<unknown>) | undefined;

/**
 * Loads an ESM-only package (`kubernetes-models`, `@actions/workflow-parser`) from this
 * CommonJS module. Their `exports` have no `require` condition, so `require()` cannot
 * resolve them even on Node versions that can load ESM synchronously.
 *
 * The built backend and `backstage-cli package start` keep `import()` as is, so Node
 * loads the package. Jest runs modules in a vm context where `import()` needs
 * `--experimental-vm-modules`, which `backstage-cli package test` does not pass; only
 * there is the import repeated in the main context, so the tests exercise the very
 * package code the backend runs instead of a mock.
 */
export async function importEsm<T>(specifier: string): Promise<T> {
  try {
    return (await import(specifier)) as T;
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException)?.code !==
      'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG'
    )
      throw error;
  }
  mainContextImport ??= vm.runInThisContext(
    '(specifier) => import(specifier)',
    {
      // Bare specifiers resolve from this file, as they would for a plain import().
      filename: __filename,
      importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    },
  ) as (specifier: string) => Promise<unknown>;
  return (await mainContextImport(specifier)) as T;
}
