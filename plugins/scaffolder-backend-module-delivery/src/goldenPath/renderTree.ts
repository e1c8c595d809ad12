import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import { listFiles } from '@internal/backstage-plugin-delivery-node';
import { createTemplateRenderer, TemplateContext } from 'nunjitsu';
import path from 'node:path';

const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );

/**
 * `fetch:template` leaves out a file whose rendered path is empty, absolute or has an
 * empty segment: that is how a folder named `${{ "x" if cond else "" }}` is optional.
 * The same rule here keeps the platform files and the skeletons written one way.
 */
const isLeftOut = (rendered: string) =>
  rendered === '' || rendered.startsWith('/') || rendered.includes('//');

export interface RenderedFile {
  path: string;
  bytes: number;
}

/**
 * Renders a folder of templates into `outputDir` with the engine `fetch:template` uses
 * (nunjitsu: `${{ values.x }}`, `{% if %}`), names as well as contents. Refuses to
 * overwrite a file the skeleton already wrote, so the two sources cannot silently disagree.
 */
export async function renderTree(options: {
  sourceDir: string;
  outputDir: string;
  values: Record<string, unknown>;
}): Promise<RenderedFile[]> {
  const renderer = createTemplateRenderer({});
  const context = renderer.prepareContext({
    values: options.values,
  } as unknown as TemplateContext);
  const planned: Array<{ source: string; target: string; text: string }> = [];
  for (const file of await listFiles(options.sourceDir)) {
    const target = renderer.render(file, context);
    if (isLeftOut(target)) continue;
    const outputPath = resolveSafeChildPath(options.outputDir, target);
    if (await exists(outputPath))
      throw new InputError(
        `${target} exists already in the workspace; the skeleton must not ship platform files`,
      );
    const source = path.join(options.sourceDir, file);
    const text = renderer.render(await fs.readFile(source, 'utf8'), context);
    planned.push({ source, target: outputPath, text });
  }
  // Everything renders before anything is written: a template error leaves no half tree.
  const written: RenderedFile[] = [];
  for (const file of planned) {
    const { mode } = await fs.stat(file.source);
    await fs.mkdir(path.dirname(file.target), { recursive: true });
    await fs.writeFile(file.target, file.text, { mode });
    written.push({
      path: path.relative(options.outputDir, file.target),
      bytes: Buffer.byteLength(file.text),
    });
  }
  return written;
}
