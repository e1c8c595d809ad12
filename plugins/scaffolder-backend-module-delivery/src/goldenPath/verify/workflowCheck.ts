import fs from 'node:fs/promises';
import path from 'node:path';
import { unpinnedActions } from './actionPins';
import { entriesOf } from './entriesOf';
import { npmCiProblems, runsNpm } from './npmInstall';
import { CheckResult, VerifyProblem } from './types';
import { loadWorkflowParser, WorkflowParser } from './workflowParser';

const WORKFLOWS = '.github/workflows';

type TemplateToken = Parameters<WorkflowParser['isString']>[0];

/**
 * The free-text values a user types into the form. Rendered into a `run:` script they
 * are shell code; the workflow must pass them through `env:` and read `$VARS`.
 */
export const USER_VALUE_KEYS = [
  'description',
  'owner',
  'system',
  'imageRepository',
  'queueName',
  'costCenter',
  'repoUrl',
  'name',
] as const;

/** Values this short ("db", "a") would match ordinary words of any script. */
const MIN_VALUE_LENGTH = 3;

/**
 * A value that is one plain word ("delivery", "service") also occurs in the platform's
 * own scripts, so it cannot tell an injected value from the script's text; values with a
 * dash, dot, digit, slash or space (most service names, every image, every description of
 * more than one word) can, and they are what a template would interpolate.
 */
const isDistinctive = (value: string) => !/^[A-Za-z]+$/.test(value);

const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word matchers for the user's values: `pay` does not match `payments`. */
function valueMatchers(values: Record<string, unknown> = {}) {
  return USER_VALUE_KEYS.flatMap(key => {
    const value = values[key];
    if (
      typeof value !== 'string' ||
      value.trim().length < MIN_VALUE_LENGTH ||
      !isDistinctive(value.trim())
    )
      return [];
    const pattern = new RegExp(
      `(?<![A-Za-z0-9_])${escapeRegExp(value)}(?![A-Za-z0-9_])`,
    );
    return [{ key, value, pattern }];
  });
}

/** `(Line: 7, Col: 9): Unexpected value 'x'` without the file name it starts with. */
function withoutFile(message: string, file: string): string {
  const text = message.startsWith(file)
    ? message.slice(file.length).replace(/^:?\s*/, '')
    : message;
  // YAML syntax errors carry a source excerpt on the following lines.
  return text.split('\n')[0].replace(/:$/, '');
}

/** The script as written: an expression token keeps its source, `${{ }}` included. */
function scriptText(parser: WorkflowParser, run: TemplateToken): string {
  if (parser.isString(run)) return run.value;
  if (parser.isBasicExpression(run))
    return run.source ?? `\${{ ${run.expression} }}`;
  return run.toString();
}

async function checkWorkflow(
  parser: WorkflowParser,
  file: string,
  content: string,
  values: Record<string, unknown> | undefined,
): Promise<{ problems: VerifyProblem[]; steps: number; jobs: number }> {
  const problem = (message: string) => ({ file, message });
  const parsed = parser.parseWorkflow(
    { name: file, content },
    new parser.NoOperationTraceWriter(),
  );
  const parseErrors = parsed.context.errors.getErrors();
  if (parseErrors.length || !parsed.value)
    return {
      problems: parseErrors.map(error =>
        problem(withoutFile(error.message, file)),
      ),
      steps: 0,
      jobs: 0,
    };
  const template = await parser.convertWorkflowTemplate(
    parsed.context,
    parsed.value,
  );
  if (template.errors?.length)
    return {
      problems: template.errors.map(error =>
        problem(withoutFile(error.Message, file)),
      ),
      steps: 0,
      jobs: 0,
    };

  const problems: VerifyProblem[] = [
    ...unpinnedActions(content).map(problem),
    ...(runsNpm(content) ? npmCiProblems(content, 'the workflow') : []).map(
      problem,
    ),
  ];
  const matchers = valueMatchers(values);
  let steps = 0;
  for (const job of template.jobs) {
    if (job.type !== 'job') continue;
    for (const [index, step] of job.steps.entries()) {
      steps += 1;
      if (!('run' in step) || !step.run) continue;
      const where = `job "${job.id.value}", step "${
        step.name?.toString() || `#${index + 1}`
      }"`;
      const script = scriptText(parser, step.run);
      if (script.includes('${{'))
        problems.push(
          problem(
            `${where}: run script contains a GitHub expression (\${{ }}), an injection path; pass the value through env: and read the variable`,
          ),
        );
      for (const { key, value, pattern } of matchers) {
        if (pattern.test(script))
          problems.push(
            problem(
              `${where}: run script contains the template value ${key} (${JSON.stringify(
                value,
              )}); pass it through env: and read the variable`,
            ),
          );
      }
    }
  }
  return { problems, steps, jobs: template.jobs.length };
}

/**
 * Every workflow in `.github/workflows` must parse and convert as GitHub would load it
 * (schema, job graph), and no `run:` script may contain an expression or a value the
 * user typed: both are script injection paths. Every action is pinned to a full commit
 * SHA, and a workflow that runs npm installs with `npm ci` only.
 */
export async function checkWorkflows(options: {
  dir: string;
  values?: Record<string, unknown>;
}): Promise<CheckResult> {
  const result: CheckResult = { problems: [], passed: [] };
  const workflowsDir = path.join(options.dir, WORKFLOWS);
  const files = (await entriesOf(workflowsDir))
    .filter(entry => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map(entry => entry.name)
    .sort();
  if (!files.length) {
    result.problems.push({
      file: WORKFLOWS,
      message: 'no workflow found; the golden path delivers through one',
    });
    return result;
  }
  const parser = await loadWorkflowParser();
  for (const name of files) {
    const file = `${WORKFLOWS}/${name}`;
    const content = await fs.readFile(path.join(workflowsDir, name), 'utf8');
    const checked = await checkWorkflow(parser, file, content, options.values);
    result.problems.push(...checked.problems);
    if (!checked.problems.length)
      result.passed.push(
        `${file}: valid, ${checked.jobs} jobs, ${checked.steps} steps without expressions or template values in run scripts, every action pinned to a commit SHA`,
      );
  }
  return result;
}
