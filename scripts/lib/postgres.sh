# shellcheck shell=bash
# Finds a PostgreSQL server for the database tests and exports the connection string that
# Backstage's TestDatabases reads. Tests always run on SQLite; PostgreSQL is added when a
# server answers.

enable_postgres_tests() {
  local url="${DELIVERY_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432}"
  local major
  # The pg driver is already installed with the backend, so no psql client is needed.
  major="$(cd "$DELIVERY_ROOT/packages/backend" && DELIVERY_URL="$url" node -e '
    const { Client } = require("pg");
    const client = new Client({ connectionString: process.env.DELIVERY_URL, connectionTimeoutMillis: 3000 });
    client.connect()
      .then(() => client.query("show server_version_num"))
      .then(r => { console.log(Math.floor(Number(r.rows[0].server_version_num) / 10000)); return client.end(); })
      .catch(() => process.exit(1));
  ' 2>/dev/null)" || major=""
  if [ -z "$major" ]; then
    log "PostgreSQL tests SKIPPED: no server answered at $url."
    log "  To run them, start PostgreSQL there (trust auth, user postgres) or set"
    log "  DELIVERY_TEST_POSTGRES_URL=postgresql://USER:PASSWORD@HOST:PORT and run again."
    return
  fi
  case "$major" in
    13|14|15|16|17|18) ;;
    *) log "PostgreSQL $major is not one Backstage's test utilities know; testing it as 17"; major=17 ;;
  esac
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=$url"
  log "PostgreSQL $major at $url: database tests run on SQLite and PostgreSQL"
}
