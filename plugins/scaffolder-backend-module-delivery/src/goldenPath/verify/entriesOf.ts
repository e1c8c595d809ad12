import { Dirent } from 'node:fs';
import fs from 'node:fs/promises';

/**
 * The entries of a workspace folder, none when it does not exist: a missing
 * `deploy/overlays` is reported as a problem, not thrown. Other errors still throw.
 */
export async function entriesOf(dir: string): Promise<Dirent[]> {
  try {
    return await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
}
