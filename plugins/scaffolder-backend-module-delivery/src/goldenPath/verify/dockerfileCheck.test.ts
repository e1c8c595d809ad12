import { createMockDirectory } from '@backstage/backend-test-utils';
import { checkDockerfiles } from './dockerfileCheck';
import { VALID_DOCKERFILE } from './testFixtures';

describe('checkDockerfiles', () => {
  const mockDir = createMockDirectory();

  async function problemsOf(content: string) {
    mockDir.setContent({ Dockerfile: content });
    const { problems } = await checkDockerfiles({ dir: mockDir.path });
    return problems.map(problem => `${problem.file}: ${problem.message}`);
  }

  it('passes every Dockerfile in the workspace, outside node_modules', async () => {
    mockDir.setContent({
      Dockerfile: VALID_DOCKERFILE,
      'docker/api.Dockerfile': VALID_DOCKERFILE,
      'Dockerfile.dev': VALID_DOCKERFILE,
      'node_modules/some-package/Dockerfile': 'FROM scratch\nUSER root\n',
      'docs/Dockerfile.notes': '# no stage', // Dockerfile.* is a Dockerfile by name
    });
    const result = await checkDockerfiles({ dir: mockDir.path });
    expect(result.passed).toEqual([
      'docker/api.Dockerfile: lint clean, final stage runs as 10001:10001 (line 10)',
      'Dockerfile: lint clean, final stage runs as 10001:10001 (line 10)',
      'Dockerfile.dev: lint clean, final stage runs as 10001:10001 (line 10)',
    ]);
    expect(result.problems).toEqual([
      {
        file: 'docs/Dockerfile.notes',
        message: 'line 1: error: No source image provided with `FROM`',
      },
    ]);
  });

  it('reports each lint diagnostic with its line', async () => {
    expect(
      await problemsOf(
        VALID_DOCKERFILE.replace(
          'WORKDIR /app\nCOPY --from',
          'MAINTAINER someone\nEXPOSE 8080/xyz\nWORKDIR /app\nCOPY --from',
        ),
      ),
    ).toEqual([
      'Dockerfile: line 8: warning: MAINTAINER has been deprecated',
      'Dockerfile: line 9: error: Invalid proto: xyz',
    ]);
  });

  it('reports a final stage without USER, even when an earlier stage has one', async () => {
    expect(
      await problemsOf(
        VALID_DOCKERFILE.replace('USER 10001:10001\n', '').replace(
          'WORKDIR /app\nCOPY . .',
          'USER node\nWORKDIR /app\nCOPY . .',
        ),
      ),
    ).toEqual([
      "Dockerfile: final stage (FROM node:24.11.1-bookworm-slim AS runtime, line 8) has no USER instruction, so it runs as the base image's user (often root)",
    ]);
  });

  it.each(['root', '0', '0:0', 'root:root', 'root:10001'])(
    'reports a final USER %s',
    async user => {
      expect(
        await problemsOf(
          VALID_DOCKERFILE.replace(
            'USER 10001:10001',
            `USER 10001:10001\nRUN true\nUSER ${user}`,
          ),
        ),
      ).toEqual([
        `Dockerfile: line 12: final stage (FROM node:24.11.1-bookworm-slim AS runtime, line 7) runs as root (USER ${user})`,
      ]);
    },
  );

  it('resolves a USER from the ARG default, as docker build does', async () => {
    mockDir.setContent({
      Dockerfile: VALID_DOCKERFILE.replace(
        'USER 10001:10001',
        'ARG APP_USER=10001\nUSER ${APP_USER}:${APP_USER}',
      ),
    });
    await expect(checkDockerfiles({ dir: mockDir.path })).resolves.toEqual({
      problems: [],
      passed: [
        'Dockerfile: lint clean, final stage runs as 10001:10001 (line 11)',
      ],
    });
  });

  it('reports a USER whose ARG default is root', async () => {
    expect(
      await problemsOf(
        VALID_DOCKERFILE.replace(
          'USER 10001:10001',
          'ARG APP_USER=0\nUSER $APP_USER',
        ),
      ),
    ).toEqual([
      'Dockerfile: line 11: final stage (FROM node:24.11.1-bookworm-slim AS runtime, line 7) runs as root (USER $APP_USER = 0)',
    ]);
  });

  it('reports a USER from an ARG without a default: it cannot be checked before the build', async () => {
    expect(
      await problemsOf(
        VALID_DOCKERFILE.replace(
          'USER 10001:10001',
          'ARG APP_USER\nUSER ${APP_USER}',
        ),
      ),
    ).toEqual([
      'Dockerfile: line 11: final stage (FROM node:24.11.1-bookworm-slim AS runtime, line 7) runs as "${APP_USER}", which cannot be checked before the build (no default for ARG APP_USER); use a literal non-root user or give the ARG a non-root default',
    ]);
  });

  it('does not take an ARG default from before the final FROM', async () => {
    // An ARG before a FROM is out of scope in the stage unless declared there again.
    expect(
      await problemsOf(
        `ARG APP_USER=10001\n${VALID_DOCKERFILE.replace(
          '# syntax=docker/dockerfile:1.7\n',
          '',
        ).replace('USER 10001:10001', 'USER ${APP_USER}')}`,
      ),
    ).toEqual([
      expect.stringContaining(
        'runs as "${APP_USER}", which cannot be checked before the build (no default for ARG APP_USER)',
      ),
    ]);
  });

  it('reads instructions, not heredoc bodies or continuation lines', async () => {
    expect(
      await problemsOf(
        VALID_DOCKERFILE.replace(
          'USER 10001:10001',
          [
            'USER 10001:10001',
            'RUN <<EOF',
            'USER root',
            'EOF',
            'COPY <<-"CONF" /etc/app.conf',
            '\tUSER 0',
            '\tCONF',
            'RUN echo \\',
            '  # a comment inside a continuation',
            '  USER root',
          ].join('\n'),
        ),
      ),
    ).toEqual([]);
  });

  it('follows an escape directive after the syntax directive', async () => {
    expect(
      await problemsOf(
        [
          '# syntax=docker/dockerfile:1',
          '# escape=`',
          'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022',
          'USER ContainerUser',
          'RUN echo `',
          '  USER root',
          '',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('reports a workspace without a Dockerfile', async () => {
    mockDir.setContent({ 'README.md': '# payments' });
    await expect(checkDockerfiles({ dir: mockDir.path })).resolves.toEqual({
      problems: [
        {
          file: 'Dockerfile',
          message:
            'no Dockerfile found; the delivery workflow builds the image from one',
        },
      ],
      passed: [],
    });
  });

  describe('in a Node repository (package.json)', () => {
    async function nodeProblemsOf(content: string) {
      mockDir.setContent({ Dockerfile: content, 'package.json': '{}' });
      const { problems } = await checkDockerfiles({ dir: mockDir.path });
      return problems.map(problem => `${problem.file}: ${problem.message}`);
    }

    it('passes a Dockerfile that installs with npm ci', async () => {
      expect(await nodeProblemsOf(VALID_DOCKERFILE)).toEqual([]);
    });

    it('refuses npm install, and the fallback to it', async () => {
      expect(
        await nodeProblemsOf(
          VALID_DOCKERFILE.replace(
            'RUN npm ci && npm run build',
            'RUN if [ -f package-lock.json ]; then npm ci; else npm install; fi\nRUN npm run build',
          ),
        ),
      ).toEqual([
        'Dockerfile: line 5: npm install resolves versions anew; install with npm ci from the committed package-lock.json',
      ]);
    });

    it('refuses a Dockerfile that never runs npm ci', async () => {
      expect(
        await nodeProblemsOf(
          VALID_DOCKERFILE.replace(
            'RUN npm ci && npm run build',
            'RUN npm i --omit=dev && npm run build',
          ),
        ),
      ).toEqual([
        'Dockerfile: line 5: npm install resolves versions anew; install with npm ci from the committed package-lock.json',
        'Dockerfile: it never installs dependencies with npm ci; install them with npm ci from the committed package-lock.json',
      ]);
    });
  });
});
