import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/** The first `name` on `searchPath` that is a file this user may run, as a shell finds it. */
export async function findExecutable(
  name: string,
  searchPath: string | undefined,
  platform: NodeJS.Platform,
): Promise<string | undefined> {
  const names = platform === 'win32' ? [`${name}.exe`, name] : [name];
  for (const dir of (searchPath ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const candidate of names.map(file => path.join(dir, file))) {
      try {
        await fs.access(candidate, constants.X_OK);
        if ((await fs.stat(candidate)).isFile()) return candidate;
      } catch {
        // not here; try the next folder
      }
    }
  }
  return undefined;
}
