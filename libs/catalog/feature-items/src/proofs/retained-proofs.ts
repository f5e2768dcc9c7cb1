import { Body, Controller, Delete, HttpCode, Injectable, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CatalogErrorCode } from '@onewindow/catalog/domain';
import { CatalogItemRepository, RetainedProofRecord, RetainedProofRepository } from '@onewindow/catalog/data-access';
import { CurrentPrincipal, Principal, Role, Roles } from '@onewindow/platform/auth';
import { ApiProblemResponse, RequestValidationException } from '@onewindow/platform/http';
import { TransactionHost } from '@onewindow/platform/persistence';
import { Matches } from 'class-validator';
import { CatalogException } from '../shared/catalog.exception';
import { RetainedProofDto, toRetainedProofDto } from '../shared/mappers';
import { PublicCache } from '../shared/public-cache';
import { Text } from '../shared/validators';

const PROOF_CODE = /^[A-Z0-9][A-Z0-9-]{2,31}$/;

export class AddRetainedProofDto {
  @ApiProperty({ example: 'ZM-001', description: 'Upper-case letters, digits and hyphens, 3 to 32' })
  @Matches(PROOF_CODE, { message: 'must be 3 to 32 upper-case letters, digits or hyphens' })
  code!: string;

  @ApiProperty({ maxLength: 200 })
  @Text(200)
  name!: string;

  @ApiProperty({ maxLength: 200, description: 'The body that issues the proof' })
  @Text(200)
  issuer!: string;

  @ApiProperty({ maxLength: 500 })
  @Text(500)
  legalBasis!: string;
}

/** The retained-proof list (保留证明清单), kept by platform admins. */
@Injectable()
export class RetainedProofCommands {
  constructor(
    private readonly tx: TransactionHost,
    private readonly proofs: RetainedProofRepository,
    private readonly items: CatalogItemRepository,
    private readonly cache: PublicCache,
  ) {}

  async add(principal: Principal, input: AddRetainedProofDto): Promise<RetainedProofDto> {
    const added = await this.tx.transaction(async () => {
      if (!(await this.proofs.add({ ...input, createdBy: principal.id }))) {
        throw new CatalogException(CatalogErrorCode.RETAINED_PROOF_EXISTS, `Proof ${input.code} is already on the list`);
      }
      return (await this.proofs.find(input.code)) as RetainedProofRecord;
    });
    await this.cache.invalidate();
    return toRetainedProofDto(added);
  }

  /** Refused while a published item asks for the proof: retire or revise those items first. */
  async remove(code: string): Promise<void> {
    await this.tx.transaction(async () => {
      // Locked first: a publication checking the list waits, then no longer sees the proof.
      if (!(await this.proofs.findForUpdate(code))) throw new CatalogException(CatalogErrorCode.RETAINED_PROOF_NOT_FOUND, `Proof ${code} is not on the list`);
      if (await this.items.isProofInUse(code)) {
        throw new CatalogException(CatalogErrorCode.RETAINED_PROOF_IN_USE, `Published items still ask for proof ${code}`);
      }
      await this.proofs.remove(code);
    });
    await this.cache.invalidate();
  }
}

@ApiTags('catalog: retained proofs')
@ApiBearerAuth()
@Roles(Role.PlatformAdmin)
@ApiProblemResponse(409, 'Already on the list, or still asked for by a published item')
@Controller('retained-proofs')
export class RetainedProofsController {
  constructor(private readonly commands: RetainedProofCommands) {}

  @Post()
  add(@CurrentPrincipal() principal: Principal, @Body() body: AddRetainedProofDto): Promise<RetainedProofDto> {
    return this.commands.add(principal, body);
  }

  @Delete(':code')
  @HttpCode(204)
  remove(@Param('code') code: string): Promise<void> {
    if (!PROOF_CODE.test(code)) throw new RequestValidationException([{ field: 'code', reason: 'must be 3 to 32 upper-case letters, digits or hyphens' }]);
    return this.commands.remove(code);
  }
}
