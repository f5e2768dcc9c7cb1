import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { OneWindowEventMap } from '@onewindow/contracts/events';
import type { ReceivedEvent } from '@onewindow/platform/events';
import { CatalogCopyRepository, ItemVersionCopy } from '@onewindow/workflow/data-access';

const PUBLISHED = 'gov.onewindow.catalog.item.published.v1';
const RETIRED = 'gov.onewindow.catalog.item.retired.v1';
type Published = OneWindowEventMap[typeof PUBLISHED];
type Retired = OneWindowEventMap[typeof RETIRED];

function copyOf(data: Published | Retired): ItemVersionCopy {
  return {
    code: data.code,
    version: data.version,
    departmentCode: data.departmentCode,
    type: data.type,
    name: data.content.name,
    instant: data.content.instant,
    statutoryDays: data.content.statutoryDays,
    promisedDays: data.content.promisedDays,
    onlineLevel: data.content.onlineLevel,
    content: data.content,
    publishedAt: new Date(data.publishedAt),
    effectiveFrom: data.effectiveFrom,
  };
}

/** Keeps the local copy of published items the workflow files cases under (inbox: each event applied once). */
@Controller()
export class CatalogItemsConsumer {
  constructor(private readonly catalog: CatalogCopyRepository) {}

  @EventPattern(PUBLISHED)
  async published(@Payload() event: ReceivedEvent<Published>): Promise<void> {
    await this.catalog.recordPublished(copyOf(event.data));
  }

  @EventPattern(RETIRED)
  async retired(@Payload() event: ReceivedEvent<Retired>): Promise<void> {
    await this.catalog.recordRetired(copyOf(event.data), new Date(event.data.retiredAt));
  }
}
