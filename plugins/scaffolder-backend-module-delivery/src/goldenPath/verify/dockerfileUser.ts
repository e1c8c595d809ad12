/**
 * Reads just enough of a Dockerfile to know which user its final stage runs as:
 * instructions with their continuation lines joined, comments and heredoc bodies
 * skipped (a heredoc line that reads `USER root` is script, not an instruction).
 */

export interface Instruction {
  /** Upper-cased keyword: `FROM`, `USER`, ... */
  keyword: string;
  args: string;
  /** 1-based line the instruction starts on. */
  line: number;
}

export function instructions(content: string): Instruction[] {
  const lines = content.split(/\r?\n/);
  // Parser directives lead the file (`# syntax=...`, `# escape=...`); `# escape=``
  // changes the continuation character (Windows images).
  let escape = '\\';
  for (const line of lines) {
    const directive = /^#\s*([a-z]+)\s*=\s*(\S+)\s*$/i.exec(line);
    if (!directive) break;
    if (directive[1].toLowerCase() === 'escape') escape = directive[2];
  }
  const result: Instruction[] = [];
  let index = 0;
  while (index < lines.length) {
    const start = index;
    let text = lines[index++].trim();
    if (!text || text.startsWith('#')) continue;
    // Comment and blank lines inside a continuation are dropped, not ends of it.
    let continued = text.endsWith(escape);
    if (continued) text = text.slice(0, -escape.length);
    while (continued && index < lines.length) {
      const next = lines[index++].trim();
      if (!next || next.startsWith('#')) continue;
      continued = next.endsWith(escape);
      text += ` ${continued ? next.slice(0, -escape.length) : next}`;
    }
    const match = /^(\S+)\s*(.*)$/.exec(text)!;
    result.push({
      keyword: match[1].toUpperCase(),
      args: match[2].trim(),
      line: start + 1,
    });
    // Each `<<WORD` / `<<-"WORD"` opens a heredoc whose body ends at a line `WORD`.
    for (const heredoc of text.matchAll(/<<(-?)(["']?)([A-Za-z_][\w]*)\2/g)) {
      const [, dash, , word] = heredoc;
      while (index < lines.length) {
        const body = lines[index++];
        if ((dash ? body.trim() : body) === word) break;
      }
    }
  }
  return result;
}

export type FinalUser =
  | { ok: true; user: string; line: number }
  /** No message when there is no stage at all: the lint reports a missing FROM. */
  | { ok: false; message?: string };

/** The user the final stage runs as, or why it is not an acceptable one. */
export function finalStageUser(content: string): FinalUser {
  const all = instructions(content);
  const lastFrom = all.map(i => i.keyword).lastIndexOf('FROM');
  if (lastFrom < 0) return { ok: false };
  const from = all[lastFrom];
  const users = all.slice(lastFrom + 1).filter(i => i.keyword === 'USER');
  const stage = `final stage (FROM ${from.args}, line ${from.line})`;
  if (!users.length)
    return {
      ok: false,
      message: `${stage} has no USER instruction, so it runs as the base image's user (often root)`,
    };
  const last = users[users.length - 1];
  const user = last.args.split(/\s+/)[0] ?? '';
  const name = user.split(':')[0];
  if (name === 'root' || name === '0')
    return {
      ok: false,
      message: `line ${last.line}: ${stage} runs as root (USER ${last.args})`,
    };
  if (!name || name.includes('$'))
    return {
      ok: false,
      message: `line ${last.line}: ${stage} runs as "${last.args}", which cannot be checked before the build; use a literal non-root user`,
    };
  return { ok: true, user, line: last.line };
}
