export { ApplicationsModule } from './applications.module';
export { ApplicationException, ApplicationExceptionCode } from './application.exception';
