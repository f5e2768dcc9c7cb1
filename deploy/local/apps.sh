# Sourced by start.sh and the end-to-end tests: the apps, their local ports and databases.
# name:port:database ("-" for none)
ONEWINDOW_APPS=(
  gateway:3000:-
  identity:3001:onewindow_identity
  catalog:3002:onewindow_catalog
  workflow:3003:onewindow_workflow
  licence:3004:onewindow_licence
  payments:3005:onewindow_payments
  logistics:3006:onewindow_logistics
  data-sharing:3007:onewindow_data_sharing
)
