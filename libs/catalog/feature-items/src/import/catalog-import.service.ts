import { Injectable } from '@nestjs/common';
import { ItemType } from '@onewindow/catalog/domain';
import { RetainedProofRepository } from '@onewindow/catalog/data-access';
import { flattenValidationErrors, RequestValidationException } from '@onewindow/platform/http';
import { TransactionHost } from '@onewindow/platform/persistence';
import { plainToInstance, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, validate, ValidateNested } from 'class-validator';
import { ItemCommands } from '../commands/item-commands.service';
import { ItemContentDto } from '../shared/item-content.dto';
import { AddRetainedProofDto } from '../proofs/retained-proofs';
import { CalendarDate, IsItemCode } from '../shared/validators';

class ImportedItemDto {
  @IsItemCode()
  code!: string;

  @IsString()
  departmentCode!: string;

  @IsEnum(ItemType)
  type!: ItemType;

  @IsOptional()
  @CalendarDate()
  effectiveFrom?: string;

  @ValidateNested()
  @Type(() => ItemContentDto)
  content!: ItemContentDto;
}

/** A reviewed catalogue file: `deploy/demo/catalog/catalog.json` has this shape. */
export class CatalogFileDto {
  @IsOptional()
  @IsString()
  description?: string;

  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => AddRetainedProofDto)
  retainedProofs!: AddRetainedProofDto[];

  @IsArray()
  @ArrayMaxSize(20000)
  @ValidateNested({ each: true })
  @Type(() => ImportedItemDto)
  items!: ImportedItemDto[];
}

export interface ImportReport {
  proofsAdded: number;
  itemsImported: number;
  itemsSkipped: number;
}

/**
 * Loads a reviewed catalogue file once: proofs and items already present are left alone, so
 * running it on every start is safe. Items go through the same validation, proof rule and
 * publication (with events) as items approved through the API.
 */
@Injectable()
export class CatalogImporter {
  constructor(
    private readonly tx: TransactionHost,
    private readonly proofs: RetainedProofRepository,
    private readonly commands: ItemCommands,
  ) {}

  async load(file: unknown, actorId: string): Promise<ImportReport> {
    const data = plainToInstance(CatalogFileDto, file);
    const errors = await validate(data, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) throw new RequestValidationException(flattenValidationErrors(errors));
    let proofsAdded = 0;
    await this.tx.transaction(async () => {
      for (const proof of data.retainedProofs) {
        if (await this.proofs.add({ code: proof.code, name: proof.name, issuer: proof.issuer, legalBasis: proof.legalBasis, createdBy: actorId })) proofsAdded++;
      }
    });
    const report: ImportReport = { proofsAdded, itemsImported: 0, itemsSkipped: 0 };
    for (const item of data.items) {
      const imported = await this.commands.importPublished(actorId, {
        code: item.code,
        departmentCode: item.departmentCode,
        type: item.type,
        content: item.content,
        effectiveFrom: item.effectiveFrom,
      });
      if (imported) report.itemsImported++;
      else report.itemsSkipped++;
    }
    return report;
  }
}
