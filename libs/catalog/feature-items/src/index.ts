export { CatalogFeatureModule } from './catalog-feature.module';
export { ItemCommands, type ImportedItem } from './commands/item-commands.service';
export { CatalogException } from './shared/catalog.exception';
export { CatalogImporter, type ImportReport } from './import/catalog-import.service';
export { CATALOG_SURROGATE_KEY } from './shared/public-cache';
