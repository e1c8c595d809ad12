import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import git from 'isomorphic-git';
import { listFiles } from '../files/listFiles';

/** A repository name: what `git clone` and a URL path segment both accept unquoted. */
const REPOSITORY_NAME = /^[a-z0-9]([-a-z0-9._]{0,98}[a-z0-9])?$/;

/** Files never committed from a scaffolder workspace. */
const SKIPPED = ['.git'];

export interface PublishedRepository {
  /** Absolute path of the bare repository. */
  path: string;
  /** The commit the default branch points at. */
  commit: string;
  /** False when an identical repository existed already (a retried task). */
  created: boolean;
}

/**
 * Bare git repositories under one folder: the local publish target of the golden paths,
 * so a template can be tried on a machine with no GitHub token. Pure JavaScript git
 * (isomorphic-git, as the scaffolder itself uses): no git binary needed.
 * @public
 */
export class LocalGitRepositories {
  constructor(readonly root: string) {}

  /** The bare repository's path; throws naming the field when the name is unsafe. */
  pathOf(name: string): string {
    if (!REPOSITORY_NAME.test(name))
      throw new InputError(
        `repoName "${name}" must be lower-case letters, digits, dots, dashes or underscores (at most 100)`,
      );
    return path.join(this.root, `${name}.git`);
  }

  /**
   * Commits every file of `sourceDir` as the first commit of a new bare repository.
   * The repository is built beside its final path and renamed into place, so a failure
   * leaves nothing behind. Publishing the same tree again (a retried task) returns the
   * existing repository; a different tree under an existing name is refused, never
   * overwritten.
   */
  async publish(options: {
    name: string;
    sourceDir: string;
    defaultBranch?: string;
    message: string;
    author: { name: string; email: string };
  }): Promise<PublishedRepository> {
    const finalPath = this.pathOf(options.name);
    const defaultBranch = options.defaultBranch ?? 'main';
    await fs.promises.mkdir(this.root, { recursive: true });
    const gitdir = path.join(
      this.root,
      `.${options.name}.${randomBytes(6).toString('hex')}.partial`,
    );
    try {
      await git.init({ fs, gitdir, bare: true, defaultBranch });
      const dir = options.sourceDir;
      for (const filepath of await listFiles(dir, { skip: SKIPPED })) {
        await git.add({ fs, dir, gitdir, filepath });
      }
      const commit = await git.commit({
        fs,
        dir,
        gitdir,
        message: options.message,
        author: options.author,
      });
      // The index only served to build the commit; a bare repository has none.
      await fs.promises.rm(path.join(gitdir, 'index'), { force: true });
      const existing = await this.headTree(finalPath);
      if (existing !== undefined) {
        const { commit: built } = await git.readCommit({
          fs,
          gitdir,
          oid: commit,
        });
        if (existing.tree !== built.tree)
          throw new ConflictError(
            `A repository named ${options.name} exists already in ${this.root} with other contents; choose another name`,
          );
        return { path: finalPath, commit: existing.commit, created: false };
      }
      await fs.promises.rename(gitdir, finalPath);
      return { path: finalPath, commit, created: true };
    } finally {
      await fs.promises.rm(gitdir, { recursive: true, force: true });
    }
  }

  /** The tree of the repository's HEAD commit, or undefined when there is no repository. */
  private async headTree(gitdir: string) {
    if (!fs.existsSync(gitdir)) return undefined;
    const commit = await git.resolveRef({ fs, gitdir, ref: 'HEAD' });
    const { commit: parsed } = await git.readCommit({
      fs,
      gitdir,
      oid: commit,
    });
    return { commit, tree: parsed.tree };
  }

  /** A file at the head of the default branch; NotFoundError when there is none. */
  async readFile(name: string, filepath: string): Promise<Uint8Array> {
    const gitdir = this.pathOf(name);
    if (!fs.existsSync(gitdir))
      throw new NotFoundError(`No repository named ${name}`);
    const oid = await git.resolveRef({ fs, gitdir, ref: 'HEAD' });
    try {
      const { blob } = await git.readBlob({ fs, gitdir, oid, filepath });
      return blob;
    } catch (error) {
      if ((error as Error).name === 'NotFoundError')
        throw new NotFoundError(`No file ${filepath} in ${name}`);
      throw error;
    }
  }
}
