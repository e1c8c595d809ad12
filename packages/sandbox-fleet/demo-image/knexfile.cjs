// The sandbox's stand-in for a service image's knexfile (the golden path's image contract:
// knexfile.cjs, migrations/ and node_modules/knex in the working directory). The sandbox
// runs every catalog service's migration Job from this directory against a SQLite file
// per service and cluster, named by the `<service>-db` Secret the fleet seeds.
'use strict';

module.exports = {
  client: process.env.DB_CLIENT,
  connection: { filename: process.env.DATABASE_FILE },
  useNullAsDefault: true,
  migrations: {
    directory: './migrations',
    extension: 'cjs',
    loadExtensions: ['.cjs'],
  },
};
