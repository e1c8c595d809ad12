import { DockerfileParser, Instruction } from 'dockerfile-ast';

export type FinalUser =
  | {
      ok: true;
      /** The user as the build resolves it: ARG defaults substituted. */
      user: string;
      /** 1-based line of the USER instruction that decides it. */
      line: number;
    }
  /** No message when there is no stage at all: the lint reports a missing FROM. */
  | { ok: false; message?: string };

const ROOT = new Set(['root', '0']);

/** 1-based line an instruction starts on. */
const lineOf = (instruction: Instruction) =>
  instruction.getRange().start.line + 1;

/**
 * The user the final stage runs as, or why it is not an acceptable one. dockerfile-ast
 * reads the instructions as Docker does (continuations, comments, heredoc bodies, the
 * escape directive), so a `USER root` inside a heredoc or a continued RUN is not one;
 * a USER in an earlier stage does not carry over to the final one.
 *
 * `${VAR}` in the user resolves to the ARG's default, as `docker build` does without
 * `--build-arg`; an ARG without a default cannot be checked before the build and fails.
 */
export function finalStageUser(content: string): FinalUser {
  const dockerfile = DockerfileParser.parse(content);
  const from = dockerfile.getFROMs().at(-1);
  if (!from) return { ok: false };
  const stage = dockerfile.getContainingImage(from.getRange().start);
  const users = (stage?.getInstructions() ?? []).filter(
    instruction => instruction.getKeyword() === 'USER',
  );
  const described = `final stage (FROM ${from.getArgumentsContent()}, line ${lineOf(
    from,
  )})`;
  const last = users.at(-1);
  if (!last)
    return {
      ok: false,
      message: `${described} has no USER instruction, so it runs as the base image's user (often root)`,
    };
  const written = last.getArgumentsContent() ?? '';
  const unresolved = last
    .getVariables()
    .map(variable => variable.getName())
    .filter(
      name => !dockerfile.resolveVariable(name, last.getRange().start.line),
    );
  if (unresolved.length || !written)
    return {
      ok: false,
      message: `line ${lineOf(
        last,
      )}: ${described} runs as "${written}", which cannot be checked before the build (${
        unresolved.length
          ? `no default for ${unresolved.map(name => `ARG ${name}`).join(', ')}`
          : 'no user'
      }); use a literal non-root user or give the ARG a non-root default`,
    };
  const user = last.getExpandedArguments()[0]?.getValue() ?? written;
  const resolved = user === written ? '' : ` = ${user}`;
  if (ROOT.has(user.split(':')[0]))
    return {
      ok: false,
      message: `line ${lineOf(
        last,
      )}: ${described} runs as root (USER ${written}${resolved})`,
    };
  return { ok: true, user, line: lineOf(last) };
}
