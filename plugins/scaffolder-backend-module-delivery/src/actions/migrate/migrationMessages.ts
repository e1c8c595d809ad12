import { MigrationFinding } from './migrationLint';

/** Said wherever a held knex lock is found: what it means and what a person does about it. */
export const lockHeldMessage = (where: string) =>
  `knex's migration lock is held in ${where} (is_locked = 1 in knex_migrations_lock). It is never released automatically: a migration may still be running. Check that no migration Job runs, then release it with \`knex migrate:unlock\`.`;

/** One line per lint finding: file, line, rule and why. */
export function describeFindings(findings: MigrationFinding[]): string[] {
  return findings.map(f => `${f.file}:${f.line} ${f.rule}: ${f.message}`);
}
