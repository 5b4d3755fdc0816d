// Child process of crash-safety.test.ts: writes batches forever and prints the id of each batch once its
// transaction has committed. The test kills it with SIGKILL mid-stream.
import { createStorage } from '../../src/index.js';

const file = process.argv[2]!;
const storage = await createStorage({ sqlite: { path: file } });
const BATCH = 200;
for (let batch = 0; ; batch++) {
  const time = Date.UTC(2026, 2, 1) + batch * 1_000;
  await storage.traffic.insertMany(
    Array.from({ length: BATCH }, (_, i) => ({
      time: time + i,
      requestId: `b${batch}-${i}`,
      ip: `10.0.${batch % 256}.${i % 256}`,
      method: 'GET',
      path: `/items/${i % 50}`,
      query: `page=${i}&token=t${i}`,
      status: 200,
      latencyMs: (i % 97) + 0.5,
      userAgent: 'crash-writer',
      action: i % 20 === 0 ? ('block' as const) : ('allow' as const),
      attackClasses: i % 20 === 0 ? ['sqli'] : [],
    })),
  );
  process.stdout.write(`committed ${batch}\n`);
}
