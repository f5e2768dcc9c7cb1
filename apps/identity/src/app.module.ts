import { Module } from '@nestjs/common';
import { IdentityConfig } from '@onewindow/identity/data-access';
import { IdentityAccountsModule, SigningKeyRing } from '@onewindow/identity/feature-accounts';
import { ServicePlatformModule } from '@onewindow/platform/service';
import { database } from './database';

/** identity verifies its own access tokens against its own key set, which the accounts module keeps current. */
const keyRing = new SigningKeyRing();

@Module({
  imports: [
    ServicePlatformModule.forService({ config: IdentityConfig, database, auth: { keySource: keyRing.keySource } }),
    IdentityAccountsModule.register({ keyRing }),
  ],
})
export class AppModule {}
