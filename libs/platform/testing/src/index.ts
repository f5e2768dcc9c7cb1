export { createTestDatabase, uniqueName, TEST_PG_ADMIN_URL, type TestDatabase } from './test-database';
export { waitFor, type WaitOptions } from './wait-for';
export { testKafka, uniqueTopic, TopicProbe, TEST_KAFKA_BROKERS, type ProbedMessage } from './kafka-probe';
export { freePort, nodeFlagsOf } from './built-app';
