import fs from 'node:fs';
import path from 'node:path';
import { ARGO_ROLLOUTS_RBAC } from './rolloutRbac';

const DOC = path.resolve(
  __dirname,
  '../../../../docs/argo-rollouts-actions.md',
);

describe('the RBAC the docs list', () => {
  it('is the list the actions use, row for row', () => {
    const rows = fs
      .readFileSync(DOC, 'utf8')
      .split('\n')
      .filter(line => /^\| \S.*\| (argoproj\.io|apps) /.test(line))
      .map(line =>
        line
          .split('|')
          .slice(1, -1)
          .map(cell => cell.trim()),
      );
    const expected = Object.entries(ARGO_ROLLOUTS_RBAC).flatMap(
      ([action, rules]) =>
        rules.map(rule => [
          action,
          rule.apiGroup,
          rule.resource,
          rule.verbs.join(', '),
        ]),
    );
    expect(rows).toEqual(expected);
  });
});
