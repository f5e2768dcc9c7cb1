import { Admin } from 'kafkajs';

/** Creates the topics that do not exist yet; existing topics are left as they are. */
export async function ensureTopics(admin: Admin, topics: string[], numPartitions: number): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = [...new Set(topics)].filter((topic) => !existing.has(topic));
  if (missing.length === 0) return;
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions })),
    });
  } catch (error) {
    // Another replica may have created it between listTopics and createTopics.
    if (!/already exists/i.test((error as Error).message)) throw error;
  }
}
