/**
 * `npm install` (or `npm i`, `npm add`) resolves versions anew on every run, so two builds of
 * one commit can differ; `npm ci` installs exactly the committed package-lock.json and fails
 * when it does not match package.json. The golden path installs with `npm ci` only.
 */
const NPM_INSTALL =
  /\bnpm\s+(?:install|i|in|ins|inst|insta|instal|isnt|isnta|isntal|isntall|add)(?=\s|$|;|&|\|)/;
const NPM_CI = /\bnpm\s+(?:ci|clean-install)\b/;

export interface NpmUse {
  /** Whether some script installs with `npm ci`. */
  ci: boolean;
  /** The 1-based lines that run `npm install`. */
  installLines: number[];
}

/** Whether a script runs npm at all. */
export const runsNpm = (script: string) =>
  script.split('\n').some(line => /\bnpm\s/.test(line) && !/^\s*#/.test(line));

/** How a script (a Dockerfile, a workflow) installs npm dependencies. */
export function npmInstalls(script: string): NpmUse {
  const lines = script.split('\n');
  return {
    ci: lines.some(line => NPM_CI.test(line) && !/^\s*#/.test(line)),
    installLines: lines.flatMap((line, index) =>
      NPM_INSTALL.test(line) && !/^\s*#/.test(line) ? [index + 1] : [],
    ),
  };
}

/** The problems of a script that should install with `npm ci` only. */
export function npmCiProblems(script: string, what: string): string[] {
  const use = npmInstalls(script);
  return [
    ...use.installLines.map(
      line =>
        `line ${line}: npm install resolves versions anew; install with npm ci from the committed package-lock.json`,
    ),
    ...(use.ci
      ? []
      : [
          `${what} never installs dependencies with npm ci; install them with npm ci from the committed package-lock.json`,
        ]),
  ];
}
