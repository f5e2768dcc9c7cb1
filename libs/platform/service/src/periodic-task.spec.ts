import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  it('never overlaps a run with the one in flight', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const task = new PeriodicTask('test', 60_000, () => {
      runs++;
      return new Promise<void>((resolve) => (release = resolve));
    });
    const first = task.runNow();
    const second = task.runNow();
    expect(runs).toBe(1);
    release();
    await Promise.all([first, second]);
    const third = task.runNow();
    release();
    await third;
    expect(runs).toBe(2);
  });

  it('survives a failing run and runs again next time', async () => {
    let runs = 0;
    const task = new PeriodicTask('test', 60_000, async () => {
      runs++;
      if (runs === 1) throw new Error('database down');
    });
    await expect(task.runNow()).resolves.toBeUndefined();
    await task.runNow();
    expect(runs).toBe(2);
  });

  it('waits for the run in flight when stopped', async () => {
    let finished = false;
    const task = new PeriodicTask('test', 60_000, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      finished = true;
    });
    task.start();
    void task.runNow();
    await task.stop();
    expect(finished).toBe(true);
  });
});
