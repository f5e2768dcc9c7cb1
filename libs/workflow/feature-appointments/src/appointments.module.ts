import { Module } from '@nestjs/common';
import { AppointmentRepository } from '@onewindow/workflow/data-access';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsService } from './appointments.service';

/** Appointments at service points: staff open slots with a capacity, applicants book and cancel. */
@Module({
  controllers: [AppointmentsController],
  providers: [AppointmentsService, AppointmentRepository],
})
export class AppointmentsModule {}
