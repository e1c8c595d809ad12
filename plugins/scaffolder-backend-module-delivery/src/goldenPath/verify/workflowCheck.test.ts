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
        `${FILE}: valid, 2 jobs, 3 steps without expressions or template values in run scripts, every action pinned to a commit SHA`,
        '.github/workflows/nightly.yml: valid, 2 jobs, 3 steps without expressions or template values in run scripts, every action pinned to a commit SHA',
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

  const PINNED = 'actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09';

  it.each([
    ['a major-version tag', 'actions/checkout@v5'],
    ['a full version tag', 'actions/checkout@v5.1.0 # v5.1.0'],
    ['a branch', 'docker/login-action@master'],
    ['a short SHA', 'actions/checkout@fbc6f39 # v5.1.0'],
    ['a quoted tag', '"actions/checkout@v5"'],
  ])('refuses an action pinned to %s', async (_, uses) => {
    const problems = await problemsOf(
      VALID_WORKFLOW.replace(`${PINNED} # v5.1.0`, uses),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^\.github\/workflows\/delivery\.yaml: line 11: uses \S+ is not pinned to a full commit SHA; a tag or branch can move to code nobody reviewed\. Pin it as \S+@<40-character commit SHA> # <version>$/,
      ),
    ]);
  });

  it('refuses a pinned action without the version it stands for', async () => {
    expect(
      await problemsOf(VALID_WORKFLOW.replace(`${PINNED} # v5.1.0`, PINNED)),
    ).toEqual([
      `${FILE}: line 11: uses ${PINNED} has no version comment; add the version the SHA stands for, e.g. # v4.2.2`,
    ]);
  });

  it('refuses an unpinned reusable workflow', async () => {
    const problems = await problemsOf(`name: release
on: push
jobs:
  call:
    uses: acme/workflows/.github/workflows/release.yml@main
`);
    expect(problems).toContain(
      `${FILE}: line 5: uses acme/workflows/.github/workflows/release.yml@main is not pinned to a full commit SHA; a tag or branch can move to code nobody reviewed. Pin it as acme/workflows/.github/workflows/release.yml@<40-character commit SHA> # <version>`,
    );
  });

  it('takes local actions and images pinned by digest', async () => {
    expect(
      await problemsOf(
        VALID_WORKFLOW.replace(
          `      - uses: ${PINNED} # v5.1.0\n`,
          `      - uses: ./.github/actions/setup\n      - uses: docker://alpine@sha256:${'a'.repeat(
            64,
          )}\n`,
        ),
      ),
    ).toEqual([]);
  });

  it('refuses npm install and a workflow that runs npm without npm ci', async () => {
    const withInstall = VALID_WORKFLOW.replace(
      'run: echo "building $APP_NAME at $COMMIT_SHA"',
      'run: npm install && npm run build',
    );
    expect(await problemsOf(withInstall)).toEqual([
      `${FILE}: line 15: npm install resolves versions anew; install with npm ci from the committed package-lock.json`,
      `${FILE}: the workflow never installs dependencies with npm ci; install them with npm ci from the committed package-lock.json`,
    ]);
    // The fallback the golden path used to have is refused too.
    expect(
      await problemsOf(
        VALID_WORKFLOW.replace(
          'run: echo "building $APP_NAME at $COMMIT_SHA"',
          'run: if [ -f package-lock.json ]; then npm ci; else npm i; fi',
        ),
      ),
    ).toEqual([
      `${FILE}: line 15: npm install resolves versions anew; install with npm ci from the committed package-lock.json`,
    ]);
    expect(
      await problemsOf(
        VALID_WORKFLOW.replace(
          'run: echo "building $APP_NAME at $COMMIT_SHA"',
          'run: npm ci && npm run build',
        ),
      ),
    ).toEqual([]);
  });
});
