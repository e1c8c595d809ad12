import fs from 'node:fs/promises';

/**
 * Creates `dir` (mode 0700) or accepts it only if it is this user's and nobody else can
 * write to it: a binary extracted there is run, so a folder someone else controls (an
 * attacker's `/tmp/delivery-kubectl-<uid>`, say) must not be trusted.
 */
export async function ensurePrivateDirectory(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const stat = await fs.lstat(dir);
  const uid = process.getuid?.();
  if (!stat.isDirectory())
    throw new Error(`${dir} is not a folder (a symbolic link is not accepted)`);
  if (uid !== undefined && stat.uid !== uid)
    throw new Error(
      `${dir} belongs to user ${stat.uid}, not to this user (${uid})`,
    );
  if (stat.mode & 0o022)
    throw new Error(
      `${dir} is writable by other users (mode ${(stat.mode & 0o777).toString(
        8,
      )})`,
    );
}
