-- Runs once, on the first start of an empty postgres data volume.
-- One database per service; same list as deploy/local/infra.sh.
-- \gexec keeps it idempotent (CREATE DATABASE has no IF NOT EXISTS).
SELECT format('CREATE DATABASE %I', db)
FROM unnest(ARRAY[
  'onewindow_identity',
  'onewindow_catalog',
  'onewindow_workflow',
  'onewindow_licence',
  'onewindow_payments',
  'onewindow_logistics',
  'onewindow_data_sharing',
  'onewindow_platform_test'
]) AS db
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = db)\gexec
