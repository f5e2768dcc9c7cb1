import { Admin } from 'kafkajs';

/** Readiness: a broker answers a metadata request. Shaped as the health module's ReadinessCheck. */
export class KafkaReadiness {
  readonly name = 'kafka';

  constructor(private readonly admin: Admin) {}

  async check(): Promise<void> {
    const cluster = await this.admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('no Kafka broker available');
  }
}
