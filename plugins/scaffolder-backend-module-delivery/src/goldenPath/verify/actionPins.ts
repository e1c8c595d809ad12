/**
 * `uses:` as written, with the comment beside it. Read from the text rather than the parsed
 * workflow because the comment, where the version a SHA stands for is kept, is not part of
 * the parsed workflow.
 */
const USES = /^\s*(?:-\s+)?uses:\s*["']?([^"'\s#]+)["']?\s*(?:#\s*(.*?))?\s*$/;

/** A full commit SHA: a tag or a branch can be moved to other code after review. */
const FULL_SHA = /@[0-9a-f]{40}$/;

/** Actions in the repository itself and images pinned by digest are not tags to pin. */
const isLocalOrDigest = (ref: string) =>
  ref.startsWith('./') || /^docker:\/\/.+@sha256:[0-9a-f]{64}$/.test(ref);

/**
 * Every third-party action and reusable workflow a workflow uses must be pinned to a full
 * commit SHA, with the version it stands for in a comment (`# v4.2.2`) so that a reader and
 * an update bot can tell what it is.
 */
export function unpinnedActions(content: string): string[] {
  const problems: string[] = [];
  content.split('\n').forEach((line, index) => {
    const match = USES.exec(line);
    if (!match || isLocalOrDigest(match[1])) return;
    const [, ref, comment] = match;
    const where = `line ${index + 1}: uses ${ref}`;
    if (!FULL_SHA.test(ref))
      problems.push(
        `${where} is not pinned to a full commit SHA; a tag or branch can move to code nobody reviewed. Pin it as ${
          ref.split('@')[0]
        }@<40-character commit SHA> # <version>`,
      );
    else if (!comment || !/\d/.test(comment))
      problems.push(
        `${where} has no version comment; add the version the SHA stands for, e.g. # v4.2.2`,
      );
  });
  return problems;
}
