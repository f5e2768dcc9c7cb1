import { Module } from '@nestjs/common';
import { CatalogItemRepository, CatalogVersionRepository, RetainedProofRepository } from '@onewindow/catalog/data-access';
import { ItemCommands } from './commands/item-commands.service';
import { ItemsController } from './commands/items.controller';
import { CatalogImporter } from './import/catalog-import.service';
import { RetainedProofCommands, RetainedProofsController } from './proofs/retained-proofs';
import { PublicCatalogController } from './queries/public-catalog.controller';
import { PublicCatalogQueries } from './queries/public-queries.service';
import { StaffItemQueries } from './queries/staff-queries.service';
import { StaffItemsController } from './queries/staff-items.controller';
import { PublicCache } from './shared/public-cache';

/**
 * The item catalogue: authoring and publication, the retained-proof list, and the public reads.
 * Needs the service platform (database, events, Redis, auth) imported by the app.
 */
@Module({
  controllers: [ItemsController, StaffItemsController, RetainedProofsController, PublicCatalogController],
  providers: [
    CatalogItemRepository,
    CatalogVersionRepository,
    RetainedProofRepository,
    PublicCache,
    ItemCommands,
    StaffItemQueries,
    RetainedProofCommands,
    PublicCatalogQueries,
    CatalogImporter,
  ],
  exports: [ItemCommands, CatalogImporter],
})
export class CatalogFeatureModule {}
