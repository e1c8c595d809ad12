import { LocalGitRepositories } from '@internal/backstage-plugin-delivery-node';
import express from 'express';
import Router from 'express-promise-router';

/** Where the router is mounted; the auth policy and the catalog's reading allow-list use it. */
export const REPOSITORIES_PATH = '/repositories';

/**
 * Serves files of the local publish target's repositories, read-only:
 * `GET /repositories/:name/raw/<path>` answers the file at the head of the default branch.
 * The catalog registers a generated service through this URL (`catalog:register`
 * reads `catalog-info.yaml` here the way it reads a GitHub raw URL), which is why it is
 * readable without sign-in; it is only mounted when the local target is configured.
 */
export function createRepositoryRouter(
  repositories: LocalGitRepositories,
): express.Router {
  const router = Router();
  router.get(`${REPOSITORIES_PATH}/:name/raw/*`, async (req, res) => {
    const filepath = (req.params as Record<string, string>)[0];
    const blob = await repositories.readFile(req.params.name, filepath);
    res
      .type(filepath.endsWith('.yaml') ? 'text/yaml' : 'text/plain')
      .set('Cache-Control', 'no-cache')
      .send(Buffer.from(blob));
  });
  return router;
}
