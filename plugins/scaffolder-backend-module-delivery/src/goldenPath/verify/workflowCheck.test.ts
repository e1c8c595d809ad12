import { createMockDirectory } from '@backstage/backend-test-utils';
import { VALID_WORKFLOW } from './testFixtures';
import { checkWorkflows } from './workflowCheck';

const FILE = '.github/workflows/delivery.yaml';

describe('checkWorkflows', () => {
  const mockDir = createMockDirectory();

  async function problemsOf(content: string, values?: Record<string, unknown>) {
    mockDir.setContent({ [FILE]: content });
    const { problems } = await checkWorkflows({ dir: mockDir.path, values });
    return problems.map(problem => `${problem.file}: ${problem.message}`);
  }

  it('passes a valid workflow that reads values from env', async () => {
    mockDir.setContent({
      [FILE]: VALID_WORKFLOW,
      '.github/workflows/nightly.yml': VALID_WORKFLOW,
      '.github/workflows/README.md': '# not a workflow',
    });
    await expect(
      checkWorkflows({ dir: mockDir.path, values: { name: 'payments' } }),
    ).resolves.toEqual({
      problems: [],
      passed: [
        `${FILE}: valid, 2 jobs, 3 steps without expressions or template values in run scripts`,
        '.github/workflows/nightly.yml: valid, 2 jobs, 3 steps without expressions or template values in run scripts',
      ],
    });
  });

  it('reports schema errors with their line and column', async () => {
    expect(
      await problemsOf(
        VALID_WORKFLOW.replace(
          '        run: bash deploy/scripts/deploy.sh apply',
          '        run: bash deploy/scripts/deploy.sh apply\n        timeout: 5',
        ),
      ),
    ).toEqual([`${FILE}: (Line: 22, Col: 9): Unexpected value 'timeout'`]);
  });

  it('reports YAML that does not parse', async () => {
    expect(await problemsOf('on: push\njobs: [\n')).toEqual([
      expect.stringMatching(
        /^\.github\/workflows\/delivery\.yaml: Flow sequence in block collection must be sufficiently indented and end with a \] at line 3, column 1$/,
      ),
    ]);
  });

  it('reports a job graph GitHub would reject', async () => {
    expect(
      await problemsOf(
        VALID_WORKFLOW.replace(
          '    runs-on: ubuntu-24.04\n    steps:\n      - uses',
          '    needs: deploy\n    runs-on: ubuntu-24.04\n    steps:\n      - uses',
        ),
      ),
    ).toEqual([
      expect.stringContaining(
        'The workflow must contain at least one job with no dependencies.',
      ),
    ]);
  });

  it('reports a GitHub expression in a run script', async () => {
    expect(
      await problemsOf(
        VALID_WORKFLOW.replace(
          'run: bash deploy/scripts/deploy.sh apply',
          'run: bash deploy/scripts/deploy.sh apply "${{ github.event.head_commit.message }}"',
        ),
      ),
    ).toEqual([
      `${FILE}: job "deploy", step "Deploy": run script contains a GitHub expression (\${{ }}), an injection path; pass the value through env: and read the variable`,
    ]);
  });

  it('reports a template value rendered into a run script, naming the value', async () => {
    expect(
      await problemsOf(
        VALID_WORKFLOW.replace(
          'run: bash deploy/scripts/deploy.sh apply',
          'run: |\n          kubectl -n billing-eu rollout status deploy/payments-api-canary\n          echo "Owner: group:default/payments-team"',
        ),
        {
          name: 'payments-api',
          owner: 'group:default/payments-team',
          system: 'billing-eu',
          costCenter: 'cc', // too short to tell from ordinary words
          tier: 'critical', // not typed by the user
        },
      ),
    ).toEqual([
      `${FILE}: job "deploy", step "Deploy": run script contains the template value owner ("group:default/payments-team"); pass it through env: and read the variable`,
      `${FILE}: job "deploy", step "Deploy": run script contains the template value system ("billing-eu"); pass it through env: and read the variable`,
      `${FILE}: job "deploy", step "Deploy": run script contains the template value name ("payments-api"); pass it through env: and read the variable`,
    ]);
  });

  it('matches values as whole words only', async () => {
    expect(
      await problemsOf(VALID_WORKFLOW, {
        name: 'de-ploy',
        system: 'ployed-1',
        description: 'apply_now',
      }),
    ).toEqual([]);
    expect(
      await problemsOf(
        VALID_WORKFLOW.replace('deploy.sh apply', 'deploy.sh apply de-ploy'),
        { name: 'de-ploy' },
      ),
    ).toEqual([
      `${FILE}: job "deploy", step "Deploy": run script contains the template value name ("de-ploy"); pass it through env: and read the variable`,
    ]);
  });

  it('does not take a one-word value for an injection: the script says "deploy" itself', async () => {
    expect(
      await problemsOf(VALID_WORKFLOW, { name: 'deploy', system: 'apply' }),
    ).toEqual([]);
  });

  it('names an unnamed step by its position', async () => {
    expect(
      await problemsOf(
        VALID_WORKFLOW.replace(
          '      - name: Deploy\n        run: bash',
          '      - run: echo hi\n      - run: bash',
        ).replace('echo hi', 'echo ${{ github.ref }}'),
      ),
    ).toEqual([
      `${FILE}: job "deploy", step "#1": run script contains a GitHub expression (\${{ }}), an injection path; pass the value through env: and read the variable`,
    ]);
  });

  it('reports a workspace without workflows', async () => {
    mockDir.setContent({ 'README.md': '# payments' });
    await expect(checkWorkflows({ dir: mockDir.path })).resolves.toEqual({
      problems: [
        {
          file: '.github/workflows',
          message: 'no workflow found; the golden path delivers through one',
        },
      ],
      passed: [],
    });
  });
});
