import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Every file under `dir`, as relative POSIX paths in a stable order, so what is built
 * from them (a rendered tree, a commit) is the same every time. Entries named in `skip`
 * are left out at any depth.
 * @public
 */
export async function listFiles(
  dir: string,
  options: { skip?: string[] } = {},
  prefix = '',
): Promise<string[]> {
  const entries = await fs.readdir(path.join(dir, prefix), {
    withFileTypes: true,
  });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    if (options.skip?.includes(entry.name)) continue;
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory())
      files.push(...(await listFiles(dir, options, relative)));
    else if (entry.isFile()) files.push(relative);
  }
  return files;
}
