import { INestApplication } from '@nestjs/common';
import { TransactionHost } from '@onewindow/platform/persistence';
import { CatalogCopyRepository, ItemVersionCopy } from '@onewindow/workflow/data-access';

/** A published version of the county's food business licence as the workflow keeps it, with `overrides`. */
export function foodLicenceCopy(code: string, overrides: Partial<ItemVersionCopy> = {}): ItemVersionCopy {
  return {
    code,
    version: 1,
    departmentCode: '010',
    type: 'LICENSING',
    name: '食品经营许可证核发',
    instant: false,
    statutoryDays: 20,
    promisedDays: 5,
    onlineLevel: 'ZERO_TRIP',
    content: { name: '食品经营许可证核发', hallWindow: 'ENTERPRISE_LICENSING' },
    publishedAt: new Date(),
    effectiveFrom: '2026-01-01',
    ...overrides,
  };
}

/** Stores `copy` as if its catalog.item.published event had arrived, in one transaction. */
export async function recordItemCopy(app: INestApplication, copy: ItemVersionCopy): Promise<void> {
  const tx = app.get(TransactionHost);
  await tx.transaction(() => new CatalogCopyRepository(tx).recordPublished(copy));
}
