import type {
  convertWorkflowTemplate,
  isBasicExpression,
  isString,
  NoOperationTraceWriter,
  parseWorkflow,
} from '@actions/workflow-parser';
import { registerHooks } from 'node:module';
import { importEsm } from './importEsm';

/** The parts of `@actions/workflow-parser` the workflow check uses. */
export interface WorkflowParser {
  parseWorkflow: typeof parseWorkflow;
  convertWorkflowTemplate: typeof convertWorkflowTemplate;
  NoOperationTraceWriter: typeof NoOperationTraceWriter;
  isString: typeof isString;
  isBasicExpression: typeof isBasicExpression;
}

// The parser's own JSON schema files, as Node resolves them from its dist folder.
const PARSER_JSON = /\/@actions\/workflow-parser\/dist\/[^?#]*\.json$/;

let hooked = false;

/**
 * The parser is built for bundlers: it imports its schema JSON without
 * `with { type: 'json' }`, which Node's ESM loader rejects (ERR_IMPORT_ATTRIBUTE_MISSING).
 * This resolve hook adds the attribute for those files only, nothing else is affected.
 * (`backstage-cli package start` has a similar hook of its own; the built backend does not.)
 * Without `module.registerHooks` (Node before 22.15) the import fails and says why.
 */
function allowSchemaJsonImports() {
  if (hooked || typeof registerHooks !== 'function') return;
  hooked = true;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      if (context.importAttributes?.type || !PARSER_JSON.test(resolved.url))
        return resolved;
      return {
        ...resolved,
        format: 'json',
        importAttributes: { ...context.importAttributes, type: 'json' },
      };
    },
  });
}

let parser: Promise<WorkflowParser> | undefined;

/** Loads `@actions/workflow-parser` once (it is ESM-only, see importEsm). */
export function loadWorkflowParser(): Promise<WorkflowParser> {
  if (!parser) {
    allowSchemaJsonImports();
    parser = importEsm<WorkflowParser>('@actions/workflow-parser');
    // A failed load is not cached: the next run tries again and reports the error again.
    parser.catch(() => {
      parser = undefined;
    });
  }
  return parser;
}
