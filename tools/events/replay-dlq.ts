/**
 * Puts dead-lettered events back on their topic once the cause is fixed (runbook: docs/runbooks/dead-letters.md).
 *   npm run events:replay-dlq -- --topic onewindow.workflow.application [--group workflow] [--dry-run]
 */
import { parseArgs } from 'node:util';
import { createKafka, replayDeadLetters } from '@onewindow/platform/events';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      topic: { type: 'string' },
      group: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      brokers: { type: 'string', default: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092' },
    },
  });
  if (!values.topic) {
    process.stderr.write('usage: npm run events:replay-dlq -- --topic <topic> [--group <consumer group>] [--dry-run]\n');
    process.exitCode = 2;
    return;
  }
  const kafka = createKafka({ clientId: 'dlq-replay', brokers: (values.brokers as string).split(',') });
  const report = await replayDeadLetters({
    kafka,
    topic: values.topic,
    onlyGroup: values.group,
    dryRun: values['dry-run'],
  });
  process.stdout.write(`${JSON.stringify({ topic: values.topic, dryRun: values['dry-run'], ...report })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', msg: 'DLQ replay failed', error: (error as Error).message })}\n`);
  process.exitCode = 1;
});
