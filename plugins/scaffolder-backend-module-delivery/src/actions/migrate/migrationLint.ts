/**
 * A safety lint of pending knex migrations, run before any of them touches a database
 * that serves traffic. Each rule names a change that locks a busy table, rewrites it, or
 * breaks the version of the service still running during a rollout. It reads the
 * migration's source text: knex builders and raw SQL alike.
 */

export interface MigrationFinding {
  file: string;
  line: number;
  rule: string;
  message: string;
}

interface Rule {
  id: string;
  /** Matched against one line; `alter` rules only count inside an alterTable/table block. */
  pattern: RegExp;
  scope: 'any' | 'alter';
  message: string;
}

const RULES: Rule[] = [
  {
    id: 'index-not-concurrent',
    pattern: /create\s+(unique\s+)?index\s+(?!concurrently)/i,
    scope: 'any',
    message:
      'CREATE INDEX without CONCURRENTLY blocks writes to the table while it builds; use CREATE INDEX CONCURRENTLY in a migration with config.transaction = false',
  },
  {
    id: 'index-not-concurrent',
    pattern: /\.(index|unique)\s*\(/,
    scope: 'alter',
    message:
      'an index added to an existing table with the knex builder blocks writes while it builds; create it CONCURRENTLY with knex.raw in a non-transactional migration',
  },
  {
    id: 'volatile-default',
    pattern:
      /defaultTo\s*\(\s*knex\.(fn\.now|raw)\s*\(|default\s+(now\(\)|gen_random_uuid\(\)|random\(\)|clock_timestamp\(\))/i,
    scope: 'alter',
    message:
      'a column added with a volatile default (now(), random(), gen_random_uuid()) rewrites the whole table under an exclusive lock; add it without a default, backfill in batches, then set the default',
  },
  {
    id: 'rename-column',
    pattern: /\.renameColumn\s*\(|rename\s+column/i,
    scope: 'any',
    message:
      'renaming a column breaks the version still running during the rollout; add the new column, write both, move readers, then drop the old one',
  },
  {
    id: 'drop-column',
    pattern: /\.dropColumns?\s*\(|drop\s+column/i,
    scope: 'any',
    message:
      'dropping a column breaks the version still running during the rollout, and its data is gone; stop using it in one release and drop it in a later one',
  },
  {
    id: 'drop-table',
    pattern: /\.dropTable(IfExists)?\s*\(|drop\s+table/i,
    scope: 'any',
    message:
      'dropping a table loses its data and breaks the running version; drop it in a release after nothing reads it, with a backup',
  },
  {
    id: 'not-null-existing',
    pattern: /\.notNullable\s*\(\s*\)[^;]*\.alter\s*\(|set\s+not\s+null/i,
    scope: 'any',
    message:
      'NOT NULL on an existing column scans the table under an exclusive lock and fails on old rows; add a CHECK (col IS NOT NULL) NOT VALID constraint, VALIDATE it, then set NOT NULL',
  },
  {
    id: 'type-change',
    pattern: /\.alter\s*\(\s*\)|alter\s+column\s+\S+\s+(set\s+data\s+)?type/i,
    scope: 'any',
    message:
      "changing a column's type usually rewrites the table under an exclusive lock and breaks the running version; add a new column and migrate the data",
  },
  {
    id: 'constraint-without-not-valid',
    pattern: /add\s+constraint(?![^;]*not\s+valid)|\.foreign\s*\(/i,
    scope: 'alter',
    message:
      'a constraint or foreign key added to an existing table is validated under a lock that blocks writes; add it NOT VALID, then VALIDATE CONSTRAINT in a later migration',
  },
];

const ALTER_BLOCK = /\.(alterTable|table)\s*\(/;
const CREATE_BLOCK = /\.createTable(IfNotExists)?\s*\(/;
const DML =
  /\.(update|del|delete|insert)\s*\(|\b(update\s+\S+\s+set|insert\s+into|delete\s+from)\b/i;
const SCHEMA_CHANGE =
  /\.(alterTable|table|createTable|dropTable|renameTable)\s*\(|\b(alter|create|drop)\s+table\b/i;
const NO_TRANSACTION = /config\s*=\s*\{[^}]*transaction\s*:\s*false/;

/** Where a migration defines `up` or `down`, in any of the module forms knex loads. */
const DIRECTION =
  /^\s*(?:exports\.|module\.exports\.|export\s+(?:async\s+)?function\s+|export\s+const\s+)(up|down)\b/;

/**
 * The lines of a migration with its `down` blanked out: a rollback undoes what `up` did
 * (dropping the table it created), and is not what runs against production. Line numbers
 * stay those of the file.
 */
function upOnly(source: string): string[] {
  let inDown = false;
  return source.split('\n').map(line => {
    const direction = DIRECTION.exec(line)?.[1];
    if (direction) inDown = direction === 'down';
    return inDown ? '' : line;
  });
}

/** Findings in one migration file's `up`, in line order. */
export function lintMigration(
  file: string,
  source: string,
): MigrationFinding[] {
  const findings: MigrationFinding[] = [];
  const lines = upOnly(source);
  let inAlter = false;
  let depth = 0;
  lines.forEach((text, index) => {
    const code = text.replace(/\/\/.*$/, '');
    if (ALTER_BLOCK.test(code)) {
      inAlter = true;
      depth = 0;
    } else if (CREATE_BLOCK.test(code)) inAlter = false;
    for (const rule of RULES) {
      if (rule.scope === 'alter' && !inAlter && !/alter\s+table/i.test(code))
        continue;
      if (
        rule.pattern.test(code) &&
        !findings.some(f => f.line === index + 1 && f.rule === rule.id)
      )
        findings.push({
          file,
          line: index + 1,
          rule: rule.id,
          message: rule.message,
        });
    }
    depth +=
      (code.match(/\{/g) ?? []).length - (code.match(/\}/g) ?? []).length;
    if (inAlter && depth < 0) inAlter = false;
  });
  // A backfill inside the DDL transaction holds the schema lock for the whole update.
  const dmlLine = lines.findIndex(l => DML.test(l.replace(/\/\/.*$/, '')));
  if (
    dmlLine >= 0 &&
    SCHEMA_CHANGE.test(lines.join('\n')) &&
    !NO_TRANSACTION.test(source)
  )
    findings.push({
      file,
      line: dmlLine + 1,
      rule: 'backfill-in-ddl-transaction',
      message:
        'a data backfill in the same transaction as a schema change holds the schema lock for the whole update; move it to its own migration (config.transaction = false, in batches)',
    });
  return findings.sort((a, b) => a.line - b.line);
}

/**
 * The lint's verdict for a set of pending migrations: blocking unless an override names
 * a written reason, which is then recorded with the run.
 */
export function judgeMigrations(
  files: Array<{ file: string; source: string }>,
  override?: { reason?: string },
): { findings: MigrationFinding[]; blocked: boolean } {
  const findings = files.flatMap(f => lintMigration(f.file, f.source));
  const reason = override?.reason?.trim() ?? '';
  return { findings, blocked: findings.length > 0 && reason.length < 10 };
}
